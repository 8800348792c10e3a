import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { projectRoot } from '../../launch/paths';
import { extensionApi, extensionId } from './helpers/extensionUnderTest';

interface Manifest {
  main: string;
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    views: Record<string, Array<{ id: string }>>;
  };
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
const ROW_COMMANDS = ['cancelUpload', 'retryUpload', 'resumeUpload', 'openInNotion', 'copyLink', 'revealInExplorer', 'removeUpload', 'clearFinished', 'showMoreUploads'].map((name) => `notionUpload.${name}`);

describe('commands and menus', () => {
  before(async () => {
    await extensionApi();
  });

  it('registers every contributed command, and contributes every notionUpload command it registers', async () => {
    const viewIds = new Set(Object.values(manifest.contributes.views).flat().map((view) => view.id));
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('notionUpload.'))
      // VS Code adds focus/toggle commands for each contributed view; they are not ours to contribute.
      .filter((id) => ![...viewIds].some((viewId) => id.startsWith(`${viewId}.`)))
      .sort();
    assert.deepEqual(contributed.filter((id) => !registered.includes(id)), [], 'contributed but not registered');
    assert.deepEqual(registered.filter((id) => !contributed.includes(id)), [], 'registered but not contributed');
  });

  it('gives every command the "Notion" category and points every menu at a contributed command', () => {
    for (const entry of manifest.contributes.commands) assert.equal(entry.category, 'Notion', entry.command);
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.includes(item.command), `${menu} names ${item.command}, which is not contributed`);
    }
  });

  it('hides the uploads view\'s row commands from the command palette', () => {
    const hidden = manifest.contributes.menus.commandPalette.filter((item) => item.when === 'false').map((item) => item.command).sort();
    assert.deepEqual(hidden, [...ROW_COMMANDS].sort());
  });

  it('activates from its view or commands only, and quickly', async () => {
    assert.deepEqual(manifest.activationEvents.filter((event) => !event.startsWith('onView:') && !event.startsWith('onCommand:')), []);
    const api = await extensionApi();
    const bundle = join(vscode.extensions.getExtension(extensionId)!.extensionPath, manifest.main);
    // Evaluate a second copy of the bundle to time what loading it costs (activation itself was timed inside).
    const cached = require.cache[require.resolve(bundle)];
    delete require.cache[require.resolve(bundle)];
    const started = performance.now();
    require(bundle);
    const loadMs = performance.now() - started;
    if (cached) require.cache[require.resolve(bundle)] = cached;
    console.log(`      activation: loading the bundle ${loadMs.toFixed(1)} ms, activate() ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs < 500, `activate() took ${api.activationMs} ms`);
    assert.ok(loadMs < 2000, `loading the bundle took ${loadMs} ms`);
  });
});
