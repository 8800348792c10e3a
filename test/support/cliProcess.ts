// The CLI as a child process, the way a user runs it: launch it, or run it to the end and collect its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

// The transpiled entry (out/src/cli/main.js) is the same code esbuild bundles into dist/cli.js.
export const CLI = resolve(__dirname, '../../src/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function launch(args: string[], env: Record<string, string | undefined>, cwd: string): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function finish(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveRun) => child.on('close', (code) => resolveRun({ code, stdout, stderr })));
}
