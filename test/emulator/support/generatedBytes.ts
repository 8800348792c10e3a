// Test data made at run time: pseudo-random bytes as a stream, never one big Buffer.
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const blockSize = 1024 * 1024;

/** `size` bytes in 1 MiB chunks; each chunk is stamped with its index, so reordered parts change the hash. */
export function generatedStream(size: number): Readable {
  const block = randomBytes(blockSize);
  let sent = 0;
  let index = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const length = Math.min(blockSize, size - sent);
      const chunk = Buffer.from(block.subarray(0, length));
      if (length >= 4) chunk.writeUInt32BE(index, 0);
      index += 1;
      sent += length;
      this.push(chunk);
    },
  });
}

/** Writes a generated file and returns its sha256. */
export async function writeGeneratedFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(generatedStream(size), hashing, createWriteStream(path));
  return hash.digest('hex');
}
