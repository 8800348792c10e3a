import * as vscode from 'vscode';
import { readSensitivePatterns } from './configuration';
import { compileGlobs, relativePathUnder, type PathMatcher } from './globs';
import type { FileToUpload } from './folderExpansion';

/** Files matching `notionUpload.sensitiveFilePatterns` (read per workspace folder), which need a confirmation. */
export function findSensitiveFiles(files: readonly FileToUpload[]): FileToUpload[] {
  const matchers = new Map<string, PathMatcher>();
  return files.filter((file) => {
    const folder = vscode.workspace.getWorkspaceFolder(file.uri);
    const key = folder?.uri.toString() ?? '';
    let matches = matchers.get(key);
    if (!matches) {
      matches = compileGlobs(readSensitivePatterns(folder?.uri ?? file.uri));
      matchers.set(key, matches);
    }
    const relative = (folder && relativePathUnder(folder.uri, file.uri)) || file.uri.path.split('/').pop() || '';
    return matches(relative);
  });
}
