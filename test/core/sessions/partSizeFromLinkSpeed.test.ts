// A later file's parts sized from the link speed the run measured on an earlier one: on loopback the link is far
// faster than what a small request budget lets 5 MiB parts carry, so the second file goes in Notion's largest parts.
import { strict as assert } from 'node:assert';
import { MiB, PART_MAX_BYTES } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('part size from the measured link speed', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('uploads the first file in the preferred 5 MiB parts and, after it measured a fast link, the next in 20 MiB parts', async () => {
    const first = await writeRandomFile(harness.dir, 'first.mp4', 30 * MiB);
    const second = await writeRandomFile(harness.dir, 'second.mp4', 60 * MiB);
    // 30 requests a minute: 5 MiB parts carry 2.5 MiB/s, 20 MiB parts 10 MiB/s; loopback moves far more than either.
    // Both files need fewer than 30 requests, so the budget itself never waits here.
    const manager = harness.manager({ filesInParallel: 1, requestsPerMinute: 30 });
    const added = [first, second].map((file) => manager.add(file.path, harness.emulator.pageId));
    const settled = await Promise.all(added.map((status) => manager.whenSettled(status.id)));
    for (const status of settled) assert.equal(status.state, 'done', JSON.stringify(status.error));

    assert.equal(settled[0].partsTotal, 6, 'nothing measured yet: 5 MiB parts');
    assert.equal(settled[1].partsTotal, 3, '20 MiB parts after the first file measured the link');
    for (const [index, file] of [first, second].entries()) {
      const upload = harness.emulator.upload(settled[index].uploadId!);
      assert.deepEqual([upload?.status, upload?.partsTotal, upload?.size, upload?.sha256], ['uploaded', settled[index].partsTotal, file.size, file.sha256]);
    }
    const measured = manager.measuredLinkBytesPerSecond();
    assert.ok(measured !== null && (measured * 60) / 30 > PART_MAX_BYTES, `measured ${measured} bytes/s`);
  });

  it('keeps 5 MiB parts when the budget is not the limit', async () => {
    const first = await writeRandomFile(harness.dir, 'roomy-first.mp4', 30 * MiB);
    const second = await writeRandomFile(harness.dir, 'roomy-second.mp4', 30 * MiB);
    const manager = harness.manager({ filesInParallel: 1, requestsPerMinute: 100_000 });
    const added = [first, second].map((file) => manager.add(file.path, harness.emulator.pageId));
    const settled = await Promise.all(added.map((status) => manager.whenSettled(status.id)));
    assert.deepEqual(settled.map((status) => [status.state, status.partsTotal]), [['done', 6], ['done', 6]]);
  });

  it('starts from a speed measured by an earlier process (the extension keeps it), until this one has measured its own', async () => {
    const file = await writeRandomFile(harness.dir, 'seeded.mp4', 60 * MiB);
    const manager = harness.manager({ requestsPerMinute: 30 }, undefined, undefined, { linkBytesPerSecond: 100 * MiB });
    assert.equal(manager.measuredLinkBytesPerSecond(), 100 * MiB, 'the earlier figure, before anything was sent');
    const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
    assert.deepEqual([settled.state, settled.partsTotal], ['done', 3], 'the first file already in 20 MiB parts');
    assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, file.sha256);
    assert.notEqual(manager.measuredLinkBytesPerSecond(), 100 * MiB, 'replaced by what this process measured');
  });
});
