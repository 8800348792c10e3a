import { abortReason } from '../pacing/abortableSleep';
import type { NotionClient, WorkspaceLimits } from './notionClient';

/** users/me answered once per API base and token; a failed lookup is forgotten so the next caller asks again. */
export class WorkspaceLimitsCache {
  private readonly entries = new Map<string, Promise<WorkspaceLimits>>();

  get(client: NotionClient, cacheKey: string, signal?: AbortSignal): Promise<WorkspaceLimits> {
    let entry = this.entries.get(cacheKey);
    if (!entry) {
      entry = client.usersMe();
      this.entries.set(cacheKey, entry);
      entry.catch(() => this.entries.delete(cacheKey));
    }
    return signal ? untilAborted(entry, signal) : entry;
  }

  clear(): void {
    this.entries.clear();
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
