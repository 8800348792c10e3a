// PATCH/GET /v1/blocks/{block_id}/children: appending blocks (uploads attached in file blocks, nested children) to a
// page or a block, and reading them back (docs/notion-api.md §7).
import { findContainer, visibleChildren, type Container } from './blockTree';
import { checkRequestChildren, requestBlockTypes } from './blockValidation';
import { readJsonBody, type Handler, type RequestContext, type Workspace } from './context';
import { bodyValidation, inTrash, notShared, quoted, uploadNotAttachable, validation } from './errors';
import { normalizeId, newId } from './ids';
import { listObject, paginate, parsePageSize } from './pagination';
import { blockObject } from './shapes';
import type { BlockRecord, UploadRecord } from './state';
import { isAtLeast20260311 } from './versions';

const fileBearingTypes = ['image', 'video', 'audio', 'pdf', 'file', 'embed'];

function sharedContainer(context: RequestContext, workspace: Workspace): Container {
  const id = context.ids.block_id;
  const container = findContainer(workspace.state, id, context.token);
  if (!container) throw notShared('block', id);
  return container;
}

/** A container to write under: a page in the trash is still read, but nothing is added to it. */
function writableContainer(context: RequestContext, workspace: Workspace): Container {
  const container = sharedContainer(context, workspace);
  if (container.page.inTrash) throw inTrash();
  return container;
}

function blockIndex(blocks: BlockRecord[], rawId: unknown, field: string): number {
  const id = typeof rawId === 'string' ? normalizeId(rawId) : null;
  if (id === null) throw bodyValidation(`${field} should be a valid uuid, instead was ${quoted(rawId)}.`);
  const index = blocks.findIndex((block) => block.id === id);
  if (index < 0) throw validation(`Could not find block with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`);
  return index;
}

/** Where the new children go: the index in the parent's list of children. */
function insertionIndex(body: Record<string, unknown>, context: RequestContext, blocks: BlockRecord[]): number {
  const { after, position } = body;
  if (after !== undefined && (isAtLeast20260311(context.version) || position !== undefined)) {
    throw bodyValidation(`body.after should be not present, instead was ${quoted(after)}.`);
  }
  if (after !== undefined) return blockIndex(blocks, after, 'body.after') + 1;
  if (position === undefined) return blocks.length;
  const spec = position as Record<string, unknown>;
  switch (typeof spec === 'object' && spec !== null ? spec.type : undefined) {
    case 'end':
      return blocks.length;
    case 'start':
      return 0;
    case 'after_block': {
      const anchor = spec.after_block as Record<string, unknown> | undefined;
      return blockIndex(blocks, anchor?.id, 'body.position.after_block.id') + 1;
    }
    default:
      throw bodyValidation(`body.position.type should be one of "end", "start", "after_block", instead was ${quoted((spec as { type?: unknown })?.type)}.`);
  }
}

export interface PlannedBlock {
  type: string;
  content: Record<string, unknown>;
  upload: UploadRecord | null;
  name?: string;
  children: PlannedBlock[];
}

/** Validates one child; for an attached upload, checks it may be attached and fits the block type. */
export function planChild(child: unknown, index: number, context: RequestContext, workspace: Workspace, parent = 'body.children'): PlannedBlock {
  const where = `${parent}[${index}]`;
  if (typeof child !== 'object' || child === null || Array.isArray(child)) throw bodyValidation(`${where} should be an object, instead was ${quoted(child)}.`);
  const block = child as Record<string, unknown>;
  if (block.object !== undefined && block.object !== 'block') throw bodyValidation(`${where}.object should be \`"block"\`, instead was ${quoted(block.object)}.`);
  const type = block.type ?? Object.keys(block).find((key) => requestBlockTypes.includes(key));
  if (typeof type !== 'string') throw bodyValidation(`${where}.type should be defined, instead was ${quoted(type)}.`);
  const content = block[type];
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw bodyValidation(`${where}.${type} should be an object, instead was ${quoted(content)}.`);
  }
  const { children: nested, ...given } = content as Record<string, unknown>;
  const children = Array.isArray(nested) ? nested.map((inner, at) => planChild(inner, at, context, workspace, `${where}.${type}.children`)) : [];
  const source = given.type ?? (given.file_upload !== undefined ? 'file_upload' : undefined);
  if (!fileBearingTypes.includes(type) || source !== 'file_upload') {
    return { type, content: structuredClone(given), upload: null, children };
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
  return { type, content: { caption, ...(name === undefined ? {} : { name }) }, upload, name, children };
}

/** Block records for planned blocks (and their children), with each upload marked attached. */
export function createBlocks(planned: PlannedBlock[], pageId: string, parentBlockId: string | undefined, context: RequestContext, workspace: Workspace): BlockRecord[] {
  const now = workspace.clock.now();
  return planned.map((plan) => {
    const id = newId();
    if (plan.upload) {
      plan.upload.attached = true;
      plan.upload.lastEditedAt = now;
    }
    return {
      id,
      pageId,
      type: plan.type,
      content: plan.content,
      uploadId: plan.upload?.id ?? null,
      uploadFilename: plan.upload?.filename ?? null,
      ...(plan.name === undefined ? {} : { name: plan.name }),
      createdAt: now,
      createdBy: context.caller.botId,
      ...(parentBlockId === undefined ? {} : { parentBlockId }),
      ...(plan.children.length === 0 ? {} : { children: createBlocks(plan.children, pageId, id, context, workspace) }),
    };
  });
}

export const appendBlockChildren: Handler = async (context, workspace) => {
  const container = writableContainer(context, workspace);
  const body = await readJsonBody(context.body);
  const children = body.children;
  if (children === undefined) throw bodyValidation('body.children should be defined, instead was `undefined`.');
  checkRequestChildren(children, context.body.bytes);
  insertionIndex(body, context, container.children); // refuses a bad position before anything else
  const planned = (children as unknown[]).map((child, index) => planChild(child, index, context, workspace));

  // The place is found again when the write commits: another write may have changed the page meanwhile.
  const created = await workspace.writes.exclusive(container.page.id, () => {
    if (planned.length > 0) workspace.blocks.check(context.caller);
    const made = createBlocks(planned, container.page.id, container.block?.id, context, workspace);
    container.children.splice(insertionIndex(body, context, container.children), 0, ...made);
    workspace.blocks.add(countBlocks(made));
    return made;
  });
  const all = { results: created, next_cursor: null, has_more: false };
  return { body: listObject(all, 'block', (block) => blockObject(block, context.version, workspace)) };
};

export const listBlockChildren: Handler = async (context, workspace) => {
  const container = sharedContainer(context, workspace);
  const pageSize = parsePageSize(context.query.get('page_size') ?? undefined, 'query', 100);
  const listed = paginate(visibleChildren(container.children), context.query.get('start_cursor') ?? undefined, pageSize);
  return { body: listObject(listed, 'block', (block) => blockObject(block, context.version, workspace)) };
};

function countBlocks(blocks: readonly BlockRecord[]): number {
  return blocks.reduce((sum, block) => sum + 1 + countBlocks(block.children ?? []), 0);
}
