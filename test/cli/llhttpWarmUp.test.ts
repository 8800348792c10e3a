import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { transpiledSource } from '../support/projectPaths';

// In a child process: the module sets V8 flags for the process that loads it.
const WARM_UP = transpiledSource('cli/llhttpWarmUp');

describe('CLI: llhttp warm-up', () => {
  it('sets only V8 flags this Node knows, and compiles the llhttp module undici uses', () => {
    const script = `const w = require(${JSON.stringify(WARM_UP)}); w.llhttpModule.then((m) => console.log(JSON.stringify({ flags: w.WASM_FLAGS, exports: m ? WebAssembly.Module.exports(m).map((e) => e.name) : null })));`;
    const stdout = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    // An unknown flag would print an error on stdout, which would land in the CLI's --json output.
    const report = JSON.parse(stdout) as { flags: string[]; exports: string[] | null };
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    for (const flag of report.flags) {
      const name = flag.replace(/^--no-/, '--');
      assert.match(known, new RegExp(`^\\s*${name.replace(/-/g, '\\-')} \\(`, 'm'), flag);
    }
    assert.ok(report.exports?.includes('llhttp_execute'), `exports: ${report.exports?.join(', ')}`);
  });
});
