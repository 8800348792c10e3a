// Ctrl-C (SIGINT) or SIGTERM while the CLI publishes Markdown or attaches a file: it stops after the request under
// way, starts nothing new, says what was left half-done, and a re-run finishes it without a second page; a second
// Ctrl-C ends the process at once. An append whose answer never comes is read back once after Ctrl-C, not retried.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient } from '../../src/core';
import { RequestRateLimiter } from '../../src/core/pacing/requestRateLimiter';
import { start, type Emulator } from '../emulator/index';
import { readTree, type ReadBlock } from '../core/markdown/support/pageTree';
import { writeRandomFile } from '../core/support/randomFile';
import { HostileNotion } from '../scenarios/hostile/support/hostileNotion';
import { CLI, finish, launch } from '../support/cliProcess';
import { waitFor } from '../support/waitFor';

const paragraphs = (count: number) => Array.from({ length: count }, (_, i) => `Paragraph ${i}`).join('\n\n');

describe('notion-upload stopped by Ctrl-C while publishing or attaching', function () {
  let emulator: Emulator;
  let client: NotionClient;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start({ rateLimit: false });
    // A budget of its own: the polls below would spend 180 requests a minute and then wait, missing the moment.
    client = new NotionClient({ token: emulator.token, apiBase: emulator.url, rateLimiter: new RequestRateLimiter(100_000) });
    dir = await mkdtemp(join(tmpdir(), 'cli-interrupt-'));
  });
  after(async () => {
    await client.close();
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
  });

  const launchIn = (folder: string, args: string[]) =>
    launch([...args, '--page', emulator.pageId, '--api-base', emulator.url], { NOTION_TOKEN: emulator.token }, folder);
  const childPages = async (): Promise<ReadBlock[]> => (await readTree(client, emulator.pageId)).filter((block) => block.type === 'child_page');

  async function childPageId(title: string): Promise<string> {
    let cursor: string | undefined;
    do {
      const page = await client.listBlockChildren(emulator.pageId, { startCursor: cursor });
      const found = page.blocks.find((block) => block.type === 'child_page' && (block.raw.child_page as { title?: string }).title === title);
      if (found) return found.id;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    throw new Error(`no child page ${title}`);
  }

  async function threeDocuments(name: string): Promise<string> {
    const folder = join(dir, name);
    await mkdir(folder, { recursive: true });
    for (const doc of ['a', 'b', 'c']) await writeFile(join(folder, `${doc}.md`), `# ${name} ${doc}\n\n${paragraphs(150)}\n`);
    return folder;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during a page creation: no append or page after it, the half-written page is named, a re-run finishes it`, async () => {
      const folder = await threeDocuments(`stop-${signal}`);
      const before = (await childPages()).length;
      // Notion makes the page at once and answers late: the signal comes while the creation is under way.
      emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'delay', ms: 1500 } });
      const child = launchIn(folder, ['a.md', 'b.md', 'c.md']);
      const run = finish(child, 60_000);
      await waitFor('the first page to exist', async () => (await childPages()).length === before + 1, 20_000, 50);
      child.kill(signal);
      const result = await run;
      assert.equal(result.code, 1, result.stderr);
      assert.equal((await childPages()).length, before + 1, 'no page after the signal');
      assert.equal(emulator.requestLog().filter((entry) => entry.call === 'append').length, 0, 'no append after the signal');
      assert.match(result.stderr, /a\.md: not published: stopped on request with the page "stop-\w+ a" half-written \(100 blocks written\)/);
      assert.match(result.stderr, /publish the file again: the same page is emptied and written anew/i);
      assert.match(result.stderr, /not begun: b\.md, c\.md/);

      const again = await finish(launchIn(folder, ['a.md', 'b.md', 'c.md']), 60_000);
      assert.equal(again.code, 0, again.stderr);
      const pages = (await childPages()).slice(before);
      assert.deepEqual(pages.map((page) => page.text), [`stop-${signal} a`, `stop-${signal} b`, `stop-${signal} c`], 'no second page of a.md');
      assert.equal((await readTree(client, await childPageId(`stop-${signal} a`))).length, 150, 'a.md written whole on its page');
    });
  }

  it('two runs publishing one file at once make one page; the second says another publish is under way', async () => {
    const folder = join(dir, 'together');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'doc2.md'), `# Together\n\n${paragraphs(3)}\n`);
    const before = (await childPages()).length;
    emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'delay', ms: 1500 } });
    const first = finish(launchIn(folder, ['doc2.md']), 60_000);
    await waitFor('the first run to create its page', async () => (await childPages()).length === before + 1, 20_000, 50);
    const second = await finish(launchIn(folder, ['doc2.md']), 60_000);
    const firstResult = await first;
    assert.equal(firstResult.code, 0, firstResult.stderr);
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr, /doc2\.md: not published: another publish of .*doc2\.md to this page is under way \(pid \d+\)\. Wait for it to finish/);
    assert.equal((await childPages()).length, before + 1, 'one page');
  });

  it('a second Ctrl-C ends the process at once', async () => {
    const folder = await threeDocuments('twice');
    const before = (await childPages()).length;
    emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'delay', ms: 8000 } });
    const child = launchIn(folder, ['a.md']);
    const run = finish(child, 60_000);
    await waitFor('the page to exist', async () => (await childPages()).length === before + 1, 20_000, 50);
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const secondAt = Date.now();
    child.kill('SIGINT');
    const result = await run;
    const ms = Date.now() - secondAt;
    assert.equal(result.code, 130, result.stderr);
    assert.ok(ms < 3000, `exited ${ms} ms after the second Ctrl-C (the page creation answers after 8 s)`);
    assert.match(result.stderr, /stopped at once.*Run the same command again to continue/s);
  });

  describe('an append that never gets an answer', function () {
    const notion = new HostileNotion();
    const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
    const TOKEN = 'ntn_neverAnsweredAppendAbcdefghij123456';
    before(() => notion.start());
    after(() => notion.stop());

    it('Ctrl-C lets the append under way run out, reads it back once, starts no other, and says the file is not on the page', async () => {
      const file = (await writeRandomFile(dir, 'hanging.pdf', 4096)).path;
      notion.attack = (call) => call === 'append'; // taken, never answered
      const child = launch([file, '--page', PAGE, '--api-base', notion.url, '--timeout', '2'], { NOTION_TOKEN: TOKEN }, dir);
      const run = finish(child, 120_000);
      await waitFor('the append to arrive', () => notion.count('append') === 1, 20_000);
      const interruptedAt = Date.now();
      child.kill('SIGINT');
      const result = await run;
      const ms = Date.now() - interruptedAt;
      assert.equal(notion.count('append'), 1, `appends after Ctrl-C:\n${result.stderr}`);
      assert.equal(notion.count('retrieve'), 1, 'one read-back');
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /Notion had not added it to the page/);
      // The append runs out its 2 s timeout; no backoff and no further attempt follow.
      assert.ok(ms < 10_000, `exited ${ms} ms after Ctrl-C`);
    });
  });
});
