// The Uploads view keeps finished uploads across a reload (and a new manager, as after a token change), tells files
// of the same name apart, never clears a resumable row without asking, and says once that uploads were interrupted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UploadOutcome } from '../../../../src/vscode/uploadCommand';
import { emulator, emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter, treeRows, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

const MiB = 1024 * 1024;

describe('upload history in the Uploads view', () => {
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

  it('lists finished uploads after a reload, by workspace-relative path, with the page title and when they finished', async () => {
    const api = await extensionApi();
    await freshTargetPage(ui, 'History kept');
    const first = (await upload(writeWorkspaceFile('history-a/hello.txt', 1000))) as UploadOutcome;
    const second = (await upload(writeWorkspaceFile('history-b/hello.txt', 1200))) as UploadOutcome;
    const ids = [first.sessions[0].id, second.sessions[0].id];
    assert.deepEqual([first.sessions[0].state, second.sessions[0].state], ['done', 'done']);

    await api.reloadSessions();
    const rows = await waitFor('both rows after the reload', async () => {
      const listed = (await treeRows(api)).filter((row) => ids.includes(row.id));
      return listed.length === 2 ? listed : undefined;
    });
    const [a, b] = ids.map((id) => rows.find((row) => row.id === id)!);
    assert.equal(a.label, 'hello.txt');
    assert.match(a.description, /^Done · .+ · history-a\/hello\.txt$/);
    assert.match(b.description, /^Done · .+ · history-b\/hello\.txt$/);
    assert.match(a.tooltip, /Target page: History kept \(/);
    assert.match(a.tooltip, /Finished: /);
    assert.match(a.contextValue, /\bhasBlock\b/);
    await vscode.commands.executeCommand('notionUpload.openInNotion', a.id);
    assert.equal(ui.opened.length, 1, 'Open in Notion works on a kept row');

    await vscode.commands.executeCommand('notionUpload.removeUpload', b.id);
    await api.reloadSessions();
    const after = (await treeRows(api)).map((row) => row.id);
    assert.ok(after.includes(a.id) && !after.includes(b.id), 'Remove forgets a kept row');
  });

  it('says once that uploads were interrupted (badge, Resume All), and clears a resumable row only when told to', async () => {
    const api = await extensionApi();
    await freshTargetPage(ui, 'Interrupted history');
    // Starts from an empty view: rows other tests left resumable would be counted too.
    ui.answer = (question) => question.choices.find((choice) => /^Clear/.test(choice));
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    ui.answer = () => undefined;
    ui.questions.length = 0;
    const finished = (await upload(writeWorkspaceFile('history-large/small.txt', 500))) as UploadOutcome;
    assert.equal(finished.sessions[0].state, 'done');
    await vscode.workspace.getConfiguration('notionUpload').update('partsInFlight', 1, vscode.ConfigurationTarget.Global);
    // A budget no link outruns, so the parts stay at the 5 MiB setting whatever earlier uploads measured (partSizeForLink).
    await vscode.workspace.getConfiguration('notionUpload').update('requestsPerMinute', 100_000, vscode.ConfigurationTarget.Global);
    await emulator.addFault({ call: 'send', partNumber: 2, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } });
    const running = upload(writeWorkspaceFile('history-large/held.txt', 21 * MiB));
    const midway = await waitFor('one of five parts acknowledged', async () =>
      (await treeRows(api)).find((row) => row.label === 'held.txt' && /Parts: 1 of 5/.test(row.tooltip)), 60_000);
    await api.reloadSessions();
    await running;
    await emulator.clearFaults();

    const notice = await waitFor('the interrupted notice', () => ui.notices.find((entry) => entry.actions.includes('Resume All')));
    assert.match(notice.message, /held\.txt.*interrupted/);
    assert.equal(api.uploadsBadge()?.value, 1);
    await api.reloadSessions();
    assert.equal(ui.notices.filter((entry) => entry.actions.includes('Resume All')).length, 1, 'said once');

    // Escape, the close button and VS Code's own Cancel dismiss the question: nothing is cleared, so that Cancel does
    // not mean the same as Keep.
    ui.answer = () => undefined;
    ui.questions.length = 0;
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    assert.equal(ui.questions.length, 1);
    assert.match(ui.questions[0].message, /held\.txt.*can still be resumed/);
    const listed = (await treeRows(api)).map((row) => row.id);
    assert.ok(listed.includes(midway.id), 'dismissing the question keeps the resumable row');
    assert.ok(listed.includes(finished.sessions[0].id), 'dismissing the question clears no other row either');
    // Enter takes a modal dialog's first button, VS Code's primary one: it must be the safe answer.
    ui.answer = pressEnter;
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    const afterEnter = (await treeRows(api)).map((row) => row.id);
    assert.ok(afterEnter.includes(midway.id), 'Enter on the question keeps the resumable row');
    assert.ok(!afterEnter.includes(finished.sessions[0].id), 'Enter clears the other finished rows');

    ui.answer = (question) => question.choices.find((choice) => /^Clear/.test(choice));
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    await waitFor('the row cleared', async () => !(await treeRows(api)).some((row) => row.id === midway.id));
    await waitFor('the badge gone', () => api.uploadsBadge() === undefined);
  });

  it('a new token lists an upload that failed part-way in this window again, without saying a window close interrupted it', async () => {
    const api = await extensionApi();
    await freshTargetPage(ui, 'Failed part-way here');
    const { token } = emulatorEndpoint();
    await vscode.workspace.getConfiguration('notionUpload').update('partsInFlight', 1, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('notionUpload').update('requestsPerMinute', 100_000, vscode.ConfigurationTarget.Global);
    // Part 2 refused: the upload fails with part 1 acknowledged, and can be resumed.
    await emulator.addFault({ call: 'send', partNumber: 2, action: { kind: 'status', status: 400 } });
    const failed = (await upload(writeWorkspaceFile('failed-here/big.txt', 21 * MiB)))!.sessions[0];
    assert.equal(failed.state, 'failed');
    assert.equal(failed.resumable, true, JSON.stringify(failed));
    await emulator.clearFaults();

    const other = 'ntn_fake_second_token_for_the_host_tests';
    await emulator.addToken(other);
    ui.notices.length = 0;
    ui.token = other;
    try {
      assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'), 'the second token was refused');
      await waitFor('the upload listed again under the new token', async () => (await treeRows(api)).some((row) => row.id === failed.id));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(ui.notices.filter((notice) => /interrupted/.test(notice.message)).map((notice) => notice.message), [],
        'an upload that failed in this window is not one a window close interrupted');
    } finally {
      ui.token = token;
      assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'));
      await emulator.revokeToken(other);
    }
  });
});
