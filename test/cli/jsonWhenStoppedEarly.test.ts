// With --json, a run that stops before anything is sent still gives one line per file, so a script learns what became
// of each: Ctrl-C during the page check (state "cancelled", code "interrupted", exit 130), a state file another run
// holds (state "failed", code "state_file_busy", exit 2), a page refused at the check. A Markdown file that was to be
// published gets the page-shaped line a published one gets (page, blocks, uploaded, …), not an upload's.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, finish, jsonReports, launch } from '../support/cliProcess';
import { waitFor } from '../support/waitFor';
import { ScriptedNotion } from '../scenarios/badInput/support/scriptedNotion';

const TOKEN = 'ntn_stoppedEarlyTokenAbcdefghij1234567890';
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const FILE_KEYS = ['blockId', 'bytes', 'error', 'path', 'sha256', 'state', 'uploadId', 'url'];

describe('notion-upload --json when the run stops before anything is sent', function () {
  const scripted = new ScriptedNotion();
  let dir: string;
  let png: string;
  let md: string;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    await scripted.start();
    dir = await mkdtemp(join(tmpdir(), 'cli-stopped-early-'));
    png = (await writeRandomFile(dir, 'photo.png', 4000)).path;
    md = join(dir, 'notes.md');
    await writeFile(md, '# Notes\n\nA paragraph.\n');
  });
  after(async () => {
    await scripted.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    scripted.calls.length = 0;
    scripted.script = (call) => (call === 'retrievePage' ? { hang: true } : undefined);
  });

  const launchScripted = (args: string[]) => launch([png, md, '--page', PAGE, '--api-base', scripted.url, '--json', ...args], { NOTION_TOKEN: TOKEN }, dir);

  it('Ctrl-C during the page check: exit 130 and a "cancelled" line per file, the .md one page-shaped', async () => {
    const child = launchScripted([]);
    const run = finish(child, 60_000);
    await waitFor('the page check to arrive', () => scripted.count('retrievePage') === 1, 20_000);
    child.kill('SIGINT');
    const result = await run;
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /stopped before anything was sent/);
    assert.deepEqual(scripted.calls.map((entry) => entry.call), ['retrievePage']);
    const [file, page] = jsonReports(result);
    assert.deepEqual(Object.keys(file).sort(), FILE_KEYS);
    assert.deepEqual({ path: file.path, state: file.state, uploadId: file.uploadId, bytes: file.bytes, code: file.error.code },
      { path: png, state: 'cancelled', uploadId: null, bytes: 0, code: 'interrupted' });
    assert.match(file.error.message, /stopped on request \(Ctrl-C or SIGTERM\) while the target page 1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988 was being checked; nothing was sent/);
    assert.match(file.error.hint, /Run the same command again/);
    assert.deepEqual(page, { path: md, page: null, blocks: 0, uploaded: [], reused: [], warnings: [], state: 'cancelled', error: file.error });
  });

  it('a state file another run holds: exit 2 and a "failed" line per file with state_file_busy and the holder\'s pid', async () => {
    const state = join(dir, 'held-state.json');
    // The first run takes the lock, then waits on a page check that never ends.
    const holder = launchScripted(['--state', state]);
    const holding = finish(holder, 60_000);
    try {
      await waitFor('the first run to hold the state file', () => existsSync(`${state}.lock`) && scripted.count('retrievePage') === 1, 20_000);
      const refused = await finish(launchScripted(['--state', state]), 60_000);
      assert.equal(refused.code, 2, refused.stderr);
      assert.equal(scripted.count('retrievePage'), 1, 'the refused run asked Notion nothing');
      const [file, page] = jsonReports(refused);
      assert.deepEqual(Object.keys(file).sort(), FILE_KEYS);
      assert.deepEqual({ path: file.path, state: file.state, uploadId: file.uploadId, code: file.error.code }, { path: png, state: 'failed', uploadId: null, code: 'state_file_busy' });
      assert.match(file.error.message, new RegExp(`another run \\(pid ${holder.pid}\\) is using this state file .*held-state\\.json.*; nothing was sent$`));
      assert.match(file.error.hint, /Wait for the other run to finish, or give this run a state file of its own/);
      assert.deepEqual(page, { path: md, page: null, blocks: 0, uploaded: [], reused: [], warnings: [], state: 'failed', error: file.error });
    } finally {
      holder.kill('SIGINT');
      assert.equal((await holding).code, 130);
    }
  });
});

