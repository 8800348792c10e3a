// POST /v1/pages with parent.page_id: a child page with a title and its first blocks, listed on the parent as a
// child_page block whose ID is the new page's ID (as Notion lists them); PATCH /v1/pages/{id} renames one, or moves it to
// the trash and back.
import { createBlocks, planChild } from './blocks';
import { checkRequestChildren } from './blockValidation';
import { readJsonBody, type Handler } from './context';
import { bodyValidation, inTrash, notShared, quoted } from './errors';
import { normalizeId } from './ids';
import { pageObject } from './shapes';
import { isAtLeast20260311 } from './versions';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The plain text of `properties.title` (or `properties.Title`…): the one property a page under a page may have. */
function titleOf(properties: unknown): string {
  if (properties === undefined) return '';
  if (!isObject(properties)) throw bodyValidation(`body.properties should be an object, instead was ${quoted(properties)}.`);
  const entries = Object.entries(properties);
  if (entries.length === 0) return '';
  const [name, value] = entries[0];
  if (entries.length > 1 || name.toLowerCase() !== 'title') {
    throw bodyValidation('body.properties: a page whose parent is a page may only have the `title` property.');
  }
  const items = isObject(value) && 'title' in value ? value.title : value;
  if (!Array.isArray(items)) throw bodyValidation(`body.properties.${name}.title should be an array, instead was ${quoted(items)}.`);
  return items.map((item) => (isObject(item) && isObject(item.text) && typeof item.text.content === 'string' ? item.text.content : '')).join('');
}

export const createPage: Handler = async (context, workspace) => {
  const body = await readJsonBody(context.body);
  const parent = body.parent;
  if (!isObject(parent)) throw bodyValidation(`body.parent should be an object, instead was ${quoted(parent)}.`);
  const rawParent = parent.page_id;
  if (rawParent === undefined) throw bodyValidation('body.parent.page_id should be defined, instead was `undefined`.');
  const parentId = typeof rawParent === 'string' ? normalizeId(rawParent) : null;
  if (parentId === null) throw bodyValidation(`body.parent.page_id should be a valid uuid, instead was ${quoted(rawParent)}.`);
  const parentPage = workspace.state.pageFor(parentId, context.token);
  if (!parentPage) throw notShared('page', parentId);
  if (parentPage.inTrash) throw inTrash();
  const title = titleOf(body.properties);
  const children = body.children ?? [];
  checkRequestChildren(children, context.body.bytes);
  const planned = (children as unknown[]).map((child, index) => planChild(child, index, context, workspace));

  const page = workspace.state.addPage(title, [...parentPage.sharedWith]);
  page.parentPageId = parentPage.id;
  page.blocks.push(...createBlocks(planned, page.id, undefined, context, workspace));
  parentPage.blocks.push({
    id: page.id,
    pageId: parentPage.id,
    type: 'child_page',
    content: { title },
    uploadId: null,
    uploadFilename: null,
    createdAt: workspace.clock.now(),
    createdBy: context.caller.botId,
  });
  return { body: pageObject(page, context.version, workspace, context.caller.botId) };
};

export const updatePage: Handler = async (context, workspace) => {
  const id = context.ids.page_id;
  const page = workspace.state.pageFor(id, context.token);
  if (!page) throw notShared('page', id);
  const body = await readJsonBody(context.body);
  // `in_trash` (and before 2026-03-11 its alias `archived`) moves the page to the trash or brings it back; a page in
  // the trash takes no other change until it is back.
  const trashField = body.in_trash !== undefined ? 'in_trash' : !isAtLeast20260311(context.version) && body.archived !== undefined ? 'archived' : undefined;
  const given = trashField === undefined ? undefined : body[trashField];
  if (given !== undefined && typeof given !== 'boolean') throw bodyValidation(`body.${trashField} should be a boolean, instead was ${quoted(given)}.`);
  const trash = given as boolean | undefined;
  if (page.inTrash && trash !== false) throw inTrash();
  if (trash !== undefined) {
    page.inTrash = trash;
    const listed = page.parentPageId === undefined ? undefined : workspace.state.pages.get(page.parentPageId)?.blocks.find((block) => block.id === page.id);
    if (listed) listed.inTrash = trash;
  }
  if (body.properties !== undefined) {
    page.title = titleOf(body.properties);
    const parent = page.parentPageId === undefined ? undefined : workspace.state.pages.get(page.parentPageId);
    const listed = parent?.blocks.find((block) => block.id === page.id);
    if (listed) listed.content = { title: page.title };
  }
  return { body: pageObject(page, context.version, workspace, context.caller.botId) };
};
