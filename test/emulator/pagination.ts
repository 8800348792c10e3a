// Notion-style pages of results: `page_size` at most 100, opaque `start_cursor` / `next_cursor`.
import { ApiError, quoted } from './errors';

export const maxPageSize = 100;

export interface Paged<T> {
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/** Validates a page size given as a query string or a JSON body value. */
export function parsePageSize(raw: unknown, where: 'query' | 'body', fallback: number): number {
  if (raw === undefined || raw === null) return fallback;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  const field = `${where}.page_size`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ApiError(400, 'validation_error', `${where} failed validation: ${field} should be a number, instead was ${quoted(raw)}.`);
  }
  if (value < 1) throw new ApiError(400, 'validation_error', `${where} failed validation: ${field} should be ≥ \`1\`, instead was \`${value}\`.`);
  if (value > maxPageSize) {
    throw new ApiError(400, 'validation_error', `${where} failed validation: ${field} should be ≤ \`${maxPageSize}\`, instead was \`${value}\`.`);
  }
  return value;
}

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ next: id })).toString('base64url');
}

function decodeCursor(cursor: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { next?: unknown };
    return typeof parsed.next === 'string' ? parsed.next : undefined;
  } catch {
    return undefined;
  }
}

/** One page of `items`, starting at the item a cursor names. */
export function paginate<T extends { id: string }>(items: readonly T[], startCursor: unknown, pageSize: number): Paged<T> {
  let start = 0;
  if (startCursor !== undefined && startCursor !== null && startCursor !== '') {
    const id = typeof startCursor === 'string' ? decodeCursor(startCursor) : undefined;
    const index = id === undefined ? -1 : items.findIndex((item) => item.id === id);
    if (index < 0) throw new ApiError(400, 'validation_error', `The start_cursor provided is invalid: ${String(startCursor)}`);
    start = index;
  }
  const results = items.slice(start, start + pageSize);
  const next = items[start + pageSize];
  return { results, next_cursor: next ? encodeCursor(next.id) : null, has_more: next !== undefined };
}

/** Notion's list object: one page of results, typed (`type: "block", block: {}` and the like). */
export function listObject<T>(paged: Paged<T>, type: string, toObject: (item: T) => Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'list',
    results: paged.results.map(toObject),
    next_cursor: paged.next_cursor,
    has_more: paged.has_more,
    type,
    [type]: {},
  };
}
