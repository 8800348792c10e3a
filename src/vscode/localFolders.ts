// Folders on the local disk, read with node:fs. The extension runs where its file: URIs are, so a folder walk reads
// them directly: through VS Code's file system API, each stat of a remote extension host went over its connection to
// the window and back (compressed both ways), which with thousands of files cost the host more than everything else
// it did for them. Other schemes still go through VS Code.
import { stat, statSync, type Stats } from 'node:fs';
import { readdir, readFile, stat as statPromise } from 'node:fs/promises';
import { join } from 'node:path';

export type EntryKind = 'file' | 'folder' | 'other';

export interface LocalEntry {
  name: string;
  /** What the entry is, or what a symbolic link points at ('other' for a dangling link, a socket, a device…). */
  kind: EntryKind;
  symbolicLink: boolean;
}

/** What a folder walk keeps of a stat: what the path is, its size for the plan, its modification time for the record. */
export interface LocalStat {
  kind: EntryKind;
  sizeBytes: number;
  mtimeMs: number;
}

/**
 * A folder's entries in one read, with their kinds from the listing itself; only a symbolic link is stat-ed, to learn
 * what it points at (as VS Code's own listing does).
 */
export async function listLocalFolder(path: string): Promise<LocalEntry[]> {
  const entries: LocalEntry[] = [];
  for (const dirent of await readdir(path, { withFileTypes: true })) {
    const symbolicLink = dirent.isSymbolicLink();
    const kind = symbolicLink ? await linkTargetKind(join(path, dirent.name)) : kindOf(dirent);
    entries.push({ name: dirent.name, kind, symbolicLink });
  }
  return entries;
}

/**
 * A path's stat, following a symbolic link. Through fs.stat's callback: fs/promises' stat makes a request object with
 * a buffer of its own and more promises per call, garbage that adds up over thousands of files.
 */
export function statLocal(path: string): Promise<LocalStat> {
  return new Promise((resolve, reject) => {
    stat(path, (error, info) => (error ? reject(error) : resolve({ kind: kindOf(info), sizeBytes: info.size, mtimeMs: info.mtimeMs })));
  });
}

/**
 * A text file's contents without a byte order mark (as TextDecoder gives them); undefined when there is none to read (a
 * folder without a .gitignore).
 */
export async function readLocalText(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** A stat on a local disk takes microseconds; one that takes longer than this says the disk is slow or remote. */
const SLOW_STAT_MS = 2;

/**
 * Stats for one folder walk: synchronous while they are quick, through the thread pool from the first slow one on.
 * On a local disk a synchronous stat costs this thread a few microseconds, where handing one to node's thread pool
 * and taking its answer costs several times that, and on a busy machine the hand-over itself waited for the pool's
 * threads (a turn of over 200 ms was seen in one). A network or slow disk is left to the pool, so that it never holds
 * the thread for long.
 */
export class LocalStats {
  private quick = true;

  constructor(private readonly slowMs = SLOW_STAT_MS) {}

  /** Whether stats are still taken synchronously. */
  get synchronous(): boolean {
    return this.quick;
  }

  stat(path: string): Promise<LocalStat> {
    if (!this.quick) return statLocal(path);
    const started = performance.now();
    let info: Stats;
    try {
      info = statSync(path);
    } catch (error) {
      return Promise.reject(error);
    } finally {
      if (performance.now() - started > this.slowMs) this.quick = false;
    }
    return Promise.resolve({ kind: kindOf(info), sizeBytes: info.size, mtimeMs: info.mtimeMs });
  }
}

async function linkTargetKind(path: string): Promise<EntryKind> {
  try {
    return kindOf(await statPromise(path));
  } catch {
    return 'other';
  }
}

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean }): EntryKind {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
}
