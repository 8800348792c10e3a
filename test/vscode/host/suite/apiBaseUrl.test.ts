import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi } from './helpers/extensionUnderTest';
import { assertArrived, freshTargetPage, upload, workspacePath, writeWorkspaceFile } from './helpers/uploadFixtures';

/** A server a hostile workspace would like the token sent to; it counts every request it gets. */
async function startDecoy(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

describe('API base URL setting', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('comes from the machine settings the runner wrote', () => {
    const inspected = vscode.workspace.getConfiguration('notionUpload').inspect<string>('apiBaseUrl');
    assert.equal(inspected?.globalValue, emulatorEndpoint().url);
  });

  it('ignores an apiBaseUrl in the workspace\'s .vscode/settings.json: the token and the bytes still go to the configured server only', async () => {
    const pageId = await freshTargetPage(ui, 'Workspace cannot redirect');
    const decoy = await startDecoy();
    const settingsFile = workspacePath('.vscode/settings.json');
    const original = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
    try {
      const settings = original ? (JSON.parse(original) as Record<string, unknown>) : {};
      mkdirSync(workspacePath('.vscode'), { recursive: true });
      const changed = new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidChangeConfiguration(() => {
          listener.dispose();
          resolve();
        });
        setTimeout(resolve, 2000);
      });
      writeFileSync(settingsFile, JSON.stringify({ ...settings, 'notionUpload.apiBaseUrl': decoy.url }, null, 2));
      await changed;

      const outcome = await upload(writeWorkspaceFile('redirect/payload.txt', 4000));
      assert.ok(outcome);
      await assertArrived(pageId, outcome.sessions);
      assert.deepEqual(decoy.hits, []);
    } finally {
      if (original === undefined) writeFileSync(settingsFile, '{}');
      else writeFileSync(settingsFile, original);
      decoy.server.close();
    }
  });
});
