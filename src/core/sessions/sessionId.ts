import { randomBytes } from 'node:crypto';

/** Ids drawn from one read of random bytes: each randomBytes call is a job of its own, 20 times what slicing one costs. */
const IDS_PER_DRAW = 256;
const ID_BYTES = 16;
let drawn = Buffer.alloc(0);
let next = 0;

/**
 * A new upload session's id: 128 random bits as 32 hex digits. Not randomUUID(): Node builds each UUID by joining
 * twenty pieces, and V8 keeps that chain of pieces for as long as the string lives (about 400 bytes more per id, seen
 * with thousands of queued files, where every scavenge of the extension host's young generation copied them).
 * Only the id's uniqueness matters; ids read from older state files are UUIDs and stay valid. A folder queues
 * thousands at once, so the random bytes are read a few thousand at a time.
 */
export function newSessionId(): string {
  if (next >= drawn.length) {
    drawn = randomBytes(ID_BYTES * IDS_PER_DRAW);
    next = 0;
  }
  const id = drawn.toString('hex', next, next + ID_BYTES);
  next += ID_BYTES;
  return id;
}
