import { setFlagsFromString } from 'node:v8';

/**
 * undici parses HTTP with llhttp compiled to WebAssembly, compiling it synchronously on the first connection. The CLI
 * owns its process, so it makes that cheap (the extension shares its host with other extensions and leaves V8 alone):
 * - no optimising tier for WebAssembly: V8 would compile the module a second time in the background, which for the
 *   few small answers an upload reads cost more CPU than a large upload itself (docs/measurements.md);
 * - the module compiled whole, off the main thread, at start-up: undici's synchronous compile then finds it in V8's
 *   module cache, instead of compiling each function on its first call inside the first answer, which stalled the
 *   event loop (docs/measurements.md).
 */
// Node's typings for this project's target leave WebAssembly out; this is the one call the CLI makes.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

export const WASM_FLAGS = ['--liftoff-only', '--no-wasm-lazy-compilation'];

for (const flag of WASM_FLAGS) setFlagsFromString(flag);

// The same bytes undici compiles (its module, pinned by the exact undici version in package.json).
const llhttpBytes: Buffer = require('undici/lib/llhttp/llhttp_simd-wasm.js');

/** Held for the life of the process, so V8 keeps the compiled module for undici to find. */
export const llhttpModule: Promise<object | undefined> = WebAssembly.compile(llhttpBytes).catch(() => undefined);
