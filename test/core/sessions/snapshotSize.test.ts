// A session's status copy is what views keep for each of thousands of sessions (the Uploads view's index holds one
// per session, and the manager's events hand one to every listener): it must be a compact object.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager, type SessionStatus } from '../../../src/core';
import { collectGarbage } from '../../support/collectGarbage';

describe('a session status copy', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'snapshot-size-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('takes about the room of its fields (under 400 bytes), not several times that', async () => {
    const file = join(dir, 'queued.txt');
    await writeFile(file, 'x');
    // Nothing is sent: the manager's only file in flight waits on a page check that this test never lets finish.
    const manager = new UploadManager({ token: 'ntn_notUsedForAnyRequest1234567890', settings: { filesInParallel: 1, apiBase: 'http://127.0.0.1:9' } });
    try {
      const ids = Array.from({ length: 200 }, () => manager.add(file, '0123456789abcdef0123456789abcdef').id);
      const held: SessionStatus[] = [];
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      for (let round = 0; round < 100; round += 1) for (const id of ids) held.push(manager.status(id)!);
      collectGarbage();
      const perCopy = (process.memoryUsage().heapUsed - before) / held.length;
      assert.equal(held.length, 20_000);
      assert.ok(perCopy < 400, `${perCopy.toFixed(0)} bytes per status copy`);
    } finally {
      manager.cancelAll();
      await manager.dispose();
    }
  });
});
