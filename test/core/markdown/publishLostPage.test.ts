// A publish that dies after Notion made its page but before the page's id was recorded: the next publish finds that
// page by what was written down before the create, takes it over, and makes no second page; a page of the same title
// made by hand is never taken (taking a page over empties it).
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadManager } from '../../../src/core';
import { detachedUploader, MemoryPublishStore, publishKey, publishMarkdown, type PublishedPage, type PublishStore } from '../../../src/core/markdown/index';
import { UploadHarness } from '../support/uploadHarness';
import { readTree } from './support/pageTree';

/** Records like any store until the page's id is to be written: there the process "dies" (the write never happens). */
class DiesOnPageRecord extends MemoryPublishStore {
  dead = false;
  override async set(key: string, page: PublishedPage): Promise<void> {
    if (this.dead) throw new Error('this process is gone');
    if (page.pageId !== '') {
      this.dead = true;
      throw new Error('killed before the page was recorded');
    }
    await super.set(key, page);
  }
}

/** The same records, read by the next process. */
function nextProcess(store: MemoryPublishStore): PublishStore {
  return { get: (key) => store.get(key), set: (key, page) => MemoryPublishStore.prototype.set.call(store, key, page) };
}

describe('a Markdown publish that died before it recorded its new page', function () {
  const harness = new UploadHarness();
  let manager: UploadManager;
  before(() => harness.setUp({ rateLimit: false }));
  after(() => harness.tearDown());
  beforeEach(() => {
    harness.reset();
    manager = harness.manager();
  });

  const publish = (path: string, store: PublishStore) => publishMarkdown(path, harness.emulator.pageId, {
    client: manager.notionClient, upload: detachedUploader(manager, harness.emulator.pageId), store,
  });
  const pagesTitled = async (title: string) => (await manager.notionClient.listBlockChildren(harness.emulator.pageId)).blocks
    .filter((block) => block.type === 'child_page' && (block.raw.child_page as { title?: string }).title === title);
  const paragraphs = (count: number, word = 'Paragraph') => Array.from({ length: count }, (_, i) => `${word} ${i}`);

  async function diedAfterCreate(name: string, title: string): Promise<{ path: string; store: MemoryPublishStore; made: string }> {
    const path = join(harness.dir, `${name}.md`);
    await writeFile(path, `# ${title}\n\n${paragraphs(120).join('\n\n')}\n`);
    const store = new DiesOnPageRecord();
    await assert.rejects(publish(path, store), /killed before the page was recorded/);
    const made = await pagesTitled(title);
    assert.equal(made.length, 1, 'Notion made the page');
    assert.notEqual((await store.get(publishKey(path, harness.emulator.pageId)))?.pageId, made[0].id, 'its id was never recorded');
    return { path, store, made: made[0].id };
  }

  it('takes over the page its create made and writes it whole; no second page', async () => {
    const { path, store, made } = await diedAfterCreate('lost', 'Lost page');
    const again = await publish(path, nextProcess(store));
    assert.equal(again.pageId, made);
    assert.ok(again.warnings.some((warning) => warning.includes('stopped half-way')), again.warnings.join('\n'));
    assert.deepEqual((await pagesTitled('Lost page')).map((block) => block.id), [made], 'one page');
    assert.deepEqual((await readTree(manager.notionClient, made)).map((block) => block.text), paragraphs(120));
    const record = await store.get(publishKey(path, harness.emulator.pageId));
    assert.deepEqual([record?.pageId, record?.complete, record?.creating], [made, true, undefined]);
  });

  it('leaves alone a page of the same title made by hand after the crash, and still takes over its own', async () => {
    const { path, store, made } = await diedAfterCreate('rival', 'Rival page');
    const byHand = await manager.notionClient.createPage(harness.emulator.pageId, 'Rival page',
      [{ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'My own notes' } }] } }], { findExisting: async () => undefined });
    const again = await publish(path, nextProcess(store));
    assert.equal(again.pageId, made);
    assert.deepEqual((await pagesTitled('Rival page')).map((block) => block.id).sort(), [made, byHand.id].sort());
    assert.deepEqual((await readTree(manager.notionClient, byHand.id)).map((block) => block.text), ['My own notes'], 'the hand-made page is untouched');
  });

  it('makes a new page rather than take over a hand-made one when its own page was deleted', async () => {
    const { path, store, made } = await diedAfterCreate('deleted', 'Deleted page');
    await manager.notionClient.deleteBlock(made);
    // Even one that begins as the lost page did: only a page holding exactly what the create sent is taken.
    const begun = paragraphs(50).map((text) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: text } }] } }));
    const byHand = await manager.notionClient.createPage(harness.emulator.pageId, 'Deleted page', begun, { findExisting: async () => undefined });
    const again = await publish(path, nextProcess(store));
    assert.notEqual(again.pageId, byHand.id);
    assert.notEqual(again.pageId, made);
    assert.deepEqual((await readTree(manager.notionClient, byHand.id)).map((block) => block.text), paragraphs(50), 'the hand-made page is untouched');
    assert.deepEqual((await readTree(manager.notionClient, again.pageId)).map((block) => block.text), paragraphs(120));
  });

  it('refuses to guess between two pages that both hold what the create sent, and says what to do', async () => {
    const { path, store, made } = await diedAfterCreate('twin', 'Twin page');
    const sent = paragraphs(100).map((text) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: text } }] } }));
    const twin = await manager.notionClient.createPage(harness.emulator.pageId, 'Twin page', sent, { findExisting: async () => undefined });
    await assert.rejects(publish(path, nextProcess(store)), (error: Error & { hint?: string }) =>
      error.message.includes('2 pages titled "Twin page"') && error.message.includes(made) && error.message.includes(twin.id) && /trash/.test(error.hint ?? ''));
    assert.equal((await pagesTitled('Twin page')).length, 2, 'no third page');
    assert.equal((await readTree(manager.notionClient, twin.id)).length, 100, 'neither was emptied');
  });
});
