import type { BlockSummary } from '../core';

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
  const ids = new Set<string>();
  const cursorsGiven = new Set<string>();
  let cursor: string | undefined;
  do {
    // Notion lists up to 100 blocks a page and ends its listings; a server that answers "more" with no new blocks or
    // an old cursor would otherwise be read for ever before the upload is even asked about.
    if (cursorsGiven.size >= MOST_LISTING_PAGES) return undefined;
    const page = await list(pageId, cursor).catch(() => undefined);
    if (!page) return undefined;
    for (const block of page.blocks) ids.add(compact(block.id));
    if (ids.size > MOST_BLOCKS_READ) return undefined;
    cursor = page.nextCursor ?? undefined;
    if (cursor !== undefined && cursorsGiven.has(cursor)) return undefined;
    if (cursor !== undefined) cursorsGiven.add(cursor);
  } while (cursor);
  return ids;
}

/** Whether a block recorded for an earlier upload is among those listed; one recorded without a block id is kept. */
export function recordedBlockListed(blockId: string | null, listed: ReadonlySet<string>): boolean {
  return blockId === null || listed.has(compact(blockId));
}
