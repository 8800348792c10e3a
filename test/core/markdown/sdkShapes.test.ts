// The blocks a Markdown file becomes, checked against the official SDK twice: at compile time (every request block
// is assigned to the SDK's BlockObjectRequest, so a shape the SDK does not type is a type error) and at run time
// (the SDK's own client creates the page from them and appends the follow-ups against the emulator).
import type { BlockObjectRequest, CreatePageParameters } from '@notionhq/client';
import { Client } from '@notionhq/client';
import { strict as assert } from 'node:assert';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  batchBlocks, BlockConverter, localReferences, pageTitle, parseMarkdown, planBlock, type BlockNode, type FilePlacement, type RequestBlock,
} from '../../../src/core/markdown/index';
import { start, type Emulator } from '../../emulator/index';
import { projectRoot } from '../../support/projectPaths';

const fixture = join(projectRoot, 'test', 'core', 'markdown', 'fixtures', 'every-construct');

/** Compile-time check: a RequestBlock is a BlockObjectRequest. */
function asSdkBlock(block: RequestBlock): BlockObjectRequest {
  return block;
}

describe('Markdown blocks and the official SDK', function () {
  let emulator: Emulator;
  let notion: Client;
  before(async () => {
    emulator = await start();
    notion = new Client({ auth: emulator.token, baseUrl: emulator.url, notionVersion: '2026-03-11' });
  });
  after(() => emulator.stop());

  it('creates the page and appends the rest through @notionhq/client, which the emulator accepts whole', async () => {
    const markdownPath = join(fixture, 'notes.md');
    const root = parseMarkdown(await readFile(markdownPath, 'utf8'));
    const placements = new Map<string, FilePlacement>();
    for (const reference of localReferences(root, markdownPath)) {
      if (reference.path.endsWith('missing.png')) continue;
      const name = reference.path.split('/').pop() as string;
      const type = name.endsWith('.pdf') ? 'application/pdf' : 'image/png';
      const upload = await notion.fileUploads.create({ filename: name, content_type: type });
      await notion.fileUploads.send({ file_upload_id: upload.id, file: { filename: name, data: await openAsBlob(reference.path, { type }) } });
      placements.set(reference.path, { kind: 'upload', uploadId: upload.id, blockType: type === 'application/pdf' ? 'pdf' : 'image', name });
    }
    const { title, titleHeading } = pageTitle(root, markdownPath);
    const nodes = new BlockConverter({ markdownPath, placements, skip: titleHeading }).convert(root);
    const [first, ...rest] = batchBlocks(nodes.map(planBlock));

    const parameters: CreatePageParameters = {
      parent: { page_id: emulator.pageId },
      properties: { title: { title: [{ text: { content: title } }] } },
      children: first.map((block) => asSdkBlock(block.request)),
    };
    const page = await notion.pages.create(parameters);
    assert.equal(rest.length, 0, 'the fixture fits one request');

    // The deferred children (deeper list levels) go through the SDK's append, to the blocks just created.
    const created = await notion.blocks.children.list({ block_id: page.id, page_size: 100 });
    assert.equal(created.results.length, first.length);
    let appended = 0;
    const appendDeferred = async (parentId: string, deferred: BlockNode[]): Promise<void> => {
      for (const batch of batchBlocks(deferred.map(planBlock))) {
        const answer = await notion.blocks.children.append({ block_id: parentId, children: batch.map((block) => asSdkBlock(block.request)) });
        appended += batch.length;
        for (const [index, block] of batch.entries()) if (block.deferred.length > 0) await appendDeferred(answer.results[index].id, block.deferred);
      }
    };
    for (const [index, block] of first.entries()) if (block.deferred.length > 0) await appendDeferred(created.results[index].id, block.deferred);
    // "nested once" under "second", then "nested twice" under it (carrying "nested three times" as its child).
    assert.equal(appended, 2, 'the levels below two appended in follow-ups');

    const types = created.results.map((block) => ('type' in block ? block.type : 'partial'));
    for (const expected of ['heading_1', 'paragraph', 'bulleted_list_item', 'numbered_list_item', 'to_do', 'quote', 'callout', 'code', 'table', 'divider', 'equation', 'image', 'pdf']) {
      assert.ok(types.includes(expected as never), `a ${expected} block`);
    }
    const parent = await notion.blocks.children.list({ block_id: emulator.pageId });
    assert.ok(parent.results.some((block) => 'type' in block && block.type === 'child_page' && block.id === page.id), 'listed on its parent as a child_page');
  });
});
