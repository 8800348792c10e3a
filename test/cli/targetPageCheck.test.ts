// Before any byte is sent, the CLI reads the target page once: a page Notion cannot find (or a token it refuses)
// stops the run there, every file reported failed with what to do; an integration that may insert but not read
// (403 on the page) still uploads.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { finish, jsonReports, launch, type CliRun } from '../support/cliProcess';
import { ScriptedNotion } from '../scenarios/badInput/support/scriptedNotion';
import { RawApi } from '../emulator/support/rawApi';

describe('notion-upload checks the target page before sending', function () {
  let emulator: Emulator;
  let dir: string;
  let files: string[];
  const run = (args: string[], token = emulator.token): Promise<CliRun> =>
    finish(launch([...files, ...args, '--api-base', emulator.url], { NOTION_TOKEN: token }, dir));

  before(async () => {
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-page-check-'));
    files = [(await writeRandomFile(dir, 'one.png', 3000)).path, (await writeRandomFile(dir, 'two.pdf', 6 * 1024 * 1024)).path];
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.clearLog());

  it('a page the token cannot see: one read, no upload made, each file failed in --json with the page and what to do', async () => {
    const hidden = emulator.addPage('Not shared', { sharedWith: [] });
    const result = await run(['--page', hidden, '--json']);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(emulator.requestLog().map((entry) => entry.call), ['retrievePage'], 'nothing but the page was asked for');
    const reports = jsonReports(result);
    assert.deepEqual(reports.map((report) => report.path), files);
    for (const report of reports) {
      assert.equal(report.state, 'failed');
      assert.equal(report.uploadId, null);
      assert.equal(report.bytes, 0);
      assert.equal(report.error.code, 'object_not_found');
      assert.equal(report.error.status, 404);
      assert.match(report.error.message, new RegExp(`cannot find the target page ${hidden}.*Nothing was sent\\.$`));
      assert.match(report.error.hint, /Check --page .*share that page with the integration.*Connections/);
    }
  });

  it('a page in Notion\'s trash, which Notion still reads but never adds to: one read, no upload, each file failed with what to do', async () => {
    const trashed = emulator.addPage('Old notes', { sharedWith: [emulator.token] });
    const api = new RawApi(emulator.url, emulator.token);
    assert.equal((await api.call('PATCH', `/v1/pages/${trashed}`, { json: { in_trash: true } })).status, 200);
    emulator.clearLog();
    const result = await run(['--page', trashed, '--json']);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(emulator.requestLog().map((entry) => entry.call), ['retrievePage'], 'nothing but the page was asked for');
    const reports = jsonReports(result);
    assert.deepEqual(reports.map((report) => [report.path, report.state, report.bytes, report.error.code]), files.map((file) => [file, 'failed', 0, 'page_in_trash']));
    for (const report of reports) {
      assert.match(report.error.message, /^The target page “Old notes” is in Notion's trash: nothing can be added to it\. Nothing was sent\.$/);
      assert.match(report.error.hint, /^Restore the page from the trash in Notion .* or give another page with --page\.$/);
    }
  });

  it('the same without --json: a failed line per file on stderr, nothing on stdout', async () => {
    const result = await run(['--page', '0123456789abcdef0123456789abcdef']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    for (const file of files) assert.match(result.stderr, new RegExp(`failed ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Notion cannot find the target page`));
    assert.match(result.stderr, /what to do: Check --page/);
    assert.deepEqual(emulator.requestLog().map((entry) => entry.call), ['retrievePage']);
  });

  it('a token Notion refuses: asked once, not once per file, and no upload made', async () => {
    const result = await run(['--page', emulator.pageId, '--json'], 'ntn_notARealTokenAbcdefghij1234567890');
    assert.equal(result.code, 1);
    assert.deepEqual(emulator.requestLog().map((entry) => entry.call), ['retrievePage']);
    assert.deepEqual(jsonReports(result).map((report) => report.error.code), ['unauthorized', 'unauthorized']);
    assert.doesNotMatch(result.stdout + result.stderr, /notARealToken/);
  });

  it('files an earlier run put on the page: skipped without asking Notion anything, even with a token it now refuses', async () => {
    const state = join(dir, 'state.json');
    const first = await run(['--page', emulator.pageId, '--json', '--state', state]);
    assert.equal(first.code, 0, first.stderr);
    emulator.clearLog();
    const again = await run(['--page', emulator.pageId, '--json', '--state', state], 'ntn_rotatedTokenAbcdefghij1234567890');
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(jsonReports(again).map((report) => report.state), ['skipped', 'skipped']);
    assert.deepEqual(emulator.requestLog(), []);
  });

  it('a gateway\'s HTML 403 in front of Notion is not Notion\'s "may not read": the run stops at the check', async () => {
    const scripted = new ScriptedNotion();
    await scripted.start();
    try {
      scripted.script = () => ({ status: 403, body: '<html><head><title>Access denied</title></head><body>blocked</body></html>', headers: { 'content-type': 'text/html' } });
      const result = await finish(launch([files[0], '--page', emulator.pageId, '--json', '--api-base', scripted.url], { NOTION_TOKEN: 'ntn_scriptedTokenAbcdefghij1234567890' }, dir));
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(scripted.calls.map((entry) => entry.call), ['retrievePage']);
      const [report] = jsonReports(result);
      assert.match(report.error.message, /HTML page \("Access denied"\).*Nothing was sent\.$/);
    } finally {
      await scripted.stop();
    }
  });

  describe('a 200 answer that is not the page stops the run as a 404 does', function () {
    const scripted = new ScriptedNotion();
    const TOKEN = 'ntn_scriptedTokenAbcdefghij1234567890';
    const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
    const DASHED = '1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988';
    before(() => scripted.start());
    after(() => scripted.stop());
    beforeEach(() => (scripted.calls.length = 0));
    const runScripted = (page: string) => finish(launch([...files, '--page', page, '--json', '--api-base', scripted.url], { NOTION_TOKEN: TOKEN }, dir));
    const json200 = (value: unknown) => ({ status: 200, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
    const pageObject = (id: string) => ({ object: 'page', id, url: `https://www.notion.so/${id.replace(/-/g, '')}`, properties: {} });

    const answers: Array<{ name: string; answer: () => { status: number; body: string; headers: Record<string, string> }; says: RegExp }> = [
      { name: 'an empty object', answer: () => json200({}), says: /not that page: it has no "object" field, where Notion's page has "object": "page"/ },
      { name: 'a list', answer: () => json200({ object: 'list', results: [], has_more: false, next_cursor: null }), says: /not that page: its "object" is "list"/ },
      { name: 'a database with the same id', answer: () => json200({ object: 'database', id: DASHED, title: [] }), says: /not that page: its "object" is "database"/ },
      { name: 'a page object without an id', answer: () => json200({ object: 'page', properties: {} }), says: /not that page: it is a page object without an id/ },
      { name: 'another page\'s object', answer: () => json200(pageObject('0123abcd-0123-4567-89ab-0123456789ab')), says: /not that page: it is the page object of another page \(0123abcd-0123-4567-89ab-0123456789ab\)/ },
      { name: 'an HTML sign-in page', answer: () => ({ status: 200, body: '<html><head><title>Sign in</title></head></html>', headers: { 'content-type': 'text/html' } }), says: /HTML page \("Sign in"\)/ },
    ];
    for (const { name, answer, says } of answers) {
      it(`${name}: one read, no upload made, each file failed in --json naming the page and what to do`, async () => {
        scripted.script = (call) => (call === 'retrievePage' ? answer() : undefined);
        const result = await runScripted(PAGE);
        assert.equal(result.code, 1, result.stderr);
        assert.deepEqual(scripted.calls.map((entry) => entry.call), ['retrievePage'], 'nothing but the page was asked for');
        const reports = jsonReports(result);
        assert.deepEqual(reports.map((report) => report.path), files);
        for (const report of reports) {
          assert.equal(report.state, 'failed');
          assert.equal(report.uploadId, null);
          assert.equal(report.error.code, 'invalid_response');
          assert.match(report.error.message, new RegExp(`target page ${DASHED}|reading page ${DASHED}`));
          assert.match(report.error.message, says);
          assert.match(report.error.message, /Nothing was sent\.$/);
          assert.match(report.error.hint, /Something other than Notion answered: check --api-base/);
        }
      });
    }

    it('the page\'s own object, its id dashed, for a --page given without dashes: the files are uploaded', async () => {
      scripted.script = (call) => (call === 'retrievePage' ? json200(pageObject(DASHED)) : undefined);
      const result = await runScripted(PAGE);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(jsonReports(result).map((report) => report.state), ['done', 'done']);
      assert.equal(scripted.count('retrievePage'), 1);
    });
  });

  it('a page the integration may not read (403) but may add to: the files are uploaded and attached', async () => {
    const scripted = new ScriptedNotion();
    await scripted.start();
    try {
      scripted.script = (call) => call === 'retrievePage'
        ? { status: 403, body: JSON.stringify({ object: 'error', status: 403, code: 'restricted_resource', message: 'Insufficient permissions for this endpoint.' }), headers: { 'content-type': 'application/json' } }
        : undefined;
      const result = await finish(launch([files[0], '--page', emulator.pageId, '--json', '--api-base', scripted.url], { NOTION_TOKEN: 'ntn_scriptedTokenAbcdefghij1234567890' }, dir));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(jsonReports(result)[0].state, 'done');
      assert.deepEqual(scripted.calls.map((entry) => entry.call), ['retrievePage', 'usersMe', 'create', 'send', 'append']);
    } finally {
      await scripted.stop();
    }
  });
});
