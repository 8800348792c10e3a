import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { WASM_BASELINE_ONLY_FLAG } from '../../src/cli/wasmBaselineOnly';

describe('CLI: V8 flag for WebAssembly', () => {
  it('is one this Node knows (an unknown flag would print an error on stdout, into --json output)', () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    assert.match(options, new RegExp(`^\\s*${WASM_BASELINE_ONLY_FLAG.replace(/-/g, '\\-')} \\(`, 'm'));
  });
});
