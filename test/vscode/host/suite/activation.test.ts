import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Script } from 'node:vm';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../../src/extension';
import { projectRoot } from '../../launch/paths';
import { readTestContext } from '../../launch/testContext';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;

/**
 * What V8 spends compiling these files before their first statement runs, which the bundle's own clock cannot see:
 * each is compiled again here, made unique so V8's cache of compiled scripts cannot answer.
 */
function compileFigures(paths: string[]): { ms: number; cpuMs: number } {
  const sources = paths.map((path) => `${readFileSync(path, 'utf8')}\n// ${Math.random()}`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  sources.forEach((source, index) => new Script(source, { filename: `${paths[index]}.compile-check` }));
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

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

  // The figures are printed, never asserted: the machine may be busy. What is asserted is which files activation loads.
  it('loads only extension.js and coreLight.js at activation, and prints what activation cost', async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(extension);
    const { activation } = await extension.activate();
    const paths = activation.filesLoaded.map((file) => join(extension.extensionPath, 'dist', file));
    const sizes = paths.map((path) => `${basename(path)} ${(statSync(path).size / 1024).toFixed(1)} KiB`);
    const compile = compileFigures(paths);
    console.log(
      `      activation: compile ${compile.ms.toFixed(2)} ms (CPU ${compile.cpuMs.toFixed(2)} ms), module load ${activation.moduleLoadMs.toFixed(2)} ms (CPU ${activation.moduleLoadCpuMs.toFixed(2)} ms), activate() ${activation.activateMs.toFixed(2)} ms; files loaded: ${sizes.join(', ')}`,
    );
    assert.deepEqual(activation.filesLoaded, ['coreLight.js', 'extension.js']);
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
