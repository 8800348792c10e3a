import type { SessionStatus } from './sessionStatus';

/**
 * One wait for a whole batch of sessions to finish. A promise per session (with its resolver, its waiter list and the
 * Promise.all over them) is a handful of objects for every file queued from a folder; they outlive the host's young
 * garbage collections while the batch waits, and a young collection's pause grows with what it has to keep. This
 * keeps one map entry (id → place in the batch) per session still running, and each final status once it is known.
 */
export class BatchSettlement {
  private readonly pending = new Map<string, number>();
  /** Places of an id given more than once (a caller's mistake, but its every place still gets the status). */
  private readonly repeated = new Map<string, number[]>();
  private readonly statuses: SessionStatus[];

  constructor(ids: readonly string[], private readonly resolve: (statuses: SessionStatus[]) => void,
    private readonly onSettled?: (status: SessionStatus) => void) {
    this.statuses = new Array<SessionStatus>(ids.length);
    ids.forEach((id, index) => {
      if (!this.pending.has(id)) this.pending.set(id, index);
      else this.repeated.set(id, [...(this.repeated.get(id) ?? []), index]);
    });
  }

  /** Records a finished session if it is one of the batch's; true once every session of the batch has finished. */
  settle(status: SessionStatus): boolean {
    const index = this.pending.get(status.id);
    if (index === undefined) return this.pending.size === 0;
    this.pending.delete(status.id);
    for (const place of [index, ...(this.repeated.get(status.id) ?? [])]) this.statuses[place] = status;
    this.onSettled?.(status);
    if (this.pending.size > 0) return false;
    this.resolve(this.statuses);
    return true;
  }
}
