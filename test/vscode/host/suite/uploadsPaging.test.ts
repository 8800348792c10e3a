// The Uploads view lists a page of rows and a last row that shows the next page: that row's click hands the keyboard
// focus to the first row it added, and a list cleared back within one page starts again from one page.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { CommandIds, REVEAL_UPLOADS_VIEW_COMMAND } from '../../../../src/vscode/commandIds';
import type { UploadOutcome } from '../../../../src/vscode/uploadCommand';
import { MORE_ROWS_ELEMENT, ROWS_PER_PAGE } from '../../../../src/vscode/uploadsTree';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspacePath, workspaceUri } from './helpers/uploadFixtures';

/** More than a page, less than two: the first click on the last row shows every row. */
const FILES_PER_FOLDER = ROWS_PER_PAGE + 50;
/** Creates answered this late keep every upload queued or starting, in the same order, while the test looks. */
const CREATE_DELAY_MS = 60_000;

async function writeTinyFiles(folder: string, count: number): Promise<void> {
  await mkdir(workspacePath(folder), { recursive: true });
  await Promise.all(Array.from({ length: count }, (_, n) => writeFile(join(workspacePath(folder), `f${String(n).padStart(4, '0')}.txt`), `${n}\n`)));
}

async function listed(api: NotionUploadApi): Promise<string[]> {
  return (await api.uploadsView.getChildren()) ?? [];
}

describe('the Uploads view a page at a time', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;
  const folders = ['paging-first', 'paging-second'];
  const running: Array<Thenable<UploadOutcome | undefined>> = [];

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
    ui.answer = (question) => question.choices.find((choice) => /^(Upload|Stop|Clear)/.test(choice));
  });
  afterEach(async () => {
    await emulator.clearFaults();
    await vscode.commands.executeCommand('notionUpload.cancelAll');
    await Promise.all(running.splice(0));
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    ui.dispose();
    for (const folder of folders) rmSync(workspacePath(folder), { recursive: true, force: true });
  });

  /** Uploads a folder of FILES_PER_FOLDER tiny files and resolves once every one of them has a row. */
  async function queueFolder(folder: string): Promise<void> {
    await writeTinyFiles(folder, FILES_PER_FOLDER);
    const expected = api.sessionCount() + FILES_PER_FOLDER;
    running.push(upload(workspaceUri(folder)));
    await waitFor(`${expected} sessions`, () => api.sessionCount() >= expected, 60_000);
  }

  it('focuses and selects the first row a click on the last row adds, and starts from one page again after Clear Finished', async () => {
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    await freshTargetPage(ui, 'A page at a time');
    await emulator.addFault({ call: 'create', times: Infinity, action: { kind: 'delay', ms: CREATE_DELAY_MS } });
    await vscode.commands.executeCommand(REVEAL_UPLOADS_VIEW_COMMAND);
    await queueFolder(folders[0]);

    const page = await listed(api);
    assert.equal(page.length, ROWS_PER_PAGE + 1);
    assert.equal(page.at(-1), MORE_ROWS_ELEMENT);
    // The uploads being started, then the queued ones in the order they will go: the folder's order, not shuffled by
    // the milliseconds they were queued in.
    const labels = await Promise.all(page.slice(0, -1).map(async (id) => String(((await api.uploadsView.getTreeItem(id)) as vscode.TreeItem).label)));
    assert.deepEqual(labels, [...labels].sort(), 'the first page reads in the folder\'s order');
    // What a click or Enter on the row runs: its own command, with its arguments.
    const { command } = (await api.uploadsView.getTreeItem(MORE_ROWS_ELEMENT)) as vscode.TreeItem;
    assert.equal(command?.command, CommandIds.showMoreUploads);
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const all = await listed(api);
    assert.equal(all.length, FILES_PER_FOLDER, 'one click shows the last 50 rows, and no "more" row');
    const firstAdded = all.find((id) => !page.includes(id));
    assert.ok(firstAdded);
    await waitFor('the first row the click added selected', () => api.uploadsTreeView.selection.length === 1 && api.uploadsTreeView.selection[0] === firstAdded, 10_000)
      .catch(() => assert.fail(`selected after the click: ${JSON.stringify(api.uploadsTreeView.selection)}, the first row it added: ${firstAdded}`));

    await vscode.commands.executeCommand('notionUpload.cancelAll');
    await Promise.all(running.splice(0));
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    // The view is open, so VS Code asks for its rows once the clear is drawn; asked here too, as it would.
    await waitFor('the cleared view', async () => (await listed(api)).length === 0);

    await queueFolder(folders[1]);
    const again = await listed(api);
    assert.equal(again.length, ROWS_PER_PAGE + 1, 'the second folder is listed from one page again');
    const more = (await api.uploadsView.getTreeItem(MORE_ROWS_ELEMENT)) as vscode.TreeItem;
    assert.equal(more.label, `Show 50 more (50 not listed)`);
  });
});
