import { constants } from 'node:fs';
import { access, open, stat, statfs, type FileHandle } from 'node:fs/promises';
import { UploadFailure } from '../errors/errors';

/**
 * What tells that a file is still the one that was planned: size and modification time, and where the file system
 * keeps them, the inode and the status-change time (a rewrite that puts size and mtime back still moves ctime; a file
 * replaced by rename has another inode). Records stored by earlier versions lack the last two.
 */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino?: number;
  ctimeMs?: number;
  /** The device the inode is on: an inode number names a file only together with it. */
  dev?: number;
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
  await refuseKernelFiles(filePath, info.size);
  try {
    await access(filePath, constants.R_OK);
  } catch (error) {
    throw new UploadFailure('file_unreadable', `Cannot read ${filePath}: ${(error as { code?: string }).code === 'EACCES' ? 'permission denied' : (error as Error).message}.`,
      'Check that the file exists and is readable.');
  }
  const identity: FileIdentity = { size: info.size, mtimeMs: info.mtimeMs };
  if (info.ino > 0) {
    identity.ino = info.ino;
    identity.dev = info.dev;
  }
  if (info.ctimeMs > 0) identity.ctimeMs = info.ctimeMs;
  return identity;
}

// Magic numbers of the file systems whose files the kernel makes up as they are read (statfs(2)).
const PROC_SUPER_MAGIC = 0x9fa0;
const SYSFS_MAGIC = 0x62656572;
const KERNEL_FILE = 'Copy what you want to upload into an ordinary file first, then upload that file.';

/**
 * Files whose size is not what stat says: everything under /proc and /sys (most say 0 bytes and have content, some
 * say 4096 and have less), and any other "empty" file that reads as more. Sending such a file would send the size
 * stat gave (nothing, or a cut-off part) and report it as done.
 */
async function refuseKernelFiles(filePath: string, size: number): Promise<void> {
  const type = await statfs(filePath).then((info) => info.type, () => undefined);
  if (type === PROC_SUPER_MAGIC || type === SYSFS_MAGIC) {
    throw new UploadFailure('special_file', `${filePath} is a file the kernel makes up as it is read (/proc or /sys): its size is not known in advance.`, KERNEL_FILE);
  }
  if (size !== 0) return;
  let bytesRead = 0;
  try {
    const file = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      ({ bytesRead } = await file.read(Buffer.alloc(1), 0, 1, 0));
    } finally {
      await file.close();
    }
  } catch {
    return; // unreadable: the access check below says so
  }
  if (bytesRead > 0) {
    throw new UploadFailure('special_file', `${filePath} says it is empty but has content: its size is not known in advance.`, KERNEL_FILE);
  }
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  const agree = (x: number | undefined, y: number | undefined): boolean => x === undefined || y === undefined || x === y;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && agree(a.ino, b.ino) && agree(a.dev, b.dev) && agree(a.ctimeMs, b.ctimeMs);
}

/** Fails when the file no longer matches the identity it had when the upload was planned. */
export async function assertUnchanged(filePath: string, expected: FileIdentity): Promise<void> {
  const now = await readFileIdentity(filePath);
  if (!sameIdentity(now, expected)) {
    throw new UploadFailure('file_changed',
      `${filePath} changed during the upload (${describeChange(expected, now)}).`,
      'Wait until the file is no longer being written, then upload it again.');
  }
}

function describeChange(before: FileIdentity, after: FileIdentity): string {
  if (before.size !== after.size || before.mtimeMs !== after.mtimeMs) {
    return `size ${before.size} → ${after.size}, modified ${new Date(before.mtimeMs).toISOString()} → ${new Date(after.mtimeMs).toISOString()}`;
  }
  if (before.ino !== after.ino || before.dev !== after.dev) return 'it was replaced by another file of the same size and time';
  return 'it was written again, its size and modification time put back';
}

/**
 * Opens the file again to read it (a part, the hash) and checks that what was opened is still the file the upload
 * started from: a regular file with the same device, inode and size. Opened without blocking: a file replaced by a
 * FIFO would otherwise wait for a writer forever, holding a thread of the pool that the process waits for on exit.
 */
export async function openUnchanged(filePath: string, expected: FileIdentity | undefined): Promise<FileHandle> {
  const file = await open(filePath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await file.stat();
    const what = !info.isFile() ? 'it is no longer a regular file'
      : expected && expected.size !== info.size ? `size ${expected.size} → ${info.size}`
        : expected?.ino !== undefined && (expected.ino !== info.ino || (expected.dev !== undefined && expected.dev !== info.dev)) ? 'it was replaced by another file'
          : null;
    if (what !== null) {
      throw new UploadFailure('file_changed', `${filePath} changed during the upload (${what}).`,
        'Wait until the file is no longer being written or replaced, then upload it again.');
    }
    return file;
  } catch (error) {
    await file.close().catch(() => undefined);
    throw error;
  }
}
