import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager, type SessionStatus, type UploaderSettings } from '../../../src/core';
import { describe as describeLine } from '../../../src/cli/progressDisplay';
import { writeRandomFile } from '../../core/support/randomFile';
import { waitFor } from '../../support/waitFor';
import { HostileNotion } from './support/hostileNotion';

// "Notion" goes away in the middle of an upload: it stops listening (connection refused) or cuts each connection
// (connection dropped). While a request waits to try again the session says that Notion is not reachable and when the
// next attempt comes, in the status and in the progress events the views draw from; once Notion answers, it stops.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const NOT_REACHABLE = /^Notion not reachable \((connection refused|connection dropped)\); trying again( in \d+ s)? \(attempt \d of 6\)$/;

describe('hostile servers: the connection is lost while uploading', function () {
  const notion = new HostileNotion();
  let dir: string;
  const managers: UploadManager[] = [];
  const manager = (settings: Partial<UploaderSettings> = {}): UploadManager => {
    const made = new UploadManager({
      token: 'ntn_lostConnTokenAbcdefghij1234567890', progressIntervalMs: 50,
      settings: { apiBase: notion.url, maxAttempts: 6, retryBaseDelayMs: 2000, retryMaxDelayMs: 2000, ...settings },
    });
    managers.push(made);
    return made;
  };

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-lost-'));
  });
  after(async () => {
    await notion.stop();
    await Promise.all(managers.map((made) => made.dispose()));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  /** Every `waiting` text the session's status and its progress events show until it settles. */
  const watch = (uploads: UploadManager, id: string): { polled: Set<string>; events: Set<string>; stop(): void } => {
    const polled = new Set<string>();
    const events = new Set<string>();
    const timer = setInterval(() => {
      const waiting = uploads.status(id)?.waiting;
      if (waiting) polled.add(waiting);
    }, 50);
    const listening = uploads.onProgress((status: SessionStatus) => {
      if (status.id === id && status.waiting) events.add(status.waiting);
    });
    return { polled, events, stop: () => {
      clearInterval(timer);
      listening.dispose();
    } };
  };

  it('Notion stops listening mid-upload: the session says "connection refused" and when it tries again, then finishes once Notion is back', async () => {
    const port = Number(new URL(notion.url).port);
    let stopped: Promise<void> | undefined;
    notion.attack = (call, _request, res) => {
      if (call !== 'send' || stopped) return false;
      res.destroy();
      stopped = notion.stop();
      return true;
    };
    const file = await writeRandomFile(dir, 'refused.pdf', 4000);
    const uploads = manager();
    const id = uploads.add(file.path, PAGE).id;
    const seen = watch(uploads, id);
    try {
      await waitFor('a "connection refused" wait in the status', () => [...seen.polled].some((text) => text.includes('connection refused')));
      const shown = uploads.status(id)!;
      assert.equal(shown.state, 'uploading');
      assert.match(describeLine(shown), /uploading\s+Notion not reachable \(connection refused\)/, 'the CLI\'s progress line');
      await stopped;
      notion.reset();
      await notion.start(port);
      const settled = await uploads.whenSettled(id);
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      assert.equal(settled.waiting, null, 'the wait is over once Notion answers');
    } finally {
      seen.stop();
    }
    for (const text of [...seen.polled, ...seen.events]) assert.match(text, NOT_REACHABLE);
    assert.ok([...seen.polled].some((text) => /connection refused\); trying again in [12] s \(attempt [2-6] of 6\)$/.test(text)), [...seen.polled].join(' | '));
    assert.ok([...seen.events].some((text) => text.includes('connection refused')), `progress events: ${[...seen.events].join(' | ')}`);
  });

  it('each connection cut before an answer: "connection dropped" while it waits, nothing once an answer comes', async () => {
    let cuts = 0;
    notion.attack = (call, _request, res) => {
      if (call !== 'create' || ++cuts > 2) return false;
      res.socket?.destroy();
      return true;
    };
    const file = await writeRandomFile(dir, 'dropped.pdf', 4000);
    const uploads = manager();
    const id = uploads.add(file.path, PAGE).id;
    const seen = watch(uploads, id);
    const settled = await uploads.whenSettled(id);
    seen.stop();
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.equal(notion.count('create'), 3);
    const texts = [...seen.polled];
    assert.ok(texts.some((text) => /^Notion not reachable \(connection dropped\); trying again in [12] s \(attempt 2 of 6\)$/.test(text)), texts.join(' | '));
    assert.ok(texts.some((text) => /\(attempt 3 of 6\)$/.test(text)), texts.join(' | '));
    assert.equal(uploads.status(id)?.waiting ?? null, null);
  });
});
