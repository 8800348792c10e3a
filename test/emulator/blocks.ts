// PATCH/GET /v1/blocks/{page_id}/children: attaching uploads to a page and reading them back (notion-api.md §7).
import { readJsonBody, type Handler, type RequestContext, type Workspace } from './context';
import { bodyValidation, notShared, quoted, uploadNotAttachable, validation } from './errors';
import { normalizeId, newId } from './ids';
import { maxChildrenPerAppend } from './limits';
import { listObject, paginate, parsePageSize } from './pagination';
import { blockObject } from './shapes';
import type { BlockRecord, PageRecord, UploadRecord } from './state';
import { isAtLeast20260311 } from './versions';

const fileBearingTypes = ['image', 'video', 'audio', 'pdf', 'file', 'embed'];

function sharedPage(context: RequestContext, workspace: Workspace): PageRecord {
  const id = context.ids.block_id;
  const page = workspace.state.pageFor(id, context.token);
  if (!page) throw notShared('block', id);
  return page;
}

function blockIndex(page: PageRecord, rawId: unknown, field: string): number {
  const id = typeof rawId === 'string' ? normalizeId(rawId) : null;
  if (id === null) throw bodyValidation(`${field} should be a valid uuid, instead was ${quoted(rawId)}.`);
  const index = page.blocks.findIndex((block) => block.id === id);
  if (index < 0) throw validation(`Could not find block with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
  return index;
}

/** Where the new children go: the index in the page's block list. */
function insertionIndex(body: Record<string, unknown>, context: RequestContext, page: PageRecord): number {
  const { after, position } = body;
  if (after !== undefined && (isAtLeast20260311(context.version) || position !== undefined)) {
    throw bodyValidation(`body.after should be not present, instead was ${quoted(after)}.`);
  }
  if (after !== undefined) return blockIndex(page, after, 'body.after') + 1;
  if (position === undefined) return page.blocks.length;
  const spec = position as Record<string, unknown>;
  switch (typeof spec === 'object' && spec !== null ? spec.type : undefined) {
    case 'end':
      return page.blocks.length;
    case 'start':
      return 0;
    case 'after_block': {
      const anchor = spec.after_block as Record<string, unknown> | undefined;
      return blockIndex(page, anchor?.id, 'body.position.after_block.id') + 1;
    }
    default:
      throw bodyValidation(`body.position.type should be one of "end", "start", "after_block", instead was ${quoted((spec as { type?: unknown })?.type)}.`);
  }
}

interface PlannedBlock {
  type: string;
  content: Record<string, unknown>;
  upload: UploadRecord | null;
  name?: string;
}

/** Validates one child; for an attached upload, checks it may be attached and fits the block type. */
function planChild(child: unknown, index: number, context: RequestContext, workspace: Workspace): PlannedBlock {
  const where = `body.children[${index}]`;
  if (typeof child !== 'object' || child === null || Array.isArray(child)) throw bodyValidation(`${where} should be an object, instead was ${quoted(child)}.`);
  const block = child as Record<string, unknown>;
  if (block.object !== undefined && block.object !== 'block') throw bodyValidation(`${where}.object should be \`"block"\`, instead was ${quoted(block.object)}.`);
  const type = block.type;
  if (typeof type !== 'string') throw bodyValidation(`${where}.type should be defined, instead was ${quoted(type)}.`);
  const content = block[type];
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw bodyValidation(`${where}.${type} should be an object, instead was ${quoted(content)}.`);
  }
  const given = content as Record<string, unknown>;
  if (!fileBearingTypes.includes(type) || given.type !== 'file_upload') {
    return { type, content: structuredClone(given), upload: null };
  }
  const reference = given.file_upload as Record<string, unknown> | undefined;
  const uploadId = typeof reference?.id === 'string' ? normalizeId(reference.id) : null;
  if (uploadId === null) throw bodyValidation(`${where}.${type}.file_upload.id should be a valid uuid, instead was ${quoted(reference?.id)}.`);
  const upload = workspace.state.uploadFor(uploadId, context.token);
  if (!upload || workspace.state.statusOf(upload) !== 'uploaded') {
    throw uploadNotAttachable(uploadId, workspace.switches.attachNotUploadedStatus);
  }
  if (upload.contentType === null || !workspace.fileTypes.fitsBlock(upload.contentType, type)) {
    throw validation(`File upload with ID ${uploadId} has content type ${upload.contentType}, which cannot be used in a ${type} block.`);
  }
  const name = typeof given.name === 'string' && type === 'file' ? given.name : undefined;
  const caption = Array.isArray(given.caption) ? given.caption : [];
  return { type, content: { caption, ...(name === undefined ? {} : { name }) }, upload, name };
}

export const appendBlockChildren: Handler = async (context, workspace) => {
  const page = sharedPage(context, workspace);
  const body = await readJsonBody(context.body);
  const children = body.children;
  if (children === undefined) throw bodyValidation('body.children should be defined, instead was `undefined`.');
  if (!Array.isArray(children)) throw bodyValidation(`body.children should be an array, instead was ${quoted(children)}.`);
  if (children.length > maxChildrenPerAppend) {
    throw bodyValidation(`body.children.length should be ≤ \`${maxChildrenPerAppend}\`, instead was \`${children.length}\`.`);
  }
  insertionIndex(body, context, page); // refuses a bad position before anything else
  const planned = children.map((child, index) => planChild(child, index, context, workspace));

  // The place is found again when the write commits: another write may have changed the page meanwhile.
  const created = await workspace.writes.exclusive(page.id, () => commitChildren(page, insertionIndex(body, context, page), planned, context, workspace));
  const all = { results: created, next_cursor: null, has_more: false };
  return { body: listObject(all, 'block', (block) => blockObject(block, context.version, workspace)) };
};

function commitChildren(page: PageRecord, at: number, planned: PlannedBlock[], context: RequestContext, workspace: Workspace): BlockRecord[] {
  if (planned.length > 0) workspace.blocks.check(context.caller);
  const now = workspace.clock.now();
  const created: BlockRecord[] = planned.map((plan) => ({
    id: newId(),
    pageId: page.id,
    type: plan.type,
    content: plan.content,
    uploadId: plan.upload?.id ?? null,
    uploadFilename: plan.upload?.filename ?? null,
    ...(plan.name === undefined ? {} : { name: plan.name }),
    createdAt: now,
    createdBy: context.caller.botId,
  }));
  page.blocks.splice(at, 0, ...created);
  workspace.blocks.add(created.length);
  for (const plan of planned) {
    if (!plan.upload) continue;
    plan.upload.attached = true;
    plan.upload.lastEditedAt = now;
  }
  return created;
}

export const listBlockChildren: Handler = async (context, workspace) => {
  const page = sharedPage(context, workspace);
  const pageSize = parsePageSize(context.query.get('page_size') ?? undefined, 'query', 100);
  const listed = paginate(page.blocks, context.query.get('start_cursor') ?? undefined, pageSize);
  return { body: listObject(listed, 'block', (block) => blockObject(block, context.version, workspace)) };
};
