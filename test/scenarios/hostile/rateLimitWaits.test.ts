import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager, type UploaderSettings } from '../../../src/core';
import { describe as describeLine } from '../../../src/cli/progressDisplay';
import { writeRandomFile } from '../../core/support/randomFile';
import { HostileNotion, sendJson } from './support/hostileNotion';

// A server that keeps answering 429 with a long Retry-After: the waits stay within the per-request budget the README
// states, a wait that would pass it fails at once, and the wait shows while it lasts.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const rateLimited = (retryAfter: number) => ({ object: 'error', status: 429, code: 'rate_limited', message: 'You have been rate limited.', additional_data: { retry_after: retryAfter } });

describe('hostile servers: rate-limit waits', function () {
  const notion = new HostileNotion();
  let dir: string;
  const managers: UploadManager[] = [];
  const manager = (settings: Partial<UploaderSettings>): UploadManager => {
    const made = new UploadManager({ token: 'ntn_waitsTokenAbcdefghij1234567890', settings: { apiBase: notion.url, retryBaseDelayMs: 10, retryMaxDelayMs: 20, ...settings } });
    managers.push(made);
    return made;
  };

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-waits-'));
  });
  after(async () => {
    await notion.stop();
    await Promise.all(managers.map((made) => made.dispose()));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  it('a Retry-After that would take the waits past the budget fails at once, with why, instead of being waited out', async () => {
    notion.attack = (call, _request, res) => call === 'send' && sendJson(res, 429, rateLimited(2), { 'retry-after': '2' });
    const file = await writeRandomFile(dir, 'limited.pdf', 2000);
    const uploads = manager({ maxAttempts: 6, maxRateLimitedWaitMs: 3000 });
    const started = Date.now();
    const settled = await uploads.whenSettled(uploads.add(file.path, PAGE).id);
    const ms = Date.now() - started;
    assert.deepEqual([settled.state, settled.error?.status], ['failed', 429], JSON.stringify(settled.error));
    assert.equal(notion.count('send'), 2, 'one wait of 2 s fits the 3 s budget; a second would not');
    assert.ok(ms < 4000, `took ${ms} ms`);
    assert.match(settled.error!.message, /asked to wait 2 s more, past the 3 s a request may wait for the rate limit in all \(2 s waited already\)/);
    assert.match(settled.error!.hint ?? '', /wait a minute and retry/);
  });

  it('shows the wait in the session status and the CLI progress line while it lasts, then goes on', async () => {
    let sends = 0;
    notion.attack = (call, _request, res) => call === 'send' && ++sends === 1 && sendJson(res, 429, rateLimited(3), { 'retry-after': '3' });
    const file = await writeRandomFile(dir, 'shown.pdf', 2000);
    const uploads = manager({ maxAttempts: 3 });
    const id = uploads.add(file.path, PAGE).id;
    const seen = new Set<string>();
    const lines = new Set<string>();
    const watching = setInterval(() => {
      const status = uploads.status(id);
      if (status?.waiting) {
        seen.add(status.waiting);
        lines.add(describeLine(status));
      }
    }, 100);
    const settled = await uploads.whenSettled(id);
    clearInterval(watching);
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.equal(settled.waiting, null);
    assert.ok([...seen].some((text) => /^waiting [23] s: Notion's rate limit$/.test(text)), `seen: ${[...seen].join(' | ')}`);
    assert.ok([...lines].some((line) => /uploading\s+waiting \d s: Notion's rate limit/.test(line)), `lines: ${[...lines].join(' | ')}`);
  });
});
