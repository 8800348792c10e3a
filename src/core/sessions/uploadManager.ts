import { LinkSpeedMeter } from '../transfer/linkSpeedMeter';
import { resolve } from 'node:path';
import { BandwidthLimiter } from '../pacing/bandwidthLimiter';
import { summarizeBatch, type BatchSummary, type SessionFigures } from '../rules/progressText';
import { NotionClient, type RequestLogEntry } from '../notion/notionClient';
import { UPLOAD_LIFETIME_MS } from '../notion/notionLimits';
import { parsePageId } from '../rules/pageLink';
import { RequestRateLimiter } from '../pacing/requestRateLimiter';
import type { RetryPolicyOptions } from '../notion/retryPolicy';
import { MemorySessionStore, type SessionStore } from './sessionStore';
import { isFinished, type SessionError, type SessionStatus } from './sessionStatus';
import { maxBytesPerSecond, requestsPerRateWindow, resolveSettings, type UploaderSettings } from '../settings/settings';
import { ThrottledNotifier } from '../pacing/throttledNotifier';
import { UploadSession, type SessionContext } from './uploadSession';
import { WorkspaceLimitsCache } from '../notion/workspaceLimitsCache';
import { UnknownSizeLimitGate } from './unknownSizeLimitGate';
import type { ConnectionOptions } from '../notion/connectionOptions';
import { STOPPED_BY_BLOCK_LIMIT } from '../notion/blockLimit';
import { BatchSettlement } from './batchSettlement';
import { AttachBatcher } from './attachBatcher';
import { newSessionId } from './sessionId';

export interface Disposable {
  dispose(): void;
}

export interface UploadManagerOptions {
  token: string;
  settings?: Partial<UploaderSettings>;
  store?: SessionStore;
  log?: (entry: RequestLogEntry) => void;
  /** Proxy and certificate trust for every request (the CLI reads them from the environment, the extension from VS Code). */
  connection?: ConnectionOptions;
  /** Minimum time between two progress events of one session. */
  progressIntervalMs?: number;
  /** Link speed an earlier process measured (measuredLinkBytesPerSecond), for part sizes until this one measures. */
  linkBytesPerSecond?: number;
  now?: () => number;
  /** How files are gathered into appends (attachBatcher.ts); the defaults are Notion's 100 blocks and a 60 s wait. */
  attachBatching?: { maxChildren?: number; maxWaitMs?: number };
  /**
   * Notion refused a file and named the workspace's per-file limit, which users/me had not given (a personal access
   * token): for a caller that checks files before adding them (the extension), to refuse larger ones up front too.
   */
  onFileSizeLimitLearnt?: (limitBytes: number) => void;
}

export interface AddOptions {
  asText?: boolean;
  /** Compute the sha256 of the file as read (the CLI's --json reports it). */
  computeSha256?: boolean;
  /** False: upload the file but attach it nowhere; the status's uploadId is for the caller to place (default true). */
  attach?: boolean;
  /**
   * Send a type off Notion's documented list with its standard MIME type (the user said "Try Anyway"): Notion refuses
   * it at create, before any byte is sent, if it does not take it.
   */
  tryUnknownType?: boolean;
  /**
   * The file's size as the caller last saw it (a folder walk's stat): a queued file counts with it in a batch's
   * progress, which would otherwise read 100 % with most files still queued. The size read when the upload starts
   * replaces it.
   */
  sizeBytes?: number;
}

type Listener = (status: SessionStatus) => void;

/**
 * All upload sessions of one token: schedules files (filesInParallel at once), shares one request budget and one
 * bandwidth cap between them, reports progress and state changes, keeps records for resume.
 */
