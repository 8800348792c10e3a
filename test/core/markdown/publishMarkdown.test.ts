// Publishing Markdown files to the emulator through the core: the page's blocks read back match the expected tree,
// every local file arrives byte for byte (sha256), re-publishing refills the same page and does not send unchanged
// files again, and a 409 in the middle does not duplicate a block.
import { strict as assert } from 'node:assert';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File, type UploadManager } from '../../../src/core';
import { detachedUploader, MemoryPublishStore, publishMarkdown, type PublishStore } from '../../../src/core/markdown/index';
import { UploadHarness } from '../support/uploadHarness';
import { expectedTree, fixture } from './support/everyConstruct';
import { readTree } from './support/pageTree';

describe('publishing a Markdown file as a Notion page', function () {
  const harness = new UploadHarness();
  let manager: UploadManager;
  let store: PublishStore;
  // No rate limit at the emulator: the suite's publishes add up to more than 180 requests a minute; the 429 test injects its own.
  before(() => harness.setUp({ switches: { hostedUrlNamesUpload: true }, rateLimit: false }));
  after(() => harness.tearDown());
  beforeEach(() => {
    harness.reset();
    manager = harness.manager();
    store = new MemoryPublishStore();
  });

  const publish = (path: string) => publishMarkdown(path, harness.emulator.pageId, {
    client: manager.notionClient, upload: detachedUploader(manager, harness.emulator.pageId), store, conflictDelayMs: 10,
  });

  /** The upload id behind each local file, from the emulator's record of the bytes it received. */
  async function uploadsBySource(dir: string): Promise<Record<string, string>> {
    const byName: Record<string, string> = {};
    for (const name of ['img/shot.png', 'img/diagram.png', 'docs/spec.pdf']) {
      const { sha256 } = await sha256File(join(dir, name));
      const matches = harness.emulator.uploads().filter((upload) => upload.sha256 === sha256);
      assert.ok(matches.length >= 1, `${name} arrived byte for byte`);
      byName[name] = matches[matches.length - 1].id;
    }
    return byName;
  }

  it('turns every construct into its block, uploads each local file once, and names what is missing', async () => {
    const dir = join(harness.dir, 'first');
    await cp(fixture, dir, { recursive: true });
    const result = await publish(join(dir, 'notes.md'));
    assert.equal(result.title, 'Every construct');
    assert.equal(result.updated, false);
    assert.equal(result.uploaded.length, 3, 'shot.png referenced twice is uploaded once');
    assert.equal(harness.emulator.uploads().length, 3);
    assert.ok(result.warnings.some((warning) => warning.includes('./img/missing.png')), result.warnings.join('\n'));

    const parent = await readTree(manager.notionClient, harness.emulator.pageId);
    const child = parent.filter((block) => block.type === 'child_page');
    assert.deepEqual(child, [{ type: 'child_page', text: 'Every construct', children: child[0].children }]);
    const tree = await readTree(manager.notionClient, result.pageId);
    assert.deepEqual(tree, expectedTree(await uploadsBySource(dir)));
    for (const upload of harness.emulator.uploads()) assert.equal(upload.status, 'uploaded');
  });

  it('re-publishing updates the same page and sends only the files whose bytes changed', async () => {
    const dir = join(harness.dir, 'again');
    await cp(fixture, dir, { recursive: true });
    const path = join(dir, 'notes.md');
    const first = await publish(path);
    const pagesBefore = (await readTree(manager.notionClient, harness.emulator.pageId)).filter((block) => block.type === 'child_page').length;
    const uploadsBefore = harness.emulator.uploads().length;

    await writeFile(path, (await readFile(path, 'utf8')).replace('Plain text with', 'Changed text with').replace('title: Every construct', 'title: Every construct, again'));
    const diagram = join(dir, 'img', 'diagram.png');
    const bytes = await readFile(diagram);
    await writeFile(diagram, Buffer.concat([bytes, Buffer.from('changed')]));
    harness.emulator.clearLog();
    const second = await publish(path);

    assert.equal(second.pageId, first.pageId);
    assert.equal(second.updated, true);
    assert.equal((await manager.notionClient.retrievePage(second.pageId)).title, 'Every construct, again', 'the new title');
    assert.deepEqual(second.uploaded.map((file) => file.slice(dir.length + 1)), ['img/diagram.png']);
    assert.deepEqual(second.reused.map((file) => file.slice(dir.length + 1)).sort(), ['docs/spec.pdf', 'img/shot.png']);
    assert.equal(harness.emulator.uploads().length, uploadsBefore + 1);
    assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'send').length, 1, 'one file sent');
    assert.equal((await readTree(manager.notionClient, harness.emulator.pageId)).filter((block) => block.type === 'child_page').length, pagesBefore, 'no second page');

    const tree = await readTree(manager.notionClient, second.pageId);
    const expected = expectedTree(await uploadsBySource(dir));
    expected[1] = { type: 'paragraph', text: 'Changed text with bold, italic, struck, code and a link.' };
    assert.deepEqual(tree, expected);
  });

  it('a 409 on an append is read back before it is repeated: no block twice', async () => {
    const dir = join(harness.dir, 'conflict');
    await cp(fixture, dir, { recursive: true });
    const path = join(dir, 'notes.md');
    // The second append (the nested list's children) answers 409 once; the rest go through.
    harness.emulator.addFault({ call: 'append', nth: 2, times: 1, action: { kind: 'status', status: 409 } });
    const result = await publish(path);
    assert.ok(harness.emulator.requestLog().some((entry) => entry.call === 'append' && entry.status === 409), 'the fault fired');
    assert.deepEqual(await readTree(manager.notionClient, result.pageId), expectedTree(await uploadsBySource(dir)));
  });

  it('a 429 on the page creation and on an append waits and goes on where it stopped', async () => {
    const dir = join(harness.dir, 'limited');
    await cp(fixture, dir, { recursive: true });
    const childPages = async () => (await readTree(manager.notionClient, harness.emulator.pageId)).filter((block) => block.type === 'child_page').length;
    const before = await childPages();
    harness.emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const result = await publish(join(dir, 'notes.md'));
    const limited = harness.emulator.requestLog().filter((entry) => entry.status === 429).map((entry) => entry.call);
    assert.deepEqual(limited, ['createPage', 'append']);
    assert.equal(await childPages(), before + 1, 'one page');
    assert.deepEqual(await readTree(manager.notionClient, result.pageId), expectedTree(await uploadsBySource(dir)));
  });

  it('an append Notion saved before answering 503 is read back, not written again', async () => {
    const dir = join(harness.dir, 'saved');
    await cp(fixture, dir, { recursive: true });
    harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'appendSavedThen503' } });
    const result = await publish(join(dir, 'notes.md'));
    assert.ok(harness.emulator.requestLog().some((entry) => entry.call === 'append' && entry.status === 503), 'the fault fired');
    assert.deepEqual(await readTree(manager.notionClient, result.pageId), expectedTree(await uploadsBySource(dir)));
  });

  for (const saved of [true, false]) {
    it(`an append answered 200 without its blocks (${saved ? 'saved' : 'not saved'}) is read back: every block once, none missing`, async () => {
      const dir = join(harness.dir, `dropped-${saved}`);
      await cp(fixture, dir, { recursive: true });
      harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'appendResultsDropped', saved } });
      const fired = harness.emulator.counters().faultsFired;
      const result = await publish(join(dir, 'notes.md'));
      assert.equal(harness.emulator.counters().faultsFired, fired + 1, 'the fault fired');
      assert.deepEqual(await readTree(manager.notionClient, result.pageId), expectedTree(await uploadsBySource(dir)));
    });
  }

  it('an append of plain blocks answered 200 empty and not saved is sent again: the page is not reported published with blocks missing', async () => {
    const path = join(harness.dir, 'plain.md');
    // The first 100 blocks go with the page itself; the other 50 in an append, none of them with children of its own.
    await writeFile(path, `# Plain\n\n${Array.from({ length: 150 }, (_, i) => `Line ${i}`).join('\n\n')}\n`);
    harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'appendResultsDropped', saved: false } });
    const result = await publish(path);
    assert.equal(result.blocks, 150);
    const texts = (await readTree(manager.notionClient, result.pageId)).map((block) => block.text);
    assert.deepEqual(texts, Array.from({ length: 150 }, (_, i) => `Line ${i}`), 'every line once, in order');
    assert.deepEqual(harness.emulator.requestLog().filter((entry) => entry.call === 'append').map((entry) => entry.status), [200, 200]);
  });

  it('an append answered 200 empty whose read-back is refused fails the publish with what to do, and publishing again refills the page', async () => {
    const path = join(harness.dir, 'unknown.md');
    await writeFile(path, `# Unknown\n\n${Array.from({ length: 150 }, (_, i) => `Line ${i}`).join('\n\n')}\n`);
    harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'appendResultsDropped', saved: true } });
    // The first listing is of the target page, before the page is made; the second is the read-back of the append.
    harness.emulator.addFault({ call: 'listChildren', nth: 2, times: 1, action: { kind: 'status', status: 400 } });
    await assert.rejects(publish(path), (error: Error & { code?: string; hint?: string }) => {
      assert.equal(error.code, 'publish_unconfirmed');
      assert.match(error.message, /held 0 blocks for the 50 sent, and reading the page back to see whether they are there failed/);
      assert.match(error.hint ?? '', /Publish the file again: the same page is emptied and written anew/);
      return true;
    });
    const again = await publish(path);
    assert.equal(again.updated, true);
    const texts = (await readTree(manager.notionClient, again.pageId)).map((block) => block.text);
    assert.deepEqual(texts, Array.from({ length: 150 }, (_, i) => `Line ${i}`), 'every line once, in order');
  });

  it('uploads no local file from outside the folder being published, and says so', async () => {
    const dir = join(harness.dir, 'fenced', 'docs');
    await cp(fixture, dir, { recursive: true });
    await writeFile(join(harness.dir, 'fenced', 'secret.json'), '{"token":"do not send"}');
    const path = join(dir, 'notes.md');
    await writeFile(path, '# Fenced\n\n[keys](../secret.json)\n\n![Shot](./img/shot.png)\n');
    const uploadsBefore = harness.emulator.uploads().length;
    const result = await publish(path);
    assert.equal(harness.emulator.uploads().length, uploadsBefore + 1, 'only the image inside the folder');
    assert.ok(result.warnings.some((warning) => warning.startsWith('../secret.json: outside')), result.warnings.join('\n'));
    const tree = await readTree(manager.notionClient, result.pageId);
    assert.deepEqual(tree.map((block) => [block.type, block.text]), [
      ['paragraph', 'keys'], ['paragraph', 'Not published (outside the folder being published): ../secret.json'], ['image', 'Shot']]);
  });

  it('cuts long text, many items and many blocks to Notion\'s limits, and the emulator accepts every request', async () => {
    const long = 'x'.repeat(4500);
    const manyLinks = Array.from({ length: 130 }, (_, i) => `[l${i}](https://example.com/${i}) **b${i}**`).join(' ');
    const manyParagraphs = Array.from({ length: 250 }, (_, i) => `Paragraph ${i}`).join('\n\n');
    const path = join(harness.dir, 'limits.md');
    await writeFile(path, `# Limits\n\n${long}\n\n${manyLinks}\n\n${manyParagraphs}\n`);
    const result = await publish(path);
    assert.equal(result.title, 'Limits');
    const tree = await readTree(manager.notionClient, result.pageId);
    assert.equal(tree[0].text, long, 'the long paragraph arrives whole, in pieces of at most 2,000 characters');
    const linkParagraphs = tree.slice(1, tree.findIndex((block) => block.text === 'Paragraph 0'));
    assert.ok(linkParagraphs.length >= 5, `${linkParagraphs.length} paragraphs for 520 rich-text items`);
    assert.equal(linkParagraphs.map((block) => block.text).join(''), manyLinks.replace(/\[(l\d+)\]\([^)]*\)/g, '$1').replace(/\*\*/g, ''));
    assert.equal(tree.filter((block) => block.text?.startsWith('Paragraph ')).length, 250);
    const appends = harness.emulator.requestLog().filter((entry) => entry.call === 'append' || entry.call === 'createPage');
    assert.ok(appends.every((entry) => entry.status === 200), 'no request refused');
    assert.ok(appends.length >= 3, `${appends.length} requests for 253 blocks`);
  });
});
