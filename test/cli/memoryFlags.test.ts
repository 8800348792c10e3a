import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { transpiledSource } from '../support/projectPaths';

// In child processes: the module sets V8 flags for the process that loads it.
const MEMORY_FLAGS_MODULE = transpiledSource('cli/memoryFlags');

/** Allocates objects that live a little while (as an upload's bookkeeping does); prints the young generation's size before and after. */
const churn = `const v8 = require('node:v8');
const youngSize = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
const before = youngSize();
const live = [];
for (let i = 0; i < 2e6; i++) live[i % 20000] = { i, text: 'chunk ' + i };
console.log(JSON.stringify({ before, after: youngSize() }));`;

function youngGeneration(preload: string | null): { before: number; after: number } {
  const script = `${preload ? `require(${JSON.stringify(preload)});` : ''}${churn}`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { before: number; after: number };
}

describe('CLI: memory flags', () => {
  it('sets only V8 flags this Node knows', () => {
    const script = `const m = require(${JSON.stringify(MEMORY_FLAGS_MODULE)}); console.log(JSON.stringify(m.MEMORY_FLAGS));`;
    // An unknown flag would print an error on stdout, which would land in the CLI's --json output.
    const flags = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
    const known = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    for (const flag of flags) {
      const name = flag.replace(/^--no-/, '--').replace(/=.*$/, '');
      assert.match(known, new RegExp(`^\\s*${name.replace(/-/g, '\\-')} \\(`, 'm'), flag);
    }
  });

  it('leaves a hot function in the interpreter in the CLI\'s process, where plain Node compiles it to machine code', () => {
    // V8's own test functions (--allow-natives-syntax) name the tier a function runs in.
    const tierAfterHotLoop = (preload: string | null): string => {
      const script = `${preload ? `require(${JSON.stringify(preload)});` : ''}
const sum = new Function('a', 'let s = 0; for (let k = 0; k < a.length; k++) s += a[k]; return s;');
for (let i = 0; i < 200000; i++) sum([1, 2, 3]);
console.log(%ActiveTierIsTurbofan(sum) ? 'turbofan' : %ActiveTierIsSparkplug(sum) ? 'sparkplug' : %ActiveTierIsIgnition(sum) ? 'ignition' : 'other');`;
      return execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' }).trim();
    };
    assert.notEqual(tierAfterHotLoop(null), 'ignition', 'plain Node should compile a hot function');
    assert.equal(tierAfterHotLoop(MEMORY_FLAGS_MODULE), 'ignition');
  });

  it("keeps V8's young generation at its starting size in the CLI's process, where plain Node grows it many times over", () => {
    const plain = youngGeneration(null);
    assert.ok(plain.after >= 4 * plain.before, `plain Node: ${plain.before} → ${plain.after} bytes (the churn should make it grow)`);
    const cli = youngGeneration(MEMORY_FLAGS_MODULE);
    assert.ok(cli.after <= 2 * cli.before, `with the CLI's flags: ${cli.before} → ${cli.after} bytes`);
  });
});
