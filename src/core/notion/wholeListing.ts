/** One page of a listing: its items and the cursor of the next page (null at the end). */
export interface ListingPage<T> {
  blocks: T[];
  nextCursor: string | null;
}

/** A listing that did not end: the server gave a cursor it had given before, or more pages than the caller reads. */
export class EndlessListing extends Error {
  constructor(readonly pages: number, readonly items: number, readonly repeatedCursor: boolean) {
    super('a listing did not end');
    this.name = 'EndlessListing';
  }
}

/**
 * Every item of a listing, page by page. Notion ends its listings; a server that answers "more" for ever (with an old
 * cursor, or new ones and nothing in them) is stopped with EndlessListing after `maxPages`. `beforeNextPage` runs
 * before each page after the first (a stop request can end the reading there).
 */
export async function readWholeListing<T>(readPage: (cursor: string | undefined) => Promise<ListingPage<T>>, maxPages: number,
  beforeNextPage?: () => void): Promise<T[]> {
  const items: T[] = [];
  const cursorsGiven = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; ; pages += 1) {
    if (pages > 0) beforeNextPage?.();
    const repeated = cursor !== undefined && cursorsGiven.has(cursor);
    if (pages >= maxPages || repeated) throw new EndlessListing(pages, items.length, repeated);
    if (cursor !== undefined) cursorsGiven.add(cursor);
    const page = await readPage(cursor);
    items.push(...page.blocks);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) return items;
  }
}
