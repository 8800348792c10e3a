import { abortableSleep } from './abortableSleep';

/**
 * One request budget shared by every session: at most `requests` starts in any window of `windowMs` (a sliding log,
 * so a server counting fixed or sliding windows never sees more), plus a shared pause that a 429 imposes on everyone.
 */
export class RequestRateLimiter {
  private readonly starts: number[] = [];
  private pausedUntil = 0;

  constructor(
    private requests: number,
    private windowMs = 60_000,
    /** Added to the window so that arrival jitter at the server cannot squeeze an extra request into its window. */
    private readonly marginMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  setBudget(requests: number, windowMs: number): void {
    this.requests = requests;
    this.windowMs = windowMs;
  }

  /** Every caller waits until `ms` from now before starting another request (a 429's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** What is left of the pause a 429 imposed on everyone, in milliseconds (0: none). */
  pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** Milliseconds until a request may start now, 0 when it may start immediately. */
  delayUntilNextStart(): number {
    const now = this.now();
    while (this.starts.length > 0 && this.starts[0] <= now - this.windowMs - this.marginMs) this.starts.shift();
    const pause = Math.max(0, this.pausedUntil - now);
    if (this.starts.length < this.requests) return pause;
    const oldestInWindow = this.starts[this.starts.length - this.requests];
    return Math.max(pause, oldestInWindow + this.windowMs + this.marginMs - now);
  }

  /** Resolves when this caller may start a request, and counts it. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const delay = this.delayUntilNextStart();
      if (delay === 0) {
        this.starts.push(this.now());
        return;
      }
      await abortableSleep(Math.max(delay, 5), signal);
    }
  }
}
