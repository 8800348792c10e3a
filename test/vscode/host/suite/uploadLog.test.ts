// The "Notion Upload" log channel: one line per file and state change, each naming the file and its file upload, with
// the block link when done, the reason and request id when failed, a cancel as info; never the token.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { emulator, emulatorEndpoint } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, folderUploadChoice, treeRows, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

const THROTTLE_BYTES_PER_SECOND = 128 * 1024;

function logText(api: NotionUploadApi): string {
  return readdirSync(api.logUri.fsPath).filter((name) => name.endsWith('.log')).map((name) => readFileSync(join(api.logUri.fsPath, name), 'utf8')).join('\n');
}

/** The log lines about one session, found by the first 8 characters of its id. */
async function linesAbout(api: NotionUploadApi, sessionId: string, until: RegExp): Promise<string[]> {
  const tag = `[${sessionId.slice(0, 8)}]`;
  return waitFor(`log lines for ${tag} matching ${until}`, () => {
    const lines = logText(api).split('\n').filter((line) => line.includes(tag));
    return lines.some((line) => until.test(line)) ? lines : undefined;
  });
}

describe('the Notion Upload log channel, file by file', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
  });
  afterEach(async () => {
    ui.dispose();
    await emulator.clearFaults();
  });

  it('logs queued, started with its part count, and done with the block link', async () => {
    const pageId = await freshTargetPage(ui, 'Logged page');
    const outcome = await upload(writeWorkspaceFile('logged/plain.txt', 4000));
    const session = outcome!.sessions[0];
    assert.equal(session.state, 'done');
    const lines = await linesAbout(api, session.id, /: done/);
    const text = lines.join('\n');
    assert.match(text, /\[info\] “plain\.txt” \[\w{8}\]: queued for “Logged page” from .*logged[/\\]plain\.txt/);
    assert.match(text, new RegExp(`\\[info\\] “plain\\.txt” \\[\\w{8}\\]: started, 3\\.9 KiB in one request \\(single part\\) \\(file upload ${session.uploadId}\\)`));
    assert.match(text, new RegExp(`: done \\(file upload ${session.uploadId}\\), block https://www\\.notion\\.so/${pageId.replace(/-/g, '')}#${session.blockId!.replace(/-/g, '')}`));
    assert.ok(!logText(api).includes(emulatorEndpoint().token), 'the token is in the log');
  });

  it('logs a folder\'s files as queued in one line, and each file\'s path on its first line of its own', async () => {
    await freshTargetPage(ui, 'Logged folder');
    const files = ['logged-folder/a.txt', 'logged-folder/sub/a.txt', 'logged-folder/sub/b.txt'].map((path) => writeWorkspaceFile(path, 700));
    ui.answer = folderUploadChoice;
    const outcome = await upload(workspaceUri('logged-folder'));
    assert.deepEqual(outcome?.sessions.map((session) => session.state), ['done', 'done', 'done']);
    const text = logText(api);
    assert.match(text, /\[info\] Queued 3 files \(2\.1 KiB\) for “Logged folder” from “logged-folder”; each file's path is logged when it starts\./);
    for (const [index, session] of outcome!.sessions.entries()) {
      const lines = await linesAbout(api, session.id, /: done/);
      assert.ok(!lines.some((line) => line.includes(': queued for')), `a line of its own for queuing ${session.fileName}: ${lines.join('\n')}`);
      assert.ok(lines[0].endsWith(` — from ${files[index].fsPath}`), `its first line does not name its path: ${lines[0]}`);
      assert.equal(lines.filter((line) => line.includes(files[index].fsPath)).length, 1, lines.join('\n'));
    }
  });

  it('logs a failure with Notion\'s reason and request id as an error', async () => {
    await freshTargetPage(ui, 'Logged failure');
    const { token } = emulatorEndpoint();
    // The token revoked once the target page was read: the upload's first request is refused.
    await emulator.addFault({ call: 'create', times: 1, action: { kind: 'status', status: 401 } });
    let sessionId: string | undefined;
    try {
      sessionId = (await upload(writeWorkspaceFile('logged/refused.txt', 900)))?.sessions[0]?.id;
    } finally {
      await emulator.clearFaults();
    }
    assert.ok(sessionId);
    const text = (await linesAbout(api, sessionId, /: failed/)).join('\n');
    assert.match(text, /\[error\] “refused\.txt” \[\w{8}\]: failed: API token is invalid\.? \(401 unauthorized\) request_id=\S+/);
    assert.ok(!logText(api).includes(token), 'the token is in the log');
  });

  it('logs a cancel by the user as info, and the request it cut short is no warning either', async function () {
    this.timeout(120_000);
    await freshTargetPage(ui, 'Logged cancel');
    await emulator.addFault({ call: 'send', action: { kind: 'throttle', bytesPerSecond: THROTTLE_BYTES_PER_SECOND } });
    const running = upload(writeWorkspaceFile('logged/slow.txt', 2 * 1024 * 1024));
    // The suite's uploads share Notion's request budget: the upload may first wait out the rest of a minute.
    let lastSeen = 'no row yet';
    const active = await waitFor('the upload to be sending', async () => {
      const found = (await treeRows(api)).find((row) => row.label === 'slow.txt');
      if (found) lastSeen = found.description;
      return found && /^\d+ %/.test(found.description) ? found : undefined;
    }, 75_000).catch((error: Error) => {
      throw new Error(`${error.message}; its row last showed: ${lastSeen}`);
    });
    await vscode.commands.executeCommand('notionUpload.cancelUpload', active.id);
    const session = (await running)!.sessions[0];
    assert.equal(session.state, 'cancelled');
    const text = (await linesAbout(api, session.id, /cancelled by you/)).join('\n');
    assert.match(text, /\[info\] “slow\.txt” \[\w{8}\]: cancelled by you after .+ of 2\.0 MiB/);
    const warnings = logText(api).split('\n').filter((line) => line.includes('[warning]') && line.includes(session.uploadId!));
    assert.deepEqual(warnings, [], 'a cancel is not a warning');
  });
});
