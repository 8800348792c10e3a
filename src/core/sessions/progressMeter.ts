/**
 * Speed as a moving average over the last few seconds of samples, and the ETA it implies. A sample closer than a
 * twentieth of the window to the one before it replaces the newest sample instead of adding one: progress comes with
 * every chunk sent, hundreds a second, and a sample kept for the whole window outlives V8's young generation, so
 * each one added to the process's long-lived garbage (docs/measurements.md).
 */
export class ProgressMeter {
  private samples: Array<{ at: number; bytes: number }> = [];
  private readonly spacingMs: number;

  constructor(private readonly windowMs = 5_000, private readonly now: () => number = Date.now) {
    this.spacingMs = windowMs / 20;
  }

  record(bytesSent: number): void {
    const at = this.now();
    const count = this.samples.length;
    if (count >= 2 && at - this.samples[count - 2].at < this.spacingMs) {
      const newest = this.samples[count - 1];
      newest.at = at;
      newest.bytes = bytesSent;
    } else {
      this.samples.push({ at, bytes: bytesSent });
    }
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
  }

  /** Samples held (bounded by the window over the spacing, however often progress comes). */
  get samplesKept(): number {
    return this.samples.length;
  }

  reset(): void {
    this.samples = [];
  }

  bytesPerSecond(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (Math.max(last.at, this.now()) - first.at) / 1000;
    if (seconds <= 0.05) return 0;
    return Math.max(0, (last.bytes - first.bytes) / seconds);
  }

  etaSeconds(bytesRemaining: number): number | null {
    if (bytesRemaining <= 0) return 0;
    const speed = this.bytesPerSecond();
    return speed > 0 ? Math.ceil(bytesRemaining / speed) : null;
  }
}
