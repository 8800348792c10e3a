import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { emulator, emulatorEndpoint } from '../suite/helpers/emulatorControl';
import { ScriptedUi, extensionApi, extensionId } from '../suite/helpers/extensionUnderTest';
import { assertArrived, upload, workspacePath, workspaceUri, writeWorkspaceFile } from '../suite/helpers/uploadFixtures';

/** The page the untrusted workspace's .vscode/settings.json points uploads at (the runner wrote it). */
function decoyPageId(): string {
  const settings = JSON.parse(readFileSync(workspacePath('.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
  const pageId = settings['notionUpload.targetPage'];
  assert.equal(typeof pageId, 'string', 'the runner planted no decoy target page');
  return pageId as string;
}

describe('Restricted Mode (an untrusted workspace)', () => {
  let ui: ScriptedUi;

  before(async () => {
    ui = new ScriptedUi().install(await extensionApi());
    ui.token = emulatorEndpoint().token;
    assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'), 'the emulator token was refused');
  });
  after(() => ui.dispose());
  beforeEach(() => {
    ui.questions.length = 0;
    ui.notices.length = 0;
    ui.answer = () => undefined;
  });

  it('opens the folder untrusted and still activates the extension (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await extensionApi();
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, true);
    const targetPage = vscode.workspace.getConfiguration('notionUpload').inspect<string>('targetPage');
    assert.equal(targetPage?.globalValue, emulatorEndpoint().pageId, 'the user settings name the real page');
  });

  it("uploads to the user's target page, not the page the workspace settings name", async () => {
    const decoy = decoyPageId();
    const outcome = await upload(writeWorkspaceFile('untrusted/report.txt', 3000));
    assert.ok(outcome, `the upload did not run: ${JSON.stringify(ui.notices)}`);
    await assertArrived(emulatorEndpoint().pageId, outcome.sessions);
    assert.deepEqual(await emulator.blocks(decoy), []);
  });

  it("still asks before uploading a .env: the workspace's empty sensitive-file list is ignored", async () => {
    writeFileSync(workspacePath('untrusted/.env'), 'API_TOKEN=not-a-real-one\n');
    const plain = writeWorkspaceFile('untrusted/plain.txt', 500);
    ui.answer = (question) => (/may hold secrets/.test(question.message) ? 'Skip It' : question.choices.includes('Upload as .txt') ? 'Upload as .txt' : undefined);
    const blocksBefore = (await emulator.blocks(emulatorEndpoint().pageId)).length;
    const outcome = await upload(workspaceUri('untrusted/.env'), plain);
    const secrets = ui.questions.find((question) => /may hold secrets/.test(question.message));
    const patterns = vscode.workspace.getConfiguration('notionUpload', workspaceUri('untrusted')).inspect('sensitiveFilePatterns');
    assert.ok(secrets, `no question about secrets; questions: ${JSON.stringify(ui.questions)}; patterns: ${JSON.stringify(patterns)}`);
    assert.match(secrets.message, /untrusted\/\.env/);
    assert.deepEqual(outcome?.sessions.map((session) => session.fileName), ['plain.txt']);
    assert.equal((await emulator.blocks(emulatorEndpoint().pageId)).length, blocksBefore + 1);
    assert.deepEqual(await emulator.blocks(decoyPageId()), []);
  });
});
