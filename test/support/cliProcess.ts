// The CLI as a child process, the way a user runs it: launch it, or run it to the end and collect its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { transpiledCli } from './projectPaths';

// The transpiled entry (out/src/cli/main.js) is the same code esbuild bundles into dist/cli.js.
export const CLI = transpiledCli;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run outlived its time limit and was killed. */
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

export function launch(args: string[], env: Record<string, string | undefined>, cwd: string, user?: CliLaunch['user']): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'], uid: user?.uid, gid: user?.gid,
  });
}

export function finish(child: ChildProcess, timeoutMs = 60_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolveRun, rejectRun) => {
    child.on('error', rejectRun);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, stdout, stderr, timedOut });
    });
  });
}

export function runCli(options: CliLaunch): Promise<CliRun> {
  return finish(launch(options.args, options.env, options.cwd, options.user), options.timeoutMs ?? 30_000);
}

/** The --json lines of a run, one object per file. */
export function jsonReports(run: CliRun): Array<Record<string, any>> {
  return run.stdout.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as Record<string, any>);
}
