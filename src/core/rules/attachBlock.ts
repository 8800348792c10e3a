import { UploadFailure } from '../errors/errors';
import type { BlockSummary } from '../notion/notionClient';
import { EndlessListing, readWholeListing } from '../notion/wholeListing';
import type { UploadPlan } from './uploadPlan';

/** The block that shows an uploaded file on a page: its type follows the MIME type (docs/notion-api.md §7). */
export function fileBlockFor(plan: Pick<UploadPlan, 'blockType' | 'uploadName'>, uploadId: string): Record<string, unknown> {
  const file = { type: 'file_upload', file_upload: { id: uploadId } };
  switch (plan.blockType) {
    case 'file':
      return { object: 'block', type: 'file', file: { ...file, caption: [], name: plan.uploadName } };
    case 'embed':
      return { object: 'block', type: 'embed', embed: { ...file } };
    default:
      return { object: 'block', type: plan.blockType, [plan.blockType]: { ...file, caption: [] } };
  }
}

/**
 * How surely a block read back from the page is the one made from this upload. Read back, an attached upload is a
 * Notion-hosted file: 'sure' when its URL (or reference) carries the upload id; 'name' when only the file name
 * agrees, which a caller may trust only for blocks created since its append began (a page can hold older copies).
 */
export function matchUploadBlock(block: BlockSummary, plan: Pick<UploadPlan, 'blockType' | 'uploadName'>, uploadId: string): 'sure' | 'name' | 'no' {
  if (block.type !== plan.blockType) return 'no';
  const payload = block.raw[block.type];
  if (typeof payload !== 'object' || payload === null) return 'no';
  const content = payload as Record<string, unknown>;
  const upload = content.file_upload as { id?: string } | undefined;
  if (upload?.id) return sameId(upload.id, uploadId) ? 'sure' : 'no';
  const hosted = (content.file ?? content) as { url?: unknown };
  let lastSegment: string | undefined;
  if (typeof hosted.url === 'string') {
    try {
      const path = new URL(hosted.url).pathname;
      if (path.includes(uploadId) || path.includes(uploadId.replace(/-/g, ''))) return 'sure';
      lastSegment = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    } catch {
      lastSegment = undefined;
    }
  }
  return content.name === plan.uploadName || lastSegment === plan.uploadName ? 'name' : 'no';
}

function sameId(a: string, b: string): boolean {
  return a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
}

/** One page of a block listing, as the read-back needs it. */
export type BlockPageReader = (startCursor: string | undefined) => Promise<{ blocks: BlockSummary[]; nextCursor: string | null }>;

/** The most pages of a listing a read-back reads (100 blocks each): Notion ends its listings; a server that does not is stopped. */
export const MAX_READ_BACK_PAGES = 1000;

/** Every block of the page; a listing that does not end fails the read-back, saying what to check. */
async function readAllBlocks(readPage: BlockPageReader): Promise<BlockSummary[]> {
  try {
    return await readWholeListing(readPage, MAX_READ_BACK_PAGES);
  } catch (error) {
    if (!(error instanceof EndlessListing)) throw error;
    throw new UploadFailure('endless_listing',
      `Reading the page back, the server kept answering that more blocks follow after ${error.pages} pages (${error.items} blocks read)${error.repeatedCursor ? ', repeating a cursor it gave before' : ''}.`,
      'Check the API address (--api-base, a proxy in between): Notion itself ends a listing. Open the page in Notion to see whether the file is there before uploading it again.');
  }
}

/**
 * The read-back after an append whose answer was lost: the block on the page made from this upload. One whose URL
 * names the upload wins; else (Notion does not promise such URLs) the newest block of this name and type created
 * since `since`. Undefined when none is found.
 */
export async function findUploadBlock(readPage: BlockPageReader, plan: Pick<UploadPlan, 'blockType' | 'uploadName'>, uploadId: string,
  since: number): Promise<BlockSummary | undefined> {
  const sure: BlockSummary[] = [];
  const byName: BlockSummary[] = [];
  for (const block of await readAllBlocks(readPage)) {
    const match = matchUploadBlock(block, plan, uploadId);
    const created = Date.parse(typeof block.raw.created_time === 'string' ? block.raw.created_time : '');
    if (match === 'sure') sure.push(block);
    else if (match === 'name' && created >= since) byName.push(block);
  }
  const found = sure.length > 0 ? sure : byName;
  return found[found.length - 1];
}

/**
 * The read-back after a batch append whose answer was lost: for each upload (in the order given, which is the order
 * its blocks were sent), its block on the page, or undefined. The page is read once. A block whose URL names the
 * upload wins; else blocks of the same name and type created since `since` are shared out from the newest, the
 * last upload getting the last one, so that two files of one name in a batch do not both claim the same block.
 */
export async function findUploadBlocks(readPage: BlockPageReader, uploads: ReadonlyArray<{ plan: Pick<UploadPlan, 'blockType' | 'uploadName'>; uploadId: string }>,
  since: number): Promise<Array<BlockSummary | undefined>> {
  const blocks = await readAllBlocks(readPage);
  const found: Array<BlockSummary | undefined> = uploads.map(() => undefined);
  const claimed = new Set<BlockSummary>();
  uploads.forEach((upload, index) => {
    for (const block of blocks) if (matchUploadBlock(block, upload.plan, upload.uploadId) === 'sure') found[index] = block;
    if (found[index]) claimed.add(found[index]!);
  });
  for (let index = uploads.length - 1; index >= 0; index--) {
    if (found[index]) continue;
    for (let at = blocks.length - 1; at >= 0; at--) {
      const block = blocks[at];
      const created = Date.parse(typeof block.raw.created_time === 'string' ? block.raw.created_time : '');
      if (claimed.has(block) || !(created >= since) || matchUploadBlock(block, uploads[index].plan, uploads[index].uploadId) !== 'name') continue;
      found[index] = block;
      claimed.add(block);
      break;
    }
  }
  return found;
}
