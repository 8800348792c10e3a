// The soak run: many files of mixed sizes added at once to one UploadManager while ~5 % of requests meet a fault;
// then every file is judged against what the emulator holds, and the process's memory, sockets and descriptors.
import type { SessionStatus, UploaderSettings } from '../../../src/core';
import { PART_MIN_BYTES, SINGLE_PART_MAX_BYTES } from '../../../src/core';
import type { CallName, FaultRule, LogEntry } from '../../emulator/index';
import { UploadHarness } from '../../core/support/uploadHarness';
import { countResources, ProcessSampler, settledResources, type ResourceCount, type RunSamples } from './resourceProbe';
import { SeededRandom } from '../../support/seededRandom';
import { NON_RETRYABLE_CALLS, planFaults } from './soakFaults';
import { multiPartCount, planSizes, writeSoakFiles, type SoakFile } from './soakFiles';

export const FULL_FILE_COUNT = 200;
export const QUICK_FILE_COUNT = 40;
export const DEFAULT_SEED = 20_260_311;

export const SOAK_SETTINGS = {
  filesInParallel: 6,
  partsInFlight: 3,
  requestsPerMinute: 100_000,
  requestTimeoutMs: 3000,
  maxAttempts: 6,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 200,
} satisfies Partial<UploaderSettings>;

export interface SoakOptions {
  fileCount: number;
  seed: number;
}

export type FileVerdict = 'verified' | 'failed cleanly' | 'broken';

export interface FileOutcome {
  file: SoakFile;
  status: SessionStatus;
  verdict: FileVerdict;
  problem?: string;
}

export interface SoakReport {
  options: SoakOptions;
  multiPartFiles: number;
  totalBytes: number;
  outcomes: FileOutcome[];
  faultsPlanned: number;
  faultsFired: number;
  /** Faulted answers as the emulator logged them, e.g. "send:503" or "append:0" (a reset). */
  faultedAnswers: Record<string, number>;
  /** 400 answers to create, complete or append: each fails its file by design. */
  nonRetryableAnswers: number;
  requests: number;
  blocksOnPage: number;
  samples: RunSamples;
  before: ResourceCount;
  after: ResourceCount;
  unhandledRejections: string[];
  uploadMs: number;
}

/** Requests of each call a fault-free run makes for these sizes (the fault plan spreads over them). */
function expectedRequests(sizes: number[]): Partial<Record<CallName, number>> {
  const parts = sizes.map((size) => (size > SINGLE_PART_MAX_BYTES ? Math.ceil(size / PART_MIN_BYTES) : 1));
  return {
    usersMe: 1,
    create: sizes.length,
    send: parts.reduce((sum, count) => sum + count, 0),
    complete: parts.filter((count) => count > 1).length,
    append: sizes.length,
  };
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const unhandledRejections: string[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandledRejections.push(reason instanceof Error ? reason.stack ?? reason.message : String(reason));
  };
  process.on('unhandledRejection', onUnhandled);
  const harness = new UploadHarness();
  try {
    await harness.setUp({ rateLimit: false });
    const { emulator } = harness;
    const random = new SeededRandom(options.seed);
    const sizes = planSizes(options.fileCount, random);
    const files = await writeSoakFiles(harness.dir, sizes, random);
    const rules: FaultRule[] = planFaults(random, expectedRequests(sizes), SOAK_SETTINGS.requestTimeoutMs);
    for (const rule of rules) emulator.addFault(rule);

    const before = countResources();
    const sampler = new ProcessSampler();
    const manager = harness.manager(SOAK_SETTINGS);
    const started = performance.now();
    const ids = files.map((file) => manager.add(file.path, emulator.pageId).id);
    const statuses = await Promise.all(ids.map((id) => manager.whenSettled(id)));
    const uploadMs = performance.now() - started;
    await manager.dispose();
    const samples = sampler.stop();
    const after = await settledResources(before);

    const log = emulator.requestLog();
    const blocks = emulator.blocks(emulator.pageId);
    const outcomes = files.map((file, index) => judgeFile(file, statuses[index], harness, blocks.filter((block) => block.uploadId === statuses[index].uploadId).length));
    return {
      options,
      multiPartFiles: multiPartCount(options.fileCount),
      totalBytes: sizes.reduce((sum, size) => sum + size, 0),
      outcomes,
      faultsPlanned: rules.length,
      faultsFired: emulator.counters().faultsFired,
      faultedAnswers: countFaultedAnswers(log),
      nonRetryableAnswers: log.filter((entry) => entry.status === 400 && NON_RETRYABLE_CALLS.includes(entry.call as CallName)).length,
      requests: log.length,
      blocksOnPage: blocks.length,
      samples,
      before,
      after,
      unhandledRejections,
      uploadMs,
    };
  } finally {
    await harness.tearDown();
    process.off('unhandledRejection', onUnhandled);
  }
}

function judgeFile(file: SoakFile, status: SessionStatus, harness: UploadHarness, blocksOfUpload: number): FileOutcome {
  const broken = (problem: string): FileOutcome => ({ file, status, verdict: 'broken', problem });
  if (status.state === 'done') {
    const held = status.uploadId ? harness.emulator.upload(status.uploadId)?.sha256 : undefined;
    if (held !== file.sha256) return broken(`Notion holds sha256 ${held ?? 'none'}, the file is ${file.sha256}`);
    if (blocksOfUpload !== 1) return broken(`${blocksOfUpload} blocks for its upload`);
    return { file, status, verdict: 'verified' };
  }
  if (status.state !== 'failed') return broken(`ended ${status.state}`);
  if (!status.error?.message.trim() || !status.error.hint?.trim()) return broken(`failed without a message and what to do: ${JSON.stringify(status.error)}`);
  if (blocksOfUpload !== 0) return broken(`failed, yet ${blocksOfUpload} block(s) attached`);
  return { file, status, verdict: 'failed cleanly' };
}

function countFaultedAnswers(log: LogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of log) {
    if (entry.status >= 200 && entry.status < 300) continue;
    const key = `${entry.call}:${entry.status === 0 ? 'reset/stall' : entry.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
