// Blocks inside blocks: finding a page or block by ID to read or append its children, wherever it is nested.
import type { BlockRecord, PageRecord, WorkspaceState } from './state';

export interface Container {
  page: PageRecord;
  /** The block whose children these are; absent when they are the page's own blocks. */
  block?: BlockRecord;
  children: BlockRecord[];
}

function search(blocks: BlockRecord[], id: string): BlockRecord | undefined {
  for (const block of blocks) {
    if (block.id === id) return block;
    const inside = block.children ? search(block.children, id) : undefined;
    if (inside) return inside;
  }
  return undefined;
}

/** A block, at any depth, in a page the token may see. */
export function findBlock(state: WorkspaceState, id: string, token: string): { page: PageRecord; block: BlockRecord } | undefined {
  for (const page of state.pages.values()) {
    if (!page.sharedWith.has(token)) continue;
    const block = search(page.blocks, id);
    if (block) return { page, block };
  }
  return undefined;
}

/** The page or block an ID names, as a parent of children; a child page is a page (its own blocks). */
export function findContainer(state: WorkspaceState, id: string, token: string): Container | undefined {
  const page = state.pageFor(id, token);
  if (page) return { page, children: page.blocks };
  const found = findBlock(state, id, token);
  if (!found || found.block.inTrash) return undefined;
  found.block.children ??= [];
  return { page: found.page, block: found.block, children: found.block.children };
}

export function visibleChildren(blocks: readonly BlockRecord[] | undefined): BlockRecord[] {
  return (blocks ?? []).filter((block) => !block.inTrash);
}
