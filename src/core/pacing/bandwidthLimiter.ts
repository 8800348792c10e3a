import { abortableSleep } from './abortableSleep';

/**
 * Global cap on bytes per second over every stream (a token bucket that may go into debt: a taker of n bytes waits
 * until the bucket has refilled its share, so concurrent streams queue up behind each other). 0 = unlimited.
 */
export class BandwidthLimiter {
  private tokens = 0;
  private last: number;

  constructor(private bytesPerSecond: number, private readonly now: () => number = Date.now) {
    this.last = now();
    this.tokens = this.burst();
  }

  get rate(): number {
    return this.bytesPerSecond;
  }

  setRate(bytesPerSecond: number): void {
    this.refill();
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = Math.min(this.tokens, this.burst());
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.bytesPerSecond <= 0) return;
    this.refill();
    this.tokens -= bytes;
    if (this.tokens >= 0) return;
    try {
      await abortableSleep(Math.ceil((-this.tokens / this.bytesPerSecond) * 1000), signal);
    } catch (error) {
      this.tokens += bytes;
      throw error;
    }
  }

  /** Up to a twentieth of a second of traffic may pass without waiting. */
  private burst(): number {
    return this.bytesPerSecond / 20;
  }

  private refill(): void {
    const now = this.now();
    const elapsedSeconds = (now - this.last) / 1000;
    this.last = now;
    if (this.bytesPerSecond > 0) this.tokens = Math.min(this.burst(), this.tokens + elapsedSeconds * this.bytesPerSecond);
  }
}
