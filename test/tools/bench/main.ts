// `npm run bench [-- --quick]`: our CLI, curl, the official SDK (two ways), the seed's legacy client and Notion's own
// CLI (ntn) upload the same files to one emulator process; the full run then uploads 200 MiB again over a shaped link
// (80 ms per request, 100 Mbit/s), and each file over https, as Notion is reached, with our CLI beside curl.
// Prints Markdown tables and writes bench-results/bench-<timestamp>.json.
// --quick: the small file only (and the short-window rate-limited scenario and the 200-file folder, no shaped link, no
// https); --only throughput|rate-limited|network|https; --size <MiB>: one file of that size instead (for the shaped
// link and https too);
// --clients <name,…>: only those clients (names as in the table).
import { sha256SecondsPerGiB } from './sha256Floor';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB, writeBenchFile } from './benchFiles';
import { EmulatorHandle } from './emulatorHandle';
import { gnuTimeAvailable, killRunningClients } from './measuredRun';
import { runRateLimited, RateLimitedOptions } from './rateLimitedScenario';
import { renderMarkdown } from './report';
import type { BenchReport, ClientRunResult } from './results';
import { runThroughput } from './throughputScenario';
import { runNetworkScenario } from './networkScenario';
import { runLinkPartSizeScenario } from './linkPartSizeScenario';
import { projectRoot } from '../../support/projectPaths';

const PARTS_IN_FLIGHT = 3;
const REPO_ROOT = projectRoot;

const FULL_FILES = [
  { label: '200 MiB', size: 200 * MiB },
  { label: '2 GiB', size: 2048 * MiB },
];
const QUICK_FILES = [{ label: '40 MiB', size: 40 * MiB }];
// ntn trusts only the certificate authorities built into it: with the emulator's CA in SSL_CERT_FILE or SSL_CERT_DIR
// it still answers "invalid peer certificate: UnknownIssuer", so it has no https row.
const HTTPS_CLIENTS = ['curl', 'our CLI', 'our CLI --json'];

// The CLI is told the budget the emulator enforces: a 10 s window with --rate, and Notion's 60 s window (full runs only)
// with --requests-per-minute.
const RATE_LIMITED_SCENARIOS: Array<RateLimitedOptions & { quick: boolean }> = [
  { label: '10 s window', files: 40, fileBytes: 64 * 1024, budget: { requests: 40, windowMs: 10_000 }, cliBudget: ['--rate', '40/10'], quick: true },
  { label: '60 s window', files: 40, fileBytes: 64 * 1024, budget: { requests: 60, windowMs: 60_000 }, cliBudget: ['--requests-per-minute', '60'], quick: false },
  // A folder at Notion's default budget, 180 a minute, in both runs: about two minutes, nearly all of it waiting for
  // the budget, so it costs the quick run little CPU.
  { label: 'folder, 180/min', files: 200, fileBytes: 64 * 1024, budget: { requests: 180, windowMs: 60_000 }, cliBudget: ['--requests-per-minute', '180'], asFolder: true, quick: true },
];

/** The quick run takes the entries marked quick; the full run all of them. */
const wantedIn =
  (quick: boolean) =>
  (entry: { quick: boolean }): boolean =>
    !quick || entry.quick;

