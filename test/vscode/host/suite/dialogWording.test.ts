// Smaller points of the dialogs: a skip is visible, a cancel names the file, the page choice asks where to keep it.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { emulator, emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter, treeRows, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspacePath, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('dialog wording and what each answer visibly does', () => {
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

  it('Skip It on a single file that may hold secrets says it was skipped and sends nothing', async () => {
    const pageId = await freshTargetPage(ui, 'Skipped visibly');
    writeWorkspaceFile('skipped/placeholder.txt', 10);
    writeFileSync(workspacePath('skipped/.env'), 'API_TOKEN=not-a-real-one\n');
    ui.answer = (question) => (question.choices.includes('Skip It') ? 'Skip It' : undefined);
    const outcome = await upload(workspaceUri('skipped/.env'));
    assert.deepEqual(outcome?.sessions ?? [], []);
    assert.deepEqual(await emulator.blocks(pageId), []);
    const said = ui.notices.find((notice) => notice.kind === 'info');
    assert.equal(said?.message, 'Skipped “skipped/.env” as you chose (it may hold secrets); nothing was sent for it.');
  });

  it('a folder\'s confirmation offers Don\'t Upload first, then the button that names the count; only that one sends', async () => {
    const pageId = await freshTargetPage(ui, 'Folder wording');
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeWorkspaceFile(`folder-wording/${name}`, 400);
    ui.answer = pressEnter;
    assert.equal(await upload(workspaceUri('folder-wording')), undefined);
    assert.equal(ui.questions.length, 1);
    assert.equal(ui.questions[0].message, 'Upload 3 files (1.2 KiB) to “Folder wording”?');
    assert.deepEqual(ui.questions[0].choices, ['Don\'t Upload', 'Upload 3 Files']);
    assert.deepEqual(await emulator.blocks(pageId), []);

    ui.answer = (question) => question.choices[1];
    const outcome = await upload(workspaceUri('folder-wording'));
    assert.deepEqual(outcome?.sessions.map((session) => session.state), ['done', 'done', 'done']);
    assert.equal((await emulator.blocks(pageId)).length, 3);
  });

  it('the cancel message names the file it stopped', async () => {
    await freshTargetPage(ui, 'Cancel named');
    await emulator.addFault({ call: 'send', action: { kind: 'throttle', bytesPerSecond: 128 * 1024 } });
    const running = upload(writeWorkspaceFile('cancel-named/movie-notes.txt', 2 * 1024 * 1024));
    const active = await waitFor('the upload to be sending', async () => (await treeRows(api)).find((row) => row.label === 'movie-notes.txt' && /^\d+ %/.test(row.description)));
    await vscode.commands.executeCommand('notionUpload.cancelUpload', active.id);
    assert.equal((await running)?.sessions[0]?.state, 'cancelled');
    const said = ui.notices.find((notice) => /cancelled/.test(notice.message));
    assert.equal(said?.message, 'Upload of “movie-notes.txt” to “Cancel named” cancelled; nothing more is sent for it.');
  });

  it('Choose Target Page asks where to keep the page; Enter keeps it in the user settings and writes nothing into the workspace', async () => {
    const before = await freshTargetPage(ui, 'Page before the picker');
    const { token } = emulatorEndpoint();
    const { id: picked } = await emulator.addPage('Picked by hand', [token]);
    const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('notionUpload');
    const picker = api.overrideUi({ pickTargetPage: async () => ({ id: picked, title: 'Picked by hand', url: '' }) });
    try {
      ui.answer = pressEnter;
      const page = await vscode.commands.executeCommand<{ id: string }>('notionUpload.chooseTargetPage');
      assert.equal(page?.id, picked);
      assert.equal(ui.questions[0]?.message, 'Upload to “Picked by hand” from all workspaces, or only from this one?');
      assert.deepEqual(ui.questions[0]?.choices, ['All Workspaces', 'This Workspace Only']);
      assert.equal(settings().inspect('targetPage')?.globalValue, picked);
      assert.equal(settings().inspect('targetPage')?.workspaceValue, undefined, 'the workspace entry that would hide the choice is gone');
      assert.equal(settings().get('targetPage'), picked);

      ui.questions.length = 0;
      ui.answer = (question) => (question.choices.includes('This Workspace Only') ? 'This Workspace Only' : undefined);
      await vscode.commands.executeCommand('notionUpload.chooseTargetPage');
      assert.equal(settings().inspect('targetPage')?.workspaceValue, picked);
    } finally {
      picker.dispose();
      await settings().update('targetPage', undefined, vscode.ConfigurationTarget.Global);
      await settings().update('targetPage', before, vscode.ConfigurationTarget.Workspace);
    }
  });
});
