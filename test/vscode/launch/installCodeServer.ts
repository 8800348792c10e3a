// Installs code-server (VS Code 1.100.3 served to a browser) into .cache/code-server, offline, once.
// Later runs find the version marker and return at once. The project's own node_modules are never touched.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, codeServerBinary, codeServerCacheDir, projectRoot } from './paths';
import { ensureSystemPackages } from './systemPackages';

// @vscode/ripgrep (a dependency of VS Code inside code-server) downloads rg from the internet unless this file sits in
// its cache folder under the TMPDIR the install sees. A tarball of the system's rg stands in for it.
const RIPGREP_CACHE_FOLDER = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const markerFile = join(codeServerCacheDir, 'installed-version');

function installedVersion(): string | undefined {
  if (!existsSync(markerFile) || !existsSync(codeServerBinary)) return undefined;
  return readFileSync(markerFile, 'utf8').trim();
}

function writeRipgrepCache(tmpDir: string): void {
  const folder = join(tmpDir, RIPGREP_CACHE_FOLDER);
  mkdirSync(folder, { recursive: true });
  const rgPath = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  const rgDir = rgPath.slice(0, rgPath.lastIndexOf('/'));
  execFileSync('tar', ['-czf', join(folder, RIPGREP_TARBALL), '-C', rgDir, 'rg']);
}

function npmInstallCodeServer(tmpDir: string): void {
  const packageDir = codeServerCacheDir;
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true, description: 'Test host only; not shipped.' }, null, 2),
  );
  const result = spawnSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', packageDir, `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: packageDir,
      stdio: 'inherit',
      env: {
        ...process.env,
        TMPDIR: tmpDir,
        npm_config_nodedir: '/usr',
        // node-pty's postinstall runs `npx node-gyp`; without `yes` npx refuses and npm rolls the install back.
        npm_config_yes: 'true',
        // npm 11 rejects --unsafe-perm as a flag, but install scripts running as root still read the variable.
        npm_config_unsafe_perm: 'true',
      },
    },
  );
  if (result.status !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.status})`);
}

/** `code-server --version` also writes a default config file: point it at a throwaway folder. */
function reportedVersion(scratchDir: string): string {
  mkdirSync(scratchDir, { recursive: true });
  const output = execFileSync(codeServerBinary, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: join(scratchDir, 'config'), XDG_DATA_HOME: join(scratchDir, 'data') },
  });
  return output.split('\n').find((line) => /^\d+\.\d+\.\d+ /.test(line)) ?? output.trim();
}

export function installCodeServer(): void {
  ensureSystemPackages({ forBuildingCodeServer: installedVersion() !== CODE_SERVER_VERSION });
  if (installedVersion() === CODE_SERVER_VERSION) {
    console.log(`code-server ${CODE_SERVER_VERSION} already installed in ${codeServerCacheDir}`);
    return;
  }
  const started = Date.now();
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${codeServerCacheDir} (about a minute, once)`);
  rmSync(codeServerCacheDir, { recursive: true, force: true });
  mkdirSync(codeServerCacheDir, { recursive: true });
  const tmpDir = join(projectRoot, '.cache', 'code-server-install-tmp');
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  try {
    writeRipgrepCache(tmpDir);
    npmInstallCodeServer(tmpDir);
    const version = reportedVersion(tmpDir);
    if (!version.startsWith(CODE_SERVER_VERSION)) throw new Error(`installed code-server reports "${version}"`);
    console.log(`code-server ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  writeFileSync(markerFile, `${CODE_SERVER_VERSION}\n`);
}

if (require.main === module) {
  try {
    installCodeServer();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
