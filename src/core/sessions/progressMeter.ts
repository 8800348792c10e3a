/** Speed as a moving average over the last few seconds of samples, and the ETA it implies. */
export class ProgressMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly windowMs = 5_000, private readonly now: () => number = Date.now) {}

  record(bytesSent: number): void {
    const at = this.now();
    this.samples.push({ at, bytes: bytesSent });
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
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
