// Loaded with `node --require` into a Node client so the client itself carries no bench code: samples the event-loop
// delay from the first turn of the loop (after the client's modules have loaded) to exit, and writes the figures, in
// milliseconds, to $BENCH_LOOP_DELAY_FILE.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 10;
const target = process.env.BENCH_LOOP_DELAY_FILE;

if (target) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  // Loading the client's code blocks before the loop runs at all; that start-up is not a stall during an upload.
  setImmediate(() => histogram.enable());
  // The histogram holds whole timer intervals (resolution included); the delay is what exceeds the resolution.
  const delayMs = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
  process.on('exit', () => {
    histogram.disable();
    const figures = {
      samples: histogram.count,
      p50Ms: delayMs(histogram.percentile(50)),
      p99Ms: delayMs(histogram.percentile(99)),
      maxMs: delayMs(histogram.max),
    };
    writeFileSync(target, JSON.stringify(figures));
  });
}
