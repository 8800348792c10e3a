// Notion answers 409 conflict_error when a transaction collides with another one on the same data ("The transaction
// could not be completed, potentially due to a data collision … try again"). The emulator reproduces the common case:
// a write under a parent (an append to a page) that arrives while another write to that parent is still being handled.
import { ApiError } from './errors';

export const conflictMessage = 'Conflict occurred while saving. Please try again.';

export interface WriteConflictOptions {
  /** Answer 409 to a write that overlaps another write to the same parent. */
  onOverlappingWrites: boolean;
  /** How long handling one write takes (so that writes from parallel uploads overlap); 0 = as fast as it goes. */
  handlingDelayMs: number;
}

export class WriteConflicts {
  private readonly busy = new Map<string, number>();
  conflicts = 0;

  constructor(readonly options: WriteConflictOptions) {}

  /** Runs `write` as the one write to `parentId` in progress, or throws 409 when another one is under way. */
  async exclusive<T>(parentId: string, write: () => T): Promise<T> {
    if (this.options.onOverlappingWrites && (this.busy.get(parentId) ?? 0) > 0) {
      this.conflicts += 1;
      throw new ApiError(409, 'conflict_error', conflictMessage);
    }
    this.busy.set(parentId, (this.busy.get(parentId) ?? 0) + 1);
    try {
      if (this.options.handlingDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.handlingDelayMs));
      return write();
    } finally {
      const left = (this.busy.get(parentId) ?? 1) - 1;
      if (left > 0) this.busy.set(parentId, left);
      else this.busy.delete(parentId);
    }
  }
}
