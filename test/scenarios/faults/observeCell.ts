// Runs one cell for real: its own emulator with the fault armed, one upload (or search) through the core, and what
// both sides saw afterwards.
import { NotionApiError, NotionNetworkError, type PageSummary, type SessionError, type SessionStatus } from '../../../src/core';
import type { BlockInfo, FaultRule, LogEntry, UploadInfo } from '../../emulator/index';
import { UploadHarness } from '../../core/support/uploadHarness';
import { MATRIX_SETTINGS } from './matrixSettings';
import type { MatrixFile } from './matrixFiles';

/** A cell that has not settled by then is stuck, which is an outcome of its own. */
const SETTLE_LIMIT_MS = 30_000;

interface CommonObservation {
  log: LogEntry[];
  ms: number;
  /** False when the upload or search had not settled within SETTLE_LIMIT_MS. */
  settled: boolean;
}

export interface UploadObservation extends CommonObservation {
  kind: 'upload';
  status: SessionStatus;
  upload: UploadInfo | undefined;
  blocks: BlockInfo[];
}

export interface SearchObservation extends CommonObservation {
  kind: 'search';
  pageId: string;
  pages: PageSummary[] | undefined;
  error: SessionError | undefined;
}

export type Observation = UploadObservation | SearchObservation;

export async function observeUpload(file: MatrixFile, rules: FaultRule[]): Promise<UploadObservation> {
  return withHarness(rules, async (harness) => {
    const manager = harness.manager(MATRIX_SETTINGS);
    const started = performance.now();
    const id = manager.add(file.path, harness.emulator.pageId).id;
    const settled = await settleWithin(manager.whenSettled(id));
    const ms = performance.now() - started;
    if (!settled) manager.cancel(id);
    const status = settled ?? manager.status(id)!;
    return {
      kind: 'upload', status, settled: settled !== undefined, ms, log: harness.emulator.requestLog(),
      upload: status.uploadId ? harness.emulator.upload(status.uploadId) : undefined,
      blocks: harness.emulator.blocks(harness.emulator.pageId),
    };
  });
}

export async function observeSearch(rules: FaultRule[]): Promise<SearchObservation> {
  return withHarness(rules, async (harness) => {
    const client = harness.manager(MATRIX_SETTINGS).notionClient;
    const controller = new AbortController();
    const started = performance.now();
    const search = client.searchPages('Uploads', { signal: controller.signal }).then(
      (pages) => ({ pages, error: undefined }),
      (error: unknown) => ({ pages: undefined, error: describeError(error) }),
    );
    const settled = await settleWithin(search);
    const ms = performance.now() - started;
    if (!settled) controller.abort();
    return {
      kind: 'search', pageId: harness.emulator.pageId, settled: settled !== undefined, ms, log: harness.emulator.requestLog(),
      pages: settled?.pages, error: settled?.error,
    };
  });
}

async function withHarness<T>(rules: FaultRule[], body: (harness: UploadHarness) => Promise<T>): Promise<T> {
  const harness = new UploadHarness();
  await harness.setUp({ rateLimit: false });
  try {
    for (const rule of rules) harness.emulator.addFault(rule);
    return await body(harness);
  } finally {
    await harness.tearDown();
  }
}

async function settleWithin<T>(promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SETTLE_LIMIT_MS);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** The same fields a failed upload session reports, for an error thrown by a direct client call. */
function describeError(error: unknown): SessionError {
  if (error instanceof NotionApiError) return { message: error.message, code: error.code, status: error.status, requestId: error.requestId, hint: error.hint };
  if (error instanceof NotionNetworkError) return { message: error.message, code: error.code, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error), code: 'unexpected' };
}
