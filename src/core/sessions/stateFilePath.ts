import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UploaderError } from '../errors/uploaderError';
import { describeFileKind } from '../transfer/fileKind';

/** The state path names something the state file cannot safely be: a device, a FIFO, a folder, a socket, a file with other names. */
export class StateFilePathError extends UploaderError {
  constructor(readonly statePath: string, what: string, hint: string) {
    super({ code: 'state_file_unusable', message: `the state file ${statePath} ${what}`, hint });
  }
}

const REGULAR_FILE_HINT = "Pass --state with the path of a regular file (or of one to be created) in a folder you can write to.";
/** Symbolic links followed before the path is called a loop, as the kernel does. */
const MAX_LINKS = 40;

/**
 * The real path of a state file, checked before any lock or write: symbolic links are followed (also a link to a file
 * not written yet), so the lock `<real>.lock` is the same whichever link names the file, and a rewrite replaces the
 * file the link names, not the link. Only ever stat-ed, never opened: opening a FIFO would wait for a writer forever.
 * Refused: anything that exists and is not a regular file, and a regular file with more than one hard link, since a
 * run through its other name would take another lock.
 */
export async function checkedStateFilePath(statePath: string): Promise<string> {
  let path = resolve(statePath);
  for (let hops = 0; ; hops++) {
    if (hops > MAX_LINKS) throw new StateFilePathError(statePath, 'is a symbolic link that leads round in a loop', REGULAR_FILE_HINT);
    const stats = await lstat(path).catch((error: { code?: string }) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (stats?.isSymbolicLink()) {
      path = resolve(dirname(path), await readlink(path));
      continue;
    }
    // Its folder may itself be reached through links: the lock must be beside the one real file.
    const folder = await realpath(dirname(path)).catch(() => null);
    const real = folder === null ? path : join(folder, basename(path));
    if (stats === null) return real; // created on first write; a folder that cannot be made is named when it is tried
    if (!stats.isFile()) throw new StateFilePathError(statePath, `is ${describeFileKind(stats)}, not a regular file`, REGULAR_FILE_HINT);
    if (stats.nlink > 1) {
      throw new StateFilePathError(statePath, `has ${stats.nlink} names (hard links): a run through another of its names would not see this run's lock`,
        'Pass --state with a file that has only this name (copy the file, or remove its other names).');
    }
    return real;
  }
}
