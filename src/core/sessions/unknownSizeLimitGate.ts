import { abortReason } from '../pacing/abortableSleep';
import { FREE_PLAN_MAX_FILE_BYTES } from '../notion/notionLimits';

interface Waiter {
  id: string;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal;
  onAbort: () => void;
}

/**
 * While a token's per-file limit is unknown (a personal access token is not told it), files larger than the smallest
 * limit Notion has (a Free workspace's 5 MiB) are sent one at a time until Notion answers one of them: a refusal names
 * the limit, and the files waiting are then refused before a byte is sent; an accepted one shows the workspace is not
 * on the Free plan, and the rest go as usual. Without it every file of a batch sent at once would be sent in full and
 * refused. Smaller files never wait.
 */
export class UnknownSizeLimitGate {
  /** The session sending a file above the Free limit while the limit is unknown, if any. */
  private holder: string | null = null;
  private readonly waiters: Waiter[] = [];
  /** Notion's answer settled the question: a limit was learnt, or a file above the Free limit was accepted. */
  private open = false;

  /** Resolves when the session may send a file of `sizeBytes`; rejects when `signal` is aborted first. */
  turn(id: string, sizeBytes: number, signal: AbortSignal): Promise<void> {
    if (this.open || sizeBytes <= FREE_PLAN_MAX_FILE_BYTES || this.holder === id) return Promise.resolve();
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (this.holder === null) {
      this.holder = id;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        id, resolve, reject, signal, onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(abortReason(signal));
        },
      };
      signal.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Notion named the limit (the caller has remembered it): every waiting file goes on, to be checked against it. */
  limitLearnt(): void {
    this.openAll();
  }

  /** The session's file was taken whole by Notion: if it was the one above the Free limit, the workspace takes more. */
  accepted(id: string): void {
    if (id === this.holder) this.openAll();
  }

  /** The session ended without an answer about its size (cancelled, another failure): the next waiting file goes. */
  ended(id: string): void {
    if (id !== this.holder) return;
    this.holder = null;
    const next = this.waiters.shift();
    if (!next) return;
    next.signal.removeEventListener('abort', next.onAbort);
    this.holder = next.id;
    next.resolve();
  }

  private openAll(): void {
    this.open = true;
    this.holder = null;
    for (const waiter of this.waiters.splice(0)) {
      waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
  }
}
