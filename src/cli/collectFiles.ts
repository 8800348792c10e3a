import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeFileKind, type FileKindStats } from '../core/transfer/fileKind';

export interface CollectedFiles {
  files: string[];
  /** Arguments that could not be read, with the reason. */
  problems: Array<{ path: string; reason: string }>;
}

const SKIPPED_FOLDERS = new Set(['node_modules']);

const NOT_UTF8 = 'the name is not valid UTF-8 (its other bytes are shown as \\xHH), so it cannot be opened or sent to Notion by name: rename it to UTF-8 (for example with convmv)';

/** A name's bytes for a message: printable ASCII as it is, every other byte as \xHH. */
function showBytes(name: Buffer): string {
  let shown = '';
  for (const byte of name) shown += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return shown;
}

/** Why a path could not be read, and what to do about it, for the codes a user meets; the code itself for the rest. */
function unreadable(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder: check the path';
    case 'EACCES': case 'EPERM': return `permission denied (${code}): give yourself read access to it (and to the folders above it), or run as a user who has it`;
    case 'ELOOP': return 'it is a symbolic link that leads round in a loop (ELOOP): point the link at a real file or folder, or name that one';
    case 'ENOTDIR': return 'a file stands where a folder of its path should be (ENOTDIR): check the path';
    case 'ENAMETOOLONG': return 'the path is too long for the file system (ENAMETOOLONG): name a shorter path';
    default: return code ? `cannot be read (${code}): check the path and that you can read it` : (error as Error).message;
  }
}

/** What a path is that is neither a regular file nor a folder, and what to do instead. */
function notAFile(info: FileKindStats): string {
  return `not a regular file or folder (it is ${describeFileKind(info)}): only files and folders are uploaded; save what it gives to a file named for its content first (for example cat it > data.csv) and upload that file`;
}

/** Expands folders recursively (skipping hidden entries and node_modules inside them); named files are kept as given. */
export async function collectFiles(paths: string[]): Promise<CollectedFiles> {
  const files: string[] = [];
  const problems: CollectedFiles['problems'] = [];
  const seen = new Set<string>();
  const addFile = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      files.push(path);
    }
  };
  // Like the extension's folder walk: a link to a file is followed, a linked folder is not entered (no loops).
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      // Names as bytes: a name that is not UTF-8 would otherwise come back altered and then "not exist".
      entries = (await readdir(folder, { withFileTypes: true, encoding: 'buffer' })).map((entry) => ({ entry, name: entry.name.toString('utf8') }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      problems.push({ path: folder, reason: `folder not readable (${code ?? (error as Error).message})${code === 'EACCES' || code === 'EPERM' ? ': give yourself read and search access to it (chmod u+rx), or run as a user who has it' : ''}` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const { entry, name } of entries) {
      if (name.startsWith('.') || SKIPPED_FOLDERS.has(name)) continue;
      if (!Buffer.from(name, 'utf8').equals(entry.name)) {
        problems.push({ path: join(folder, showBytes(entry.name)), reason: NOT_UTF8 });
        continue;
      }
      const path = join(folder, name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFile(path)))) addFile(path);
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else if (info.isFile()) addFile(path);
      else problems.push({ path: given, reason: notAFile(info) });
    } catch (error) {
      const code = (error as { code?: string }).code;
      // The shell passed bytes that are not UTF-8; Node.js decoded them to U+FFFD, a name no file has.
      const reason = code === 'ENOENT' && given.includes('\uFFFD') ? NOT_UTF8 : unreadable(error);
      problems.push({ path: given, reason });
    }
  }
  return { files, problems };
}

async function isLinkToFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}
