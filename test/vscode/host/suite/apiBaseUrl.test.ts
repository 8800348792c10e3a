import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, waitFor } from './helpers/extensionUnderTest';
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

/**
 * Replaces the workspace's settings file in one step. VS Code watches it and re-reads it on every change: a file
 * truncated and then written can be read in between as empty, which drops the target page this workspace names.
 */
function replaceSettingsFile(file: string, text: string): void {
  writeFileSync(`${file}.next`, text);
  renameSync(`${file}.next`, file);
}

const MARKER_KEY = 'notionUploadTests.settingsWritten';

function settingsMarker(): string | undefined {
  return vscode.workspace.getConfiguration().get<string>(MARKER_KEY);
}

function readTargetPage(): string | undefined {
  return vscode.workspace.getConfiguration('notionUpload').get<string>('targetPage');
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
      const marker = `written ${Date.now()}`;
      replaceSettingsFile(settingsFile, JSON.stringify({ ...settings, 'notionUpload.apiBaseUrl': decoy.url, [MARKER_KEY]: marker }, null, 2));
      // Uploading before VS Code has read the file back would test nothing. The machine-scoped apiBaseUrl never shows as
      // a workspace value (VS Code drops it), so a marker written with it tells when the file was read.
      await waitFor('VS Code to read the workspace settings file', () => settingsMarker() === marker && readTargetPage() === pageId);

      const outcome = await upload(writeWorkspaceFile('redirect/payload.txt', 4000));
      assert.ok(outcome, `the upload stopped early; questions: ${JSON.stringify(ui.questions)}, notices: ${JSON.stringify(ui.notices)}`);
      await assertArrived(pageId, outcome.sessions);
      assert.deepEqual(decoy.hits, []);
    } finally {
      replaceSettingsFile(settingsFile, original ?? '{}');
      decoy.server.close();
      // The next test must not meet this one's settings half read.
      await waitFor('VS Code to read the restored workspace settings', () => settingsMarker() === undefined);
    }
  });
});
