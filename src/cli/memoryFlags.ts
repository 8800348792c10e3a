import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that keep the CLI's resident memory small without costing it CPU (docs/measurements.md). The CLI owns its
 * process, so it may set them (the extension shares its host and leaves V8 alone):
 * - the young generation stays at its starting size: an upload allocates many small objects that die young (promises,
 *   chunks' bookkeeping), and V8 would otherwise grow that space to many MiB that the process keeps;
 * - no optimising compiler: the CLI's own JavaScript is a thin loop around system calls and native hashing, and
 *   TurboFan's compilations cost more memory (and CPU) than the code they speed up.
 * Set at start-up, before the code they concern runs.
 */
export const MEMORY_FLAGS = ['--semi-space-growth-factor=1', '--no-opt'];

for (const flag of MEMORY_FLAGS) setFlagsFromString(flag);
