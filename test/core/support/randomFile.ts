import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `size` random bytes to dir/name in 1 MiB slices; returns the path and the sha256 of what was written. */
export async function writeRandomFile(dir: string, name: string, size: number): Promise<{ path: string; sha256: string; size: number }> {
  const path = join(dir, name);
  const hash = createHash('sha256');
  const file = await open(path, 'w');
  try {
    for (let written = 0; written < size; ) {
      const slice = randomBytes(Math.min(1024 * 1024, size - written));
      hash.update(slice);
      await file.write(slice);
      written += slice.length;
    }
  } finally {
    await file.close();
  }
  return { path, sha256: hash.digest('hex'), size };
}
