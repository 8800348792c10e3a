// Received bytes on disk: one file per part under the upload's directory, hashed by streaming, never loaded whole.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from './ids';

export async function incomingPartPath(uploadDirectory: string): Promise<string> {
  await mkdir(uploadDirectory, { recursive: true });
  return join(uploadDirectory, `incoming-${newId()}`);
}

/** Moves a fully received part into place as `part-<n>` and returns its final path. */
export async function keepPart(incomingPath: string, uploadDirectory: string, partNumber: number): Promise<string> {
  const finalPath = join(uploadDirectory, `part-${partNumber}`);
  await rename(incomingPath, finalPath);
  return finalPath;
}

export async function discard(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** sha256 of the files concatenated in the given order, read as streams. */
export async function sha256OfConcatenation(paths: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
