// A local folder read with node:fs gives the walk what VS Code's listing gave it: each entry's kind, a symbolic link
// as what it points at (a dangling one as neither file nor folder), and a file's size and modification time.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listLocalFolder, LocalStats, readLocalText, statLocal } from '../../../src/vscode/localFolders';

describe('local folders for the folder walk', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'local-folders-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lists files, folders and links with what each link points at', async () => {
    await writeFile(join(dir, 'plain.txt'), 'hello');
    await mkdir(join(dir, 'sub'));
    await symlink(join(dir, 'plain.txt'), join(dir, 'link-to-file'));
    await symlink(join(dir, 'sub'), join(dir, 'link-to-folder'));
    await symlink(join(dir, 'nowhere'), join(dir, 'dangling'));
    const entries = (await listLocalFolder(dir)).sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(entries, [
      { name: 'dangling', kind: 'other', symbolicLink: true },
      { name: 'link-to-file', kind: 'file', symbolicLink: true },
      { name: 'link-to-folder', kind: 'folder', symbolicLink: true },
      { name: 'plain.txt', kind: 'file', symbolicLink: false },
      { name: 'sub', kind: 'folder', symbolicLink: false },
    ]);
  });

  it('stats a file (through a link too) with node\'s own size and fractional modification time', async () => {
    const file = join(dir, 'sized.bin');
    await writeFile(file, Buffer.alloc(12345));
    await utimes(file, 1_700_000_000.123, 1_700_000_000.123);
    await symlink(file, join(dir, 'via-link'));
    const expected = { kind: 'file', sizeBytes: 12345, mtimeMs: (await stat(file)).mtimeMs };
    assert.deepEqual(await statLocal(file), expected);
    assert.deepEqual(await statLocal(join(dir, 'via-link')), expected);
    assert.equal((await statLocal(dir)).kind, 'folder');
    await assert.rejects(statLocal(join(dir, 'missing')), /ENOENT/);
  });

  it('takes a walk\'s stats synchronously while they are quick, and through the thread pool from the first slow one on', async () => {
    const file = join(dir, 'sized.bin');
    await writeFile(file, Buffer.alloc(321));
    const expected = await statLocal(file);
    const quick = new LocalStats(Infinity);
    for (let i = 0; i < 100; i += 1) assert.deepEqual(await quick.stat(file), expected);
    assert.equal(quick.synchronous, true);
    await assert.rejects(quick.stat(join(dir, 'missing')), /ENOENT/);
    // A threshold no stat can meet stands for a slow disk: the first stat turns the rest asynchronous.
    const slow = new LocalStats(-1);
    assert.deepEqual(await slow.stat(file), expected);
    assert.equal(slow.synchronous, false);
    assert.deepEqual(await slow.stat(file), expected);
    await assert.rejects(slow.stat(join(dir, 'missing')), /ENOENT/);
  });

  it('reads a text file without its byte order mark, and nothing for a missing one', async () => {
    await writeFile(join(dir, '.gitignore'), '\uFEFF*.log\n');
    assert.equal(await readLocalText(join(dir, '.gitignore')), '*.log\n');
    assert.equal(await readLocalText(join(dir, 'none')), undefined);
  });
});
