import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { openSync, writeSync, closeSync, statSync, utimesSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB, UploadManager, type SessionStatus, type UploaderSettings } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { HostileNotion, filePartOf, partNumberOf } from './support/hostileNotion';

// A file rewritten in place while it uploads, its size and modification time put back: nothing in size or mtime
// shows it. The upload must notice (inode, status-change time), and the hash it reports is that of the bytes sent.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';

/** Gives the file whole-second times, which utimes can put back exactly (a Date would lose the sub-millisecond part). */
function roundTimes(path: string): void {
  const seconds = Math.floor(Date.now() / 1000) - 60;
  utimesSync(path, seconds, seconds);
}

/** Rewrites the file in place with other bytes of the same length, then puts its (whole-second) times back. */
function rewriteLeavingNoTrace(path: string): void {
  const before = statSync(path);
  const fd = openSync(path, 'r+');
  try {
    for (let at = 0; at < before.size; at += MiB) writeSync(fd, randomBytes(Math.min(MiB, before.size - at)), 0, Math.min(MiB, before.size - at), at);
  } finally {
    closeSync(fd);
  }
  utimesSync(path, Math.round(before.atimeMs / 1000), Math.round(before.mtimeMs / 1000));
  const after = statSync(path);
  assert.deepEqual([after.size, after.mtimeMs], [before.size, before.mtimeMs], 'size and mtime are as before');
}

describe('hostile servers: a file that changes without a trace', function () {
  const notion = new HostileNotion();
  let dir: string;
  const managers: UploadManager[] = [];
  const upload = async (path: string, settings: Partial<UploaderSettings> = {}): Promise<SessionStatus> => {
    const manager = new UploadManager({ token: 'ntn_changesTokenAbcdefghij1234567890', settings: { apiBase: notion.url, partSize: 5, ...settings } });
    managers.push(manager);
    return manager.whenSettled(manager.add(path, PAGE, { computeSha256: true }).id);
  };

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-changes-'));
  });
  after(async () => {
    await notion.stop();
    await Promise.all(managers.map((manager) => manager.dispose()));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  it('a multi-part file rewritten after its first part, same size and mtime, fails as changed instead of done', async () => {
    const file = await writeRandomFile(dir, 'rewritten.pdf', 21 * MiB + 10);
    roundTimes(file.path);
    let rewritten = false;
    notion.attack = (call) => {
      if (call === 'send' && !rewritten) {
        rewriteLeavingNoTrace(file.path);
        rewritten = true;
      }
      return false;
    };
    const settled = await upload(file.path, { partsInFlight: 1 });
    assert.ok(rewritten);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'file_changed'], `${settled.state} ${settled.sha256} ${JSON.stringify(settled.error)}`);
    assert.match(settled.error!.message, /written again, its size and modification time put back/);
    assert.equal(notion.count('append'), 0, 'the mix Notion holds is not attached');
  });

  for (const [name, size, partsInFlight] of [['single-part', 3 * MiB + 7, 1], ['multi-part, three parts in flight', 26 * MiB + 3, 3]] as const) {
    it(`reports the sha256 of the bytes Notion received, in part order (${name})`, async () => {
      const file = await writeRandomFile(dir, `hashed-${size}.pdf`, size);
      const settled = await upload(file.path, { partsInFlight });
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      const parts = notion.calls.filter((entry) => entry.call === 'send')
        .map((entry) => ({ part: partNumberOf(entry.body) ?? 1, bytes: filePartOf(entry.body) }))
        .sort((a, b) => a.part - b.part);
      const received = createHash('sha256');
      for (const part of parts) received.update(part.bytes);
      assert.equal(settled.sha256, received.digest('hex'));
      assert.equal(settled.sha256, file.sha256);
    });
  }
});
