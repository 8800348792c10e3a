// The emulator's time: wall time from an injectable base clock (object dates, expiry), and a monotonic time for rate
// windows that keeps running even when the base clock is frozen. advanceClock moves both.
import { performance } from 'node:perf_hooks';

export class Clock {
  private offsetMs = 0;

  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  monotonic(): number {
    return performance.now() + this.offsetMs;
  }

  iso(ms: number = this.now()): string {
    return new Date(ms).toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
