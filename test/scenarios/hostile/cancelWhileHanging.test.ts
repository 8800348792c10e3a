import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { finish, launch } from '../../support/cliProcess';
import { waitFor } from '../../support/waitFor';
import { HostileNotion } from './support/hostileNotion';

// A server that takes a request and never answers: a cancel must still end every request, the shared users/me too.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const TOKEN = 'ntn_hangingTokenAbcdefghij1234567890';

describe('hostile servers: cancelling while the server never answers', function () {
  const notion = new HostileNotion();
  let dir: string;
  let file: string;
  /** Requests the server has taken and not answered, and when each connection closed. */
  let open: Array<{ call: string; closedAt: number | null }> = [];

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-hanging-'));
    file = (await writeRandomFile(dir, 'small.pdf', 2048)).path;
  });
  after(async () => {
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    notion.reset();
    open = [];
    notion.attack = (call, _request, res) => {
      if (call !== 'usersMe') return false;
      const entry = { call, closedAt: null as number | null };
      open.push(entry);
      res.on('close', () => (entry.closedAt = Date.now()));
      return true; // and never a byte back
    };
  });

  it('manager.cancelAll ends the shared users/me request within a second', async () => {
    const manager = new UploadManager({ token: TOKEN, settings: { apiBase: notion.url, requestTimeoutMs: 60_000 } });
    try {
      const ids = [manager.add(file, PAGE).id, manager.add(file, PAGE).id];
      await waitFor('users/me to arrive', () => open.length === 1, 5000);
      const cancelledAt = Date.now();
      manager.cancelAll();
      const settled = await Promise.all(ids.map((id) => manager.whenSettled(id)));
      assert.deepEqual(settled.map((status) => status.state), ['cancelled', 'cancelled']);
      await waitFor('the users/me connection to close', () => open[0].closedAt !== null, 3000);
      assert.ok(open[0].closedAt! - cancelledAt < 1000, `users/me went on for ${open[0].closedAt! - cancelledAt} ms after the cancel`);
      assert.equal(notion.count('usersMe'), 1, 'both sessions share one users/me');
    } finally {
      const disposing = Date.now();
      await manager.dispose();
      assert.ok(Date.now() - disposing < 1000, `dispose took ${Date.now() - disposing} ms`);
    }
  });

  it('the CLI exits within two seconds of Ctrl-C (SIGINT)', async () => {
    const child = launch([file, '--page', PAGE, '--api-base', notion.url], { NOTION_TOKEN: TOKEN }, dir);
    const run = finish(child, 90_000);
    await waitFor('users/me to arrive', () => open.length === 1, 10_000);
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    const result = await run;
    const ms = Date.now() - interruptedAt;
    assert.ok(ms < 2000, `the CLI exited ${ms} ms after SIGINT:\n${result.stderr}`);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /cancelling/);
  });
});

describe('hostile servers: Ctrl-C while the target page is being checked', function () {
  const notion = new HostileNotion();
  let dir: string;
  let file: string;
  let open = 0;

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-page-check-'));
    file = (await writeRandomFile(dir, 'small.pdf', 2048)).path;
    notion.attack = (call) => {
      if (call !== 'retrievePage') return false;
      open += 1;
      return true; // and never a byte back
    };
  });
  after(async () => {
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('says what it waits for after a few seconds, then exits within two seconds of Ctrl-C with 130, nothing created', async () => {
    const child = launch([file, '--page', PAGE, '--api-base', notion.url], { NOTION_TOKEN: TOKEN }, dir);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const run = finish(child, 90_000);
    await waitFor('the page check to arrive', () => open === 1, 10_000);
    await waitFor('the CLI to say what it waits for', () => /waiting for Notion to answer about the target page/.test(stderr), 10_000);
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    const result = await run;
    const ms = Date.now() - interruptedAt;
    assert.ok(ms < 2000, `the CLI exited ${ms} ms after SIGINT:\n${result.stderr}`);
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /stopped before anything was sent/);
    assert.deepEqual(notion.calls.map((call) => call.call), ['retrievePage']);
  });
});
