// `npm run bench [-- --quick]`: our CLI, curl, the official SDK (two ways) and the seed's legacy client upload the same
// files to one emulator process; prints a Markdown table and writes bench-results/bench-<timestamp>.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB, writeBenchFile } from './benchFiles';
import { EmulatorHandle } from './emulatorHandle';
import { gnuTimeAvailable, killRunningClients } from './measuredRun';
import { runRateLimited } from './rateLimitedScenario';
import { renderMarkdown } from './report';
import type { BenchReport, ClientRunResult } from './results';
import { runThroughput } from './throughputScenario';

const PARTS_IN_FLIGHT = 3;
const REPO_ROOT = join(__dirname, '..', '..', '..');

const FULL_FILES = [
  { label: '200 MiB', size: 200 * MiB },
  { label: '2 GiB', size: 2048 * MiB },
];
const QUICK_FILES = [{ label: '40 MiB', size: 40 * MiB }];

function describeResult(result: ClientRunResult): string {
  const figures = result.ok
    ? `${result.wallSeconds?.toFixed(2)} s, ${result.mibPerSecond?.toFixed(1)} MiB/s, CPU ${result.cpuSeconds?.toFixed(2)} s, RSS ${((result.maxRssBytes ?? 0) / MiB).toFixed(1)} MiB`
    : `FAILED: ${result.failure}`;
  return `[bench] ${result.fileLabel} ${result.client}: ${figures}\n`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  if (!gnuTimeAvailable()) throw new Error('GNU time (/usr/bin/time) is needed to measure client CPU and RSS');

  const workDir = await mkdtemp(join(tmpdir(), 'notion-bench-'));
  const emulator = await EmulatorHandle.start({
    token: 'ntn_bench_token',
    storageDir: join(workDir, 'emulator-storage'),
    rateLimit: false,
  });
  const cleanUp = (): void => {
    killRunningClients();
    rmSync(workDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });

  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    quick,
    machine: {
      node: process.version,
      curl: execFileSync('curl', ['--version'], { encoding: 'utf8' }).split(' ').slice(0, 2).join(' '),
      cpus: cpus().length,
      loadAverageBefore: loadavg(),
      loadAverageAfter: [],
    },
    partsInFlight: PARTS_IN_FLIGHT,
    throughput: [],
    rateLimited: null,
  };

  try {
    for (const { label, size } of quick ? QUICK_FILES : FULL_FILES) {
      process.stderr.write(`[bench] writing the ${label} file\n`);
      const file = await writeBenchFile(workDir, `bench-${label.replace(' ', '')}.mp4`, 'video/mp4', size);
      const onResult = (result: ClientRunResult): void => void process.stderr.write(describeResult(result));
      report.throughput.push(...(await runThroughput(emulator, [{ label, file }], PARTS_IN_FLIGHT, workDir, onResult)));
      await rm(file.path, { force: true });
    }
    process.stderr.write('[bench] rate-limited scenario\n');
    report.rateLimited = await runRateLimited(
      emulator,
      { files: 40, fileBytes: 64 * 1024, budget: { requests: 30, windowMs: 10_000 }, cliBudgetArgs: [] },
      workDir,
    );
  } finally {
    report.machine.loadAverageAfter = loadavg();
    await emulator.stop();
    cleanUp();
  }

  process.stdout.write(renderMarkdown(report));
  const resultsDir = join(REPO_ROOT, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = join(resultsDir, `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`[bench] figures written to bench-results/${resultsFile.split('/').pop()}\n`);
}

main().catch((error: unknown) => {
  killRunningClients();
  process.stderr.write(`[bench] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
