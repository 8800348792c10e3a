// Runs one client process and measures it from outside: wall time around the spawn, CPU (user + system) and peak RSS
// from GNU time (wait4 rusage of that process and of every process it waited for), plus the event-loop delay the
// preload wrote for a Node client.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

export interface LoopDelay {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ProcessFigures {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
}

export interface ProcessRun extends ProcessFigures {
  exitCode: number;
  stdout: string;
  stderr: string;
  loopDelay: LoopDelay | null;
}

export interface RunOptions {
  /** Scratch directory for the time and loop-delay reports. */
  scratchDir: string;
  env?: NodeJS.ProcessEnv;
  /** Inject the loop-delay preload into this Node process. */
  nodePreload?: string;
  /** Kill the whole process group after this long (a hung client must not hang the bench). */
  timeoutMs?: number;
  /** A file the process reads as its standard input (otherwise none). */
  stdinFile?: string;
}

let runCounter = 0;
const runningGroups = new Set<number>();

/** Kills every client process group still running (the bench is being interrupted). */
export function killRunningClients(): void {
  for (const group of runningGroups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  runningGroups.clear();
}

export function gnuTimeAvailable(): boolean {
  return existsSync(GNU_TIME);
}

export async function runMeasured(command: string, args: string[], options: RunOptions): Promise<ProcessRun> {
  const runId = `${process.pid}-${++runCounter}`;
  const timeReport = join(options.scratchDir, `time-${runId}.txt`);
  const loopDelayReport = join(options.scratchDir, `loop-delay-${runId}.json`);
  const commandArgs = options.nodePreload ? ['--require', options.nodePreload, ...args] : args;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, ...(options.nodePreload ? { BENCH_LOOP_DELAY_FILE: loopDelayReport } : {}) };
  // Node reads every certificate NODE_EXTRA_CA_CERTS names at start-up, in every process: a whole system bundle there
  // (as some machines set it) adds about 2 MiB to each client's peak, which a default Node does not carry. Clients get
  // it only when the run gives them one (https: the emulator's CA).
  if (options.env?.NODE_EXTRA_CA_CERTS === undefined) delete env.NODE_EXTRA_CA_CERTS;

  const stdin = options.stdinFile === undefined ? 'ignore' : openSync(options.stdinFile, 'r');
  const started = performance.now();
  const child = spawn(GNU_TIME, ['-f', '%U %S %M', '-o', timeReport, '--', command, ...commandArgs], {
    env,
    stdio: [stdin, 'pipe', 'pipe'],
    detached: true,
  });
  if (typeof stdin === 'number') closeSync(stdin);
  const group = child.pid;
  if (group !== undefined) runningGroups.add(group);
  const timer = options.timeoutMs && group !== undefined ? setTimeout(() => process.kill(-group, 'SIGKILL'), options.timeoutMs) : undefined;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  const wallSeconds = (performance.now() - started) / 1000;
  clearTimeout(timer);
  if (group !== undefined) runningGroups.delete(group);
  if (!existsSync(timeReport)) {
    throw new Error(`${command} was killed (${options.timeoutMs ?? 0} ms limit) or GNU time wrote no figures: ${Buffer.concat(stderr).toString('utf8').trim()}`);
  }

  // GNU time prefixes "Command exited with non-zero status N" when the command fails; the figures are the last line.
  const timeLines = readFileSync(timeReport, 'utf8').trim().split('\n');
  const [user, system, maxRssKiB] = timeLines[timeLines.length - 1].split(' ').map(Number);
  const loopDelay = existsSync(loopDelayReport) ? (JSON.parse(readFileSync(loopDelayReport, 'utf8')) as LoopDelay) : null;
  rmSync(timeReport, { force: true });
  rmSync(loopDelayReport, { force: true });

  return {
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    wallSeconds,
    cpuSeconds: user + system,
    maxRssBytes: maxRssKiB * 1024,
    loopDelay,
  };
}
