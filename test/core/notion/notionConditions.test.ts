// The uploader against conditions Notion documents, reproduced by the emulator: the 60-second request limit, personal
// access tokens, the Free workspace block limit, MIME types and the block a web page goes into.
import { strict as assert } from 'node:assert';
import { MiB, NotionClient } from '../../../src/core';
import { describeTokenCheck } from '../../../src/core/rules/tokenCheck';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';
import { waitFor } from '../../support/waitFor';

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
      const manager = harness.manager({ maxUploadSpeed: 6, serverRequestLimitMs: 3000, partsInFlight: 2, maxAttempts: 2 });
      const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(status.state, 'done', JSON.stringify(status.error));
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, file.sha256);
      assert.equal(harness.emulator.upload(status.uploadId!)?.mode, 'multi_part');
      assert.deepEqual(harness.emulator.requestLog().filter((entry) => entry.status === 503), [], 'no request was cut off');
    });

    it('refuses before sending anything when even a 5 MiB part would be cut off at the cap, and says what to change', async () => {
      const file = await writeRandomFile(harness.dir, 'slow.pdf', 6 * MiB);
      const manager = harness.manager({ maxUploadSpeed: 1, serverRequestLimitMs: 3000 });
      const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(status.state, 'failed');
      assert.equal(status.error?.code, 'too_slow');
      assert.match(status.error?.message ?? '', /speed cap of 1\.0 MiB\/s.*5\.0 MiB.*cuts off any request after 3 s/);
      assert.match(status.error?.hint ?? '', /Raise the upload speed cap.*3\.4 MiB\/s/);
      assert.deepEqual(harness.emulator.requestLog().map((entry) => entry.call).filter((call) => call !== 'usersMe'), [], 'nothing sent');
    });
  });

  describe('personal access tokens', () => {
    const harness = new UploadHarness();
    before(() => harness.setUp({ tokenKind: 'pat', plan: 'paid' }));
    after(() => harness.tearDown());
    beforeEach(() => harness.reset());

    it('the token check names the person and says the largest file is not known, instead of assuming 5 MiB', async () => {
      const client = new NotionClient({ token: harness.emulator.token, apiBase: harness.emulator.url });
      try {
        const limits = await client.usersMe();
        assert.deepEqual([limits.kind, limits.name, limits.maxFileUploadSizeBytes], ['person', 'Emulated Person', null]);
        assert.match(describeTokenCheck(limits), /^connected as “Emulated Person” \(personal access token.*\)\. Notion does not tell this token the largest file/);
      } finally {
        await client.close();
      }
    });

    it('uploads a file above 5 MiB to a page shared with nobody: a person needs no sharing, and no limit is made up', async function () {
      this.timeout(60_000);
      const pageId = harness.emulator.addPage('Mine', { sharedWith: [] });
      const file = await writeRandomFile(harness.dir, 'report.pdf', 30 * MiB + 7);
      const manager = harness.manager();
      const status = await manager.whenSettled(manager.add(file.path, pageId).id);
      assert.equal(status.state, 'done', JSON.stringify(status.error));
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, file.sha256);
      assert.equal(harness.emulator.blocks(pageId).length, 1);
    });

    it('files above 5 MiB go one at a time until Notion answers one; accepted, the workspace takes them all', async function () {
      this.timeout(60_000);
      const files = await Promise.all([0, 1, 2].map((index) => writeRandomFile(harness.dir, `scan${index}.pdf`, 6 * MiB + index)));
      const manager = harness.manager({ filesInParallel: 3 });
      const statuses = await Promise.all(files.map((file) => manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id)));
      assert.deepEqual(statuses.map((status) => status.state), ['done', 'done', 'done'], JSON.stringify(statuses.map((status) => status.error)));
      statuses.forEach((status, index) => assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, files[index].sha256));
    });
  });

  describe('a personal access token on a Free workspace (Notion does not tell it the 5 MiB limit)', () => {
    const harness = new UploadHarness();
    before(() => harness.setUp({ tokenKind: 'pat', plan: 'free' }));
    after(() => harness.tearDown());
    beforeEach(() => harness.reset());

    it('learns the limit from Notion\'s refusal of the first file too large: one file is sent in full, the others and later ones are refused before a byte is sent, in the words of the up-front check', async function () {
      this.timeout(60_000);
      const large = await Promise.all([0, 1, 2].map((index) => writeRandomFile(harness.dir, `video${index}.mp4`, 8_000_000)));
      const small = await writeRandomFile(harness.dir, 'photo.png', 1 * MiB);
      const learnt: number[] = [];
      // Three files at once under a speed cap, as a batch from the Explorer goes.
      const manager = harness.manager({ filesInParallel: 3, maxUploadSpeed: 16 }, undefined, undefined, { onFileSizeLimitLearnt: (bytes) => learnt.push(bytes) });
      const before = harness.emulator.counters().bytesReceived;
      const ids = [...large, small].map((file) => manager.add(file.path, harness.emulator.pageId).id);
      const statuses = await Promise.all(ids.map((id) => manager.whenSettled(id)));
      const received = harness.emulator.counters().bytesReceived - before;

      // Whichever large file reaches Notion first is the one it refuses (on a loaded machine not always the first
      // added); the other two are refused before a byte.
      const largeStatuses = statuses.slice(0, 3);
      const refusedByNotion = largeStatuses.filter((status) => status.error?.status !== undefined);
      assert.equal(refusedByNotion.length, 1, `one large file refused by Notion: ${JSON.stringify(largeStatuses.map((status) => status.error))}`);
      const [refused] = refusedByNotion;
      const upFront = largeStatuses.filter((status) => status !== refused);
      for (const status of [refused, ...upFront]) {
        assert.equal(status.state, 'failed');
        assert.equal(status.error?.code, 'too_large', JSON.stringify(status.error));
        assert.equal(status.resumable, false, 'a resume would meet the same refusal');
        assert.match(status.error?.message ?? '', /^video\d\.mp4 is 7\.6 MiB; this workspace accepts files up to 5\.0 MiB\.$/);
        assert.equal(status.error?.hint, 'Free workspaces take files up to 5 MiB; upgrade the workspace, or split or compress the file.');
      }
      assert.equal(refused.error?.status, 400, 'Notion\'s status is kept');
      assert.ok(refused.error?.requestId, 'and its request id');
      assert.deepEqual(upFront.map((status) => status.uploadId), [null, null], 'the other large files were never created');
      assert.equal(statuses[3].state, 'done', JSON.stringify(statuses[3].error));
      assert.equal(harness.emulator.upload(statuses[3].uploadId!)?.sha256, small.sha256);
      assert.deepEqual(learnt, [5 * MiB]);
      const sends = harness.emulator.requestLog().filter((entry) => entry.call === 'send');
      assert.deepEqual(sends.map((entry) => entry.status).sort(), [200, 400], 'one large file sent and refused, not retried; the small one sent');
      assert.ok(received >= 8_000_000 + MiB && received < 8_000_000 + MiB + 256 * 1024, `bytes received: ${received}, one large file and the small one`);

      harness.reset();
      const later = await writeRandomFile(harness.dir, 'later.mp4', 6 * MiB);
      const laterStatus = await manager.whenSettled(manager.add(later.path, harness.emulator.pageId).id);
      assert.equal(laterStatus.error?.code, 'too_large');
      assert.match(laterStatus.error?.message ?? '', /^later\.mp4 is 6\.0 MiB; this workspace accepts files up to 5\.0 MiB\.$/);
      assert.deepEqual(harness.emulator.requestLog(), [], 'a later upload is refused without a request');
    });
  });

  describe('a personal access token on a Free workspace, files cancelled while the limit is unknown', () => {
    const harness = new UploadHarness();
    before(() => harness.setUp({ tokenKind: 'pat', plan: 'free' }));
    after(() => harness.tearDown());

    it('a file cancelled while it waits sends nothing; one cancelled while it is sent hands its turn to the next, whose refusal names the limit', async function () {
      this.timeout(60_000);
      const files = await Promise.all([0, 1, 2].map((index) => writeRandomFile(harness.dir, `clip${index}.mp4`, 6 * MiB)));
      harness.emulator.addFault({ call: 'send', times: 1, action: { kind: 'delay', ms: 60_000 } });
      const manager = harness.manager({ filesInParallel: 3 });
      const ids = files.map((file) => manager.add(file.path, harness.emulator.pageId).id);
      const sending = await waitFor('one file sending', () => ids.find((id) => manager.status(id)?.state === 'uploading'));
      const waiting = ids.filter((id) => id !== sending);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(waiting.map((id) => manager.status(id)?.state), ['preparing', 'preparing'], 'the others wait');
      assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'create').length, 1, 'and have made no upload');
      manager.cancel(waiting[1]);
      const cancelledWaiting = await manager.whenSettled(waiting[1]);
      assert.deepEqual([cancelledWaiting.state, cancelledWaiting.uploadId], ['cancelled', null], 'nothing was sent for the file that waited');
      assert.equal(manager.status(waiting[0])?.state, 'preparing', 'the other still waits');
      manager.cancel(sending);
      assert.equal((await manager.whenSettled(sending)).state, 'cancelled');
      const next = await manager.whenSettled(waiting[0]);
      assert.deepEqual([next.state, next.error?.code, next.error?.status], ['failed', 'too_large', 400], 'sent once the first was cancelled, and refused by Notion');
    });
  });

  describe('a personal access token, refused on a part of a multi-part upload', () => {
    const harness = new UploadHarness();
    // A workspace whose limit falls between parts: the refusal comes on the part that takes the upload over it.
    before(() => harness.setUp({ tokenKind: 'pat', plan: 'paid', maxFileSizeBytes: 12 * MiB }));
    after(() => harness.tearDown());

    it('is recognised on whichever request it comes, and says the limit Notion named', async function () {
      this.timeout(60_000);
      const file = await writeRandomFile(harness.dir, 'archive.pdf', 30 * MiB);
      const manager = harness.manager({ partsInFlight: 1, partSize: 5 });
      const before = harness.emulator.counters().bytesReceived;
      const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(status.state, 'failed');
      assert.equal(status.error?.code, 'too_large', JSON.stringify(status.error));
      assert.equal(status.resumable, false);
      assert.match(status.error?.message ?? '', /^archive\.pdf is 30\.0 MiB; this workspace accepts files up to 12\.0 MiB\.$/);
      assert.equal(status.error?.hint, 'Split or compress the file below the limit.');
      const sends = harness.emulator.requestLog().filter((entry) => entry.call === 'send').map((entry) => entry.status);
      assert.deepEqual(sends, [200, 200, 400], 'refused on the third part, not retried');
      assert.ok(harness.emulator.counters().bytesReceived - before < 16 * MiB, 'the rest of the file was not sent');
    });
  });

  describe('integrations', () => {
    it('the token check names the integration, its workspace and the largest file', async () => {
      const harness = new UploadHarness();
      await harness.setUp({ plan: 'free' });
      const client = new NotionClient({ token: harness.emulator.token, apiBase: harness.emulator.url });
      try {
        const limits = await client.usersMe();
        assert.equal(describeTokenCheck(limits), 'connected as “Notion Emulator” (integration) in Emulated Workspace. Files up to 5.0 MiB each.');
      } finally {
        await client.close();
        await harness.tearDown();
      }
    });
  });

  describe('the Free workspace block limit', () => {
    const harness = new UploadHarness();
    before(() => harness.setUp({ blockLimit: 1 }));
    after(() => harness.tearDown());

    it('stops the batch at the first refusal: every file of the refused append fails, the waiting files are not sent, nothing is retried, each says why and what to do', async function () {
      this.timeout(60_000);
      const first = await writeRandomFile(harness.dir, 'photo-first.png', 256 * 1024);
      const files = await Promise.all([0, 1, 2, 3, 4, 5].map((index) => writeRandomFile(harness.dir, `photo${index}.png`, 256 * 1024)));
      // Two blocks per append, and sends slow enough that the refusal comes while the third file is still sending.
      const manager = harness.manager({ filesInParallel: 1 }, undefined, undefined, { attachBatching: { maxChildren: 2 } });
      const reached = await manager.whenSettled(manager.add(first.path, harness.emulator.pageId).id);
      assert.equal(reached.state, 'done', 'the write that reached the limit went through');
      harness.emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'delay', ms: 300 } });
      const ids = files.map((file) => manager.add(file.path, harness.emulator.pageId).id);
      const statuses = await Promise.all(ids.map((id) => manager.whenSettled(id)));
      const log = harness.emulator.requestLog();
      assert.deepEqual(log.filter((entry) => entry.call === 'append').map((entry) => entry.status), [200, 400], 'one refusal, not retried');
      for (const status of statuses) {
        assert.equal(status.state, 'failed');
        assert.equal(status.error?.code, 'workspace_block_limit', JSON.stringify(status.error));
        assert.match(status.error?.message ?? '', /block limit/);
        assert.match(status.error?.hint ?? '', /Upgrade the workspace, or upload with a personal access token/);
      }
      const [refusedA, refusedB, stopped, ...waiting] = statuses;
      for (const refused of [refusedA, refusedB]) assert.doesNotMatch(refused.error?.message ?? '', /^Not sent: /, 'the two files of the refused append carry the refusal');
      assert.match(stopped.error?.message ?? '', /^Not sent: /, 'the file still sending stopped');
      assert.deepEqual(waiting.map((status) => status.uploadId), [null, null, null], 'the files still waiting were never sent');
      assert.ok(waiting.every((status) => /^Not sent: /.test(status.error?.message ?? '')));
      assert.equal(harness.emulator.blocks(harness.emulator.pageId).length, 1);
    });
  });

  describe('types outside the documented list, tried anyway', () => {
    it('Notion refuses the type at create, before any byte is sent', async () => {
      const harness = new UploadHarness();
      await harness.setUp();
      try {
        const file = await writeRandomFile(harness.dir, 'notes.md', 4000);
        const manager = harness.manager({ tryUnknownTypes: true });
        const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
        assert.equal(status.state, 'failed');
        assert.equal(status.error?.status, 400);
        assert.match(status.error?.message ?? '', /content type text\/markdown is not supported/);
        assert.deepEqual(harness.emulator.requestLog().map((entry) => entry.call), ['usersMe', 'create'], 'refused at create, no byte sent, not retried');
      } finally {
        await harness.tearDown();
      }
    });

    it('goes through with its own type where Notion takes the wider list; .mkv and .html as they should', async () => {
      const harness = new UploadHarness();
      await harness.setUp({ switches: { wideTypeList: true } });
      try {
        const cases = [['notes.md', 'text/markdown', 'file'], ['table.csv', 'text/csv', 'file'], ['bundle.zip', 'application/zip', 'file'],
          ['clip.mkv', 'video/x-matroska', 'video'], ['page.html', 'text/html', 'file']];
        const manager = harness.manager({ tryUnknownTypes: true });
        for (const [name, mime, block] of cases) {
          const file = await writeRandomFile(harness.dir, name, 3000);
          const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
          assert.equal(status.state, 'done', `${name}: ${JSON.stringify(status.error)}`);
          const upload = harness.emulator.upload(status.uploadId!);
          assert.deepEqual([upload?.contentType, upload?.sha256], [mime, file.sha256], name);
          assert.equal(harness.emulator.blocks(harness.emulator.pageId).find((candidate) => candidate.id === status.blockId)?.type, block, name);
        }
      } finally {
        await harness.tearDown();
      }
    });
  });
});