export class UploadManager {
  private settings: UploaderSettings;
  private client: NotionClient;
  private readonly retiredClients: NotionClient[] = [];
  private readonly rateLimiter: RequestRateLimiter;
  private readonly bandwidth: BandwidthLimiter;
  private readonly limitsCache = new WorkspaceLimitsCache();
  private readonly sizeGate = new UnknownSizeLimitGate();
  private readonly linkSpeed: LinkSpeedMeter;
  private readonly store: SessionStore;
  private readonly sessions = new Map<string, UploadSession>();
  private lastPage: { input: string; id: string } | undefined;
  private readonly queue: string[] = [];
  private readonly running = new Set<string>();
  /** Running sessions that wait for, or are in, an append: they send nothing, so they leave their place to the next file. */
  private readonly parked = new Set<string>();
  private readonly batcher: AttachBatcher;
  private readonly finishedAt = new Map<string, number>();
  private readonly settledWaiters = new Map<string, Array<(status: SessionStatus) => void>>();
  private readonly batchesWaited = new Set<BatchSettlement>();
  private readonly progressListeners = new Set<Listener>();
  private readonly stateListeners = new Set<Listener>();
  private readonly progressNotifier: ThrottledNotifier<string>;
  private readonly context: SessionContext;
  private readonly now: () => number;
  private pruneTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: UploadManagerOptions) {
    this.now = options.now ?? Date.now;
    this.linkSpeed = new LinkSpeedMeter(undefined, options.linkBytesPerSecond ?? null);
    this.settings = resolveSettings(options.settings);
    this.rateLimiter = new RequestRateLimiter(requestsPerRateWindow(this.settings), this.settings.rateWindowMs);
    this.bandwidth = new BandwidthLimiter(maxBytesPerSecond(this.settings));
    this.client = this.makeClient();
    this.store = options.store ?? new MemorySessionStore();
    this.batcher = new AttachBatcher({ client: () => this.client, now: this.now, ...options.attachBatching });
    this.progressNotifier = new ThrottledNotifier(options.progressIntervalMs ?? 200, (id) => this.emitProgress(id));
    this.context = {
      client: () => this.client,
      bandwidth: this.bandwidth,
      settings: () => this.settings,
      workspaceLimits: (signal) => this.limitsCache.get(this.client, this.limitsKey(), signal),
      sizeLimitTurn: (session, sizeBytes, signal) => this.sizeGate.turn(session.id, sizeBytes, signal),
      fileSizeLimitLearnt: (limitBytes) => {
        this.limitsCache.learnFileSizeLimit(this.limitsKey(), limitBytes);
        this.sizeGate.limitLearnt();
        try {
          this.options.onFileSizeLimitLearnt?.(limitBytes);
        } catch {
          // the caller's bookkeeping must not change how the upload ends
        }
      },
      store: this.store,
      now: this.now,
      linkSpeed: this.linkSpeed,
      changed: (session, kind) => (kind === 'progress' ? this.progressNotifier.touch(session.id) : this.onSessionState(session)),
      attach: (session, request) => {
        this.parked.add(session.id);
        this.pump();
        return this.batcher.attach({ ...request, sessionId: session.id, pageId: session.pageId });
      },
      waitingBehind: (session) => this.batcher.waitingBehind(session.id),
    };
    this.schedulePruning();
  }

  /** The client sessions use; also good for search and page checks (it shares the request budget). */
  get notionClient(): NotionClient {
    return this.client;
  }

  /** The link speed this manager's sends have measured (bytes per second), or null before enough was sent. */
  measuredLinkBytesPerSecond(): number | null {
    return this.linkSpeed.bytesPerSecond();
  }

  currentSettings(): UploaderSettings {
    return { ...this.settings };
  }

  /**
   * The dashed id of a page, the same string for every file queued to it: a folder's thousands of sessions then share
   * one, where each parse would build its own (held as a chain of joined pieces, several hundred bytes apiece).
   */
  private pageIdOf(input: string): string {
    if (this.lastPage?.input !== input) this.lastPage = { input, id: parsePageId(input) };
    return this.lastPage.id;
  }

  add(filePath: string, pageId: string, options: AddOptions = {}): SessionStatus {
    this.assertUsable();
    const session = new UploadSession(this.context, {
      id: newSessionId(), filePath: resolve(filePath), pageId: this.pageIdOf(pageId), asText: options.asText ?? false, computeSha256: options.computeSha256 ?? false,
      attach: options.attach, tryUnknownType: options.tryUnknownType, sizeBytes: options.sizeBytes,
    });
    this.sessions.set(session.id, session);
    this.queue.push(session.id);
    if (session.attachToPage) this.batcher.expect(session.id, session.pageId);
    this.emitState(session);
    this.pump();
    return session.snapshot();
  }

  /** How many sessions the manager holds, finished ones included. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** What the sessions still queued or running add up to, without a copy of each (a status bar asks often). */
  activeSummary(): BatchSummary {
    const active: SessionFigures[] = [];
    for (const session of this.sessions.values()) if (!isFinished(session.state)) active.push(session.figures());
    return summarizeBatch(active);
  }

  /** How many sessions are waiting their turn and how many are under way, without a copy of each (Cancel All asks). */
  activeCounts(): { queued: number; underWay: number } {
    let queued = 0;
    let underWay = 0;
    for (const session of this.sessions.values()) {
      if (session.state === 'queued') queued += 1;
      else if (!isFinished(session.state)) underWay += 1;
    }
    return { queued, underWay };
  }

  /** One session's figures for a summary, without the copy `status` makes. */
  figures(id: string): SessionFigures | undefined {
    return this.sessions.get(id)?.figures();
  }

  status(id: string): SessionStatus | undefined {
    return this.sessions.get(id)?.snapshot();
  }

  list(): SessionStatus[] {
    return [...this.sessions.values()].map((session) => session.snapshot());
  }

  cancel(id: string): void {
    const session = this.sessions.get(id);
    if (!session || isFinished(session.state)) return;
    const queued = this.queue.indexOf(id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      session.markCancelled();
      return;
    }
    session.cancel();
  }

  cancelAll(): void {
    for (const id of [...this.sessions.keys()]) this.cancel(id);
  }

  retry(id: string, options: Pick<AddOptions, 'computeSha256'> = {}): SessionStatus {
    this.assertUsable();
    const session = this.sessions.get(id);
    if (!session) throw new Error(`No upload session ${id}.`);
    if (!isFinished(session.state)) return session.snapshot();
    this.finishedAt.delete(id);
    if (options.computeSha256 !== undefined) session.computeSha256 = options.computeSha256;
    session.requeue(session.storedRecord());
    this.queue.push(id);
    if (session.attachToPage) this.batcher.expect(id, session.pageId);
    this.pump();
    return session.snapshot();
  }

  /**
   * Loads interrupted sessions from the store; they are listed as failed and resumable until retry(). With
   * `keepFinished`, records of files that reached their page stay in the store (the CLI skips those files next time).
   */
  async resumeStored(options: { keepFinished?: boolean } = {}): Promise<SessionStatus[]> {
    const restored: SessionStatus[] = [];
    for (const stored of await this.store.load()) {
      if (this.sessions.has(stored.id)) continue;
      if (options.keepFinished && stored.state === 'done' && stored.blockId) continue;
      const expired = stored.uploadCreatedAt === null || this.now() > stored.uploadCreatedAt + UPLOAD_LIFETIME_MS;
      if (stored.state === 'done' || stored.blockId || expired) {
        await this.store.delete(stored.id);
        continue;
      }
      const session = UploadSession.fromStored(this.context, stored);
      this.sessions.set(session.id, session);
      this.finishedAt.set(session.id, this.now());
      restored.push(session.snapshot());
      this.emitState(session);
    }
    return restored;
  }

  remove(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.cancel(id);
    this.sessions.delete(id);
    this.finishedAt.delete(id);
    this.progressNotifier.forget(id);
    void this.store.delete(id).catch(() => undefined);
  }

  clearFinished(): void {
    for (const session of [...this.sessions.values()]) if (isFinished(session.state)) this.remove(session.id);
  }

  whenSettled(id: string): Promise<SessionStatus> {
    const session = this.sessions.get(id);
    if (!session) return Promise.reject(new Error(`No upload session ${id}.`));
    if (isFinished(session.state)) return Promise.resolve(session.snapshot());
    return new Promise((resolveSettled) => {
      const waiters = this.settledWaiters.get(id) ?? [];
      waiters.push(resolveSettled);
      this.settledWaiters.set(id, waiters);
    });
  }

  /**
   * Resolves with the final status of each of `ids`, in their order, once all have finished; `onSettled` hears each
   * as it finishes. The wait for a folder's thousands of files: it holds far less per file than whenSettled each.
   */
  whenAllSettled(ids: readonly string[], onSettled?: (status: SessionStatus) => void): Promise<SessionStatus[]> {
    const unknown = ids.find((id) => !this.sessions.has(id));
    if (unknown !== undefined) return Promise.reject(new Error(`No upload session ${unknown}.`));
    return new Promise((resolveAll) => {
      const batch = new BatchSettlement(ids, resolveAll, onSettled);
      let done = ids.length === 0;
      if (done) resolveAll([]);
      for (const id of ids) {
        const session = this.sessions.get(id);
        if (session && isFinished(session.state)) done = batch.settle(session.snapshot());
      }
      if (!done) this.batchesWaited.add(batch);
    });
  }

  onProgress(listener: Listener): Disposable {
    this.progressListeners.add(listener);
    return { dispose: () => this.progressListeners.delete(listener) };
  }

  onStateChange(listener: Listener): Disposable {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  updateSettings(changes: Partial<UploaderSettings>): void {
    const previous = this.settings;
    this.settings = resolveSettings(changes, previous);
    this.rateLimiter.setBudget(requestsPerRateWindow(this.settings), this.settings.rateWindowMs);
    this.bandwidth.setRate(maxBytesPerSecond(this.settings));
    if (this.settings.apiBase !== previous.apiBase || this.settings.notionVersion !== previous.notionVersion) {
      this.retiredClients.push(this.client);
      this.client = this.makeClient();
    } else {
      this.client.configure({ requestTimeoutMs: this.settings.requestTimeoutMs, retry: this.retryOptions() });
    }
    this.schedulePruning();
    this.pump();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.pruneTimer);
    const active = [...this.running];
    this.batcher.close();
    this.cancelAll();
    this.limitsCache.close();
    await Promise.all(active.map((id) => this.whenSettled(id)));
    this.progressNotifier.dispose();
    await Promise.all([this.client, ...this.retiredClients].map((client) => client.close()));
    await this.store.close?.().catch(() => undefined);
  }

  /** One workspace's limits per API base and token (a token belongs to one workspace). */
  private limitsKey(): string {
    return `${this.settings.apiBase}\n${this.options.token}`;
  }

  private makeClient(): NotionClient {
    return new NotionClient({
      token: this.options.token, apiBase: this.settings.apiBase, notionVersion: this.settings.notionVersion, log: this.options.log,
      rateLimiter: this.rateLimiter, requestTimeoutMs: this.settings.requestTimeoutMs, retry: this.retryOptions(),
      connection: this.options.connection,
    });
  }

  private retryOptions(): RetryPolicyOptions {
    return {
      maxAttempts: this.settings.maxAttempts, baseDelayMs: this.settings.retryBaseDelayMs, maxDelayMs: this.settings.retryMaxDelayMs,
      maxRateLimitedWaitMs: this.settings.maxRateLimitedWaitMs,
    };
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('The upload manager was disposed.');
  }

  private pump(): void {
    while (!this.disposed && this.running.size - this.parked.size < this.settings.filesInParallel && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const session = this.sessions.get(id);
      if (!session || session.state !== 'queued') continue;
      this.running.add(id);
      void session.run().finally(() => {
        this.running.delete(id);
        this.parked.delete(id);
        this.pump();
      });
    }
  }

  private onSessionState(session: UploadSession): void {
    // Uploaded: Notion took the whole file; any other end leaves the size question to the next file waiting.
    if (session.state === 'attaching' || session.state === 'done') this.sizeGate.accepted(session.id);
    else if (isFinished(session.state)) this.sizeGate.ended(session.id);
    if (isFinished(session.state)) {
      this.batcher.forget(session.id);
      this.progressNotifier.cancel(session.id);
      this.finishedAt.set(session.id, this.now());
    }
    const error = session.state === 'failed' ? session.snapshot().error : null;
    if (error?.status === 401) this.failQueuedAfterRefusedToken(error);
    if (error?.code === 'workspace_block_limit') this.stopBatchAtBlockLimit(session.id, error);
    this.emitState(session);
    if (isFinished(session.state)) {
      const waiters = this.settledWaiters.get(session.id) ?? [];
      this.settledWaiters.delete(session.id);
      const snapshot = session.snapshot();
      for (const waiter of waiters) waiter(snapshot);
      for (const batch of this.batchesWaited) if (batch.settle(snapshot)) this.batchesWaited.delete(batch);
    }
  }

  /** Notion refused the token: the files still waiting would only be refused too, so they fail now without a request. */
  private failQueuedAfterRefusedToken(error: SessionError): void {
    const waiting = this.queue.splice(0);
    for (const id of waiting) {
      this.sessions.get(id)?.failUnsent({ ...error, message: `Not sent: Notion refused the token for another file (${error.message})` });
    }
  }

  /**
   * Notion refused a block because the workspace reached its block limit: every other file would be refused at the
   * same step, so the waiting ones fail unsent and the running ones stop sending, each saying why. Nothing is retried.
   */
  private stopBatchAtBlockLimit(failedId: string, error: SessionError): void {
    const stopped: SessionError = { ...error, message: `${STOPPED_BY_BLOCK_LIMIT} (${error.message})`, requestId: undefined };
    for (const id of this.queue.splice(0)) this.sessions.get(id)?.failUnsent(stopped);
    for (const id of this.running) if (id !== failedId) this.sessions.get(id)?.stopWith(stopped);
  }

  private emitState(session: UploadSession): void {
    const snapshot = session.snapshot();
    for (const listener of this.stateListeners) safely(listener, snapshot);
  }

  private emitProgress(id: string): void {
    const session = this.sessions.get(id);
    if (!session || isFinished(session.state)) return;
    const snapshot = session.snapshot();
    for (const listener of this.progressListeners) safely(listener, snapshot);
  }

  private schedulePruning(): void {
    clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    const retention = this.settings.finishedRetentionMs;
    if (retention <= 0) return;
    this.pruneTimer = setInterval(() => this.pruneFinished(), Math.min(Math.max(retention / 4, 250), 60_000));
    this.pruneTimer.unref();
  }

  private pruneFinished(): void {
    const cutoff = this.now() - this.settings.finishedRetentionMs;
    for (const [id, finishedAt] of this.finishedAt) {
      const session = this.sessions.get(id);
      if (session && isFinished(session.state) && finishedAt <= cutoff) this.remove(id);
    }
  }
}

function safely(listener: Listener, status: SessionStatus): void {
  try {
    listener(status);
  } catch {
    // one broken listener must not stop the others or the upload
  }
}
