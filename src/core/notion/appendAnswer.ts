// Whether Notion's 200 answer to an append accounts for the blocks sent. Notion documents the answer as the newly
// created first-level children, in the order they were sent ("Append block children"; the SDK's
// AppendBlockChildrenResponse.results), and an append takes at most 100 children, so one answer holds them all.
import { UploadFailure } from '../errors/errors';
import type { BlockSummary } from './notionClient';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * Why the answer does not account for the blocks sent, or undefined when it does: one result per block sent, in
 * order, each with a block id and the type sent; a result naming a file upload names the one sent. Fields an answer
 * leaves out are not held against it (an attached upload may come back as a Notion-hosted file, without the reference).
 */
export function unaccountedFor(sent: ReadonlyArray<Record<string, unknown>>, results: readonly BlockSummary[]): string | undefined {
  if (results.length !== sent.length) return `${results.length} ${results.length === 1 ? 'block' : 'blocks'} for the ${sent.length} sent`;
  for (const [index, block] of results.entries()) {
    const type = typeof sent[index].type === 'string' ? sent[index].type as string : undefined;
    const where = sent.length === 1 ? '' : ` at position ${index + 1}`;
    if (type !== undefined && block.type !== type) return `${withArticle(block.type.slice(0, 40))} block${where} where ${withArticle(type)} block was sent`;
    if (!UUID.test(block.id)) return `a block without a valid id${where}`;
    const sentUpload = type === undefined ? undefined : uploadIdIn(sent[index][type]);
    const answeredUpload = uploadIdIn(block.raw[block.type]);
    if (sentUpload !== undefined && answeredUpload !== undefined && compact(sentUpload) !== compact(answeredUpload)) {
      return `another file upload${where} than the one sent`;
    }
  }
  return undefined;
}

function uploadIdIn(content: unknown): string | undefined {
  if (typeof content !== 'object' || content === null) return undefined;
  const reference = (content as { file_upload?: { id?: unknown } }).file_upload;
  return typeof reference?.id === 'string' ? reference.id : undefined;
}

function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

function compact(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

/** An append answered without the blocks sent, and reading the page back could not tell whether they were added. */
export const APPEND_UNCONFIRMED = 'append_unconfirmed';
/** Notion answered an append as done without the blocks sent, and the page read back does not hold them. */
export const APPEND_NOT_SHOWN = 'append_not_shown';

export function appendUnconfirmed(why: string, sent: number, cause: unknown): UploadFailure {
  const reason = cause instanceof Error ? cause.message.replace(/[.\s]+$/, '') : String(cause);
  return new UploadFailure(APPEND_UNCONFIRMED,
    `Notion answered that it added ${plural(sent)} to the page, but its answer held ${why}, and reading the page back to see whether ${sent === 1 ? 'it is' : 'they are'} there failed: ${reason}.`,
    'Open the page in Notion to see whether they are there before sending them again.');
}

/** `answers`: how many 200 answers without the blocks came (the second ends it; one when stopped on request). */
export function appendNotShown(why: string, sent: number, answers: number): UploadFailure {
  return new UploadFailure(APPEND_NOT_SHOWN,
    `Notion ${answers > 1 ? 'twice ' : ''}answered that it added ${plural(sent)} to the page, but its answer held ${why}, and the page, read back, does not hold ${sent === 1 ? 'it' : 'them'}.`,
    'Try again later; if it happens again, check that the API base URL leads to Notion (a proxy may be answering).');
}

function plural(count: number): string {
  return count === 1 ? '1 block' : `${count} blocks`;
}
