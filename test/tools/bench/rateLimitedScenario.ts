// Many small files through our CLI while the emulator enforces a tight request budget: how close the CLI gets to
// the fastest time that budget allows, and how many 429s it caused on the way. A folder run names the folder instead
// of the files, and also reports requests per file and whether the blocks landed in the files' sorted order.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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
  /** Give the CLI the folder holding the files rather than the files. */
  asFolder?: boolean;
}

/** Whether the page's blocks follow the files' names in sorted order; the first pair out of order if not. */
function blockOrder(blockUploadIds: Array<string | null>, nameOf: Map<string, string>): { sorted: boolean; note: string | null } {
  const names = blockUploadIds.map((id) => (id === null ? '?' : (nameOf.get(id) ?? '?')));
  for (let index = 1; index < names.length; index++) {
    if (names[index - 1] > names[index]) return { sorted: false, note: `${names[index - 1]} before ${names[index]}` };
  }
  return { sorted: true, note: null };
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
    requestsPerFile: null,
    blocksInSortedOrder: null,
    orderNote: null,
  };
  try {
    const files: BenchFile[] = [];
    const folder = options.asFolder ? join(dir, 'folder') : dir;
    await mkdir(folder, { recursive: true });
    // Written in shuffled order, so neither creation order nor a directory listing can pass for sorted order.
    const indexes = Array.from({ length: options.files }, (_, index) => index + 1).sort(() => Math.random() - 0.5);
    for (const index of indexes) {
      files.push(await writeBenchFile(folder, `note-${String(index).padStart(3, '0')}.txt`, 'text/plain', options.fileBytes));
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
        options.asFolder ? [folder] : files.map((file) => file.path),
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
    result.requestsPerFile = result.requestsNeeded / options.files;

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
    if (options.asFolder) {
      const nameOf = new Map(outcomes.map((outcome) => [outcome.uploadId, basename(outcome.path)]));
      const order = blockOrder((await emulator.blocks(pageId)).map((block) => block.uploadId), nameOf);
      result.blocksInSortedOrder = order.sorted;
      result.orderNote = order.note;
    }
  } catch (error) {
    result.failure = (error as Error).message;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}
