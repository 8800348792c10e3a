// After an append answered without its block, the CLI reads the page back to find it. A server whose listing of the
// page never ends (has_more forever, the same cursor again) must not keep that read-back going: it stops at the
// first repeated cursor, or at a cap, and the file fails with what to check, in --json too.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_READ_BACK_PAGES } from '../../../src/core/rules/attachBlock';
import { writeRandomFile } from '../../core/support/randomFile';
import { jsonReports, runCli } from '../../support/cliProcess';
import { HostileNotion, sendJson } from './support/hostileNotion';

const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const TOKEN = 'ntn_readBackAbcdefghij1234567890';
/** The stand-in ends its listing here, so that a read-back without a bound still ends (and the test fails, not hangs). */
const SERVER_GIVES_UP_AFTER = MAX_READ_BACK_PAGES * 3;

describe('hostile servers: a read-back listing without end', function () {
  const notion = new HostileNotion();
  let dir: string;

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-read-back-'));
  });
  after(async () => {
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  for (const cursors of ['the same cursor', 'a new cursor each time'] as const) {
    it(`an append answered empty, then a listing that answers has_more with ${cursors}: the file fails naming the listing, exit 1`, async () => {
      const file = await writeRandomFile(dir, 'listed.pdf', 1500);
      let listed = 0;
      notion.attack = (call, request, res) => {
        if (call === 'append') return sendJson(res, 200, { object: 'list', results: [] });
        if (call === 'retrieve') {
          // Attached: Notion clears expiry_time once an upload is attached, so the read-back goes on to the page.
          const id = /file_uploads\/([^/?]+)/.exec(request.path)![1];
          return sendJson(res, 200, { object: 'file_upload', id, status: 'uploaded', filename: 'listed.pdf', content_type: 'application/pdf', content_length: 1500, expiry_time: null });
        }
        if (call !== 'listChildren') return false;
        listed += 1;
        const more = listed < SERVER_GIVES_UP_AFTER;
        return sendJson(res, 200, { object: 'list', results: [], has_more: more, next_cursor: more ? (cursors === 'the same cursor' ? 'again' : `cursor-${listed}`) : null });
      };
      const result = await runCli({ args: [file.path, '--page', PAGE, '--api-base', notion.url, '--json', '--rate', '100000/60'], env: { NOTION_TOKEN: TOKEN }, cwd: dir, timeoutMs: 60_000 });
      assert.equal(result.code, 1, result.stderr);
      const reports = jsonReports(result);
      assert.equal(reports.length, 1, result.stdout);
      assert.equal(reports[0].state, 'failed');
      assert.match(`${reports[0].error.message} ${reports[0].error.hint}`, /listing|more blocks follow/i, JSON.stringify(reports[0].error));
      const bound = cursors === 'the same cursor' ? 2 : MAX_READ_BACK_PAGES;
      assert.ok(notion.count('listChildren') <= bound, `${notion.count('listChildren')} listings read, at most ${bound} expected`);
      assert.equal(notion.count('append'), 1, 'never appended again');
      assert.doesNotMatch(result.stdout + result.stderr, new RegExp(TOKEN));
    });
  }
});
