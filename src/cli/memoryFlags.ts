import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that keep the CLI's memory and CPU small (docs/measurements.md). The CLI owns its process, so it may set
 * them (the extension shares its host with other extensions and leaves V8 alone):
 * - WebAssembly at the baseline tier only: undici parses HTTP with llhttp compiled to WebAssembly, and V8 would
 *   otherwise compile it a second time, optimised, in the background, which for the few small answers an upload reads
 *   costs more than the upload itself; each function is compiled on its first call, so only the parser's used part is;
 * - the young generation stays at its starting size: an upload allocates many small objects that die young (promises,
 *   chunks' bookkeeping), and V8 would otherwise grow that space to many MiB that the process keeps;
 * - no optimising compiler for JavaScript: the CLI's own code is a thin loop around system calls and native hashing,
 *   and TurboFan's compilations cost more memory (and CPU) than the code they speed up;
 * - no baseline compiler (Sparkplug) either, for the same reason: its machine code and the compiler's own pages cost
 *   memory, and the interpreter runs that thin loop as fast.
 * Set at start-up, before the code they concern runs.
 */
export const MEMORY_FLAGS = ['--liftoff-only', '--semi-space-growth-factor=1', '--no-opt', '--no-sparkplug'];

for (const flag of MEMORY_FLAGS) setFlagsFromString(flag);
