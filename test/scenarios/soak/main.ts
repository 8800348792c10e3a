// `npm run soak [-- --quick] [--seed <n>]`: 200 files (40 with --quick) through one manager under ~5 % faults;
// prints the figures and checks, exits 1 when a check fails.
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, FULL_FILE_COUNT, QUICK_FILE_COUNT, runSoak } from './runSoak';
import { soakChecks } from './soakChecks';
import { renderSoak } from './soakReport';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, seed: { type: 'string' } }, strict: true });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed wants an integer, got ${values.seed}`);
  const report = await runSoak({ fileCount: values.quick ? QUICK_FILE_COUNT : FULL_FILE_COUNT, seed });
  process.stdout.write(`${renderSoak(report)}\n`);
  process.exitCode = soakChecks(report).every((check) => check.ok) ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
