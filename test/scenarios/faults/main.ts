// `npm run faults`: runs the fault matrix and prints it as Markdown; exits 1 when a cell ended neither recovered nor
// failed cleanly.
import { renderMatrix } from './matrixTable';
import { runFaultMatrix } from './runMatrix';

async function main(): Promise<void> {
  const report = await runFaultMatrix({
    onCell: () => process.stderr.write('.'),
  });
  process.stderr.write('\n');
  process.stdout.write(`${renderMatrix(report)}\n`);
  const broken = report.cells.filter((result) => result.outcome === 'broken').length + report.baselines.filter((b) => b.outcome === 'broken').length;
  process.exitCode = broken > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
