// POST /v1/pages under a page, nested children, appends to blocks, DELETE /v1/blocks, and the request limits Notion
// enforces on block content, each refusal with its validation_error message.
import assert from 'node:assert/strict';
import { start, type Emulator } from './index';
import { expectError, RawApi, type Json } from './support/rawApi';

const text = (content: string): Json => ({ type: 'text', text: { content } });
const paragraph = (content: string, children?: Json[]): Json => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [text(content)], ...(children ? { children } : {}) } });
const bullet = (content: string, children?: Json[]): Json => ({ type: 'bulleted_list_item', bulleted_list_item: { rich_text: [text(content)], ...(children ? { children } : {}) } });

describe('emulator: pages under pages, nested blocks and block limits', () => {
  let emulator: Emulator;
  let api: RawApi;
  before(async () => {
    emulator = await start({ rateLimit: false });
    api = new RawApi(emulator.url, emulator.token);
  });
  after(() => emulator.stop());

  const createPage = (title: string, children: unknown, parent: unknown = { page_id: emulator.pageId }) =>
    api.call('POST', '/v1/pages', { json: { parent, properties: { title: { title: [text(title)] } }, children } });

  it('creates a child page with two levels of blocks, lists it on its parent, and appends to a nested block', async () => {
    const created = await createPage('Notes', [paragraph('top', [paragraph('inner')]), bullet('item')]);
    assert.equal(created.status, 200);
    assert.equal(created.json.object, 'page');
    assert.deepEqual(created.json.parent, { type: 'page_id', page_id: emulator.pageId });
    assert.equal(created.json.properties.title.title[0].plain_text, 'Notes');
    const onParent = await api.call('GET', `/v1/blocks/${emulator.pageId}/children`);
    const childPage = onParent.json.results.find((block: Json) => block.type === 'child_page');
    assert.deepEqual({ id: childPage.id, title: childPage.child_page.title }, { id: created.json.id, title: 'Notes' });

    const blocks = (await api.call('GET', `/v1/blocks/${created.json.id}/children`)).json.results as Json[];
    assert.deepEqual(blocks.map((block) => [block.type, block.has_children]), [['paragraph', true], ['bulleted_list_item', false]]);
    const inner = (await api.call('GET', `/v1/blocks/${blocks[0].id}/children`)).json.results as Json[];
    assert.deepEqual(inner.map((block) => block.paragraph.rich_text[0].text.content), ['inner']);
    assert.deepEqual(inner[0].parent, { type: 'block_id', block_id: blocks[0].id });

    const renamed = await api.call('PATCH', `/v1/pages/${created.json.id}`, { json: { properties: { title: { title: [text('Notes, renamed')] } } } });
    assert.equal(renamed.json.properties.title.title[0].plain_text, 'Notes, renamed');
    const relisted = (await api.call('GET', `/v1/blocks/${emulator.pageId}/children`)).json.results.find((block: Json) => block.id === created.json.id);
    assert.equal(relisted.child_page.title, 'Notes, renamed');

    const appended = await api.append(blocks[1].id, { children: [bullet('under item')] });
    assert.equal(appended.status, 200);
    const under = (await api.call('GET', `/v1/blocks/${blocks[1].id}/children`)).json.results as Json[];
    assert.deepEqual(under.map((block) => block.bulleted_list_item.rich_text[0].text.content), ['under item']);
  });

  it('moves a deleted block to the trash: answered in_trash, gone from the listing, refused a second time', async () => {
    const created = await createPage('To empty', [paragraph('a'), paragraph('b')]);
    const blocks = (await api.call('GET', `/v1/blocks/${created.json.id}/children`)).json.results as Json[];
    const deleted = await api.call('DELETE', `/v1/blocks/${blocks[0].id}`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.json.in_trash, true);
    const left = (await api.call('GET', `/v1/blocks/${created.json.id}/children`)).json.results as Json[];
    assert.deepEqual(left.map((block) => block.id), [blocks[1].id]);
    expectError(await api.call('DELETE', `/v1/blocks/${blocks[0].id}`), 400, 'validation_error', /archived/);
    expectError(await api.call('DELETE', '/v1/blocks/00000000-0000-0000-0000-000000000000'), 404, 'object_not_found', /Could not find block/);
  });

  it('keeps a page in the trash readable (in_trash true) but refuses to write under it until it is restored', async () => {
    const trashedByDelete = await createPage('Deleted', [paragraph('kept')]);
    assert.equal((await api.call('DELETE', `/v1/blocks/${trashedByDelete.json.id}`)).status, 200);
    const read = await api.call('GET', `/v1/pages/${trashedByDelete.json.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.in_trash, true);
    expectError(await api.append(trashedByDelete.json.id, { children: [paragraph('more')] }), 400, 'validation_error', /Can't edit block that is archived/);
    expectError(await createPage('Under', [], { page_id: trashedByDelete.json.id }), 400, 'validation_error', /archived/);

    const trashedByPatch = await createPage('Patched', []);
    const patched = await api.call('PATCH', `/v1/pages/${trashedByPatch.json.id}`, { json: { in_trash: true } });
    assert.equal(patched.json.in_trash, true);
    const listed = (await api.call('GET', `/v1/blocks/${emulator.pageId}/children`)).json.results as Json[];
    assert.equal(listed.some((block) => block.id === trashedByPatch.json.id), false, 'a page in the trash leaves its parent\'s listing');
    expectError(await api.append(trashedByPatch.json.id, { children: [paragraph('more')] }), 400, 'validation_error', /archived/);
    expectError(await api.call('PATCH', `/v1/pages/${trashedByPatch.json.id}`, { json: { properties: { title: { title: [text('Renamed')] } } } }), 400, 'validation_error', /archived/);
    const restored = await api.call('PATCH', `/v1/pages/${trashedByPatch.json.id}`, { json: { in_trash: false } });
    assert.equal(restored.json.in_trash, false);
    assert.equal((await api.append(trashedByPatch.json.id, { children: [paragraph('back')] })).status, 200);
    expectError(await api.call('PATCH', `/v1/pages/${trashedByPatch.json.id}`, { json: { in_trash: 'yes' } }), 400, 'validation_error', /in_trash should be a boolean/);
  });

  it('refuses what Notion refuses, with its validation messages', async () => {
    const long = 'x'.repeat(2001);
    expectError(await createPage('Long', [paragraph(long)]), 400, 'validation_error',
      'body failed validation: body.children[0].paragraph.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.');
    const manyItems = { type: 'paragraph', paragraph: { rich_text: Array.from({ length: 101 }, () => text('a')) } };
    expectError(await createPage('Items', [manyItems]), 400, 'validation_error',
      'body failed validation: body.children[0].paragraph.rich_text.length should be ≤ `100`, instead was `101`.');
    expectError(await createPage('Many', Array.from({ length: 101 }, (_, i) => paragraph(String(i)))), 400, 'validation_error',
      'body failed validation: body.children.length should be ≤ `100`, instead was `101`.');
    expectError(await createPage('Deep', [bullet('1', [bullet('2', [bullet('3')])])]), 400, 'validation_error',
      /^body failed validation: body\.children\[0\]\.bulleted_list_item\.children\[0\]\.bulleted_list_item\.children should be not present/);
    expectError(await api.append(emulator.pageId, { children: [bullet('1', [bullet('2', [bullet('3')])])] }), 400, 'validation_error', /children should be not present/);
    expectError(await createPage('Type', [{ type: 'heading_9', heading_9: { rich_text: [] } }]), 400, 'validation_error', /body\.children\[0\]\.type should be one of/);
    expectError(await createPage('Code', [{ type: 'code', code: { rich_text: [text('x')], language: 'brainfuck' } }]), 400, 'validation_error',
      /body\.children\[0\]\.code\.language should be one of the supported languages/);
    const table = { type: 'table', table: { table_width: 2, children: [{ type: 'table_row', table_row: { cells: [[text('only one')]] } }] } };
    expectError(await createPage('Table', [table]), 400, 'validation_error', /table_row\.cells\.length should be `2`/);
    const big = Array.from({ length: 90 }, () => ({ type: 'code', code: { language: 'plain text', rich_text: Array.from({ length: 4 }, () => text('y'.repeat(2000))) } }));
    expectError(await createPage('Big', big), 400, 'validation_error', /^body failed validation: body should be at most 500000 bytes/);
    expectError(await createPage('Parent', [], { page_id: 'abc' }), 400, 'validation_error', 'body failed validation: body.parent.page_id should be a valid uuid, instead was `"abc"`.');
    expectError(await createPage('Unshared', [], { page_id: '11111111-2222-3333-4444-555555555555' }), 404, 'object_not_found', /Could not find page/);
  });
});
