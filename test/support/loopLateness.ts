import type { IntervalHistogram } from 'node:perf_hooks';

export interface LoopLateness {
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/**
 * What monitorEventLoopDelay's histogram says about the loop, as lateness: the histogram holds whole timer intervals,
 * its resolution included (an idle loop at a 10 ms resolution reads about 10 ms), so the delay is what exceeds it.
 */
export function loopLateness(histogram: IntervalHistogram, resolutionMs: number): LoopLateness {
  const beyond = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - resolutionMs);
  return { p99Ms: beyond(histogram.percentile(99)), maxMs: beyond(histogram.max), meanMs: beyond(histogram.mean) };
}

export function describeLateness(lateness: LoopLateness, resolutionMs: number): string {
  return `p99 ${lateness.p99Ms.toFixed(1)} ms, max ${lateness.maxMs.toFixed(1)} ms, mean ${lateness.meanMs.toFixed(1)} ms (timer lateness beyond its ${resolutionMs} ms interval)`;
}
