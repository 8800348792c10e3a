// A real HTTP proxy for the tests: tinyproxy on 127.0.0.1, a free port and a generated config, optionally asking
// for Basic credentials. Its own log tells which CONNECT tunnels it opened.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { waitFor } from './waitFor';

export interface Tinyproxy {
  /** http://127.0.0.1:<port>, without credentials. */
  url: string;
  port: number;
  /** The targets (host:port) of the CONNECT requests it received since start or the last `clearLog`, in order. */
  connectTargets(): Promise<string[]>;
  clearLog(): Promise<void>;
  stop(): Promise<void>;
}

/** Where tinyproxy is installed, or undefined (CI installs it; see .ci/run). */
export function tinyproxyBinary(): string | undefined {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin'];
  return folders.map((folder) => join(folder, 'tinyproxy')).find((candidate) => existsSync(candidate));
}

export const TINYPROXY_MISSING = 'tinyproxy is not installed (Debian: apt-get install tinyproxy); the proxy tests are skipped';

export async function startTinyproxy(options: { credentials?: { user: string; password: string } } = {}): Promise<Tinyproxy> {
  const binary = tinyproxyBinary();
  if (!binary) throw new Error(TINYPROXY_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'tinyproxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  const port = await freePort();
  const lines = [
    `Port ${port}`, 'Listen 127.0.0.1', 'Timeout 60', `LogFile "${logFile}"`, 'LogLevel Connect', 'MaxClients 50', 'Allow 127.0.0.1',
    // No ConnectPort line: tunnels to any port (the emulator's is random).
  ];
  if (options.credentials) lines.push(`BasicAuth ${options.credentials.user} ${options.credentials.password}`);
  await writeFile(join(dir, 'tinyproxy.conf'), `${lines.join('\n')}\n`);
  await writeFile(logFile, '');
  const child: ChildProcess = spawn(binary, ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    await waitFor('tinyproxy to accept connections', async () => {
      if (exited) throw new Error(`tinyproxy exited at start: ${stderr}`);
      return accepts(port);
    }, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connectTargets: async () => {
      const log = await readFile(logFile, 'utf8');
      return [...log.matchAll(/Request \(file descriptor \d+\): CONNECT (\S+) HTTP/g)].map((match) => match[1]);
    },
    clearLog: () => writeFile(logFile, ''),
    stop: async () => {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
