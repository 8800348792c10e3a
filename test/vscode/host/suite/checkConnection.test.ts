// Notion: Check Connection says, piece by piece, what works, and offers the step that fixes the first thing that does not.
import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { emulator, emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi } from './helpers/extensionUnderTest';
import { freshTargetPage } from './helpers/uploadFixtures';

describe('Notion: Check Connection', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('names who the token acts as, the target page and the proxy when all is well', async () => {
    await freshTargetPage(ui, 'Checked connection');
    ui.notices.length = 0;
    assert.equal(await vscode.commands.executeCommand('notionUpload.checkConnection'), true);
    const notice = ui.notices.at(-1);
    assert.equal(notice?.kind, 'info');
    assert.match(notice?.message ?? '', /Connected as .*integration/);
    assert.match(notice?.message ?? '', /“Checked connection” is reachable with this token/);
    assert.match(notice?.message ?? '', /Proxy: none \(direct connection\)/);
  });

  it('a page the token cannot see: the error names the page problem and offers Choose Target Page first', async () => {
    const chosenPage = await freshTargetPage(ui, 'Before the hidden one');
    const { id: hiddenPage } = await emulator.addPage('Hidden from the check', []);
    const settings = vscode.workspace.getConfiguration('notionUpload');
    await settings.update('targetPage', hiddenPage, vscode.ConfigurationTarget.Workspace);
    ui.notices.length = 0;
    try {
      assert.equal(await vscode.commands.executeCommand('notionUpload.checkConnection'), false);
    } finally {
      await settings.update('targetPage', chosenPage, vscode.ConfigurationTarget.Workspace);
    }
    const error = ui.notices.find((notice) => notice.kind === 'error');
    assert.match(error?.message ?? '', /target page failed: .*object_not_found/);
    assert.equal(error?.actions[0], 'Choose Target Page');
  });

  it('a revoked token: Set Notion Token first, and the page is not asked about', async () => {
    await freshTargetPage(ui, 'Checked with a revoked token');
    const { token } = emulatorEndpoint();
    await emulator.revokeToken(token);
    ui.notices.length = 0;
    try {
      assert.equal(await vscode.commands.executeCommand('notionUpload.checkConnection'), false);
    } finally {
      await emulator.addToken(token);
    }
    const error = ui.notices.find((notice) => notice.kind === 'error');
    assert.match(error?.message ?? '', /token failed: API token is invalid/);
    assert.equal(error?.actions[0], 'Set Notion Token');
  });

  it('Notion not answering (a closed port): says Notion is not reachable, offers Retry, not Set Notion Token, within seconds', async () => {
    await freshTargetPage(ui, 'Checked with Notion away');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const settings = vscode.workspace.getConfiguration('notionUpload');
    const before = settings.inspect<string>('apiBaseUrl')?.globalValue;
    await settings.update('apiBaseUrl', closedUrl, vscode.ConfigurationTarget.Global);
    ui.notices.length = 0;
    const started = Date.now();
    try {
      assert.equal(await vscode.commands.executeCommand('notionUpload.checkConnection'), false);
    } finally {
      await settings.update('apiBaseUrl', before, vscode.ConfigurationTarget.Global);
    }
    const ms = Date.now() - started;
    const error = ui.notices.find((notice) => notice.kind === 'error');
    assert.match(error?.message ?? '', /^Check Connection: Could not reach Notion: Connection to http:\/\/127\.0\.0\.1:\d+ failed: .*ECONNREFUSED.*\. The connection to Notion failed; check the network/);
    assert.doesNotMatch(error?.message ?? '', /token/i);
    assert.deepEqual(error?.actions, ['Retry', 'Show Log']);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});
