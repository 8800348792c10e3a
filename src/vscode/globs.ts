import picomatch from 'picomatch';
import type * as vscode from 'vscode';

export type PathMatcher = (relativePath: string) => boolean;

/** VS Code-style globs (`**`, `*`, `?`, `{a,b}`, `[…]`) over forward-slash relative paths; dotfiles match like any file. */
export function compileGlobs(patterns: readonly string[]): PathMatcher {
  if (patterns.length === 0) return () => false;
  return picomatch(patterns.map((pattern) => pattern.trim()).filter(Boolean), { dot: true, nocase: process.platform === 'win32' });
}

/** Path of `uri` below `base`, with forward slashes; undefined when `uri` is not inside `base`. */
export function relativePathUnder(base: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (base.scheme !== uri.scheme || base.authority !== uri.authority) return undefined;
  const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}
