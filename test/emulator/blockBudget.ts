// The Free workspace block limit (Notion's "Workspace block limits" page): Free workspaces with more than one member
// have 1,000 lifetime blocks; the write that reaches the limit succeeds and starts a three-day grace period; after it,
// requests that create blocks fail, reads do not, deleting blocks gives nothing back, and personal access tokens are
// not limited. The emulator starts with the grace period over: once `limit` blocks exist, a write that creates more is
// refused. The page names no error code or message, so the refusal is a 400 validation_error naming the block limit.
import { ApiError } from './errors';
import type { TokenRecord } from './state';

export const blockLimitMessage = (limit: number): string =>
  `This workspace has reached its block limit (${limit} blocks on the Free plan), so no more blocks can be created. Upgrade the workspace to add content.`;

export class BlockBudget {
  /** Blocks created so far through the API. */
  used = 0;

  /** `limit` undefined: no limit (paid or single-member workspaces). */
  constructor(readonly limit: number | undefined) {}

  /** Throws the refusal when `caller` may create no more blocks. */
  check(caller: TokenRecord): void {
    if (this.limit === undefined || caller.kind === 'pat') return;
    if (this.used >= this.limit) throw new ApiError(400, 'validation_error', blockLimitMessage(this.limit));
  }

  add(count: number): void {
    this.used += count;
  }
}
