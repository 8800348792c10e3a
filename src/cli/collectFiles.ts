import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface CollectedFiles {
  files: string[];
  /** Arguments that could not be read, with the reason. */
  problems: Array<{ path: string; reason: string }>;
}

const SKIPPED_FOLDERS = new Set(['node_modules']);

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
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, reason: `folder not readable (${(error as { code?: string }).code ?? (error as Error).message})` });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
      const path = join(folder, entry.name);
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
      else problems.push({ path: given, reason: 'not a regular file or folder' });
    } catch (error) {
      const code = (error as { code?: string }).code;
      problems.push({ path: given, reason: code === 'ENOENT' ? 'no such file or folder' : (error as Error).message });
    }
  }
  return { files, problems };
}

async function isLinkToFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}
