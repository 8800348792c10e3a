// Notion's own CLI, `ntn` (a native binary published on npm), installed once into .cache/ntn-<version> for the bench,
// the way the launchers install code-server: its own folder, never the project's node_modules.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../support/projectPaths';

export const NTN_VERSION = '0.4.0';
const installDir = join(projectRoot, '.cache', `ntn-${NTN_VERSION}`);
const packageDir = join(installDir, 'node_modules', 'ntn');
const binary = join(packageDir, 'bin', 'ntn');

/** The path of the ntn binary, installing it first if needed. */
export function ensureNtn(): string {
  if (existsSync(binary)) return binary;
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), `${JSON.stringify({ name: 'ntn-cache', private: true, description: 'Benchmark peer only; not shipped.' }, null, 2)}\n`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', installDir, `ntn@${NTN_VERSION}`], {
    cwd: installDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm install ntn@${NTN_VERSION} failed (exit ${result.status})`);
  // The package's preinstall script copies the binary for this platform into bin/; an npm that skips install
  // scripts leaves that to us.
  if (!existsSync(binary)) {
    const platformBinary = join(packageDir, 'dist', `ntn-${process.platform}-${process.arch}`, 'ntn');
    if (!existsSync(platformBinary)) throw new Error(`ntn@${NTN_VERSION} has no binary for ${process.platform}-${process.arch}`);
    mkdirSync(join(packageDir, 'bin'), { recursive: true });
    copyFileSync(platformBinary, binary);
    chmodSync(binary, 0o755);
  }
  return binary;
}
