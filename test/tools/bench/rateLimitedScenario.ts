// Many small files through our CLI while the emulator enforces a tight request budget: how close the CLI gets to
// the fastest time that budget allows, and how many 429s it caused on the way.
import { mkdtemp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BenchFile, writeBenchFile } from './benchFiles';
import { runOurCli } from './clients/ourCli';
import type { EmulatorHandle } from './emulatorHandle';
import type { RateLimitedResult } from './results';
import { checkBlocks, checkUpload } from './uploadCheck';


export interface RateLimitedOptions {
  label: string;
  files: number;
  fileBytes: number;
  budget: { requests: number; windowMs: number };
  /** The CLI's budget flags (--rate or --requests-per-minute). */
  cliBudget: string[];
}

export async function runRateLimited(emulator: EmulatorHandle, options: RateLimitedOptions, workDir: string): Promise<RateLimitedResult> {
  const dir = await mkdtemp(join(workDir, 'small-'));
  const result: RateLimitedResult = {
    label: options.label,
    cliBudget: options.cliBudget.join(' '),
    files: options.files,
    fileBytes: options.fileBytes,
    budget: options.budget,
    requestsMade: 0,
    requestsNeeded: 0,
    rateLimited: 0,
    boundSeconds: 0,
    wallSeconds: 0,
    ok: false,
    failure: null,
  };
  try {
    const files: BenchFile[] = [];
    for (let index = 1; index <= options.files; index++) {
      files.push(await writeBenchFile(dir, `note-${String(index).padStart(2, '0')}.txt`, 'text/plain', options.fileBytes));
    }
    // A token of its own, so no earlier request of the bench counts against its budget.
    const token = `ntn_bench_rate_${options.budget.requests}_${options.budget.windowMs}`;
    await emulator.addToken(token);
    const pageId = await emulator.addPage(`bench rate-limited ${options.label}`, [token]);
    await emulator.setRateLimit(options.budget);
    await emulator.clearLog();
    const before = await emulator.counters();

    let run;
    let outcomes;
    try {
      ({ run, outcomes } = await runOurCli(
        files.map((file) => file.path),
        { apiBase: emulator.url, token, pageId, partsInFlight: 3 },
        dir,
        600_000,
        options.cliBudget,
      ));
    } finally {
      await emulator.setRateLimit(false);
    }

    const after = await emulator.counters();
    const log = await emulator.log();
    const apiRequests = log.filter((entry) => entry.path.startsWith('/v1/'));
    result.requestsMade = apiRequests.length;
    result.rateLimited = after.rateLimited - before.rateLimited;
    result.requestsNeeded = apiRequests.filter((entry) => entry.status !== 429).length;
    result.boundSeconds = (result.requestsNeeded / options.budget.requests) * (options.budget.windowMs / 1000);
    result.wallSeconds = run.wallSeconds;

    const byName = new Map(files.map((file) => [file.fileName, file]));
    if (outcomes.length !== files.length) throw new Error(`CLI reported ${outcomes.length} files, expected ${files.length}`);
    for (const outcome of outcomes) {
      const file = byName.get(basename(outcome.path));
      if (!file) throw new Error(`CLI reported a file the bench did not give it: ${outcome.path}`);
      const check = await checkUpload(emulator, file, outcome.uploadId);
      if (check.failure) throw new Error(`${file.fileName}: ${check.failure}`);
    }
    result.failure = await checkBlocks(emulator, pageId, outcomes.map((outcome) => outcome.uploadId));
    result.ok = result.failure === null;
  } catch (error) {
    result.failure = (error as Error).message;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}
