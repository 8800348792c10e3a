import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager, type SessionStatus, type UploaderSettings } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { HostileNotion } from './support/hostileNotion';

// Answers that never end, or end far too late: each must stop the request within its bounds, whatever the server does.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const TIMEOUT_MS = 1500;

describe('hostile servers: answers without end', function () {
  const notion = new HostileNotion();
  let dir: string;
  let file: string;
  const managers: UploadManager[] = [];

  /** One upload; resolves with its final status and how long it took, or with null when it outlived `limitMs`. */
  const upload = async (limitMs: number, settings: Partial<UploaderSettings> = {}, path = file): Promise<{ settled: SessionStatus | null; ms: number }> => {
    const manager = new UploadManager({
      token: 'ntn_hostileTokenAbcdefghij1234567890',
      settings: { apiBase: notion.url, maxAttempts: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 20, requestTimeoutMs: TIMEOUT_MS, ...settings },
    });
    managers.push(manager);
    const started = Date.now();
    const id = manager.add(path, PAGE).id;
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      manager.whenSettled(id),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs))),
    ]);
    clearTimeout(timer);
    if (!settled) manager.cancelAll();
    return { settled, ms: Date.now() - started };
  };

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-unbounded-'));
    file = (await writeRandomFile(dir, 'small.png', 2048)).path;
  });
  after(async () => {
    await notion.stop();
    await Promise.all(managers.map((manager) => manager.dispose()));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  it('refuses a 12 MiB users/me answer at the cap, says so, and does not ask again', async () => {
    const huge = JSON.stringify({ object: 'user', id: 'x', name: 'x'.repeat(12 * 1024 * 1024), bot: { workspace_limits: { max_file_upload_size_in_bytes: 5 * 1024 ** 3 } } });
    notion.attack = (call, _request, res) => {
      if (call !== 'usersMe') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(huge);
      return true;
    };
    const { settled } = await upload(20_000, { requestTimeoutMs: 15_000 }); // the cap, not the deadline, must stop it
    assert.ok(settled, 'the upload never ended');
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'response_too_large'], JSON.stringify(settled.error));
    assert.match(settled.error?.message ?? '', /answered with more than 8 MiB/);
    assert.equal(notion.count('usersMe'), 1, 'a body past the cap would be as large again: no retry');
    assert.equal(notion.count('create'), 0);
  });

  it('stops reading an endless chunked users/me answer at the cap', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    notion.attack = (call, _request, res) => {
      if (call !== 'usersMe') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"object":"user","name":"');
      notion.every(res, 2, () => res.write(chunk));
      return true;
    };
    const { settled, ms } = await upload(20_000, { requestTimeoutMs: 15_000 }); // the cap, not the deadline, must stop it
    assert.ok(settled, `the endless answer was still being read after ${ms} ms`);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'response_too_large'], JSON.stringify(settled.error));
  });

  it('ends a users/me answer trickling a byte at a time within the request timeout, not when the server likes', async () => {
    notion.attack = (call, _request, res) => {
      if (call !== 'usersMe') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      notion.every(res, 200, () => res.write(' '));
      return true;
    };
    const { settled, ms } = await upload(15_000);
    assert.ok(settled, `the trickle still held the upload after ${ms} ms`);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'timeout'], JSON.stringify(settled.error));
    assert.match(settled.error?.message ?? '', /did not complete its answer within \d+ s/);
    // two attempts of at most the timeout each, and a little slack for the machine
    assert.ok(ms < 2 * TIMEOUT_MS + 2000, `took ${ms} ms`);
  });

  it('ends a send whose answer trickles: the body is in, so the answer must follow within the request timeout', async () => {
    notion.attack = (call, _request, res) => {
      if (call !== 'send' && call !== 'retrieve') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      notion.every(res, 200, () => res.write(' '));
      return true;
    };
    const { settled, ms } = await upload(30_000);
    assert.ok(settled, `the trickle still held the upload after ${ms} ms`);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'timeout'], JSON.stringify(settled.error));
  });

  it('a send held slow by the user\'s own bandwidth cap is not cut off by the deadline meant for slow servers', async () => {
    const slow = (await writeRandomFile(dir, 'capped.pdf', 64 * 1024)).path;
    const { settled, ms } = await upload(60_000, { maxUploadSpeed: 8 / 1024, maxAttempts: 1 }, slow);
    assert.ok(settled, `not finished after ${ms} ms`);
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.ok(ms > 5000, `the cap held it to about 8 KiB/s, past the 16 KiB/s deadline (${ms} ms)`);
  });
});
