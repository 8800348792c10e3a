// Starts code-server (installed by installCodeServer.ts) on a free loopback port with all its state in a scratch
// folder, and stops it with every extension host and watcher it spawned.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { codeServerBinary } from './paths';

export interface CodeServerOptions {
  /** Everything code-server writes (user data, extensions, XDG folders, its log) goes under this folder. */
  scratchDir: string;
  /** The folder the workbench opens unless workbenchUrl() is given another. */
  workspaceFolder?: string;
  /** Workspace trust stays off unless a test is about trust. */
  workspaceTrust?: boolean;
  /** Written to <user-data-dir>/User/settings.json, on top of settings that keep the workbench quiet. */
  userSettings?: Record<string, unknown>;
  /**
   * Written to <user-data-dir>/Machine/settings.json. In code-server every window is remote, and VS Code reads
   * machine-scoped settings (like notionUpload.apiBaseUrl) only from this remote file, not from User/settings.json.
   */
  machineSettings?: Record<string, unknown>;
  /** VSIX files installed with --install-extension before the server starts. */
  extensionsToInstall?: string[];
  /** A fixed port (the demo's); tests take a free one. */
  port?: number;
  /** Extra environment for the server; its extension hosts inherit it. */
  env?: Record<string, string>;
}

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly logFile: string;
  /** The workbench URL; `payload` carries what the desktop's --extensionDevelopmentPath style flags would. */
  workbenchUrl(options?: { folder?: string; payload?: Array<[string, string]> }): string;
  /** A path on this machine as the workbench names it: vscode-remote://127.0.0.1:PORT/abs/path. */
  remoteUri(absolutePath: string): string;
  stop(): Promise<void>;
}

/**
 * `remote.autoForwardPorts` stays on, though its scan shows in the host suite's CPU profiles (every 2 s or more, the
 * extension host runs `ls -l /proc/[0-9]*\/fd/[0-9]*` and reads every process's cwd and command line, each child
 * forked from the whole host): no port of the tests starts it, every code-server or other remote window runs it, and
 * desktop VS Code runs none, so it is part of what remote users' hosts carry, not an artefact of these tests.
 */
const quietUserSettings: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealth(url: string, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`code-server exited before it was ready (${exit})`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const userDataDir = join(options.scratchDir, 'user-data');
  const extensionsDir = join(options.scratchDir, 'extensions');
  const logFile = join(options.scratchDir, 'code-server.log');
  mkdirSync(extensionsDir, { recursive: true });
  writeJson(join(userDataDir, 'User', 'settings.json'), { ...quietUserSettings, ...options.userSettings });
  if (options.machineSettings) writeJson(join(userDataDir, 'Machine', 'settings.json'), options.machineSettings);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(options.scratchDir, 'xdg-config'),
    XDG_DATA_HOME: join(options.scratchDir, 'xdg-data'),
    XDG_CACHE_HOME: join(options.scratchDir, 'xdg-cache'),
    XDG_STATE_HOME: join(options.scratchDir, 'xdg-state'),
    // No marketplace is reachable from test machines; an empty gallery stops the workbench from trying.
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
  };
  const stateArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.extensionsToInstall ?? []) {
    const result = spawnSync(codeServerBinary, [...stateArgs, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`code-server --install-extension ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
    }
  }

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    ...stateArgs,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
  ];
  const log = createWriteStream(logFile);
  // detached: the server leads a new session and process group (setsid), so stop() reaches every descendant.
  const child = spawn(codeServerBinary, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exitDescription: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitDescription = signal ? `signal ${signal}` : `exit code ${code}`;
      resolve();
    });
  });

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };
  const stop = async (): Promise<void> => {
    signalGroup('SIGTERM');
    const graceful = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000)),
    ]);
    // Extension hosts and watchers may linger after the server itself has gone: end the whole group.
    signalGroup('SIGKILL');
    if (!graceful) await exited;
    log.end();
  };

  try {
    await waitForHealth(url, () => exitDescription, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- ${logFile} (last lines) ---\n${tail(logFile, 30)}`);
  }

  const remoteUri = (absolutePath: string): string => `vscode-remote://127.0.0.1:${port}${absolutePath}`;
  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    logFile,
    remoteUri,
    workbenchUrl({ folder = options.workspaceFolder, payload } = {}) {
      const query = new URLSearchParams();
      if (folder) query.set('folder', folder);
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${url}/?${query.toString()}`;
    },
    stop,
  };
}
