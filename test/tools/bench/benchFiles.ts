// Test files generated at run time: fast to write, distinct per MiB, with the sha256 the emulator must end up with.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

export interface BenchFile {
  path: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** Writes `size` bytes: one random MiB repeated, each copy stamped with its index so no two MiB are equal. */
export async function writeBenchFile(dir: string, fileName: string, contentType: string, size: number): Promise<BenchFile> {
  const path = join(dir, fileName);
  const pattern = randomBytes(MiB);
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let offset = 0, index = 0; offset < size; offset += MiB, index++) {
    const block = Buffer.from(pattern.subarray(0, Math.min(MiB, size - offset)));
    block.writeUInt32BE(index, 0);
    hash.update(block);
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, fileName, contentType, size, sha256: hash.digest('hex') };
}

/** Copies the byte range [start, end) of a file into its own file (the curl baseline posts whole files). */
export async function writeByteRange(source: string, start: number, end: number, target: string): Promise<void> {
  const out = createWriteStream(target);
  for await (const chunk of createReadStream(source, { start, end: end - 1, highWaterMark: MiB })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
