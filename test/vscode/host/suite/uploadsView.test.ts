import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionStatus } from '../../../../src/core';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import type { UploadOutcome } from '../../../../src/vscode/uploadCommand';
import { emulator, emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter, treeRows, waitFor, type TreeRow } from './helpers/extensionUnderTest';
import { assertArrived, freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

const THROTTLE_BYTES_PER_SECOND = 256 * 1024;

async function row(api: NotionUploadApi, label: string, matches: (row: TreeRow) => boolean = () => true): Promise<TreeRow> {
  let seen: string[] = [];
  try {
    return await waitFor(`a row for ${label}`, async () => {
      const rows = (await treeRows(api)).filter((candidate) => candidate.label === label);
      seen = rows.map((candidate) => `${candidate.description} (${candidate.icon})`);
      return rows.find(matches);
    });
  } catch (error) {
    // Says what the rows showed instead, so that a timeout tells what the upload was doing.
    throw new Error(`${(error as Error).message}; rows named ${label} last showed: ${seen.length > 0 ? seen.join(' | ') : 'none'}`);
  }
}

/**
 * After a cancel: no further request reaches Notion, nothing is completed or attached. Bytes the client had already
 * handed to the operating system before the cancel may still trickle into the throttled emulator; they are printed.
 */
async function assertTrafficStopped(pageId: string, uploadIds: Array<string | null>): Promise<void> {
  const before = await emulator.counters();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await emulator.counters();
  assert.equal(after.requests, before.requests, 'requests went on after cancel');
  for (const uploadId of uploadIds) {
    if (uploadId) assert.equal((await emulator.upload(uploadId)).status, 'pending');
  }
  assert.deepEqual(await emulator.blocks(pageId), []);
  console.log(`      after cancel: no request in 1.5 s; ${after.bytesReceived - before.bytesReceived} bytes already in socket buffers arrived`);
}

describe('the Uploads view', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
  });
  afterEach(async () => {
    ui.dispose();
    await emulator.clearFaults();
  });

  it('shows a row while uploading (spinning, %, speed) and its inline Cancel stops every request', async () => {
    const pageId = await freshTargetPage(ui, 'Cancel from the row');
    await emulator.addFault({ call: 'send', action: { kind: 'throttle', bytesPerSecond: THROTTLE_BYTES_PER_SECOND } });
    const file = writeWorkspaceFile('slow/big.txt', 3 * 1024 * 1024);
    const running = upload(file);

    const active = await row(api, 'big.txt', (candidate) => /^\d+ %( · .+\/s)?/.test(candidate.description) && !candidate.description.startsWith('0 %'));
    assert.equal(active.icon, 'sync~spin');
    assert.match(active.contextValue, /\bactive\b/);
    assert.match(active.tooltip, /slow\/big\.txt/);
    assert.match(api.statusBarText() ?? '', /^\$\(cloud-upload\) 1 · \d+ %$/);

    await vscode.commands.executeCommand('notionUpload.cancelUpload', active.id);
    const outcome = (await running) as UploadOutcome;
    assert.equal(outcome.sessions[0].state, 'cancelled');
    await assertTrafficStopped(pageId, [outcome.sessions[0].uploadId]);

    const cancelled = await row(api, 'big.txt', (candidate) => candidate.id === active.id);
    assert.match(cancelled.description, /^Cancelled/);
    assert.equal(cancelled.icon, 'circle-slash');
    assert.doesNotMatch(cancelled.contextValue, /\bactive\b/);
    assert.equal(api.statusBarText(), undefined, 'the status bar item is hidden once nothing runs');
  });

  it('says what an uploaded file waits for while the files before it still send, then adds all of them in order', async () => {
    const pageId = await freshTargetPage(ui, 'Waiting in order');
    // The first file (by name) is multi-part and its second part is answered late; the two small files after it finish
    // first and wait, so that the page keeps the folder's order.
    await emulator.addFault({ call: 'send', partNumber: 2, times: 1, action: { kind: 'delay', ms: 3000 } });
    const running = upload(writeWorkspaceFile('ordered/a-first.txt', 21 * 1024 * 1024), writeWorkspaceFile('ordered/b-second.txt', 100), writeWorkspaceFile('ordered/c-third.txt', 100));
    const waiting = await row(api, 'b-second.txt', (candidate) => /^Uploaded · waiting for 1 earlier file/.test(candidate.description));
    assert.equal(waiting.icon, 'sync~spin');
    const outcome = (await running) as UploadOutcome;
    await assertArrived(pageId, outcome.sessions);
    const order = (await emulator.blocks(pageId)).map((block) => outcome.sessions.find((session) => session.uploadId === block.uploadId)?.fileName);
    assert.deepEqual(order, ['a-first.txt', 'b-second.txt', 'c-third.txt']);
  });

  it('says in the row that Notion is not reachable while a send waits to try again after its connection was cut, then finishes', async () => {
    const pageId = await freshTargetPage(ui, 'Connection cut');
    // A budget the suite's earlier uploads cannot have used up: a rate-limit wait would be what the row says instead.
    await vscode.workspace.getConfiguration('notionUpload').update('requestsPerMinute', 100_000, vscode.ConfigurationTarget.Global);
    try {
      await emulator.addFault({ call: 'send', times: 2, action: { kind: 'resetAfterBytes', bytes: 1000 } });
      const running = upload(writeWorkspaceFile('cut/cut.txt', 64 * 1024));
      const waiting = await row(api, 'cut.txt', (candidate) => /Notion not reachable/.test(candidate.description));
      assert.match(waiting.description, /^\d+ % · Notion not reachable \(connection dropped\); trying again( in \d+ s)? \(attempt [23] of \d+\)$/);
      assert.match(waiting.tooltip, /^Waiting: Notion not reachable \(connection dropped\)/m);
      const outcome = (await running) as UploadOutcome;
      await assertArrived(pageId, outcome.sessions);
      assert.equal((await row(api, 'cut.txt')).description, 'Done');
    } finally {
      await vscode.workspace.getConfiguration('notionUpload').update('requestsPerMinute', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a connection cut on every try: the closing error gives the failure and what to do as two sentences', async () => {
    await freshTargetPage(ui, 'Connection always cut');
    await emulator.addFault({ call: 'send', times: 20, action: { kind: 'resetAfterBytes', bytes: 100 } });
    ui.notices.length = 0;
    const outcome = (await upload(writeWorkspaceFile('cut/always-cut.txt', 1000))) as UploadOutcome;
    assert.equal(outcome.sessions[0]?.state, 'failed', JSON.stringify(outcome.sessions));
    const error = await waitFor(`the closing error (notices: ${JSON.stringify(ui.notices)})`, () => ui.notices.find((notice) => notice.kind === 'error'));
    assert.match(error?.message ?? '', /^Could not upload “always-cut\.txt” to “Connection always cut”: Connection to http.* failed: .*\)\. The connection to Notion failed; check the network/);
  });

  it('shows queued files, and Cancel All stops the whole batch', async () => {
    const pageId = await freshTargetPage(ui, 'Cancel all');
    await vscode.workspace.getConfiguration('notionUpload').update('filesInParallel', 1, vscode.ConfigurationTarget.Global);
    await emulator.addFault({ call: 'send', action: { kind: 'throttle', bytesPerSecond: THROTTLE_BYTES_PER_SECOND }, times: 5 });
    try {
      const running = upload(writeWorkspaceFile('slow/first.txt', 2 * 1024 * 1024), writeWorkspaceFile('slow/second.txt', 2 * 1024 * 1024));
      await row(api, 'first.txt', (candidate) => candidate.icon === 'sync~spin');
      const queued = await row(api, 'second.txt');
      assert.equal(queued.description, 'Queued');
      assert.equal(queued.icon, 'clock');

      // Enter takes the modal question's first button, and Escape dismisses it: both keep the uploads going.
      for (const [key, answer] of [['Escape', () => undefined], ['Enter', pressEnter]] as const) {
        ui.answer = answer;
        ui.questions.length = 0;
        await vscode.commands.executeCommand('notionUpload.cancelAll');
        assert.equal(ui.questions.length, 1, `Cancel All of two uploads asks first (${key})`);
        assert.equal(ui.questions[0].message, 'Stop all 2 uploads?');
        assert.deepEqual(ui.questions[0].choices, ['Keep Uploading', 'Stop 2 Uploads']);
        assert.match(ui.questions[0].detail, /^1 is being sent, 1 queued\. Each stays in the Uploads view as Cancelled\. Retry /);
        assert.equal((await row(api, 'first.txt', (candidate) => candidate.icon === 'sync~spin')).description.startsWith('Cancelled'), false, key);
        assert.equal((await row(api, 'second.txt')).description, 'Queued', `${key} on the question keeps the queued upload`);
      }
      ui.answer = (question) => question.choices.find((choice) => choice.startsWith('Stop'));
      await vscode.commands.executeCommand('notionUpload.cancelAll');
      const outcome = (await running) as UploadOutcome;
      assert.deepEqual(outcome.sessions.map((session) => session.state), ['cancelled', 'cancelled']);
      await assertTrafficStopped(pageId, outcome.sessions.map((session) => session.uploadId));
    } finally {
      await vscode.workspace.getConfiguration('notionUpload').update('filesInParallel', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows a failure in plain words with Retry and Show Log; Retry from the row then finishes it', async () => {
    const pageId = await freshTargetPage(ui, 'Failure and retry');
    const file = writeWorkspaceFile('retry/report.txt', 2000);
    // The token refused once the target page was read (revoked meanwhile, then given again): the upload fails.
    await emulator.addFault({ call: 'create', times: 1, action: { kind: 'status', status: 401 } });
    let failedOutcome: UploadOutcome | undefined;
    try {
      failedOutcome = await upload(file);
    } finally {
      await emulator.clearFaults();
    }
    const session = failedOutcome?.sessions[0];
    assert.equal(session?.state, 'failed');
    const failedRow = await row(api, 'report.txt', (candidate) => candidate.id === session.id);
    assert.match(failedRow.description, /^Failed: API token is invalid/);
    assert.equal(failedRow.icon, 'error');
    assert.match(failedRow.contextValue, /\bfailed\b/);
    assert.match(failedRow.contextValue, /\bretriable\b/, 'a refused token is worth a retry once it is set again');
    assert.match(failedRow.tooltip, /Request ID/);
    const failure = ui.notices.find((notice) => notice.kind === 'error');
    assert.match(failure?.message ?? '', /Could not upload “report\.txt” to “Failure and retry”: API token is invalid/);
    assert.deepEqual(failure?.actions, ['Set Notion Token', 'Retry', 'Show Log']);

    const retried = await vscode.commands.executeCommand<SessionStatus[]>('notionUpload.retryUpload', session.id);
    assert.equal(retried?.[0]?.state, 'done');
    await assertArrived(pageId, retried);
    const doneRow = await row(api, 'report.txt', (candidate) => candidate.id === session.id);
    assert.equal(doneRow.description, 'Done');
    assert.equal(doneRow.icon, 'pass');
    assert.match(doneRow.contextValue, /\bhasBlock\b/);

    await vscode.commands.executeCommand('notionUpload.openInNotion', session.id);
    await vscode.commands.executeCommand('notionUpload.copyLink', session.id);
    const blockLink = `https://www.notion.so/${pageId.replace(/-/g, '')}#${retried[0].blockId!.replace(/-/g, '')}`;
    assert.deepEqual(ui.opened, [blockLink]);
    assert.deepEqual(ui.copied, [blockLink]);
  });

  it('removes a row, and Clear Finished empties the view of finished uploads', async () => {
    await freshTargetPage(ui, 'Remove rows');
    const outcome = await upload(writeWorkspaceFile('rows/one.txt', 100), writeWorkspaceFile('rows/two.txt', 100));
    const [first, second] = outcome!.sessions;
    await vscode.commands.executeCommand('notionUpload.removeUpload', first.id);
    const ids = (await treeRows(api)).map((candidate) => candidate.id);
    assert.ok(!ids.includes(first.id));
    assert.ok(ids.includes(second.id));
    // Rows earlier tests left resumable are cleared only when the question about them is answered so.
    ui.answer = (question) => question.choices.find((choice) => /^Clear/.test(choice));
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    assert.deepEqual(await treeRows(api), []);
  });

  it('writes every request to the log channel with its request id, and never the token', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const logFiles = readdirSync(api.logUri.fsPath).filter((name) => name.endsWith('.log'));
    assert.ok(logFiles.length > 0, `no log file in ${api.logUri.fsPath}`);
    const text = logFiles.map((name) => readFileSync(join(api.logUri.fsPath, name), 'utf8')).join('\n');
    assert.match(text, /POST \/v1\/file_uploads → 200 in \d+ ms request_id=\S+/);
    assert.match(text, / → 401 in \d+ ms/);
    assert.ok(!text.includes(emulatorEndpoint().token), 'the token is in the log');
  });
});
