// Clear Finished Uploads shows in the Uploads view's title only while the view lists a finished upload.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { projectRoot } from '../../launch/paths';
import { ScriptedUi, extensionApi, treeRows, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
};

describe('Clear Finished in the Uploads view title', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('is shown by the hasFinishedUploads context key, which follows the rows', async () => {
    const entry = manifest.contributes.menus['view/title'].find((item) => item.command === 'notionUpload.clearFinished');
    assert.match(entry?.when ?? '', /\bnotionUpload\.hasFinishedUploads\b/);

    const api = await extensionApi();
    await freshTargetPage(ui, 'Clear Finished visibility');
    ui.answer = (question) => question.choices.find((choice) => /^Clear/.test(choice));
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    await treeRows(api);
    assert.equal(api.hasFinishedUploads(), false, 'nothing finished is listed');

    const outcome = await upload(writeWorkspaceFile('visibility/done.txt', 500));
    assert.equal(outcome?.sessions[0].state, 'done');
    await waitFor('the key set once the upload finished', () => api.hasFinishedUploads());

    await vscode.commands.executeCommand('notionUpload.clearFinished');
    await treeRows(api);
    assert.equal(api.hasFinishedUploads(), false);
  });
});
