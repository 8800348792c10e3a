/** Bytes per disk read while streaming a part: larger reads cost less CPU, and 512 KiB keeps most of that gain with
 * half the memory of 1 MiB, and finer progress and throttling steps (docs/measurements.md). A module of its own so
 * that core/light's sha256File can share it without loading the request bodies' module. */
export const READ_CHUNK_BYTES = 512 * 1024;
