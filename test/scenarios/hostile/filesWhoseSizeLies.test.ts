import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { HostileNotion } from './support/hostileNotion';

// Files whose size is not what stat says: /proc files claim 0 bytes and have content, /sys files claim 4096 and have
// less. They must be refused before any upload request, never sent as "0 bytes, done" with a hash of other bytes.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';

describe('hostile files: a size that lies', function () {
  const notion = new HostileNotion();
  let dir: string;
  let manager: UploadManager;

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-sizes-'));
    manager = new UploadManager({ token: 'ntn_sizesTokenAbcdefghij1234567890', settings: { apiBase: notion.url } });
  });
  after(async () => {
    await manager.dispose();
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  const kernelFiles = [
    ['a link to /proc/self/environ (0 bytes by stat, the environment when read)', '/proc/self/environ', 'environ.txt'],
    ['a link to a /sys file (4096 bytes by stat, a line when read)', '/sys/kernel/mm/transparent_hugepage/enabled', 'sysfs.txt'],
  ] as const;
  for (const [name, target, linkName] of kernelFiles) {
    it(`${name} is refused as special_file before any upload request`, async function () {
      if (!existsSync(target)) this.skip();
      const link = join(dir, linkName);
      await symlink(target, link);
      const settled = await manager.whenSettled(manager.add(link, PAGE, { computeSha256: true }).id);
      assert.deepEqual([settled.state, settled.error?.code], ['failed', 'special_file'], `${settled.state} ${settled.sha256} ${JSON.stringify(settled.error)}`);
      assert.match(settled.error!.message, /kernel makes up as it is read/);
      assert.match(settled.error!.hint ?? '', /ordinary file/);
      assert.equal(settled.sha256, null);
      assert.equal(notion.count('create'), 0);
    });
  }

  it('a truly empty file and an ordinary one still go', async () => {
    const empty = join(dir, 'empty.txt');
    await writeFile(empty, '');
    const ordinary = await writeRandomFile(dir, 'ordinary.pdf', 1000);
    for (const path of [empty, ordinary.path]) {
      const settled = await manager.whenSettled(manager.add(path, PAGE).id);
      assert.equal(settled.state, 'done', `${path}: ${JSON.stringify(settled.error)}`);
    }
  });
});
