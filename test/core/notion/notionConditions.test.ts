// The uploader against conditions Notion documents, reproduced by the emulator: the 60-second request limit, personal
// access tokens, the Free workspace block limit, MIME types and the block a web page goes into.
import { strict as assert } from 'node:assert';
import { MiB } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('uploads against conditions Notion documents', function () {
  describe('the request time limit', () => {
    const harness = new UploadHarness();
    // The emulator cuts requests off after 3 s here, as Notion does after 60 s.
    before(() => harness.setUp({ requestLimitMs: 3000 }));
    after(() => harness.tearDown());
    beforeEach(() => harness.reset());

    it('under a speed cap, sends in parts a file that one request could not finish in time', async function () {
      this.timeout(60_000);
      // 19 MiB at 6 MiB/s is 3.2 s in one request: past the limit. Parts of 5 MiB, two at a time, take 1.7 s each.
      const file = await writeRandomFile(harness.dir, 'clip.mp4', 19 * MiB);
      const manager = harness.manager({ maxBytesPerSecond: 6 * MiB, serverRequestLimitMs: 3000, partConcurrency: 2, maxAttempts: 2 });
      const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(status.state, 'done', JSON.stringify(status.error));
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, file.sha256);
      assert.equal(harness.emulator.upload(status.uploadId!)?.mode, 'multi_part');
      assert.deepEqual(harness.emulator.requestLog().filter((entry) => entry.status === 503), [], 'no request was cut off');
    });

    it('refuses before sending anything when even a 5 MiB part would be cut off at the cap, and says what to change', async () => {
      const file = await writeRandomFile(harness.dir, 'slow.pdf', 6 * MiB);
      const manager = harness.manager({ maxBytesPerSecond: 1 * MiB, serverRequestLimitMs: 3000 });
      const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(status.state, 'failed');
      assert.equal(status.error?.code, 'too_slow');
      assert.match(status.error?.message ?? '', /speed cap of 1\.0 MiB\/s.*5\.0 MiB.*cuts off any request after 3 s/);
      assert.match(status.error?.hint ?? '', /Raise the upload speed cap.*3\.4 MiB\/s/);
      assert.deepEqual(harness.emulator.requestLog().map((entry) => entry.call).filter((call) => call !== 'usersMe'), [], 'nothing sent');
    });
  });
});
