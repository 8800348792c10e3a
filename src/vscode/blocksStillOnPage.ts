import type { BlockSummary } from '../core';
import { readWholeListing } from '../core/light';

/** The most child blocks read to answer the duplicate question; a page with more is not read to the end. */
export const MOST_BLOCKS_READ = 5_000;

/** Listing pages read at most: enough for MOST_BLOCKS_READ at Notion's 100 a page, and one more. */
const MOST_LISTING_PAGES = Math.ceil(MOST_BLOCKS_READ / 100) + 1;

export type BlockLister = (pageId: string, cursor: string | undefined) => Promise<{ blocks: BlockSummary[]; nextCursor: string | null }>;

const compact = (id: string): string => id.replace(/-/g, '').toLowerCase();

/**
 * The ids (without dashes) of the blocks on a page now, as Notion lists them (a block in the trash is not listed), or
 * undefined when that cannot be told in full: a page with more than MOST_BLOCKS_READ blocks, or a listing Notion
 * refuses. An earlier upload recorded as "on that page" may have been deleted there since; this is what tells.
 */
export async function blocksStillOnPage(pageId: string, list: BlockLister): Promise<ReadonlySet<string> | undefined> {
  // A listing Notion refuses, or one that does not end, cannot tell.
  const blocks = await readWholeListing((cursor) => list(pageId, cursor), MOST_LISTING_PAGES).catch(() => undefined);
  if (!blocks || blocks.length > MOST_BLOCKS_READ) return undefined;
  return new Set(blocks.map((block) => compact(block.id)));
}

/** Whether a block recorded for an earlier upload is among those listed; one recorded without a block id is kept. */
export function recordedBlockListed(blockId: string | null, listed: ReadonlySet<string>): boolean {
  return blockId === null || listed.has(compact(blockId));
}
