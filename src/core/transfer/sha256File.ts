import { createHash } from 'node:crypto';
import { openUnchanged } from './fileIdentity';
import { READ_CHUNK_BYTES } from './readChunkBytes';

/** sha256 (hex) of a file, read sequentially into one buffer that every read reuses (hashing consumes it at once). */
export async function sha256File(filePath: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  // Never blocks on a FIFO put where the file was; whether it is the same file is checked by the caller.
  const file = await openUnchanged(filePath, undefined);
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
