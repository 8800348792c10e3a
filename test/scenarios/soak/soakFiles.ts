// The soak's files: mostly 1 KiB–2 MiB (log-spread sizes), one in fifty just over 20 MiB so it goes in parts.
import { KiB, MiB, SINGLE_PART_MAX_BYTES } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import type { SeededRandom } from '../../support/seededRandom';

export interface SoakFile {
  path: string;
  sha256: string;
  size: number;
}

const EXTENSIONS = ['pdf', 'png', 'jpg', 'txt', 'json', 'mp4', 'mp3', 'docx'];

export function multiPartCount(fileCount: number): number {
  return Math.max(1, Math.round(fileCount / 50));
}

/** Sizes in a seeded shuffle, so the large files do not all start together. */
export function planSizes(fileCount: number, random: SeededRandom): number[] {
  const large = multiPartCount(fileCount);
  const sizes = Array.from({ length: fileCount }, (_, index) =>
    index < large ? SINGLE_PART_MAX_BYTES + random.int(1, 2 * MiB) : random.logInt(KiB, 2 * MiB));
  return random.shuffle(sizes);
}

export async function writeSoakFiles(dir: string, sizes: number[], random: SeededRandom): Promise<SoakFile[]> {
  const files: SoakFile[] = [];
  for (const [index, size] of sizes.entries()) {
    files.push(await writeRandomFile(dir, `file-${String(index).padStart(3, '0')}.${random.pick(EXTENSIONS)}`, size));
  }
  return files;
}