function describeResult(result: ClientRunResult): string {
  const figures = result.ok
    ? `${result.wallSeconds?.toFixed(2)} s, ${result.mibPerSecond?.toFixed(1)} MiB/s, CPU ${result.cpuSeconds?.toFixed(2)} s, RSS ${((result.maxRssBytes ?? 0) / MiB).toFixed(1)} MiB`
    : `FAILED: ${result.failure}`;
  return `[bench] ${result.fileLabel} ${result.client}: ${figures}\n`;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined;
  if (only !== undefined && only !== 'throughput' && only !== 'rate-limited' && only !== 'network' && only !== 'https') {
    throw new Error('--only takes throughput, rate-limited, network or https');
  }
  const sizeIndex = process.argv.indexOf('--size');
  const sizeMiB = sizeIndex >= 0 ? Number(process.argv[sizeIndex + 1]) : undefined;
  if (sizeMiB !== undefined && !(Number.isInteger(sizeMiB) && sizeMiB > 0)) throw new Error('--size takes a whole number of MiB');
  const clientsIndex = process.argv.indexOf('--clients');
  const clientNames = clientsIndex >= 0 ? new Set(process.argv[clientsIndex + 1]?.split(',').map((name) => name.trim())) : undefined;
  const files = sizeMiB !== undefined ? [{ label: `${sizeMiB} MiB`, size: sizeMiB * MiB }] : quick ? QUICK_FILES : FULL_FILES;
  // The shaped link runs in the full run (on its smaller file), or when asked for.
  const networkFiles = only === 'network' || (only === undefined && !quick) ? files.slice(0, 1) : [];
  // https at every size of the full run, with curl as the floor: what TLS costs.
  const httpsFiles = only === 'https' || (only === undefined && !quick) ? files : [];
  const httpsClients = clientNames ?? new Set(HTTPS_CLIENTS);
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
      sha256SecondsPerGiB: sha256SecondsPerGiB(),
    },
    partsInFlight: PARTS_IN_FLIGHT,
    throughput: [],
    rateLimited: [],
    network: null,
  };

  try {
    const onResult = (result: ClientRunResult): void => void process.stderr.write(describeResult(result));
    for (const { label, size } of only === undefined || only === 'throughput' ? files : []) {
      process.stderr.write(`[bench] writing the ${label} file\n`);
      const file = await writeBenchFile(workDir, `bench-${label.replace(' ', '')}.mp4`, 'video/mp4', size);
      report.throughput.push(...(await runThroughput(emulator, [{ label, file }], PARTS_IN_FLIGHT, workDir, onResult, clientNames)));
      await rm(file.path, { force: true });
    }
    for (const { label, size } of networkFiles) {
      process.stderr.write(`[bench] writing the ${label} file for the shaped link\n`);
      const file = await writeBenchFile(workDir, `bench-${label.replace(' ', '')}.mp4`, 'video/mp4', size);
      report.network = await runNetworkScenario(workDir, 'ntn_bench_token', [{ label: `${label} over the link`, file }], PARTS_IN_FLIGHT, onResult, clientNames);
      if (!clientNames || clientNames.has('our CLI')) {
        process.stderr.write('[bench] part size from the measured link: our CLI, the same file twice over a faster link\n');
        report.linkPartSize = await runLinkPartSizeScenario(workDir, 'ntn_bench_token', file, PARTS_IN_FLIGHT);
        for (const entry of report.linkPartSize.files) process.stderr.write(`[bench] ${entry.label}: ${entry.partBytes / MiB} MiB parts, ${entry.mibPerSecond.toFixed(1)} MiB/s\n`);
      }
      await rm(file.path, { force: true });
    }
    if (httpsFiles.length > 0) {
      const tlsEmulator = await EmulatorHandle.start({ token: 'ntn_bench_token', storageDir: join(workDir, 'emulator-storage-https'), rateLimit: false, tls: true });
      try {
        for (const { label, size } of httpsFiles) {
          process.stderr.write(`[bench] writing the ${label} file for https\n`);
          const file = await writeBenchFile(workDir, `bench-${label.replace(' ', '')}.mp4`, 'video/mp4', size);
          report.throughput.push(...(await runThroughput(tlsEmulator, [{ label: `${label} over https`, file }], PARTS_IN_FLIGHT, workDir, onResult, httpsClients)));
          await rm(file.path, { force: true });
        }
      } finally {
        await tlsEmulator.stop();
      }
    }
    for (const scenario of only === undefined || only === 'rate-limited' ? RATE_LIMITED_SCENARIOS.filter(wantedIn(quick)) : []) {
      process.stderr.write(`[bench] rate-limited scenario, ${scenario.label}\n`);
      report.rateLimited.push(await runRateLimited(emulator, scenario, workDir));
    }
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
