import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UploaderError } from '../errors/uploaderError';

/** Another live process holds the state file: two runs on one file would send the same parts twice. */
export class StateFileBusyError extends UploaderError {
  constructor(readonly statePath: string, readonly holderPid: number | null) {
    super({
      code: 'state_file_busy',
      message: `another run (pid ${holderPid ?? 'unknown'}) is using this state file ${statePath}; wait for it or pass another --state`,
      hint: 'Wait for the other run to finish, or give this run a state file of its own.',
    });
  }
}

const UNUSABLE_REASONS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system', EISDIR: 'it is a folder',
  ENOTDIR: 'a file stands where a folder of its path should be', EEXIST: 'a file stands where a folder of its path should be',
  ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up',
};

/** The state file (or its lock) cannot be created or written where it was asked for. */
export class StateFileUnusableError extends UploaderError {
  constructor(readonly statePath: string, cause: unknown) {
    const code = (cause as { code?: string }).code;
    const words = code ? UNUSABLE_REASONS[code] : undefined;
    super({
      code: 'state_file_unusable',
      message: `cannot write the state file ${statePath} (${code ?? (cause as Error).message}${words ? `: ${words}` : ''})`,
      hint: 'Pass --state with a file in a folder you can write to.',
      cause,
    });
  }
}

export interface StateFileLock {
  readonly path: string;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  hostname: string;
  token: string;
}

function parseHolder(text: string): Holder | null {
  try {
    const holder = JSON.parse(text) as Holder;
    return typeof holder.pid === 'number' && typeof holder.hostname === 'string' ? holder : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // it exists, under another user
  }
}

/** node:os, loaded only when a lock is taken: each module the CLI loads stays in its memory, and most runs keep no state file. */
function hostName(): string {
  return (require('node:os') as typeof import('node:os')).hostname();
}

/**
 * An exclusive lock beside the state file: `<state>.lock`, created with O_EXCL and holding pid and host name. A lock
 * whose process is gone (a run killed with SIGKILL) is stale and taken over; one from another host cannot be checked,
 * so it is respected.
 */
export async function acquireStateFileLock(statePath: string): Promise<StateFileLock> {
  const path = `${statePath}.lock`;
  const mine: Holder = { pid: process.pid, hostname: hostName(), token: `${process.pid}-${Date.now()}-${Math.random()}` };
  const content = JSON.stringify(mine);
  try {
    await mkdir(dirname(statePath), { recursive: true });
  } catch (error) {
    throw new StateFileUnusableError(statePath, error);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(content, 'utf8');
      } finally {
        await handle.close();
      }
      return heldLock(path, content);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw new StateFileUnusableError(statePath, error);
    }
    const seen = await readFile(path, 'utf8').catch(() => null);
    if (seen === null) continue; // released meanwhile
    const holder = parseHolder(seen);
    // An unreadable lock is one being written this instant: its process is alive.
    if (!holder || holder.hostname !== mine.hostname || isAlive(holder.pid)) throw new StateFileBusyError(statePath, holder?.pid ?? null);
    // Stale. Moved aside rather than deleted, and checked: if another run took it over first, what was moved is its
    // fresh lock, which goes back.
    const aside = `${path}.stale-${process.pid}`;
    if (await rename(path, aside).then(() => true, () => false)) {
      const moved = await readFile(aside, 'utf8').catch(() => null);
      if (moved !== null && moved !== seen) {
        await rename(aside, path).catch(() => undefined);
        throw new StateFileBusyError(statePath, parseHolder(moved)?.pid ?? null);
      }
      await unlink(aside).catch(() => undefined);
    }
  }
  throw new StateFileBusyError(statePath, null);
}

function heldLock(path: string, content: string): StateFileLock {
  let held = true;
  // A run that ends without releasing (an uncaught error, process.exit) still removes its lock.
  const onExit = (): void => {
    try {
      if (readFileSync(path, 'utf8') === content) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  return {
    path,
    async release(): Promise<void> {
      if (!held) return;
      held = false;
      process.off('exit', onExit);
      const current = await readFile(path, 'utf8').catch(() => null);
      if (current === content) await unlink(path).catch(() => undefined);
    },
  };
}
