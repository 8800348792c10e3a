import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileSessionStore, KiB, MiB, SINGLE_PART_MAX_BYTES, sha256File, type StoredSession } from '../../../src/core';
import { start, type Emulator, type FaultRule } from '../../emulator/index';
import { writeRandomFile } from '../../core/support/randomFile';
import { CLI, finish, launch, type CliRun } from '../../support/cliProcess';
import { waitFor } from '../../support/waitFor';

interface FileReport {
  path: string;
  uploadId: string | null;
  blockId: string | null;
  sha256: string | null;
  state: string;
  notice: string | null;
  error: { message: string; hint?: string } | null;
}

const FILE_SIZE = SINGLE_PART_MAX_BYTES + 64 * KiB; // three parts of 10 MiB, the last 64 KiB
const HOLD_MS = 60_000; // longer than any test: a held answer never arrives before the kill

describe('notion-upload killed with SIGKILL at each step of a multi-part upload, then run again on the same state file', function () {
  let emulator: Emulator;
  let dir: string;
  let statePath: string;

  beforeEach(async () => {
    emulator = await start({ rateLimit: false });
    dir = await mkdtemp(join(tmpdir(), 'crash-resume-'));
    statePath = join(dir, 'state.json');
  });
  afterEach(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const args = (path: string): string[] => [
    path, '--page', emulator.pageId, '--api-base', emulator.url, '--state', statePath, '--part-size', '10', '--parts-in-flight', '1', '--json',
  ];
  const env = (): Record<string, string> => ({ NOTION_TOKEN: emulator.token });

  async function storedSessions(): Promise<StoredSession[]> {
    return JsonFileSessionStore.readRecords(statePath);
  }

  /** Starts the CLI with `rules` armed, kills it with SIGKILL once `ready` holds, and disarms the rules. */
  async function killWhen(path: string, rules: FaultRule[], what: string, ready: () => boolean | Promise<boolean>): Promise<StoredSession | undefined> {
    for (const rule of rules) emulator.addFault(rule);
    const child = launch(args(path), env(), dir);
    const exited = finish(child);
    try {
      await waitFor(what, ready);
    } finally {
      child.kill('SIGKILL');
    }
    const killed = await exited;
    assert.equal(killed.code, null, `the CLI ended by itself before the kill: ${killed.stderr}`);
    emulator.clearFaults();
    // A request cut by the kill is logged once the emulator sees its connection close; only then is the log cleared.
    await waitFor('the emulator logged every request of the killed run', () => emulator.requestLog().length === emulator.counters().requests);
    emulator.clearLog();
    return (await storedSessions())[0];
  }

  async function runAgain(path: string): Promise<{ run: CliRun; report: FileReport; sends: number[] }> {
    const run = await finish(launch(args(path), env(), dir));
    const report = JSON.parse(run.stdout.trim().split('\n')[0] ?? 'null') as FileReport;
    const sends = emulator.requestLog().filter((entry) => entry.call === 'send').map((entry) => entry.partNumber ?? 1).sort();
    return { run, report, sends };
  }

  function assertOneVerifiedBlock(report: FileReport, sha256: string): void {
    assert.equal(report.state, 'done', JSON.stringify(report.error));
    assert.equal(report.sha256, sha256, 'the CLI read the file as it is now');
    assert.equal(emulator.upload(report.uploadId!)?.sha256, sha256, 'Notion holds exactly the file, never a mix');
    const blocks = emulator.blocks(emulator.pageId);
    assert.deepEqual(blocks.map((block) => [block.uploadId, block.id]), [[report.uploadId, report.blockId]], 'exactly one block on the page');
  }

  const uploadIdAtNotion = (): string | undefined => emulator.uploads()[0]?.id;
  const bytesReceived = (): number => emulator.counters().bytesReceived;

  before(() => assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`));

  it('after create was made but before its answer came: a fresh upload, the orphan left pending', async () => {
    const file = await writeRandomFile(dir, 'orphan.pdf', FILE_SIZE);
    const atKill = await killWhen(file.path, [{ call: 'create', action: { kind: 'delay', ms: HOLD_MS } }], 'Notion created the upload',
      () => uploadIdAtNotion() !== undefined);
    assert.equal(atKill?.uploadId ?? null, null, 'no upload id was stored');
    const orphan = uploadIdAtNotion()!;
    const { run, report, sends } = await runAgain(file.path);
    assert.equal(run.code, 0, run.stderr);
    assertOneVerifiedBlock(report, file.sha256);
    assert.notEqual(report.uploadId, orphan);
    assert.equal(emulator.upload(orphan)?.status, 'pending');
    assert.deepEqual(sends, [1, 2, 3]);
  });

  it('mid-way through the first part: the same upload, every part sent once', async () => {
    const file = await writeRandomFile(dir, 'mid-part.pdf', FILE_SIZE);
    const atKill = await killWhen(file.path, [{ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 4 * MiB } }],
      'part 1 is half sent', () => bytesReceived() > 5 * MiB);
    assert.ok(atKill?.uploadId);
    assert.deepEqual(atKill.partsAcknowledged, []);
    const { run, report, sends } = await runAgain(file.path);
    assert.equal(run.code, 0, run.stderr);
    assertOneVerifiedBlock(report, file.sha256);
    assert.equal(report.uploadId, atKill.uploadId);
    assert.match(report.notice ?? '', /^Resumed: sending 3 of 3 parts/);
    assert.deepEqual(sends, [1, 2, 3]);
  });

  it('after the last part reached Notion but before its answer: the upload\'s count shows it is in, so nothing is sent again, then complete', async () => {
    const file = await writeRandomFile(dir, 'last-part.pdf', FILE_SIZE);
    const atKill = await killWhen(file.path, [{ call: 'send', partNumber: 3, action: { kind: 'delay', ms: HOLD_MS } }],
      'Notion holds all three parts', () => emulator.upload(uploadIdAtNotion() ?? '')?.partsSent === 3);
    assert.deepEqual(atKill?.partsAcknowledged, [1, 2]);
    const { run, report, sends } = await runAgain(file.path);
    assert.equal(run.code, 0, run.stderr);
    assertOneVerifiedBlock(report, file.sha256);
    assert.equal(report.uploadId, atKill.uploadId);
    assert.deepEqual(sends, [], 'parts 1 and 2 were acknowledged before the kill, and Notion counts three');
    assert.match(report.notice ?? '', /^Resumed: Notion already held every part/);
  });

  it('after complete, before attach: nothing sent again, attached once', async () => {
    const file = await writeRandomFile(dir, 'completed.pdf', FILE_SIZE);
    const atKill = await killWhen(file.path, [{ call: 'complete', action: { kind: 'delay', ms: HOLD_MS } }],
      'Notion completed the upload', () => emulator.upload(uploadIdAtNotion() ?? '')?.status === 'uploaded');
    const { run, report, sends } = await runAgain(file.path);
    assert.equal(run.code, 0, run.stderr);
    assertOneVerifiedBlock(report, file.sha256);
    assert.equal(report.uploadId, atKill?.uploadId);
    assert.match(report.notice ?? '', /^Resumed: Notion already had every byte/);
    assert.deepEqual(sends, []);
  });

  it('after the append landed but before its answer: the block already there is reported, no second one', async () => {
    const file = await writeRandomFile(dir, 'attached.pdf', FILE_SIZE);
    const atKill = await killWhen(file.path, [{ call: 'append', action: { kind: 'delay', ms: HOLD_MS } }],
      'the block is on the page', () => emulator.blocks(emulator.pageId).length === 1);
    const landed = emulator.blocks(emulator.pageId)[0];
    const { run, report, sends } = await runAgain(file.path);
    assert.equal(run.code, 0, run.stderr);
    assertOneVerifiedBlock(report, file.sha256);
    assert.equal(report.uploadId, atKill?.uploadId);
    assert.equal(report.blockId, landed.id);
    assert.deepEqual(sends, []);
    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'append').length, 0, 'no append at all');
  });

  describe('the file or the upload changed while the CLI was dead', () => {
    async function killAfterFirstPart(name: string): Promise<{ file: { path: string; sha256: string }; atKill: StoredSession }> {
      const file = await writeRandomFile(dir, name, FILE_SIZE);
      const atKill = await killWhen(file.path, [{ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 8 * MiB } }],
        'part 1 is acknowledged', async () => (await storedSessions())[0]?.partsAcknowledged.length === 1);
      assert.ok(atKill);
      return { file, atKill };
    }

    async function assertStartedOver(path: string, sha256: string, atKill: StoredSession, why: RegExp): Promise<void> {
      const { run, report, sends } = await runAgain(path);
      assert.equal(run.code, 0, run.stderr);
      assert.match(report.notice ?? '', why);
      assert.notEqual(report.uploadId, atKill.uploadId, 'a fresh upload');
      assertOneVerifiedBlock(report, sha256);
      assert.deepEqual(sends, [1, 2, 3]);
    }

    it('grew: a fresh upload of the whole new file, with a notice saying why', async () => {
      const { file, atKill } = await killAfterFirstPart('grew.pdf');
      await appendFile(file.path, Buffer.alloc(1000, 7));
      await assertStartedOver(file.path, (await sha256File(file.path)).sha256, atKill, /^Started over: the file changed/);
    });

    it('rewritten with the same size: a fresh upload, never the old parts mixed with the new', async () => {
      const { file, atKill } = await killAfterFirstPart('rewritten.pdf');
      const rewritten = await writeRandomFile(dir, 'rewritten.pdf', FILE_SIZE);
      await assertStartedOver(file.path, rewritten.sha256, atKill, /^Started over: the file changed/);
    });

    it('deleted: the run stops with a clear message before any request', async () => {
      const { file } = await killAfterFirstPart('deleted.pdf');
      await rm(file.path);
      const run = await finish(launch(args(file.path), env(), dir));
      assert.equal(run.code, 2);
      assert.match(run.stderr, /deleted\.pdf: no such file or folder/);
      assert.equal(emulator.requestLog().length, 0);
      assert.equal(emulator.blocks(emulator.pageId).length, 0);
    });

    it('expired at Notion (its clock past one hour): a fresh upload, with a notice saying why', async () => {
      const { file, atKill } = await killAfterFirstPart('expired.pdf');
      emulator.advanceClock(61 * 60_000);
      await assertStartedOver(file.path, file.sha256, atKill, /^Started over: (Notion no longer knows|the interrupted upload is expired)/);
    });
  });
});
