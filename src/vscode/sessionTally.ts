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
    // Whole bytes per second (as a session's status gives them), so that adding and taking away leaves no remainder.
    const own = { state: figures.state, bytesSent: figures.bytesSent, bytesTotal: figures.bytesTotal, bytesPerSecond: Math.round(figures.bytesPerSecond), etaSeconds: null };
    this.counted.set(id, own);
    this.add(own, 1);
  }

  delete(id: string): void {
    const before = this.counted.get(id);
    if (!before) return;
    this.counted.delete(id);
    this.add(before, -1);
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
      this.bytesPerSecond += sign * figures.bytesPerSecond;
    }
  }
}
