import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { transpiledSource } from '../support/projectPaths';

// In child processes: the trim runs V8's full collection, which is the process's own business.
const TRIM_MODULE = transpiledSource('cli/oldGenerationTrim');
const MEMORY_FLAGS_MODULE = transpiledSource('cli/memoryFlags');

/**
 * Bookkeeping that lives just long enough to reach the old generation, then dies, round after round (as each part of
 * an upload leaves some); prints the most bytes the old generation had in use and the collections the trim made.
 */
function oldGenerationAfterChurn(trim: boolean): { oldBytes: number; collections: number } {
  const script = `require(${JSON.stringify(MEMORY_FLAGS_MODULE)}); // as in the CLI
const { OldGenerationTrim, oldGenerationBytes } = require(${JSON.stringify(TRIM_MODULE)});
const trim = new OldGenerationTrim(1024 * 1024);
let most = 0;
for (let round = 0; round < 60; round++) {
  const held = Array.from({ length: 5000 }, (_, i) => ({ i, text: 'part ' + round + ' ' + i }));
  let churn;
  for (let j = 0; j < 200000; j++) churn = { j }; // young collections while 'held' is alive: it is promoted
  if (held.length + churn.j < 0) console.log('never');
  if (${trim}) trim.check();
  most = Math.max(most, oldGenerationBytes());
}
console.log(JSON.stringify({ oldBytes: most, collections: trim.collections }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { oldBytes: number; collections: number };
}

describe('CLI: old generation trim', () => {
  it('keeps the old generation within its growth allowance, where V8 alone lets promoted garbage pile up', () => {
    const MiB = 1024 * 1024;
    const alone = oldGenerationAfterChurn(false);
    assert.ok(alone.oldBytes >= 8 * MiB, `without the trim: ${(alone.oldBytes / MiB).toFixed(1)} MiB (the churn should pile up)`);
    const trimmed = oldGenerationAfterChurn(true);
    assert.ok(trimmed.collections >= 5, `${trimmed.collections} collections`);
    assert.ok(trimmed.oldBytes <= alone.oldBytes / 3, `with the trim: ${(trimmed.oldBytes / MiB).toFixed(1)} MiB, alone ${(alone.oldBytes / MiB).toFixed(1)} MiB`);
  });

  it('collects nothing while the old generation does not grow', () => {
    const script = `const { OldGenerationTrim } = require(${JSON.stringify(TRIM_MODULE)});
const trim = new OldGenerationTrim(1024 * 1024);
let churn; for (let j = 0; j < 2e6; j++) { churn = { j }; if (j % 1000 === 0) trim.check(); }
console.log(JSON.stringify({ collections: trim.collections, flagsUntouched: typeof globalThis.gc }));`;
    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { collections: number; flagsUntouched: string };
    assert.deepEqual(result, { collections: 0, flagsUntouched: 'undefined' });
  });
});
