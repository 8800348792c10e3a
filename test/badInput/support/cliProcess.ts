// Runs the notion-upload CLI (the transpiled entry, the same code esbuild bundles) as a child process.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_ENTRY = resolve(__dirname, '../../../src/cli/main.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run outlived `timeoutMs` and was killed. */
  timedOut: boolean;
}

export interface CliLaunch {
  args: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /** Run as another user (tests run as root in CI, where file permissions do not bind root). */
  user?: { uid: number; gid: number };
  timeoutMs?: number;
}

export function runCli(launch: CliLaunch): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI_ENTRY, ...launch.args], {
    cwd: launch.cwd,
    env: { PATH: process.env.PATH, ...launch.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: launch.user?.uid,
    gid: launch.user?.gid,
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, launch.timeoutMs ?? 30_000);
  return new Promise((resolveRun, rejectRun) => {
    child.on('error', rejectRun);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** The --json lines of a run, one object per file. */
export function jsonReports(run: CliRun): Array<Record<string, any>> {
  return run.stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, any>);
}
