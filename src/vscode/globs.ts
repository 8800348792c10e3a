import picomatch from 'picomatch';
import type * as vscode from 'vscode';

export type PathMatcher = (relativePath: string) => boolean;

/** VS Code-style globs (`**`, `*`, `?`, `{a,b}`, `[…]`) over forward-slash relative paths; dotfiles match like any file. */
export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const globs = patterns.map((pattern) => pattern.trim()).filter(Boolean);
  if (globs.length === 0) return () => false;
  // What picomatch's own matcher decides (the path equals a glob, or the glob's expression matches it), without the
  // objects it builds for each test: a folder walk tests every pattern against thousands of paths.
  const options = { dot: true, nocase: process.platform === 'win32' };
  const expressions = globs.map((glob) => picomatch.makeRe(glob, options));
  const literal = new Set(globs);
  return (relativePath) => {
    if (relativePath === '') return false;
    if (literal.has(relativePath)) return true;
    for (const expression of expressions) if (expression.test(relativePath)) return true;
    return false;
  };
}

/** Path of `uri` below `base`, with forward slashes; undefined when `uri` is not inside `base`. */
export function relativePathUnder(base: vscode.Uri, uri: vscode.Uri): string | undefined {
  if (base.scheme !== uri.scheme || base.authority !== uri.authority) return undefined;
  const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}
