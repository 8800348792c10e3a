// A per-token request budget per fixed window, as Notion's per-connection limit (docs/notion-api.md §6).
import type { Clock } from './clock';
import type { RateLimit } from './types';

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private limit: RateLimit | false,
  ) {}

  setLimit(limit: RateLimit | false): void {
    this.limit = limit;
    this.windows.clear();
  }

  /** Spends one request of the token's budget; returns the whole seconds to wait when the budget is spent. */
  take(token: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    if (!this.limit) return { allowed: true };
    const now = this.clock.monotonic();
    let window = this.windows.get(token);
    if (!window || now - window.startedAt >= this.limit.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(token, window);
    }
    if (window.count < this.limit.requests) {
      window.count += 1;
      return { allowed: true };
    }
    const remainingMs = window.startedAt + this.limit.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }
}
