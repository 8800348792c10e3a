// Cutting a converted document to Notion's request limits: at most 100 blocks per request, two levels of nesting
// (a block and its children), at most 1,000 block elements and 500 KB per payload. What does not fit goes in
// follow-up requests that append to the blocks created first.
import type { BlockNode, LeafBlock, RequestBlock } from './notionBlocks';
import { NESTING_TYPES } from './notionBlocks';

export const MAX_BLOCKS_PER_REQUEST = 100;
export const MAX_ELEMENTS_PER_REQUEST = 1000;
/** Notion refuses payloads over 500 KB; the rest of the request (parent, title) gets this margin. */
export const MAX_CHILDREN_BYTES = 480 * 1000;

/** One block as a request carries it, and the children that must follow in requests of their own. */
export interface PlannedBlock {
  request: RequestBlock;
  /** Elements in `request` (the block and its inline children). */
  elements: number;
  bytes: number;
  /** Children appended to this block once it exists; `inlineChildren` of them were sent with it. */
  deferred: BlockNode[];
  inlineChildren: number;
}

function withChildren(node: BlockNode, children: readonly BlockNode[]): RequestBlock {
  const type = node.block.type;
  const content = (node.block as unknown as Record<string, Record<string, unknown>>)[type];
  return { ...node.block, [type]: { ...content, children: children.map((child) => child.block) } } as unknown as RequestBlock;
}

/**
 * A block's request form: its children go with it when they are leaves and few enough; otherwise it is sent bare and
 * its children follow (they may have children of their own, which one request cannot carry). A table must carry
 * rows, so it takes its first 100, or fewer when they would pass the payload limit, and the rest follow.
 */
export function planBlock(node: BlockNode): PlannedBlock {
  let request: RequestBlock;
  let deferred: BlockNode[] = [];
  let inline: BlockNode[] = [];
  if (node.block.type === 'table') {
    // As many rows as fit (a wide table's rows can fill 500 KB long before 100 of them), at least the one Notion needs.
    let bytes = Buffer.byteLength(JSON.stringify(withChildren(node, [])));
    let count = 0;
    for (const row of node.children.slice(0, MAX_BLOCKS_PER_REQUEST)) {
      bytes += Buffer.byteLength(JSON.stringify(row.block)) + 1;
      if (count > 0 && bytes > MAX_CHILDREN_BYTES) break;
      count += 1;
    }
    inline = node.children.slice(0, count);
    deferred = node.children.slice(count);
    request = withChildren(node, inline);
  } else if (node.children.length === 0) {
    request = node.block as LeafBlock;
  } else if (NESTING_TYPES.includes(node.block.type) && node.children.length <= MAX_BLOCKS_PER_REQUEST
    && node.children.every((child) => child.children.length === 0 && child.block.type !== 'table')) {
    inline = node.children;
    request = withChildren(node, inline);
  } else {
    request = node.block as LeafBlock;
    deferred = node.children;
  }
  return { request, elements: 1 + inline.length, bytes: Buffer.byteLength(JSON.stringify(request)), deferred, inlineChildren: inline.length };
}

/** Consecutive groups that each fit one request. */
export function batchBlocks(planned: readonly PlannedBlock[]): PlannedBlock[][] {
  const batches: PlannedBlock[][] = [];
  let current: PlannedBlock[] = [];
  let elements = 0;
  let bytes = 2;
  for (const block of planned) {
    const full = current.length >= MAX_BLOCKS_PER_REQUEST || elements + block.elements > MAX_ELEMENTS_PER_REQUEST || bytes + block.bytes + 1 > MAX_CHILDREN_BYTES;
    if (full && current.length > 0) {
      batches.push(current);
      current = [];
      elements = 0;
      bytes = 2;
    }
    current.push(block);
    elements += block.elements;
    bytes += block.bytes + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
