import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi } from './helpers/extensionUnderTest';
import { assertArrived, freshTargetPage, upload, workspacePath, writeWorkspaceFile } from './helpers/uploadFixtures';

const MiB = 1024 * 1024;

describe('part size from the link an earlier window measured', () => {
  let ui: ScriptedUi;
  const settings = () => vscode.workspace.getConfiguration('notionUpload');

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(async () => {
    ui.dispose();
    await settings().update('requestsPerMinute', undefined, vscode.ConfigurationTarget.Global);
    for (const name of ['link-first.mp4', 'link-second.mp4']) rmSync(workspacePath(name), { force: true });
  });

  it('plans larger parts for the first upload after a reload, from the speed the uploads before it measured', async function () {
    this.timeout(120_000);
    // At 30 requests a minute, 5 MiB parts carry at most 2.5 MiB/s: any loopback link measures faster than that.
    await settings().update('requestsPerMinute', 30, vscode.ConfigurationTarget.Global);
    const pageId = await freshTargetPage(ui, 'Link speed');
    const first = await upload(writeWorkspaceFile('link-first.mp4', 24 * MiB));
    assert.equal(first?.sessions.length, 1, `notices: ${JSON.stringify(ui.notices)}`);
    await assertArrived(pageId, first!.sessions);

    // A new manager, as in a new window: nothing measured in this process yet.
    await (await extensionApi()).reloadSessions();
    const secondPage = await freshTargetPage(ui, 'Link speed, after a reload');
    const second = await upload(writeWorkspaceFile('link-second.mp4', 40 * MiB));
    assert.equal(second?.sessions.length, 1, `questions: ${JSON.stringify(ui.questions)}; notices: ${JSON.stringify(ui.notices)}`);
    await assertArrived(secondPage, second.sessions);
    const stored = await emulator.upload(second!.sessions[0].uploadId!);
    assert.ok(stored.partsTotal !== null && stored.partsTotal < 8, `40 MiB went in ${stored.partsTotal} parts: the 5 MiB default, not sized for the link`);
  });
});
