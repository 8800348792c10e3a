// An append that Notion answers 200 without the blocks sent (no results, fewer, or others) is read back like an append
// whose answer was lost: blocks on the page are taken with their real ids, blocks known not there are appended once
// more, and a read-back that cannot tell fails the file instead of reporting it attached.
import { strict as assert } from 'node:assert';
import type { SessionStatus } from '../../../src/core';
import type { FaultRule } from '../../emulator/index';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('an append answered 200 without the blocks sent', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp({ rateLimit: false }));
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  /** Uploads `count` small files to a page of their own, with these faults; the files settle in one batch. */
  async function uploadTo(label: string, count: number, faults: FaultRule[]): Promise<{ pageId: string; settled: SessionStatus[]; sha256: string[] }> {
    const pageId = harness.emulator.addPage(label);
    const files = [];
    for (let index = 0; index < count; index++) files.push(await writeRandomFile(harness.dir, `${label}-${index}.pdf`, 1000 + index * 17));
    for (const fault of faults) harness.emulator.addFault(fault);
    const manager = harness.manager({ maxAttempts: 3, requestsPerMinute: 60_000 });
    const ids = files.map((file) => manager.add(file.path, pageId).id);
    const settled = await Promise.all(ids.map((id) => manager.whenSettled(id)));
    return { pageId, settled, sha256: files.map((file) => file.sha256) };
  }

  const appendStatuses = (): number[] => harness.emulator.requestLog().filter((entry) => entry.call === 'append').map((entry) => entry.status);

  /** Every file done with the id of the one block on the page that holds its upload, in order, no other block. */
  function assertOnPageOnce(pageId: string, settled: SessionStatus[], sha256: string[]): void {
    const blocks = harness.emulator.blocks(pageId);
    settled.forEach((status, index) => {
      assert.equal(status.state, 'done', `${status.fileName}: ${JSON.stringify(status.error)}`);
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, sha256[index]);
    });
    assert.deepEqual(blocks.map((block) => block.uploadId), settled.map((status) => status.uploadId), 'one block per file, in order, no duplicate');
    assert.deepEqual(blocks.map((block) => block.id), settled.map((status) => status.blockId), 'each file reports its real block id');
  }

  it('saved but answered with no results: the block is found on the page and reported, not appended again', async () => {
    const { pageId, settled, sha256 } = await uploadTo('saved-empty', 1, [{ call: 'append', action: { kind: 'appendResultsDropped', saved: true } }]);
    assertOnPageOnce(pageId, settled, sha256);
    assert.deepEqual(appendStatuses(), [200]);
    assert.ok(harness.emulator.requestLog().some((entry) => entry.call === 'listChildren'), 'the page was read back');
  });

  it('not saved and answered with no results: appended once more after the read-back shows it is not there', async () => {
    const { pageId, settled, sha256 } = await uploadTo('lost-empty', 1, [{ call: 'append', action: { kind: 'appendResultsDropped', saved: false } }]);
    assertOnPageOnce(pageId, settled, sha256);
    assert.deepEqual(appendStatuses(), [200, 200]);
  });

  it('a batch of three saved, answered with only the first block: each file gets its own block from the page', async () => {
    const { pageId, settled, sha256 } = await uploadTo('saved-fewer', 3, [{ call: 'append', action: { kind: 'appendResultsDropped', saved: true, keep: 1 } }]);
    assertOnPageOnce(pageId, settled, sha256);
    assert.deepEqual(appendStatuses(), [200], 'one append for the three files, never repeated');
  });

  it('a batch of three not saved, answered empty: the three go once more, in order', async () => {
    const { pageId, settled, sha256 } = await uploadTo('lost-batch', 3, [{ call: 'append', action: { kind: 'appendResultsDropped', saved: false } }]);
    assertOnPageOnce(pageId, settled, sha256);
    assert.deepEqual(appendStatuses(), [200, 200]);
  });

  it('answered without the block twice, never saved: fails as not on the page, nothing on it', async () => {
    const { pageId, settled } = await uploadTo('lost-twice', 1, [{ call: 'append', times: 2, action: { kind: 'appendResultsDropped', saved: false } }]);
    assert.deepEqual([settled[0].state, settled[0].error?.code], ['failed', 'attach_not_shown'], JSON.stringify(settled[0].error));
    assert.match(settled[0].error!.message, /twice answered that it added 1 block to the page, but its answer held 0 blocks for the 1 sent/);
    assert.match(settled[0].error!.hint ?? '', /Upload it again to add it to the page \(a resume only adds it\)/);
    assert.deepEqual(harness.emulator.blocks(pageId), []);
    assert.deepEqual(appendStatuses(), [200, 200], 'appended again once only');
  });

  it('answered without the block twice, never saved: resumable, and the resume only attaches it (no byte sent again)', async () => {
    const file = await writeRandomFile(harness.dir, 'resume-after.pdf', 1500);
    const pageId = harness.emulator.addPage('resume-after');
    harness.emulator.addFault({ call: 'append', times: 2, action: { kind: 'appendResultsDropped', saved: false } });
    const manager = harness.manager({ maxAttempts: 3 });
    const failed = await manager.whenSettled(manager.add(file.path, pageId).id);
    assert.deepEqual([failed.state, failed.error?.code, failed.resumable], ['failed', 'attach_not_shown', true]);
    const sendsBefore = harness.sends().length;
    manager.retry(failed.id);
    const done = await manager.whenSettled(failed.id);
    assert.equal(done.state, 'done', JSON.stringify(done.error));
    assert.equal(done.uploadId, failed.uploadId, 'the same upload');
    assert.equal(harness.sends().length, sendsBefore, 'no byte sent again');
    assert.equal(harness.emulator.upload(done.uploadId!)?.sha256, file.sha256);
    assert.deepEqual(harness.emulator.blocks(pageId).map((block) => [block.id, block.uploadId]), [[done.blockId, done.uploadId]]);
  });

  it('saved, answered empty, and the read-back refused: fails with what is not known and what to do, not reported attached', async () => {
    const { pageId, settled } = await uploadTo('unknown', 1, [
      { call: 'append', action: { kind: 'appendResultsDropped', saved: true } },
      { call: 'retrieve', action: { kind: 'status', status: 400 } },
    ]);
    assert.deepEqual([settled[0].state, settled[0].error?.code], ['failed', 'attach_unconfirmed'], JSON.stringify(settled[0].error));
    assert.equal(settled[0].blockId ?? null, null, 'no block reported');
    assert.match(settled[0].error!.message, /held 0 blocks for the 1 sent, and reading the page back to see whether it is there failed/);
    assert.match(settled[0].error!.hint ?? '', /Open the page in Notion to see whether the file is there/);
    assert.equal(harness.emulator.blocks(pageId).length, 1, 'the block Notion did add stays the only one');
    assert.deepEqual(appendStatuses(), [200], 'not appended again while it may be there');
  });
});
