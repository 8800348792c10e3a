import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionStatus } from '../../../../src/core';
import type { UploadOutcome } from '../../../../src/vscode/uploadCommand';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, treeRows, waitFor } from './helpers/extensionUnderTest';
import { assertArrived, freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

const MiB = 1024 * 1024;

describe('uploads interrupted by a reload', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(async () => {
    ui.dispose();
    await emulator.clearFaults();
    await vscode.workspace.getConfiguration('notionUpload').update('partsInFlight', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('notionUpload').update('requestsPerMinute', undefined, vscode.ConfigurationTarget.Global);
  });

  it('come back after the reload with Resume, which sends only the parts Notion has not acknowledged', async () => {
    const api = await extensionApi();
    const pageId = await freshTargetPage(ui, 'Resume after reload');
    await vscode.workspace.getConfiguration('notionUpload').update('partsInFlight', 1, vscode.ConfigurationTarget.Global);
    // A budget no link outruns, so the parts stay at the 5 MiB setting whatever earlier uploads measured (partSizeForLink).
    await vscode.workspace.getConfiguration('notionUpload').update('requestsPerMinute', 100_000, vscode.ConfigurationTarget.Global);
    await emulator.addFault({ call: 'send', partNumber: 3, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } });
    const file = writeWorkspaceFile('large/video-notes.txt', 21 * MiB);
    const running = upload(file);

    const midway = await waitFor('two of five parts acknowledged', async () =>
      (await treeRows(api)).find((row) => row.label === 'video-notes.txt' && /Parts: 2 of 5/.test(row.tooltip)), 60_000);
    await api.reloadSessions();
    const interrupted = (await running) as UploadOutcome;
    assert.equal(interrupted.sessions[0].state, 'cancelled');

    const restored = await waitFor('the restored row', async () => (await treeRows(api)).find((row) => row.id === midway.id));
    assert.match(restored.contextValue, /\bresumable\b/);
    assert.match(restored.description, /^Interrupted: /);
    assert.equal(restored.icon, 'debug-pause');

    await emulator.clearFaults();
    const logBefore = (await emulator.log()).length;
    const resumed = await vscode.commands.executeCommand<SessionStatus[]>('notionUpload.resumeUpload', midway.id);
    assert.equal(resumed?.[0]?.state, 'done', JSON.stringify(resumed?.[0]?.error));
    const sentParts = (await emulator.log()).slice(logBefore).filter((entry) => entry.call === 'send' && entry.status === 200).map((entry) => entry.partNumber);
    assert.deepEqual(sentParts.sort(), [3, 4, 5]);
    await assertArrived(pageId, resumed);
  });
});
