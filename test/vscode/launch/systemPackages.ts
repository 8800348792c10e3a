// The Debian packages the test host needs: Chromium to drive the workbench, and what building code-server's native
// modules takes. As root, missing ones are installed with apt-get; otherwise the exact command is printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumBinary } from './paths';

interface Requirement {
  debianPackage: string;
  present: () => boolean;
  forBuildOnly: boolean;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const requirements: Requirement[] = [
  { debianPackage: 'chromium', present: () => existsSync(chromiumBinary), forBuildOnly: false },
  { debianPackage: 'ripgrep', present: () => onPath('rg'), forBuildOnly: true },
  { debianPackage: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') && onPath('krb5-config'), forBuildOnly: true },
  { debianPackage: 'python3', present: () => onPath('python3'), forBuildOnly: true },
  { debianPackage: 'make', present: () => onPath('make'), forBuildOnly: true },
  { debianPackage: 'g++', present: () => onPath('g++'), forBuildOnly: true },
];

export function ensureSystemPackages(options: { forBuildingCodeServer: boolean }): void {
  const missing = requirements
    .filter((requirement) => options.forBuildingCodeServer || !requirement.forBuildOnly)
    .filter((requirement) => !requirement.present())
    .map((requirement) => requirement.debianPackage);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing system packages: ${missing.join(', ')}. Install them as root:\n  ${command}`);
  }
  console.log(`Installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const stillMissing = requirements.filter((r) => missing.includes(r.debianPackage) && !r.present());
  if (stillMissing.length > 0) {
    throw new Error(`Still missing after apt-get: ${stillMissing.map((r) => r.debianPackage).join(', ')}`);
  }
}
