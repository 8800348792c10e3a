// An upload stopped before anything was sent carries on once its error's fix button has done its part: the page chosen
// or the token set is used, without a further click on Retry. A failed upload's Retry resends to its own page, so its
// fix buttons only fix; its Retry resends.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { emulator, emulatorEndpoint, sha256OfFile } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter, waitFor, type Notice } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('a fix on the error that stopped an upload carries the upload on', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;
  let before: string;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('notionUpload');

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
  });
  afterEach(async () => {
    ui.dispose();
    await emulator.clearFaults();
    await emulator.addToken(emulatorEndpoint().token);
    await settings().update('targetPage', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('targetPage', before, vscode.ConfigurationTarget.Workspace);
  });

  /** Clicks `action` on the first error notification that offers it, and on no later one. */
  function clickOnce(action: string): void {
    let clicked = false;
    ui.click = (notice: Notice) => {
      if (clicked || notice.kind !== 'error' || !notice.actions.includes(action)) return undefined;
      clicked = true;
      return action;
    };
  }

  it('Choose Target Page on a page Notion cannot find: the file goes to the page chosen, unchanged', async () => {
    before = await freshTargetPage(ui, 'Before an unshared page');
    const { token } = emulatorEndpoint();
    const { id: hidden } = await emulator.addPage('Never shared', []);
    const { id: chosen } = await emulator.addPage('Chosen from the error', [token]);
    await settings().update('targetPage', hidden, vscode.ConfigurationTarget.Workspace);
    const picker = api.overrideUi({ pickTargetPage: async () => ({ id: chosen, title: 'Chosen from the error', url: '' }) });
    try {
      const file = writeWorkspaceFile('carried-on/after-page.txt', 1200);
      ui.answer = pressEnter;
      clickOnce('Choose Target Page');
      assert.equal(await upload(file), undefined, 'the first run stops at the page');
      const blocks = await waitFor('the upload to reach the page chosen', async () => {
        const found = await emulator.blocks(chosen);
        return found.length > 0 ? found : undefined;
      });
      assert.equal(blocks.length, 1);
      assert.equal((await emulator.upload(blocks[0].uploadId!)).sha256, sha256OfFile(file.fsPath));
      assert.deepEqual(await emulator.blocks(hidden), []);
      assert.equal(ui.notices.filter((notice) => notice.kind === 'error').length, 1, `notices: ${JSON.stringify(ui.notices)}`);
      await waitFor('the success notice', () => ui.notices.find((notice) => notice.message === 'Uploaded “after-page.txt” to “Chosen from the error”.'));
    } finally {
      picker.dispose();
    }
  });

  it('Set Notion Token on a refused token: the file goes to the target page once the token is set', async () => {
    before = await freshTargetPage(ui, 'After a new token');
    const { token } = emulatorEndpoint();
    const file = writeWorkspaceFile('carried-on/after-token.txt', 900);
    // The token is accepted again by the time it is pasted, as a token made anew in Notion would be.
    const notices = api.overrideUi({
      notify: async (kind, message, ...actions) => {
        ui.notices.push({ kind, message, actions });
        if (kind !== 'error' || !actions.includes('Set Notion Token') || ui.notices.filter((notice) => notice.kind === 'error').length > 1) return undefined;
        await emulator.addToken(token);
        return 'Set Notion Token';
      },
    });
    try {
      await emulator.revokeToken(token);
      assert.equal(await upload(file), undefined, 'the first run stops at the token');
      const blocks = await waitFor('the upload to reach the page', async () => {
        const found = await emulator.blocks(before);
        return found.length > 0 ? found : undefined;
      });
      assert.equal(blocks.length, 1);
      assert.equal((await emulator.upload(blocks[0].uploadId!)).sha256, sha256OfFile(file.fsPath));
      assert.ok(ui.tokenChecks.some((check) => check.ok), 'a token was set');
    } finally {
      notices.dispose();
    }
  });

  it('Set Notion Token on an upload that failed after it started only sets the token: its Retry is the one that resends', async () => {
    before = await freshTargetPage(ui, 'Failed after starting');
    await emulator.addFault({ call: 'send', times: 1, action: { kind: 'status', status: 401 } });
    clickOnce('Set Notion Token');
    const outcome = await upload(writeWorkspaceFile('carried-on/failed-send.txt', 800));
    assert.equal(outcome?.sessions[0]?.state, 'failed', JSON.stringify(outcome?.sessions[0]?.error));
    await waitFor('the token Set Notion Token asked for', () => ui.tokenChecks.some((check) => check.ok));
    // Long enough for a resend set going by the token to have attached its block.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(await emulator.blocks(before), []);
    const failure = ui.notices.find((notice) => notice.kind === 'error');
    assert.deepEqual(failure?.actions, ['Set Notion Token', 'Retry', 'Show Log']);
  });
});
