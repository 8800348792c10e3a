// Files dropped on the Uploads view: the same questions as the Explorer command, then the same upload.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, workspacePath, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('dropping files on the Uploads view', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
  });
  afterEach(() => ui.dispose());

  it('uploads a dropped file and asks the same questions: a dropped .env is skipped on Enter', async () => {
    const pageId = await freshTargetPage(ui, 'Dropped on the view');
    const plain = writeWorkspaceFile('dropped/plain.txt', 1200);
    writeFileSync(workspacePath('dropped/.env'), 'API_TOKEN=not-a-real-one\n');
    ui.answer = pressEnter;
    const transfer = new vscode.DataTransfer();
    transfer.set('text/uri-list', new vscode.DataTransferItem(`${plain.toString()}\r\n${workspaceUri('dropped/.env').toString()}\r\n`));
    await api.uploadsDrop.handleDrop?.(undefined, transfer, new vscode.CancellationTokenSource().token);
    assert.match(ui.questions[0]?.message ?? '', /“dropped\/\.env” matches “\*\*\/\.env” and may hold secrets/);
    const blocks = await waitFor('the dropped file on the page', async () => {
      const found = await emulator.blocks(pageId);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(blocks.length, 1);
    assert.equal((await emulator.upload(blocks[0].uploadId!)).filename, 'plain.txt');
  });
});
