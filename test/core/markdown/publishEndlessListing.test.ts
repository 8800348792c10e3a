// A server that answers has_more forever (or repeats a cursor) must not keep a publish reading without end: the
// listing stops at a cap, or at the first repeated cursor, with an error that says what happened and what to check.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient } from '../../../src/core';
import { MAX_LISTED_PAGES, MemoryPublishStore, publishMarkdown } from '../../../src/core/markdown/index';
import { RequestRateLimiter } from '../../../src/core/pacing/requestRateLimiter';
import { HostileNotion, sendJson } from '../../scenarios/hostile/support/hostileNotion';

const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const TOKEN = 'ntn_endlessListingAbcdefghij1234567890';
/** The stand-in ends its listing here, so that a publish without a cap still ends (and the test fails, not hangs). */
const SERVER_GIVES_UP_AFTER = MAX_LISTED_PAGES * 3;

describe('publishing under a page whose listing never ends', function () {
  const notion = new HostileNotion();
  let dir: string;
  let client: NotionClient;

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'endless-listing-'));
    // A budget of its own: the cap's worth of reads at once, not 180 a minute.
    client = new NotionClient({ token: TOKEN, apiBase: notion.url, rateLimiter: new RequestRateLimiter(100_000) });
  });
  after(async () => {
    await client.close();
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  const publish = async () => {
    const path = join(dir, 'doc.md');
    await writeFile(path, '# Doc\n\nOne paragraph.\n');
    return publishMarkdown(path, PAGE, { client, upload: () => Promise.reject(new Error('no files here')), store: new MemoryPublishStore() });
  };

  it(`stops after ${MAX_LISTED_PAGES} pages of has_more, saying what to check`, async () => {
    let served = 0;
    notion.attack = (call, _request, res) => {
      if (call !== 'listChildren') return false;
      served += 1;
      return sendJson(res, 200, { object: 'list', results: [], has_more: served < SERVER_GIVES_UP_AFTER, next_cursor: `cursor-${served}` });
    };
    await assert.rejects(publish(), (error: Error & { code?: string; hint?: string }) => {
      assert.equal(error.code, 'endless_listing');
      assert.match(error.message, new RegExp(`more blocks follow after ${MAX_LISTED_PAGES} pages`));
      assert.match(error.hint ?? '', /--api-base/);
      return true;
    });
    assert.equal(notion.count('listChildren'), MAX_LISTED_PAGES);
    assert.equal(notion.calls.filter((call) => call.method === 'POST' && call.path.startsWith('/v1/pages')).length, 0, 'no page made');
  });

  it('stops at the first repeated cursor', async () => {
    let served = 0;
    notion.attack = (call, _request, res) => {
      if (call !== 'listChildren') return false;
      served += 1;
      return sendJson(res, 200, { object: 'list', results: [], has_more: served < SERVER_GIVES_UP_AFTER, next_cursor: 'same-cursor' });
    };
    await assert.rejects(publish(), /repeating a cursor it gave before/);
    assert.equal(notion.count('listChildren'), 2);
  });
});
