// What a publish writes down before it asks Notion to make a page, so that a run that dies before it learns the new
// page's id (SIGKILL, power loss, a lost answer) does not make a second page next time: the next run looks for the
// page the create may have made and takes it over.
import { createHash } from 'node:crypto';
import { UploadFailure } from '../errors/errors';

/** Recorded (as the publish record's `creating`) before the create request; replaced once the page's id is known. */
export interface PageCreationIntent {
  /** The title the create sent. */
  title: string;
  /** The target's child pages before the create: none of them can be the page it made. */
  before: string[];
  /** How many top-level blocks the create sent, and a digest of their types and text. */
  blocks: number;
  digest: string;
  startedAt: number;
}

interface RichTextLike {
  text?: { content?: unknown };
  equation?: { expression?: unknown };
}

function joined(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return items.map((item: RichTextLike) => String(item.text?.content ?? item.equation?.expression ?? '')).join('');
}

/**
 * The type and visible text of each block, as a digest: the same for a block as the request sent it and as Notion
 * lists it back (rich text joined, so Notion splitting or merging runs of text does not change it).
 */
export function blocksDigest(blocks: ReadonlyArray<{ type: string; content: unknown }>): string {
  const hash = createHash('sha256');
  for (const { type, content } of blocks) {
    const fields = (content ?? {}) as Record<string, unknown>;
    hash.update(JSON.stringify([type, joined(fields.rich_text), joined(fields.caption), String(fields.expression ?? '')]));
    hash.update('\n');
  }
  return hash.digest('hex');
}

export interface CandidatePage {
  id: string;
  /** Its top-level blocks, as listed. */
  blocks: ReadonlyArray<{ type: string; content: unknown }>;
}

/**
 * Which of the target's new child pages with the intent's title is the one the create made. Taking a page over empties
 * it, so the rule errs towards a second page rather than towards emptying someone's page: the page must hold exactly
 * the blocks the create sent (a page made by hand under the same title holds other blocks, or none; one edited since
 * is left alone too). Two pages that both fit cannot be told apart: the user is asked to remove the extra one.
 */
export function pickCreatedPage(intent: PageCreationIntent, candidates: readonly CandidatePage[]): string | undefined {
  const fitting = candidates.filter((page) => page.blocks.length === intent.blocks && blocksDigest(page.blocks) === intent.digest);
  if (fitting.length > 1) {
    throw new UploadFailure('publish_unconfirmed',
      `${fitting.length} pages titled "${intent.title}" under the target page (${fitting.map((page) => page.id).join(', ')}) each look like the page an interrupted publish of this file made.`,
      'Move the extra ones to the trash in Notion, then publish again: the one left is emptied and written anew.');
  }
  return fitting[0]?.id;
}
