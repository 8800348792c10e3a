import { createHash } from 'node:crypto';
import { READ_CHUNK_BYTES } from './readChunkBytes';

/** sha256 (hex) of a file, read sequentially into one buffer that every read reuses (hashing consumes it at once). */
export async function sha256File(filePath: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  // node:fs/promises loads Node's readline module with it; core/light (loaded by every CLI run) loads it only here.
  const { open } = require('node:fs/promises') as typeof import('node:fs/promises');
  const file = await open(filePath, 'r');
  let bytes = 0;
  try {
    // No bigger than the file: hashing thousands of small files before a folder upload allocates one each.
    const buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(READ_CHUNK_BYTES, (await file.stat()).size)));
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await file.close();
  }
  return { sha256: hash.digest('hex'), bytes };
}
