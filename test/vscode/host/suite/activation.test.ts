import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { projectRoot } from '../../launch/paths';
import { readTestContext } from '../../launch/testContext';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('extension host', () => {
  it('runs VS Code 1.100, the version engines.vscode targets', () => {
    assert.match(vscode.version, /^1\.100\.\d+$/);
  });

  it(`finds ${extensionId} and activates it`, async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not among the host's extensions`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('opens the workspace the runner prepared and hands its context over', () => {
    const context = readTestContext();
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepEqual(folders.map((folder) => folder.uri.fsPath), [context.workspaceFolder]);
  });

  it('points the extension at the Notion emulator the runner started', async () => {
    const { emulator } = readTestContext();
    assert.equal(vscode.workspace.getConfiguration('notionUpload').get('apiBaseUrl'), emulator.url);
    const response = await fetch(`${emulator.url}/__emulator/counters`);
    assert.equal(response.status, 200);
    assert.equal(typeof ((await response.json()) as { requests: unknown }).requests, 'number');
  });
});
