import * as assert from 'node:assert/strict';
import { LARGE_FILE_BYTES, sampleFiles } from '../launch/sampleWorkspace';
import { targetPageBlocks } from './targetPageChecks';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

/** Slow enough that the 16 MiB file takes about a minute, so progress can be watched and cancelled midway. */
const THROTTLE_BYTES_PER_SECOND = 256 * 1024;
const QUIET_AFTER_CANCEL_MS = 1500;

/** "42 % · 250.3 KiB/s · 0:31 left" once the speed, averaged over a few seconds, is close to the emulator's pace. */
function sendingAtThrottledPace(description: string): boolean {
  const figures = /^(\d+) % · ([\d.]+) KiB\/s · \d+:\d\d left$/.exec(description);
  if (!figures) return false;
  const [percent, kibPerSecond] = [Number(figures[1]), Number(figures[2])];
  return percent > 0 && percent < 100 && kibPerSecond * 1024 <= 2 * THROTTLE_BYTES_PER_SECOND;
}

describe('a slow upload from the Explorer, cancelled from the Uploads view', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
    uiSession().emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: THROTTLE_BYTES_PER_SECOND } });
  });

  after(async () => {
    uiSession().emulator.clearFaults();
    await workbench?.close();
  });

  it('shows progress in a notification and the tree; the row\'s Cancel stops every request; Remove clears the row', async () => {
    const { emulator } = uiSession();
    const blocksBefore = targetPageBlocks().length;
    const uploadsBefore = new Set(emulator.uploads().map((upload) => upload.id));

    await workbench.clearNotifications();
    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(sampleFiles.large);
    await workbench.clickContextMenuItem('Upload to Notion');

    const progress = workbench.notification(`Uploading “${sampleFiles.large}” to Notion`).filter({ hasText: /(^|\s)[1-9]\d* %/ });
    await progress.waitFor();
    // The title names the file; a count of one would say nothing more.
    assert.doesNotMatch(await progress.innerText(), /\b1 file\b/);
    await workbench.screenshot('upload-progress-notification');

    await workbench.openViewContainer('Notion Upload');
    const row = workbench.viewRow('Uploads', sampleFiles.large);
    // The first MiB fill the socket buffers at once; then the measured speed settles to the emulator's pace.
    await workbench.waitForRowDescription(row, sendingAtThrottledPace);
    await row.hover();
    await workbench.screenshot('upload-progress-tree');

    const created = emulator.uploads().filter((upload) => !uploadsBefore.has(upload.id));
    assert.equal(created.length, 1, 'one file upload object for the one file');

    const cancelledAt = Date.now();
    await workbench.clickRowInlineAction(row, 'Cancel');
    assert.match(await workbench.waitForRowDescription(row, /^Cancelled/), /^Cancelled/);
    await progress.waitFor({ state: 'detached' });
    await workbench.notification(`Upload of “${sampleFiles.large}” to “${uiSession().targetPage.title}” cancelled; nothing more is sent for it.`).waitFor();
    await workbench.screenshot('upload-cancelled');

    const requestsAtCancel = emulator.counters().requests;
    await new Promise((resolve) => setTimeout(resolve, QUIET_AFTER_CANCEL_MS));
    assert.equal(emulator.counters().requests, requestsAtCancel, 'requests went on after the cancel');
    const startedAfterCancel = emulator.requestLog().filter((entry) => entry.at > cancelledAt);
    assert.deepEqual(startedAfterCancel, [], 'requests started after the cancel');
    const cancelledUpload = emulator.upload(created[0]?.id ?? '');
    assert.equal(cancelledUpload?.status, 'pending', 'the cancelled upload was completed anyway');
    assert.ok((cancelledUpload?.size ?? 0) < LARGE_FILE_BYTES, 'the whole file arrived before the cancel');
    assert.deepEqual(targetPageBlocks().slice(blocksBefore), [], 'a block was added for the cancelled upload');

    await workbench.openContextMenu(row);
    await workbench.clickContextMenuItem('Remove');
    await row.waitFor({ state: 'detached' });
    // The view has listed an upload: empty again, it does not say "No uploads yet."
    await workbench.view('Uploads').getByText('No uploads listed.', { exact: false }).waitFor();
    assert.equal(await workbench.view('Uploads').getByText('No uploads yet.', { exact: false }).count(), 0);
  });
});
