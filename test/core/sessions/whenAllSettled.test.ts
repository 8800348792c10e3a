import { strict as assert } from 'node:assert';
import { UploadManager } from '../../../src/core';
import { collectGarbage } from '../../support/collectGarbage';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('UploadManager.whenAllSettled', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('resolves with each file\'s final status in the order given, hears each as it finishes, and counts one already finished', async () => {
    const files = await Promise.all([0, 1, 2, 3].map((i) => writeRandomFile(harness.dir, `batch-${i}.pdf`, (i + 1) * 5000)));
    const manager = harness.manager({ filesInParallel: 2 });
    const first = manager.add(files[0].path, harness.emulator.pageId);
    await manager.whenSettled(first.id);
    const rest = files.slice(1).map((file) => manager.add(file.path, harness.emulator.pageId));
    rest.push(manager.add(files[0].path, harness.emulator.pageId, { sizeBytes: 1 }));
    manager.cancel(rest[3].id);
    const heard: string[] = [];
    const ids = [rest[2].id, first.id, rest[0].id, rest[3].id, rest[1].id];
    const statuses = await manager.whenAllSettled(ids, (status) => heard.push(status.id));
    assert.deepEqual(statuses.map((status) => status.id), ids);
    assert.deepEqual(statuses.map((status) => status.state), ['done', 'done', 'done', 'cancelled', 'done']);
    assert.deepEqual([...heard].sort(), [...ids].sort(), 'each session heard once');
    // Each one done is on the page with the bytes of its file.
    for (const [index, status] of statuses.entries()) {
      if (status.state !== 'done') continue;
      const file = files[[3, 0, 1, -1, 2][index]];
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, file.sha256);
    }
  });

  it('rejects an id it does not know, and resolves at once for an empty batch', async () => {
    const manager = harness.manager();
    await assert.rejects(manager.whenAllSettled(['not-a-session']), /No upload session not-a-session/);
    assert.deepEqual(await manager.whenAllSettled([]), []);
  });

  it('holds a few bytes per waiting session, where a promise per session holds hundreds', async () => {
    const file = await writeRandomFile(harness.dir, 'waiting.txt', 1);
    // Nothing is sent: the one file let run waits on a page check that goes nowhere until the test ends.
    const manager = new UploadManager({ token: 'ntn_notUsedForAnyRequest1234567890', settings: { filesInParallel: 1, apiBase: 'http://127.0.0.1:9' } });
    try {
      const ids = Array.from({ length: 5000 }, () => manager.add(file.path, '0123456789abcdef0123456789abcdef').id);
      const perSession = (wait: () => unknown): number => {
        collectGarbage();
        const before = process.memoryUsage().heapUsed;
        const kept = wait();
        collectGarbage();
        const bytes = (process.memoryUsage().heapUsed - before) / ids.length;
        assert.ok(kept);
        return bytes;
      };
      const eachAlone = perSession(() => {
        const waits = ids.map((id) => manager.whenSettled(id));
        for (const wait of waits) wait.catch(() => undefined);
        return Promise.all(waits);
      });
      const together = perSession(() => manager.whenAllSettled(ids));
      console.log(`      per waiting session: whenSettled each ${eachAlone.toFixed(0)} bytes, whenAllSettled ${together.toFixed(0)} bytes`);
      assert.ok(together < 128, `${together.toFixed(0)} bytes per session waited for together`);
      assert.ok(together < eachAlone / 4, `together ${together.toFixed(0)}, each alone ${eachAlone.toFixed(0)} bytes per session`);
    } finally {
      manager.cancelAll();
      await manager.dispose();
    }
  });
});
