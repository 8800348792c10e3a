// Packages the extension as the Marketplace would get it (dist/ must hold a production build) with @vscode/vsce.
// README's images stay relative links: package.json names no repository for vsce to rewrite them against.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths';

export const vsixPath = join(projectRoot, '.cache', 'notion-stream-upload.vsix');

export function packageVsix(): string {
  const vsce = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsixPath], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}\n${result.stderr}`);
  console.log(`Packaged ${vsixPath} (${Math.round(statSync(vsixPath).size / 1024)} KiB)`);
  return vsixPath;
}
