// Each file is read once, by its upload: the duplicate question is answered from what is cheap (path, size,
// modification time and the hashes earlier uploads recorded), and a file is read ahead only when that cannot tell.
//
// Reads are counted with the kernel's count of the bytes this process (the extension host, where the extension and
// these tests run) has read: /proc/self/io's rchar. A read of the whole file before its upload shows there as its size.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuWaitMs, describeCpuWait } from '../../../support/cpuWait';
import { describeLateness, loopLateness } from '../../../support/loopLateness';
import * as vscode from 'vscode';
import { startCpuProfile } from './helpers/cpuProfile';
import { idleHostFigures } from './helpers/idleHost';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, folderUploadChoice, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspacePath, workspaceUri } from './helpers/uploadFixtures';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Bytes this process has read through read(2) and its kin, files and sockets alike. */
function bytesReadSoFar(): number {
  const match = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  assert.ok(match, '/proc/self/io has no rchar line');
  return Number(match[1]);
}

/** A file of `size` zero bytes that takes no disk space (a hole), as `truncate -s` makes it. */
function writeSparseFile(relativePath: string, size: number): vscode.Uri {
  const path = workspacePath(relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '');
  truncateSync(path, size);
  return vscode.Uri.file(path);
}


describe('Upload to Notion: one read per file', () => {
  let ui: ScriptedUi;
  const made: string[] = [];

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(async () => {
    // Cancel All asks first when more than one upload runs: answered here, before the scripted dialogs go.
    ui.answer = (question) => question.choices.find((choice) => choice.startsWith('Stop'));
    await vscode.commands.executeCommand('notionUpload.cancelAll');
    ui.dispose();
    for (const path of made.splice(0)) rmSync(workspacePath(path), { recursive: true, force: true });
  });

  it('starts sending a 2 GiB file without reading it first, and prints the time from the confirmation to its first byte', async function () {
    this.timeout(120_000);
    await freshTargetPage(ui, 'Two GiB');
    made.push('one-read-big');
    writeSparseFile('one-read-big/two-gib.pdf', 2 * GiB);
    // The baseline for the loop figures below, in the same run: the host over as long a stretch with nothing to send.
    const idle = await idleHostFigures(3000);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let confirmed: { at: number; bytesRead: number; cpuWaitMs: number | undefined } | undefined;
    ui.answer = (question) => {
      const send = folderUploadChoice(question);
      if (!send) return undefined;
      confirmed = { at: performance.now(), bytesRead: bytesReadSoFar(), cpuWaitMs: cpuWaitMs() };
      loop.enable();
      return send;
    };
    const before = await emulator.counters();
    const profile = await startCpuProfile('two-gib-first-seconds');
    const running = upload(workspaceUri('one-read-big'));

    // The create request's body is a few hundred bytes; what comes beyond that is the first part's.
    await waitFor('the first bytes of the first part', async () => (await emulator.counters()).bytesReceived - before.bytesReceived > 64 * 1024 || undefined, 60_000);
    const firstByte = { at: performance.now(), bytesRead: bytesReadSoFar() };
    assert.ok(confirmed, 'the folder upload was not confirmed');
    await waitFor('the first part acknowledged', async () => (await emulator.log()).some((entry) => entry.call === 'send' && entry.status === 200) || undefined, 60_000);
    const loopUntil = confirmed.at + 3000;
    if (performance.now() < loopUntil) await new Promise((resolve) => setTimeout(resolve, loopUntil - performance.now()));
    loop.disable();
    const cpuWait = describeCpuWait(confirmed.cpuWaitMs, performance.now() - confirmed.at);
    // How fast the upload went sets how much work the host had meanwhile: on loopback the emulator, not a network, sets it.
    const arrivedMiB = ((await emulator.counters()).bytesReceived - before.bytesReceived) / MiB;
    const profilePath = await profile.stop();
    await vscode.commands.executeCommand('notionUpload.cancelAll');
    const outcome = await running;
    assert.deepEqual(outcome?.sessions.map((session) => session.state), ['cancelled']);

    const readFirst = firstByte.bytesRead - confirmed.bytesRead;
    console.log(`      2 GiB file: ${(firstByte.at - confirmed.at).toFixed(0)} ms from the confirmation to its first byte at Notion; ${(readFirst / MiB).toFixed(1)} MiB read by the host meanwhile`);
    console.log(`      event-loop delay over the first ${((performance.now() - confirmed.at) / 1000).toFixed(1)} s of the upload (${arrivedMiB.toFixed(0)} MiB reached the emulator): ${describeLateness(loopLateness(loop, 10), 10)}${cpuWait}`);
    console.log(`      baseline, the host idle for 3.0 s just before: ${idle}`);
    if (profilePath) console.log(`      CPU profile over those seconds: ${profilePath}`);
    // A read of the whole file ahead of its upload would count its 2 GiB here; the upload reads only its first parts.
    assert.ok(readFirst < 256 * MiB, `${(readFirst / MiB).toFixed(0)} MiB were read before the first byte was sent`);
  });

  it('asks again for the same file at the same path without reading it before the question', async () => {
    const pageId = await freshTargetPage(ui, 'Same path');
    made.push('one-read-same');
    const file = writeSparseFile('one-read-same/zeros.pdf', 24 * MiB);
    const first = await upload(file);
    assert.equal(first?.sessions[0]?.state, 'done', JSON.stringify({ first, questions: ui.questions, notices: ui.notices }));

    let readBeforeQuestion: number | undefined;
    const started = bytesReadSoFar();
    ui.answer = (question) => {
      readBeforeQuestion ??= bytesReadSoFar() - started;
      return question.choices[0];
    };
    assert.deepEqual((await upload(file))?.sessions, []);
    assert.match(ui.questions[0]?.message ?? '', /^“one-read-same\/zeros\.pdf” was uploaded to “Same path” on .+\. Upload again\?$/);
    assert.equal((await emulator.blocks(pageId)).length, 1, 'Skip It sent nothing');
    assert.ok(readBeforeQuestion !== undefined && readBeforeQuestion < 8 * MiB, `${((readBeforeQuestion ?? 0) / MiB).toFixed(1)} MiB were read before the question`);
  });

  it('reads ahead, and asks, when the same bytes come from another path or from the same file touched since', async () => {
    const pageId = await freshTargetPage(ui, 'Copies');
    made.push('one-read-copies');
    const original = writeSparseFile('one-read-copies/original.pdf', 6 * MiB);
    assert.equal((await upload(original))?.sessions[0]?.state, 'done');
    copyFileSync(original.fsPath, workspacePath('one-read-copies/copy.pdf'));
    writeSparseFile('one-read-copies/other-size.pdf', 6 * MiB + 1);

    ui.answer = (question) => question.choices[0];
    const outcome = await upload(workspaceUri('one-read-copies/copy.pdf'), workspaceUri('one-read-copies/other-size.pdf'));
    assert.equal(ui.questions.length, 1);
    assert.match(ui.questions[0].message, /^“one-read-copies\/copy\.pdf” was uploaded to “Copies” on .+\. Upload again\?$/);
    assert.deepEqual(outcome?.sessions.map((session) => [session.fileName, session.state]), [['other-size.pdf', 'done']]);

    // Same path, same bytes, a new modification time: only the bytes can tell, and they say it is on the page.
    const later = new Date(Date.now() + 60_000);
    utimesSync(original.fsPath, later, later);
    ui.questions.length = 0;
    assert.deepEqual((await upload(original))?.sessions, []);
    assert.match(ui.questions[0]?.message ?? '', /^“one-read-copies\/original\.pdf” was uploaded to “Copies” on .+\. Upload again\?$/);
    assert.equal((await emulator.blocks(pageId)).length, 2);
  });
});
