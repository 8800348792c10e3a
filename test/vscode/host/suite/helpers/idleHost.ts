// A baseline for the loop figures the host suite prints: the same host over the same stretch with nothing of ours to
// do. What the editor does meanwhile shows here too (code-server's extension host looks for ports to forward by
// spawning `ps`, and each spawn from a process this size blocks its loop), as does what the machine's other processes
// take of its CPUs.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuWaitMs, describeCpuWait } from '../../../../support/cpuWait';
import { GcPauses } from '../../../../support/gcPauses';
import { describeLateness, loopLateness } from '../../../../support/loopLateness';

/** The loop's lateness, its collections and its wait for a CPU over `windowMs` in which this test does nothing. */
export async function idleHostFigures(windowMs: number): Promise<string> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const gc = new GcPauses().start();
  const cpuWaitAtStart = cpuWaitMs();
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  loop.disable();
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuWait = describeCpuWait(cpuWaitAtStart, performance.now() - started);
  return `${describeLateness(loopLateness(loop, 10), 10)}${cpuWait}; host CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; collections: ${gc.stop(16)}`;
}
