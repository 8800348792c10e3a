/**
 * The upload speed of the link as this process has seen it: bytes acknowledged by Notion over the time at least one
 * send was under way (time spent waiting for the request budget with nothing in flight does not count, so a budget
 * that held the sends back does not read as a slow link). One meter per UploadManager, kept in memory for the life of
 * the process: a CLI run's later files, and the editor window's later uploads, plan their parts from it
 * (partSizeForLink.ts). Nothing is written to disk here: a caller that keeps the figure between processes (the
 * extension, in its global state) passes it back as `earlier`, which stands until this process has measured its own.
 */
export class LinkSpeedMeter {
  /** Below this much data a figure says more about round trips than about the link. */
  static readonly MIN_MEASURED_BYTES = 8 * 1024 * 1024;

  private inFlight = 0;
  private busySince = 0;
  private busyMs = 0;
  private bytes = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly earlier: number | null = null,
  ) {}

  /** A send began streaming its body. */
  started(): void {
    if (this.inFlight === 0) this.busySince = this.now();
    this.inFlight += 1;
  }

  /** A send that `started` has ended; `acknowledgedBytes` is 0 when it failed. */
  ended(acknowledgedBytes: number): void {
    if (this.inFlight === 0) return;
    this.inFlight -= 1;
    this.bytes += acknowledgedBytes;
    if (this.inFlight === 0) this.busyMs += this.now() - this.busySince;
  }

  /** Bytes per second over the busy time so far, or null while too little has been measured. */
  bytesPerSecond(): number | null {
    if (this.bytes < LinkSpeedMeter.MIN_MEASURED_BYTES || this.busyMs <= 0) return this.earlier !== null && this.earlier > 0 ? this.earlier : null;
    return (this.bytes * 1000) / this.busyMs;
  }
}
