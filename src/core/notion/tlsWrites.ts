/**
 * Bytes handed to a TLS socket per write. A TLS socket encrypts all of a write at once and holds the ciphertext in
 * memory until the kernel has taken it, per connection; a file is read in larger chunks (READ_CHUNK_BYTES) for the
 * CPU it saves, and handing those over whole kept that much ciphertext per part in flight (docs/measurements.md).
 * Smaller writes save a little more memory and cost more CPU, one write each.
 */
export const TLS_WRITE_BYTES = 128 * 1024;

/**
 * The same bytes as `chunks`, no chunk longer than `maxBytes` (views, not copies). The next chunk of `chunks` is asked
 * for only once the consumer has taken every piece of the one before, as if it had taken that chunk whole.
 */
export async function* inWritesOfAtMost(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    if (chunk.length <= maxBytes) {
      yield chunk;
      continue;
    }
    for (let start = 0; start < chunk.length; start += maxBytes) yield chunk.subarray(start, start + maxBytes);
  }
}
