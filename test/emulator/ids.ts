// Notion IDs: UUIDs given with or without dashes (any version nibble), answered in the dashed lowercase form.
import { randomUUID } from 'node:crypto';

const dashed = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const undashed = /^[0-9a-f]{32}$/i;

/** The dashed lowercase form of an ID, or null when it is not a UUID at all. */
export function normalizeId(raw: string): string | null {
  if (dashed.test(raw)) return raw.toLowerCase();
  if (undashed.test(raw)) {
    const hex = raw.toLowerCase();
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return null;
}

/** A new ID shaped like Notion's (version nibble 8 is not checked anywhere, so a random v4 serves). */
export function newId(): string {
  return randomUUID();
}
