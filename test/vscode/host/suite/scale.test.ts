import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuWaitMs, describeCpuWait } from '../../../support/cpuWait';
import { GcPauses } from '../../../support/gcPauses';
import { describeLateness, loopLateness } from '../../../support/loopLateness';
import * as vscode from 'vscode';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { CommandIds, REVEAL_UPLOADS_VIEW_COMMAND } from '../../../../src/vscode/commandIds';
import { MAX_FILES_PER_BATCH } from '../../../../src/vscode/folderExpansion';
import { MORE_ROWS_ELEMENT, ROWS_PER_PAGE } from '../../../../src/vscode/uploadsTree';
import type { UploadOutcome } from '../../../../src/vscode/uploadCommand';
import { startCpuProfile } from './helpers/cpuProfile';
import { idleHostFigures } from './helpers/idleHost';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, folderUploadChoice, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspacePath, workspaceUri } from './helpers/uploadFixtures';

const SESSIONS = 10_000;
/** A folder upload takes at most MAX_FILES_PER_BATCH files, so the sessions come from folders of that size. */
const FOLDERS = Math.ceil(SESSIONS / MAX_FILES_PER_BATCH);
const CREATE_DELAY_MS = 2000;

/**
 * Written a hundred at a time without blocking the host: seconds of synchronous writes let the emulator close an idle
 * keep-alive connection unnoticed, and the next control request on it then failed with "other side closed".
 */
async function writeTinyFiles(folder: string, count: number, offset: number): Promise<void> {
  const path = workspacePath(folder);
  await mkdir(path, { recursive: true });
  for (let start = 0; start < count; start += 100) {
    const names = Array.from({ length: Math.min(100, count - start) }, (_, i) => offset + start + i);
    await Promise.all(names.map((n) => writeFile(join(path, `f${String(n).padStart(5, '0')}.txt`), `${n}\n`)));
  }
}

/** About as long as queuing 10,000 files takes here, so that the idle baseline sees as many of the editor's own pauses. */
const IDLE_WINDOW_MS = 3500;

async function rowCount(api: NotionUploadApi): Promise<number> {
  return ((await api.uploadsView.getChildren()) ?? []).length;
}


