// A publish that stops half-way never leaves a page behind that the next publish forgets: the page is recorded as soon
// as Notion made it, the next publish rewrites it in place, and two publishes of one file at once make one page.
import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadManager } from '../../../src/core';
import { detachedUploader, JsonFilePublishStore, MemoryPublishStore, publishKey, publishMarkdown, type PublishStore } from '../../../src/core/markdown/index';
import { UploadHarness } from '../support/uploadHarness';
import { readTree } from './support/pageTree';

describe('a Markdown publish stopped half-way', function () {
  const harness = new UploadHarness();
  let manager: UploadManager;
  before(() => harness.setUp({ rateLimit: false }));
  after(() => harness.tearDown());
  beforeEach(() => {
    harness.reset();
    manager = harness.manager();
  });

  const publish = (path: string, store: PublishStore) => publishMarkdown(path, harness.emulator.pageId, {
    client: manager.notionClient, upload: detachedUploader(manager, harness.emulator.pageId), store, conflictDelayMs: 10,
  });
  const childPages = async (title: string) => (await readTree(manager.notionClient, harness.emulator.pageId))
    .filter((block) => block.type === 'child_page' && block.text === title).length;
  const paragraphs = (count: number) => Array.from({ length: count }, (_, i) => `Paragraph ${i}`).join('\n\n');

  it('is recorded as soon as the page exists; publishing again rewrites that page instead of making another', async () => {
    const path = join(harness.dir, 'big.md');
    await writeFile(path, `# Big\n\n${paragraphs(150)}\n`);
    const store = new MemoryPublishStore();
    // The page is made with its first 100 blocks; the append of the other 50 is refused.
    harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'status', status: 400 } });
    await assert.rejects(publish(path, store));
    const record = await store.get(publishKey(path, harness.emulator.pageId));
    assert.ok(record, 'the half-written page is recorded');
    assert.equal(record.complete, false);
    assert.equal((await readTree(manager.notionClient, record.pageId)).length, 100, 'half-written');

    const again = await publish(path, store);
    assert.equal(again.pageId, record.pageId, 'the same page');
    assert.ok(again.warnings.some((warning) => warning.includes('stopped half-way')), again.warnings.join('\n'));
    assert.equal(await childPages('Big'), 1, 'one page');
    const tree = await readTree(manager.notionClient, again.pageId);
    assert.deepEqual(tree.map((block) => block.text), Array.from({ length: 150 }, (_, i) => `Paragraph ${i}`));
    assert.equal((await store.get(publishKey(path, harness.emulator.pageId)))?.complete, true);
  });

  for (const kind of ['memory', 'file'] as const) {
    it(`two publishes of one file at once make one page; the second is refused, saying why (${kind} records)`, async () => {
      const path = join(harness.dir, `twice-${kind}.md`);
      await writeFile(path, `# Twice ${kind}\n\n${paragraphs(3)}\n`);
      const records = join(harness.dir, `records-${kind}.json`);
      // Two stores on one file: what two CLI runs in one folder share.
      const memory = new MemoryPublishStore();
      const stores: PublishStore[] = kind === 'memory' ? [memory, memory] : [new JsonFilePublishStore(records), new JsonFilePublishStore(records)];
      harness.emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'delay', ms: 300 } });
      const outcomes = await Promise.allSettled(stores.map((store) => publish(path, store)));
      assert.equal(await childPages(`Twice ${kind}`), 1, 'one page');
      const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      assert.equal(refused.length, 1, 'one publish refused');
      assert.equal((refused[0].reason as { code?: string }).code, 'publish_busy');
      assert.match((refused[0].reason as Error).message, /another publish of .*twice-.* to this page is under way/);
      // Once the first is done, the file can be published again (the lock was released).
      const after = await publish(path, stores[1]);
      assert.equal(after.updated, true);
    });
  }

  it('an append whose answer is lost after Notion saved it is read back from the page, not written twice', async () => {
    const path = join(harness.dir, 'lost.md');
    await writeFile(path, `# Lost\n\n${paragraphs(150)}\n`);
    // The append lands at once; its answer comes after the client gave up waiting.
    const impatient = harness.manager({ requestTimeoutMs: 1000 });
    harness.emulator.addFault({ call: 'append', nth: 1, times: 1, action: { kind: 'delay', ms: 2500 } });
    const result = await publishMarkdown(path, harness.emulator.pageId, {
      client: impatient.notionClient, upload: detachedUploader(impatient, harness.emulator.pageId), store: new MemoryPublishStore(),
    });
    assert.ok(harness.clientLog.some((entry) => entry.method === 'PATCH' && entry.path.endsWith('/children') && entry.status === 'error'), 'the answer was lost');
    assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'append').length, 1, 'one append');
    const tree = await readTree(manager.notionClient, result.pageId);
    assert.deepEqual(tree.map((block) => block.text), Array.from({ length: 150 }, (_, i) => `Paragraph ${i}`));
  });

  it('records written at once by two stores on one file are all kept', async () => {
    const records = join(harness.dir, 'shared-records.json');
    const stores = [new JsonFilePublishStore(records), new JsonFilePublishStore(records)];
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      stores[i % 2].set(`key ${i}`, { pageId: `page-${i}`, title: `t${i}`, files: {}, publishedAt: i, complete: true })));
    for (let i = 0; i < 20; i++) assert.equal((await stores[0].get(`key ${i}`))?.pageId, `page-${i}`, `record ${i}`);
  });
});
