import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { UploadFailure } from '../errors/errors';

/** What tells that a file is still the one that was planned: size and modification time. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
}

export async function readFileIdentity(filePath: string): Promise<FileIdentity> {
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UploadFailure('file_unreadable', `Cannot read ${filePath}: ${code === 'ENOENT' ? 'it does not exist' : (error as Error).message}.`,
      'Check that the file exists and is readable.');
  }
  if (!info.isFile()) throw new UploadFailure('not_a_file', `${filePath} is not a regular file.`, 'Pick a file (folders are expanded by the caller).');
  try {
    await access(filePath, constants.R_OK);
  } catch (error) {
    throw new UploadFailure('file_unreadable', `Cannot read ${filePath}: ${(error as { code?: string }).code === 'EACCES' ? 'permission denied' : (error as Error).message}.`,
      'Check that the file exists and is readable.');
  }
  return { size: info.size, mtimeMs: info.mtimeMs };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Fails when the file no longer matches the identity it had when the upload was planned. */
export async function assertUnchanged(filePath: string, expected: FileIdentity): Promise<void> {
  const now = await readFileIdentity(filePath);
  if (!sameIdentity(now, expected)) {
    throw new UploadFailure('file_changed',
      `${filePath} changed during the upload (size ${expected.size} → ${now.size}, modified ${new Date(expected.mtimeMs).toISOString()} → ${new Date(now.mtimeMs).toISOString()}).`,
      'Wait until the file is no longer being written, then upload it again.');
  }
}
