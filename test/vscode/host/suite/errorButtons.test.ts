// Every error notification carries the button that fixes it, and says what happened (a refused token is not "could not reach").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

/** How long Notion keeps an upload that is not attached (docs/notion-api.md). */
const UPLOAD_LIFETIME_MS = 60 * 60_000;

describe('error notifications and the button that fixes each', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('a token Notion refuses (401): "Set Notion Token" first, never "Could not reach Notion"; the button asks for a token', async () => {
    await freshTargetPage(ui, 'Refused token');
    const { token } = emulatorEndpoint();
    const file = writeWorkspaceFile('refused/report.txt', 1500);
    await emulator.revokeToken(token);
    const logged = (await emulator.log()).length;
    try {
      // Met when the target page is read, before anything is sent.
      assert.equal(await upload(file), undefined);
    } finally {
      await emulator.addToken(token);
    }
    assert.deepEqual((await emulator.log()).slice(logged).map((entry) => entry.call), ['retrievePage']);
    const failure = ui.notices.find((notice) => notice.kind === 'error');
    assert.ok(failure, `notices: ${JSON.stringify(ui.notices)}`);
    assert.doesNotMatch(failure.message, /Could not reach Notion|target page/);
    assert.match(failure.message, /^Notion refused the token: .*API token is invalid/);
    // Where either kind of token is copied from today, as the welcome and the token box name them.
    assert.match(failure.message, /notion\.so\/developers\/tokens.*notion\.so\/profile\/integrations/);
    assert.equal(failure.actions[0], 'Set Notion Token');

    const checksBefore = ui.tokenChecks.length;
    ui.click = (notice) => (notice.kind === 'error' && notice.actions.includes('Set Notion Token') ? 'Set Notion Token' : undefined);
    await emulator.revokeToken(token);
    try {
      await upload(writeWorkspaceFile('refused/second.txt', 900));
      await waitFor('the token check Set Notion Token starts', () => ui.tokenChecks.length > checksBefore);
    } finally {
      await emulator.addToken(token);
    }
    assert.equal(ui.tokenChecks[checksBefore]?.token, token, 'Set Notion Token asked for a token and checked it with Notion');
  });

  it('a target page not shared with the integration (404 object_not_found): "Choose Target Page" first', async () => {
    const chosenPage = await freshTargetPage(ui, 'Chosen before 404');
    const { id: hiddenPage } = await emulator.addPage('Not shared either', []);
    const settings = vscode.workspace.getConfiguration('notionUpload');
    await settings.update('targetPage', hiddenPage, vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(await upload(workspaceUri('hello.txt')), undefined);
    } finally {
      await settings.update('targetPage', chosenPage, vscode.ConfigurationTarget.Workspace);
    }
    const error = ui.notices.find((notice) => notice.kind === 'error');
    assert.match(error?.message ?? '', /object_not_found/);
    assert.deepEqual(error?.actions, ['Choose Target Page', 'Retry', 'Show Log']);
  });

  it('a target page moved to Notion\'s trash since it was chosen: nothing is sent, and the error offers "Choose Target Page"', async () => {
    const pageId = await freshTargetPage(ui, 'Trashed after a first upload');
    const first = await upload(writeWorkspaceFile('trashed/first.txt', 700));
    assert.equal(first?.sessions[0]?.state, 'done');
    await emulator.trashPage(pageId);
    ui.notices.length = 0;
    const logged = (await emulator.log()).length;
    try {
      assert.equal(await upload(writeWorkspaceFile('trashed/second.txt', 800)), undefined);
      const calls = (await emulator.log()).slice(logged).map((entry) => entry.call);
      assert.deepEqual(calls, ['retrievePage'], 'the page was read, and no upload was made for a page Notion will not add to');
      const error = ui.notices.find((notice) => notice.kind === 'error');
      assert.match(error?.message ?? '', /The target page “Trashed after a first upload” is in Notion's trash: nothing can be added to it/);
      assert.deepEqual(error?.actions, ['Choose Target Page', 'Retry', 'Show Log']);
    } finally {
      await emulator.trashPage(pageId, false);
    }
  });

  it('an upload Notion no longer has when it is attached (expired past its hour): "Retry" first, no page to choose or share', async function () {
    this.timeout(60_000);
    await freshTargetPage(ui, 'Upload gone before attach');
    const file = writeWorkspaceFile('gone/report.txt', 1200);
    // The send's answer is held back while the emulator's clock passes the upload's hour, so its attach is refused.
    await emulator.addFault({ call: 'send', times: 1, action: { kind: 'delay', ms: 3000 } });
    try {
      const outcome = upload(file);
      await waitFor('the bytes to arrive', async () => (await emulator.uploads()).some((entry) => entry.filename === 'report.txt' && entry.status === 'uploaded'));
      await emulator.advanceClock(UPLOAD_LIFETIME_MS + 60_000);
      await outcome;
    } finally {
      await emulator.clearFaults();
    }
    const error = await waitFor('the error notification', () => ui.notices.find((notice) => notice.kind === 'error'));
    assert.match(error.message, /Could not find file_upload/);
    assert.doesNotMatch(error.message, /share the page/, 'the page is fine; only the upload is gone');
    assert.match(error.message, /Notion no longer has this upload .*Upload the file again\./);
    assert.deepEqual(error.actions, ['Retry', 'Show Log']);
  });

  it('a personal access token on a Free workspace: Notion\'s size refusal reads as the up-front check, offers Show Log only, one file is sent, and later files are left out without a request', async function () {
    this.timeout(120_000);
    const api = await extensionApi();
    const pat = 'ntn_fake_personal_token_on_a_free_workspace';
    await emulator.addToken(pat, 'free', 'pat');
    const { id: pageId } = await emulator.addPage('A person\'s page', []);
    try {
      ui.token = pat;
      assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'), 'the personal access token was refused');
      assert.equal((await vscode.commands.executeCommand<{ id: string }>('notionUpload.chooseTargetPage', pageId))?.id, pageId);
      ui.notices.length = 0;
      const files = [writeWorkspaceFile('pat-free/first.txt', 6 * 1024 * 1024), writeWorkspaceFile('pat-free/second.txt', 6 * 1024 * 1024)];
      const logged = (await emulator.log()).length;
      const outcome = await upload(...files);
      assert.deepEqual(outcome?.sessions.map((session) => [session.state, session.error?.code, session.resumable]), [['failed', 'too_large', false], ['failed', 'too_large', false]]);
      const sends = (await emulator.log()).slice(logged).filter((entry) => entry.call === 'send');
      assert.equal(sends.length, 1, 'one file sent, the other refused before a byte');
      const error = await waitFor('the error notification', () => ui.notices.find((notice) => notice.kind === 'error'));
      assert.match(error.message, /is 6\.0 MiB; this workspace accepts files up to 5\.0 MiB\. Free workspaces take files up to 5 MiB; upgrade the workspace, or split or compress the file\./);
      assert.deepEqual(error.actions, ['Show Log'], 'no Check Connection, no Retry');
      const rows = outcome!.sessions.map((session) => (api.uploadsView.getTreeItem(session.id) as vscode.TreeItem).contextValue ?? '');
      assert.ok(rows.every((row) => /\bfailed\b/.test(row) && !/\bretriable\b/.test(row)), `the rows offer Retry: ${rows.join('; ')}`);

      const later = (await emulator.log()).length;
      const again = await upload(writeWorkspaceFile('pat-free/later.txt', 6 * 1024 * 1024));
      assert.deepEqual(again?.sessions ?? [], []);
      assert.match(again?.skipped[0]?.reason ?? '', /accepts files up to 5\.0 MiB/);
      assert.deepEqual((await emulator.log()).slice(later).filter((entry) => entry.call === 'create' || entry.call === 'send'), [], 'no upload made');
    } finally {
      ui.token = emulatorEndpoint().token;
      await vscode.commands.executeCommand('notionUpload.setToken');
    }
  });

  it('a page link Notion cannot see, given to Choose Target Page: "Choose Target Page" on the error', async () => {
    await freshTargetPage(ui, 'Before a bad link');
    const { id: hiddenPage } = await emulator.addPage('Hidden for the command', []);
    assert.equal(await vscode.commands.executeCommand('notionUpload.chooseTargetPage', hiddenPage), undefined);
    const error = ui.notices.find((notice) => notice.kind === 'error');
    assert.match(error?.message ?? '', /Make sure the relevant pages and databases are shared with your integration/);
    assert.equal(error?.actions[0], 'Choose Target Page');
  });
});

