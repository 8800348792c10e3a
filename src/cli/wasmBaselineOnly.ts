import { setFlagsFromString } from 'node:v8';

/**
 * undici parses HTTP with llhttp compiled to WebAssembly, and V8 compiles that module a second time with its
 * optimising tier on a background thread. For the few small answers an upload reads, the baseline code is plenty;
 * the second compile cost more than a 40 MiB upload itself (measured: 0.65 s → 0.41 s CPU, peak RSS 121 → 84 MiB).
 * The CLI owns its process, so it turns the optimising tier off for WebAssembly. The extension shares its host with
 * other extensions and leaves V8 alone.
 */
export const WASM_BASELINE_ONLY_FLAG = '--liftoff-only';

setFlagsFromString(WASM_BASELINE_ONLY_FLAG);
