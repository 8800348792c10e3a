// A CLI run killed outright (SIGKILL, as a power loss or the OOM killer would end it) after Notion made the page but
// before the run learned the page's id: the next run takes that page over and writes it whole; no second page.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient, sha256File } from '../../src/core';
import { RequestRateLimiter } from '../../src/core/pacing/requestRateLimiter';
import { start, type Emulator } from '../emulator/index';
import { readTree } from '../core/markdown/support/pageTree';
import { CLI, finish, launch } from '../support/cliProcess';
import { waitFor } from '../support/waitFor';

// A 1×1 PNG, so the page's image is a real upload.
const PIXEL_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d6a1c40000000049454e44ae426082', 'hex');
const paragraphs = Array.from({ length: 150 }, (_, i) => `Paragraph ${i}`);

describe('notion-upload killed while publishing a Markdown file', function () {
  let emulator: Emulator;
  let client: NotionClient;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start({ rateLimit: false, switches: { hostedUrlNamesUpload: true } });
    client = new NotionClient({ token: emulator.token, apiBase: emulator.url, rateLimiter: new RequestRateLimiter(100_000) });
    dir = await mkdtemp(join(tmpdir(), 'cli-killed-'));
  });
  after(async () => {
    await client.close();
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const launchIn = (folder: string) => launch(['doc.md', '--page', emulator.pageId, '--api-base', emulator.url], { NOTION_TOKEN: emulator.token }, folder);
  const pagesTitled = async (title: string): Promise<string[]> => (await client.listBlockChildren(emulator.pageId)).blocks
    .filter((block) => block.type === 'child_page' && (block.raw.child_page as { title?: string }).title === title).map((block) => block.id);

  it('SIGKILL while the page creation is answered: the next run takes over that page and writes it whole, no second page', async () => {
    const folder = join(dir, 'killed');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'shot.png'), PIXEL_PNG);
    await writeFile(join(folder, 'doc.md'), `# Killed doc\n\n![A shot](./shot.png)\n\n${paragraphs.join('\n\n')}\n`);
    // Notion makes the page at once and answers late: the kill comes before the answer, so the run never learns the id.
    emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'delay', ms: 20_000 } });
    const child = launchIn(folder);
    const run = finish(child, 60_000);
    await waitFor('the page to exist', async () => (await pagesTitled('Killed doc')).length === 1, 30_000, 50);
    child.kill('SIGKILL');
    assert.equal((await run).signal, 'SIGKILL');
    emulator.clearFaults();
    const [made] = await pagesTitled('Killed doc');
    const records = await readFile(join(folder, '.notion-upload-pages.json'), 'utf8').catch(() => '');
    assert.ok(!records.includes(made), 'the killed run had not recorded the page');

    const again = await finish(launchIn(folder), 60_000);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /doc\.md → updated "Killed doc"/);
    assert.match(again.stderr, /stopped half-way; its page was emptied and written anew/);
    assert.deepEqual(await pagesTitled('Killed doc'), [made], 'one page: the one the killed run made');
    const tree = await readTree(client, made);
    assert.deepEqual(tree.map((block) => block.type), ['image', ...paragraphs.map(() => 'paragraph')]);
    assert.deepEqual(tree.slice(1).map((block) => block.text), paragraphs);
    assert.equal(emulator.upload(tree[0].uploadId!)?.sha256, (await sha256File(join(folder, 'shot.png'))).sha256);
  });
});
