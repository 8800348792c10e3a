import { randomBytes } from 'node:crypto';

/**
 * A new upload session's id: 128 random bits as 32 hex digits. Not randomUUID(): Node builds each UUID by joining
 * twenty pieces, and V8 keeps that chain of pieces for as long as the string lives (about 400 bytes more per id, seen
 * with thousands of queued files, where every scavenge of the extension host's young generation copied them).
 * Only the id's uniqueness matters; ids read from older state files are UUIDs and stay valid.
 */
export function newSessionId(): string {
  return randomBytes(16).toString('hex');
}