describe('notion-upload --json: a Markdown file refused at the page check has the line of a published one', function () {
  let emulator: Emulator;
  let dir: string;

  before(async () => {
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-refused-md-'));
    await writeFile(join(dir, 'notes.md'), '# Notes\n\nA paragraph.\n');
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('the same keys as the published line, page null, the refusal as the error', async () => {
    const md = join(dir, 'notes.md');
    const publish = (page: string) => finish(launch([md, '--page', page, '--api-base', emulator.url, '--json'], { NOTION_TOKEN: emulator.token }, dir));
    const published = await publish(emulator.pageId);
    assert.equal(published.code, 0, published.stderr);
    const [done] = jsonReports(published);
    assert.equal(done.state, 'done');

    const hidden = emulator.addPage('Not shared', { sharedWith: [] });
    emulator.clearLog();
    const refused = await publish(hidden);
    assert.equal(refused.code, 1, refused.stderr);
    assert.deepEqual(emulator.requestLog().map((entry) => entry.call), ['retrievePage']);
    const [line] = jsonReports(refused);
    assert.deepEqual(Object.keys(line), Object.keys(done), 'the keys of a published page\'s line, in its order');
    assert.deepEqual({ ...line, error: undefined }, { path: md, page: null, blocks: 0, uploaded: [], reused: [], warnings: [], state: 'failed', error: undefined });
    assert.equal(line.error.code, 'object_not_found');
    assert.match(line.error.message, new RegExp(`cannot find the target page ${hidden}.*Nothing was sent\\.$`));
    assert.match(line.error.hint, /share that page with the integration/);

    // Refused by Notion while being published (after the check): the same keys again.
    emulator.addFault({ call: 'createPage', times: Infinity, action: { kind: 'status', status: 400 } });
    try {
      await writeFile(join(dir, 'other.md'), '# Other\n\nText.\n');
      const failed = await finish(launch([join(dir, 'other.md'), '--page', emulator.pageId, '--api-base', emulator.url, '--json'], { NOTION_TOKEN: emulator.token }, dir));
      assert.equal(failed.code, 1, failed.stderr);
      const [failedLine] = jsonReports(failed);
      assert.deepEqual(Object.keys(failedLine), Object.keys(done));
      assert.deepEqual({ page: failedLine.page, blocks: failedLine.blocks, uploaded: failedLine.uploaded, state: failedLine.state }, { page: null, blocks: 0, uploaded: [], state: 'failed' });
    } finally {
      emulator.clearFaults();
    }
  });
});

describe('notion-upload --json: a state file that cannot be written', function () {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'cli-state-unusable-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  it('exit 2 and a "failed" line per file with state_file_unusable, before any request', async () => {
    const file = (await writeRandomFile(dir, 'a.png', 1000)).path;
    await writeFile(join(dir, 'plain-file'), 'x');
    // No server listens there: a request would fail as a network error, not as the state file's refusal.
    const run = await finish(launch([file, '--page', PAGE, '--api-base', 'http://127.0.0.1:9', '--state', join(dir, 'plain-file', 'state.json'), '--json'], { NOTION_TOKEN: TOKEN }, dir));
    assert.equal(run.code, 2, run.stderr);
    const [line] = jsonReports(run);
    assert.deepEqual({ path: line.path, state: line.state, code: line.error.code }, { path: file, state: 'failed', code: 'state_file_unusable' });
    assert.match(line.error.message, /state file .*plain-file.*; nothing was sent$/);
    assert.match(line.error.hint, /--state/);
  });
});
