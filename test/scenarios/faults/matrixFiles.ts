// The two files every upload cell sends, written once per matrix run into a temp dir.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KiB, MiB, SINGLE_PART_MAX_BYTES } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import type { MatrixFileKind } from './productCalls';

export interface MatrixFile {
  path: string;
  sha256: string;
  size: number;
}

export interface MatrixFiles {
  dir: string;
  byKind: Record<MatrixFileKind, MatrixFile>;
  remove(): Promise<void>;
}

/** 64 KiB goes in one part; just over Notion's 20 MiB single-part limit is the smallest file that goes in parts. */
export const SINGLE_PART_SIZE = 64 * KiB;
export const MULTI_PART_SIZE = SINGLE_PART_MAX_BYTES + 64 * KiB;

export async function writeMatrixFiles(): Promise<MatrixFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'fault-matrix-'));
  try {
    const singlePart = await writeRandomFile(dir, 'single.pdf', SINGLE_PART_SIZE);
    const multiPart = await writeRandomFile(dir, 'multi.pdf', MULTI_PART_SIZE);
    return { dir, byKind: { singlePart, multiPart }, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export function describeFile(kind: MatrixFileKind, size: number, partSize: number): string {
  return kind === 'singlePart'
    ? `${size / KiB} KiB single-part`
    : `${(size / MiB).toFixed(2)} MiB in ${Math.ceil(size / partSize)} parts of ${partSize / MiB} MiB`;
}
