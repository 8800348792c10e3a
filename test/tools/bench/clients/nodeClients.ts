// Runs the bench's own Node baselines (SDK, legacy) as measured child processes with the loop-delay preload.
import { join } from 'node:path';
import { runMeasured, ProcessRun } from '../measuredRun';
import type { ClientJob, ClientOutcome } from './clientJob';

export interface MeasuredClient {
  run: ProcessRun;
  outcome: ClientOutcome;
}

export function lastJsonLine<T>(run: ProcessRun, what: string): T {
  const lines = run.stdout.trim().split('\n').filter(Boolean);
  if (run.exitCode !== 0 || lines.length === 0) {
    throw new Error(`${what} exited ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return JSON.parse(lines[lines.length - 1]) as T;
}

export async function runNodeClient(
  script: 'sdkClient' | 'legacyClient',
  job: ClientJob,
  extraArgs: string[],
  scratchDir: string,
  timeoutMs: number,
): Promise<MeasuredClient> {
  const run = await runMeasured(process.execPath, [join(__dirname, `${script}.js`), JSON.stringify(job), ...extraArgs], {
    scratchDir,
    nodePreload: join(__dirname, '..', 'loopDelayPreload.js'),
    timeoutMs,
    env: job.caCertificatePath ? { NODE_EXTRA_CA_CERTS: job.caCertificatePath } : undefined,
  });
  return { run, outcome: lastJsonLine<ClientOutcome>(run, script) };
}
