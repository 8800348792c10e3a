import { readFileSync } from 'node:fs';

/**
 * How long this thread has waited, runnable, for a CPU (the scheduler's run_delay in /proc/thread-self/schedstat), in
 * milliseconds; undefined where the kernel does not say. Loop lateness counts such waits as much as work on the loop:
 * on a machine whose cores are shared, this tells them apart.
 */
export function cpuWaitMs(): number | undefined {
  try {
    const runDelayNs = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
    return Number.isFinite(runDelayNs) ? runDelayNs / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/** "waited 412 ms for a CPU over 3.1 s", or nothing where the kernel does not say. */
export function describeCpuWait(startMs: number | undefined, overMs: number): string {
  const now = cpuWaitMs();
  if (startMs === undefined || now === undefined) return '';
  return `; the host's thread waited ${(now - startMs).toFixed(0)} ms for a CPU over those ${(overMs / 1000).toFixed(1)} s`;
}
