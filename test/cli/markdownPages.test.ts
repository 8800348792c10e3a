// `notion-upload notes.md --page …` publishes Markdown files as child pages (the default of --markdown): the
// fixture with every construct and this project's README with its screenshots, read back from the emulator and
// checked block by block and by sha256; publishing again updates the same page without sending unchanged images.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient, sha256File } from '../../src/core';
import { start, type Emulator } from '../emulator/index';
import { expectedTree, fixture } from '../core/markdown/support/everyConstruct';
import { readTree, type ReadBlock } from '../core/markdown/support/pageTree';
import { CLI, finish, launch, type CliRun } from '../support/cliProcess';
import { spawn } from 'node:child_process';
import { bundledCli, projectRoot } from '../support/projectPaths';

function flatten(blocks: ReadBlock[]): ReadBlock[] {
  return blocks.flatMap((block) => [block, ...flatten(block.children ?? [])]);
}

describe('notion-upload --markdown', function () {
  let emulator: Emulator;
  let dir: string;
  let client: NotionClient;
  const run = (args: string[]): Promise<CliRun> =>
    finish(launch([...args, '--page', emulator.pageId, '--api-base', emulator.url], { NOTION_TOKEN: emulator.token }, dir));

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start({ switches: { hostedUrlNamesUpload: true } });
    client = new NotionClient({ token: emulator.token, apiBase: emulator.url });
    dir = await mkdtemp(join(tmpdir(), 'cli-markdown-'));
  });
  after(async () => {
    await client.close();
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function childPages(): Promise<ReadBlock[]> {
    return (await readTree(client, emulator.pageId)).filter((block) => block.type === 'child_page');
  }

  it('publishes the fixture as a page whose blocks read back as expected, naming the missing image', async () => {
    const folder = join(dir, 'fixture');
    await cp(fixture, folder, { recursive: true });
    const result = await run([join(folder, 'notes.md'), '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /\.\/img\/missing\.png: no such file/);
    const report = JSON.parse(result.stdout.trim()) as { page: { id: string; title: string; updated: boolean }; uploaded: string[] };
    assert.deepEqual({ title: report.page.title, updated: report.page.updated, uploaded: report.uploaded.length }, { title: 'Every construct', updated: false, uploaded: 3 });
    const uploads: Record<string, string> = {};
    for (const name of ['img/shot.png', 'img/diagram.png', 'docs/spec.pdf']) {
      const { sha256 } = await sha256File(join(folder, name));
      uploads[name] = emulator.uploads().find((upload) => upload.sha256 === sha256)!.id;
    }
    assert.deepEqual(await readTree(client, report.page.id), expectedTree(uploads));
    assert.ok(existsSync(join(dir, '.notion-upload-pages.json')), 'the record of the page beside the working folder');
  });

  it('counts one of a thing as one: "1 block, 1 local file"', async () => {
    const folder = join(dir, 'single');
    await cp(join(fixture, 'img'), join(folder, 'img'), { recursive: true });
    await writeFile(join(folder, 'one.md'), '![A shot](img/shot.png)\n');
    const result = await run([join(folder, 'one.md')]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /one\.md → published "one" \S+ \(1 block, 1 local file: 1 uploaded, 0 unchanged\)\n$/);
  });

  it('publishes this project\'s README with its screenshots, then updates the same page without sending them again', async () => {
    const folder = join(dir, 'readme');
    await cp(join(projectRoot, 'README.md'), join(folder, 'README.md'));
    await cp(join(projectRoot, 'media', 'screenshots'), join(folder, 'media', 'screenshots'), { recursive: true });
    const readme = await readFile(join(folder, 'README.md'), 'utf8');
    const pagesBefore = (await childPages()).length;

    const first = await run([join(folder, 'README.md')]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /README\.md → published "Notion Stream Upload"/);
    const pages = await childPages();
    assert.equal(pages.length, pagesBefore + 1);
    const records = JSON.parse(await readFile(join(dir, '.notion-upload-pages.json'), 'utf8')).pages as Record<string, { pageId: string }>;
    const record = Object.entries(records).find(([key]) => key.endsWith('README.md'))![1];
    const tree = flatten(await readTree(client, record.pageId));

    // Every screenshot the README shows is an image block whose upload holds the screenshot's bytes.
    const referenced = [...readme.matchAll(/!\[([^\]]*)\]\((media\/screenshots\/[^)]+\.png)\)/g)];
    assert.equal(referenced.length, 4);
    const images = tree.filter((block) => block.type === 'image');
    assert.deepEqual(images.map((block) => block.text), referenced.map((match) => match[1]));
    for (const [index, match] of referenced.entries()) {
      const { sha256 } = await sha256File(join(folder, match[2]));
      assert.equal(emulator.upload(images[index].uploadId!)?.sha256, sha256, match[2]);
    }
    // The README's structure, counted from its text: headings below the title, fenced code blocks, tables.
    const outsideFences = readme.replace(/^```[\s\S]*?^```/gm, '');
    const headings = outsideFences.split('\n').filter((line) => /^#{2,6} /.test(line)).length;
    assert.equal(tree.filter((block) => block.type.startsWith('heading_')).length, headings);
    assert.equal(tree.filter((block) => block.type === 'code').length, (readme.match(/^```/gm) ?? []).length / 2);
    assert.equal(tree.filter((block) => block.type === 'table').length, outsideFences.split('\n').filter((line) => /^\|\s*:?-{3,}/.test(line)).length);

    await writeFile(join(folder, 'README.md'), `${readme}\nOne more line at the end.\n`);
    emulator.clearLog();
    const second = await run([join(folder, 'README.md')]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /README\.md → updated "Notion Stream Upload" .*4 local files: 0 uploaded, 4 unchanged/);
    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'send' || entry.call === 'create').length, 0, 'no image sent again');
    assert.equal((await childPages()).length, pagesBefore + 1, 'the same page, not a second one');
    const updated = await readTree(client, record.pageId);
    assert.deepEqual(updated[updated.length - 1], { type: 'paragraph', text: 'One more line at the end.' });
  });

  it('the bundle users install (dist/cli.js) carries the ESM Markdown parser and publishes the fixture', async () => {
    assert.ok(existsSync(bundledCli), `${bundledCli} is missing: run node esbuild.mjs first`);
    const folder = join(dir, 'bundled');
    await cp(fixture, folder, { recursive: true });
    const child = spawn(process.execPath, [bundledCli, join(folder, 'notes.md'), '--page', emulator.pageId, '--api-base', emulator.url, '--json', '--state', join(folder, 'state.json')], {
      cwd: dir, env: { PATH: process.env.PATH, NOTION_TOKEN: emulator.token }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await finish(child);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout.trim()) as { page: { id: string }; uploaded: string[] };
    assert.equal(report.uploaded.length, 3);
    assert.equal((await readTree(client, report.page.id)).length, expectedTree({}).length);
    assert.ok(existsSync(join(folder, '.notion-upload-pages.json')), 'the page record beside the state file');
  });

  it('--markdown skip leaves .md files out and says so; text sends them as .txt; anything else is a usage error', async () => {
    const path = join(dir, 'plain.md');
    await writeFile(path, '# Plain\n\nText.\n');
    const skipped = await run([path, join(fixture, 'img', 'diagram.png'), '--markdown', 'skip']);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stderr, /plain\.md: skipped \(--markdown skip\)/);
    const asText = await run([path, '--markdown', 'text', '--json']);
    assert.equal(asText.code, 0, asText.stderr);
    const report = JSON.parse(asText.stdout.trim()) as { uploadId: string; state: string };
    assert.equal(emulator.upload(report.uploadId)?.filename, 'plain.md.txt');
    const wrong = await run([path, '--markdown', 'html']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--markdown must be page, text or skip; got "html"/);
  });
});