describe('the Uploads view at scale', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;
  const folders = Array.from({ length: FOLDERS }, (_, index) => `many-${index + 1}`);

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
  });
  afterEach(async () => {
    await emulator.clearFaults();
    // Cancel All and Clear Finished ask first: answered here, before the scripted dialogs go.
    ui.answer = (question) => question.choices.find((choice) => /^(Stop|Clear)/.test(choice));
    await vscode.commands.executeCommand('notionUpload.cancelAll');
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    ui.dispose();
    for (const folder of folders) rmSync(workspacePath(folder), { recursive: true, force: true });
  });

  it(`lists ${SESSIONS} queued uploads a page at a time in the open view, keeps the host responsive, and Cancel All settles every row and stops all requests`, async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('notionUpload.clearFinished');
    const rowsBefore = await rowCount(api);
    await freshTargetPage(ui, 'Ten thousand');
    for (const [index, folder] of folders.entries()) await writeTinyFiles(folder, Math.min(MAX_FILES_PER_BATCH, SESSIONS - index * MAX_FILES_PER_BATCH), index * MAX_FILES_PER_BATCH);
    await emulator.addFault({ call: 'create', times: Infinity, action: { kind: 'delay', ms: CREATE_DELAY_MS } });
    ui.answer = folderUploadChoice;

    // The view open, as a user watching their uploads has it: VS Code then asks this host for the rows on every
    // redraw, in one turn of its loop. The rows it asks for are counted.
    await vscode.commands.executeCommand(REVEAL_UPLOADS_VIEW_COMMAND);
    const provider = api.uploadsView as { getChildren(element?: string): vscode.ProviderResult<string[]> };
    const getChildren = provider.getChildren.bind(provider);
    let redraws = 0;
    let rowsAskedFor = 0;
    provider.getChildren = async (element?: string) => {
      const ids = (await getChildren(element)) ?? [];
      redraws += 1;
      rowsAskedFor += ids.length;
      return ids;
    };
    // The baseline, in the same run: the same host with the view open and nothing of ours to do, watched as long as
    // the queuing usually takes (idleHost.ts).
    const idle = await idleHostFigures(IDLE_WINDOW_MS);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const cancelLoop = monitorEventLoopDelay({ resolution: 10 });
    const profile = await startCpuProfile('scale-queued-and-running');
    loop.enable();
    const gc = new GcPauses().start();
    const cpuAtStart = process.cpuUsage();
    const cpuWaitAtStart = cpuWaitMs();
    const queuing = performance.now();
    const running: Array<Thenable<UploadOutcome | undefined>> = [];
    // Waits with the cheap session count: listing 10,000 rows here would stall the loop this test measures.
    for (const folder of folders) {
      const expected = api.sessionCount() + Math.min(MAX_FILES_PER_BATCH, SESSIONS - running.length * MAX_FILES_PER_BATCH);
      running.push(upload(workspaceUri(folder)));
      await waitFor(`${expected} sessions`, () => api.sessionCount() >= expected, 60_000);
    }
    const queuedMs = performance.now() - queuing;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    loop.disable();
    const gcPauses = gc.stop(16);
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuWait = describeCpuWait(cpuWaitAtStart, performance.now() - queuing);
    const profilePath = await profile.stop();
    const confirmations = ui.questions.filter((question) => folderUploadChoice(question));
    assert.equal(confirmations.length, FOLDERS);
    for (const question of confirmations) assert.match(question.message, new RegExp(`^Upload ${MAX_FILES_PER_BATCH} files \\(`));

    provider.getChildren = getChildren;
    // Timings are printed, not asserted: on a shared machine they measure the load as much as the extension. They are
    // printed before the checks below, so that a run that fails one still shows them.
    console.log(`      ${SESSIONS} sessions from ${FOLDERS} folder uploads of at most ${MAX_FILES_PER_BATCH}: listed and queued in ${queuedMs.toFixed(0)} ms`);
    console.log(`      event-loop delay while queued and running: ${describeLateness(loopLateness(loop, 10), 10)}${cpuWait}`);
    console.log(`      baseline, the host idle for ${(IDLE_WINDOW_MS / 1000).toFixed(1)} s just before (view open, nothing queued): ${idle}`);
    console.log(`      extension host CPU while queued and running: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`);
    console.log(`      garbage collections meanwhile: ${gcPauses}`);
    console.log(`      Uploads view (open): VS Code asked for ${rowsAskedFor} rows in ${redraws} redraws while queued`);
    if (profilePath) console.log(`      CPU profile while queued and running: ${profilePath}`);

    // A page of rows, the uploads being sent first, and a last row for the rest: a redraw costs what a page costs.
    const listing = performance.now();
    const ids = (await api.uploadsView.getChildren()) ?? [];
    const childrenMs = performance.now() - listing;
    const items = ids.map((id) => api.uploadsView.getTreeItem(id) as vscode.TreeItem);
    const treeMs = performance.now() - listing;
    assert.equal(ids.length, ROWS_PER_PAGE + 1);
    assert.equal(ids.at(-1), MORE_ROWS_ELEMENT);
    const more = items.at(-1)!;
    const notListed = rowsBefore + SESSIONS - ROWS_PER_PAGE;
    assert.equal(more.label, `Show ${ROWS_PER_PAGE} more (${notListed.toLocaleString('en-US')} not listed)`);
    const rows = items.slice(0, -1);
    const firstQueued = rows.findIndex((item) => item.description === 'Queued');
    assert.ok(firstQueued >= 1, `no upload being sent heads the page: ${rows.slice(0, 5).map((item) => item.description).join(', ')}`);
    assert.deepEqual(rows.slice(firstQueued).filter((item) => item.description !== 'Queued').map((item) => item.description), [], 'a row being sent comes after a queued one');
    // The status bar keeps a running count from each session's events: it must agree with the rows and the "more"
    // row's count of those queued past the page (give or take the few uploads that finish between the readings).
    const hiddenQueued = more.description === 'all queued' ? notListed : Number(/^([\d,]+) queued$/.exec(String(more.description))?.[1].replace(/,/g, '') ?? 0);
    const activeRows = rows.filter((item) => /\bactive\b/.test(item.contextValue ?? '')).length + hiddenQueued;
    const shown = Number(/^\$\(cloud-upload\) (\d+) · /.exec(api.statusBarText() ?? '')?.[1]);
    assert.ok(Math.abs(shown - activeRows) <= 6, `the status bar counts ${shown} uploads running, the view ${activeRows} (${more.description})`);
    await vscode.commands.executeCommand(CommandIds.showMoreUploads);
    assert.equal(((await api.uploadsView.getChildren()) ?? []).length, 2 * ROWS_PER_PAGE + 1, 'the "more" row\'s command shows the next page');
    // Every page shown: no "more" row, and the uploads being sent still head the list (they once fell to its end).
    let all = (await api.uploadsView.getChildren()) ?? [];
    for (let clicks = 0; all.at(-1) === MORE_ROWS_ELEMENT && clicks < SESSIONS / ROWS_PER_PAGE + 2; clicks += 1) {
      await vscode.commands.executeCommand(CommandIds.showMoreUploads);
      all = (await api.uploadsView.getChildren()) ?? [];
    }
    assert.notEqual(all.at(-1), MORE_ROWS_ELEMENT, 'every page shown');
    const head = all.slice(0, 3).map((id) => api.uploadsView.getTreeItem(id) as vscode.TreeItem);
    assert.ok(head.some((item) => /\bactive\b/.test(item.contextValue ?? '') && item.description !== 'Queued'), `the list, every page shown, begins ${head.map((item) => item.description).join(', ')}`);

    cancelLoop.enable();
    ui.answer = (question) => question.choices.find((choice) => choice.startsWith('Stop'));
    const cancelling = performance.now();
    await vscode.commands.executeCommand('notionUpload.cancelAll');
    const outcomes = await Promise.all(running);
    const cancelMs = performance.now() - cancelling;
    cancelLoop.disable();

    const states = outcomes.flatMap((outcome) => outcome?.sessions.map((session) => session.state) ?? []);
    assert.equal(states.length, SESSIONS);
    assert.ok(states.every((state) => state === 'cancelled' || state === 'done'), `unsettled: ${states.filter((s) => s !== 'cancelled' && s !== 'done').slice(0, 5).join(', ')}`);
    const settledRows = ((await api.uploadsView.getChildren()) ?? []).map((id) => api.uploadsView.getTreeItem(id) as vscode.TreeItem);
    assert.ok(settledRows.every((item) => !/\bactive\b/.test(item.contextValue ?? '')), 'a row still shows as active');
    assert.ok(settledRows.every((item) => item.description !== 'Queued'), 'a row still shows as queued');
    await waitFor('the status bar to hide once nothing runs', () => api.statusBarText() === undefined, 5000);

    const before = await emulator.counters();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await emulator.counters()).requests, before.requests, 'requests went on after Cancel All');

    console.log(`      a page of the view: getChildren ${childrenMs.toFixed(1)} ms, + getTreeItem for its rows ${treeMs.toFixed(1)} ms total`);
    console.log(`      Cancel All settled ${states.length} sessions (${states.filter((s) => s === 'done').length} had finished) in ${cancelMs.toFixed(0)} ms; loop delay meanwhile max ${loopLateness(cancelLoop, 10).maxMs.toFixed(1)} ms beyond its 10 ms interval`);
  });
});
