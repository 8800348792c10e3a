import { abortReason } from '../pacing/abortableSleep';
import type { NotionClient, WorkspaceLimits } from './notionClient';

interface Entry {
  promise: Promise<WorkspaceLimits>;
  /** Stops the one shared request: when the last caller waiting for it gives up, or the cache is closed. */
  controller: AbortController;
  waiting: number;
  settled: boolean;
}

/**
 * users/me answered once per API base and token; a failed lookup is forgotten so the next caller asks again. The
 * request is shared, so no single caller's signal may stop it; it stops once no caller waits for it any more, so a
 * cancel never leaves it running in the background (where it would hold the connection pool's close).
 */
export class WorkspaceLimitsCache {
  private readonly entries = new Map<string, Entry>();
  /** Per-file limits Notion named when it refused a file, for tokens whose users/me does not say (learnFileSizeLimit). */
  private readonly learnt = new Map<string, number>();

  /**
   * Remembers the per-file limit Notion named in refusing a file (fileSizeRefusal.ts) for a token its users/me left
   * without one (a personal access token): every later lookup under the key answers with it, so larger files are
   * refused before a byte is sent. A limit users/me gave is never replaced.
   */
  learnFileSizeLimit(cacheKey: string, limitBytes: number): void {
    this.learnt.set(cacheKey, limitBytes);
  }

  get(client: NotionClient, cacheKey: string, signal?: AbortSignal): Promise<WorkspaceLimits> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let entry = this.entries.get(cacheKey);
    if (!entry) {
      const controller = new AbortController();
      const created: Entry = { promise: client.usersMe({ signal: controller.signal }), controller, waiting: 0, settled: false };
      created.promise.then(() => (created.settled = true), () => {
        created.settled = true;
        if (this.entries.get(cacheKey) === created) this.entries.delete(cacheKey);
      });
      this.entries.set(cacheKey, created);
      entry = created;
    }
    entry.waiting += 1;
    const withLearnt = (limits: WorkspaceLimits): WorkspaceLimits => {
      const learnt = this.learnt.get(cacheKey);
      return limits.maxFileUploadSizeBytes === null && learnt !== undefined ? { ...limits, maxFileUploadSizeBytes: learnt, limitLearnt: true } : limits;
    };
    if (!signal) return entry.promise.then(withLearnt); // a caller that cannot give up keeps the request going
    const shared = entry;
    return untilAborted(shared.promise, signal, () => {
      shared.waiting -= 1;
      if (shared.waiting === 0 && !shared.settled) this.drop(cacheKey, shared, abortReason(signal));
    }).then(withLearnt);
  }

  /** Stops every lookup under way and forgets every answer. */
  close(): void {
    for (const [key, entry] of this.entries) if (!entry.settled) this.drop(key, entry, new DOMException('The workspace lookup was stopped.', 'AbortError'));
    this.entries.clear();
    this.learnt.clear();
  }

  clear(): void {
    this.entries.clear();
    this.learnt.clear();
  }

  private drop(key: string, entry: Entry, reason: unknown): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    entry.promise.catch(() => undefined);
    entry.controller.abort(reason);
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, onAbort: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      reject(abortReason(signal));
      onAbort();
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
