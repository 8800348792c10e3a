import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { readTestContext } from '../../launch/testContext';
import { emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi } from './helpers/extensionUnderTest';

/** Every file the run wrote outside the extension's secret storage: settings, logs, state, the workspace. */
function filesHolding(secret: string): string[] {
  const runnerScratch = dirname(readTestContext().scratchDir);
  const found: string[] = [];
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile() && stat.size < 32 * 1024 * 1024 && basename(path) !== 'test-context.json') {
      if (readFileSync(path).includes(secret)) found.push(path);
    }
  };
  visit(runnerScratch);
  return found;
}

describe('Notion token', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('refuses a wrong token at once with Notion\'s reason and stores nothing', async () => {
    await vscode.commands.executeCommand('notionUpload.clearToken');
    ui.token = 'ntn_thisIsNotTheRightToken123';
    const result = await vscode.commands.executeCommand('notionUpload.setToken');
    assert.equal(result, undefined);
    assert.equal(ui.tokenChecks.length, 1);
    assert.equal(ui.tokenChecks[0].ok, false);
    assert.match(ui.tokenChecks[0].message ?? '', /API token is invalid/);

    ui.answer = () => undefined;
    const page = await vscode.commands.executeCommand('notionUpload.chooseTargetPage', emulatorEndpoint().pageId);
    assert.equal(page, undefined, 'without a stored token nothing proceeds');
    assert.match(ui.questions[0]?.message ?? '', /^Uploading to Notion needs a Notion token first\.$/);
    // Either kind of token does: the question does not send a person with a personal access token off to make an integration.
    assert.match(ui.questions[0]?.detail ?? '', /^A personal access token \(notion\.so\/developers\/tokens\) acts as you and needs no page sharing\. An internal integration/);
  });

  it('checks a good token with users/me, shows the integration and its file-size limit, and reads it back from secret storage', async () => {
    const { token, pageId } = emulatorEndpoint();
    ui.token = token;
    const limits = await vscode.commands.executeCommand<{ name: string | null; maxFileUploadSizeBytes: number }>('notionUpload.setToken');
    assert.ok(limits, 'the token was refused');
    assert.equal(limits.maxFileUploadSizeBytes, 5 * 1024 ** 3);
    assert.match(ui.notices.at(-1)?.message ?? '', /connected as .*Files up to 5\.00 GiB each/);

    // A command that needs the token finds it in secret storage and asks nothing.
    const page = await vscode.commands.executeCommand<{ id: string; title: string }>('notionUpload.chooseTargetPage', pageId);
    assert.equal(page?.id, pageId);
    assert.deepEqual(ui.questions, []);
  });

  it('never writes the token into settings, logs or any other file of the run', async () => {
    const { token } = emulatorEndpoint();
    const config = vscode.workspace.getConfiguration('notionUpload');
    for (const key of Object.keys(config).filter((name) => typeof config.get(name) !== 'function')) {
      const inspected = config.inspect(key);
      for (const value of [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue]) {
        assert.ok(!JSON.stringify(value ?? '').includes(token), `notionUpload.${key} holds the token`);
      }
    }
    assert.ok(filesHolding('notionUpload.apiBaseUrl').some((file) => file.endsWith('settings.json')), 'the scan does not reach the settings files');
    assert.deepEqual(filesHolding(token), []);
  });

  it('clears the token: later uploads ask for one again', async () => {
    const cleared = await vscode.commands.executeCommand('notionUpload.clearToken');
    assert.equal(cleared, true);
    const file = vscode.Uri.file(join(readTestContext().workspaceFolder, 'hello.txt'));
    const outcome = await vscode.commands.executeCommand('notionUpload.upload', file, [file]);
    assert.equal(outcome, undefined);
    assert.match(ui.questions[0]?.message ?? '', /^Uploading to Notion needs a Notion token first\.$/);

    ui.token = emulatorEndpoint().token;
    assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'));
  });
});
