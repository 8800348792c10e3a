import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { READ_CHUNK_BYTES } from './multipartBody';

/** sha256 (hex) of a file, read sequentially in constant memory. */
export async function sha256File(filePath: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES, signal }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
