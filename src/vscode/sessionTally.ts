import { isFinished, type BatchSummary, type SessionFigures } from '../core/light';

/**
 * Running totals over a set of upload sessions, kept up to date one session at a time, so that a summary costs the
 * same with 10,000 sessions as with one. Adds up what summarizeBatch adds up over the sessions' last known figures:
 * a finished session counts as settled (a done one with all its bytes sent) and no longer adds to the rate.
 */
export class SessionTally {
  private readonly counted = new Map<string, SessionFigures>();
  private filesSettled = 0;
  private bytesSent = 0;
  private bytesTotal = 0;
  private bytesPerSecond = 0;

  /** `keeps` decides which sessions are counted at all (the status bar counts only those not finished). */
  constructor(private readonly keeps: (figures: SessionFigures) => boolean = () => true) {}

  /** A session's latest figures replace what it counted before; one `keeps` turns down is dropped. */
  set(id: string, figures: SessionFigures): void {
    this.delete(id);
    if (!this.keeps(figures)) return;
    // The figures themselves, not a copy: each event's are a new object that no one changes (UploadSession's figures
    // and snapshot), and the views keep the same one, so thousands of queued files do not each cost another object.
    this.counted.set(id, figures);
    this.add(figures, 1);
  }

  delete(id: string): void {
    const before = this.counted.get(id);
    if (!before) return;
    this.counted.delete(id);
    this.add(before, -1);
  }

  /** The figures a session is counted with (the object given to `set`), if it is counted. */
  figuresOf(id: string): SessionFigures | undefined {
    return this.counted.get(id);
  }

  /** The ids of the sessions counted. */
  ids(): IterableIterator<string> {
    return this.counted.keys();
  }

  has(id: string): boolean {
    return this.counted.has(id);
  }

  clear(): void {
    this.counted.clear();
    this.filesSettled = this.bytesSent = this.bytesTotal = this.bytesPerSecond = 0;
  }

  get size(): number {
    return this.counted.size;
  }

  summary(): BatchSummary {
    // Every figure added or taken away is a whole number, so the sums stay exact however many changes come.
    const { filesSettled, bytesSent, bytesTotal, bytesPerSecond } = this;
    const etaSeconds = bytesPerSecond > 0 ? Math.max(0, bytesTotal - bytesSent) / bytesPerSecond : null;
    return { filesSettled, filesTotal: this.counted.size, bytesSent, bytesTotal, bytesPerSecond, etaSeconds };
  }

  private add(figures: SessionFigures, sign: 1 | -1): void {
    this.bytesTotal += sign * figures.bytesTotal;
    if (isFinished(figures.state)) {
      this.filesSettled += sign;
      this.bytesSent += sign * (figures.state === 'done' ? figures.bytesTotal : figures.bytesSent);
    } else {
      this.bytesSent += sign * figures.bytesSent;
      // Whole bytes per second, the same rounding when a session's figures are added and taken away: no remainder.
      this.bytesPerSecond += sign * Math.round(figures.bytesPerSecond);
    }
  }
}
