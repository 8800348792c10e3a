import type { SessionStatus, UploadManager } from '../core';

/**
 * The sessions of one manager as its events leave them: the ids in creation order and each file name's count kept
 * as sessions come, so that a redraw of thousands sorts and counts nothing.
 */
export class SessionIndex {
  readonly byId: Map<string, SessionStatus>;
  /** Ids by creation time, oldest first; the manager's own order among those created in the same millisecond. */
  private readonly createdOrder: string[] = [];
  /** Each one's creation time, in the same order. */
  private readonly createdAts: number[] = [];
  readonly nameCounts = new Map<string, number>();
  readonly sharedNames = new Set<string>();

  constructor(readonly of: UploadManager) {
    const sessions = of.list();
    this.byId = new Map(sessions.map((session) => [session.id, session]));
    for (const session of [...sessions].sort((a, b) => a.createdAt - b.createdAt)) this.append(session);
  }

  /** A new session; false when it was created before the newest one known (read the list again instead). */
  add(session: SessionStatus): boolean {
    if (session.createdAt < (this.createdAts.at(-1) ?? -Infinity)) return false;
    this.byId.set(session.id, session);
    this.append(session);
    return true;
  }

  /** Creation order, oldest first: the order the manager starts queued uploads in. */
  oldestFirst(): readonly string[] {
    return this.createdOrder;
  }

  /** Newest first, those created in the same millisecond in creation order (as a stable sort of the manager's list). */
  newestFirst(): string[] {
    const ids: string[] = [];
    const { createdOrder, createdAts } = this;
    for (let end = createdOrder.length; end > 0;) {
      let start = end - 1;
      while (start > 0 && createdAts[start - 1] === createdAts[end - 1]) start -= 1;
      for (let i = start; i < end; i += 1) ids.push(createdOrder[i]);
      end = start;
    }
    return ids;
  }

  private append(session: SessionStatus): void {
    this.createdOrder.push(session.id);
    this.createdAts.push(session.createdAt);
    this.countName(session.fileName);
  }

  private countName(fileName: string): void {
    const count = (this.nameCounts.get(fileName) ?? 0) + 1;
    this.nameCounts.set(fileName, count);
    if (count > 1) this.sharedNames.add(fileName);
  }
}
