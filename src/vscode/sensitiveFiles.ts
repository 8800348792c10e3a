import * as vscode from 'vscode';
import { readSensitivePatterns } from './configuration';
import { compileGlobs, relativePathUnder, type PathMatcher } from './globs';
import type { FileToUpload } from './folderExpansion';
import { TurnBudget } from './turnBudget';

export interface SensitiveFile<T extends FileToUpload = FileToUpload> {
  file: T;
  /** The first of notionUpload.sensitiveFilePatterns that matched, so the question can say why it asks. */
  pattern: string;
}

/**
 * Files matching `notionUpload.sensitiveFilePatterns` (read per workspace folder), which need a confirmation. Every
 * pattern against thousands of files is a few milliseconds per turn of the event loop (see TurnBudget).
 */
export async function findSensitiveFiles<T extends FileToUpload>(files: readonly T[]): Promise<Array<SensitiveFile<T>>> {
  const matchers = new Map<string, Array<{ pattern: string; matches: PathMatcher }>>();
  const found: Array<SensitiveFile<T>> = [];
  const budget = new TurnBudget();
  // The files of a folder walk come folder by folder: the workspace folder is looked up once per folder.
  let lastParent: string | undefined;
  let folder: vscode.WorkspaceFolder | undefined;
  for (const file of files) {
    await budget.pace();
    const { scheme, authority, path } = file.uri;
    const parent = `${scheme}://${authority}${path.slice(0, path.lastIndexOf('/') + 1)}`;
    if (parent !== lastParent) {
      lastParent = parent;
      folder = vscode.workspace.getWorkspaceFolder(file.uri);
    }
    const key = folder?.uri.toString() ?? '';
    let patterns = matchers.get(key);
    if (!patterns) {
      patterns = readSensitivePatterns(folder?.uri ?? file.uri).map((pattern) => ({ pattern: pattern.trim(), matches: compileGlobs([pattern]) }));
      matchers.set(key, patterns);
    }
    const relative = (folder && relativePathUnder(folder.uri, file.uri)) || file.uri.path.split('/').pop() || '';
    const hit = patterns.find(({ matches }) => matches(relative));
    if (hit) found.push({ file, pattern: hit.pattern });
  }
  return found;
}
