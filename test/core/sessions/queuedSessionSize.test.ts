// Thousands of files queued from folders wait in the manager at once: what each queued one holds is what the
// extension host's heap (and the time its garbage collector takes) grows with.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager } from '../../../src/core';
import { collectGarbage } from '../../support/collectGarbage';

describe('a queued upload session', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'queued-size-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('holds under 1 KB in the manager while it waits: a flat id, and one page id string for the whole batch', async () => {
    const file = join(dir, 'queued.txt');
    await writeFile(file, 'x');
    // Nothing is sent: the one file let run waits on a page check that goes nowhere until the test ends.
    const manager = new UploadManager({ token: 'ntn_notUsedForAnyRequest1234567890', settings: { filesInParallel: 1, apiBase: 'http://127.0.0.1:9' } });
    try {
      manager.add(file, '0123456789abcdef0123456789abcdef');
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const count = 5000;
      for (let i = 0; i < count; i += 1) manager.add(file, '0123456789abcdef0123456789abcdef');
      collectGarbage();
      const perSession = (process.memoryUsage().heapUsed - before) / count;
      assert.equal(manager.sessionCount, count + 1);
      console.log(`      ${perSession.toFixed(0)} bytes per queued session`);
      assert.ok(perSession < 1024, `${perSession.toFixed(0)} bytes per queued session`);
    } finally {
      manager.cancelAll();
      await manager.dispose();
    }
  });
});
