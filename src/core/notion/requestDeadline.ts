/**
 * The whole-exchange bound of one request. undici's own timeouts only measure time without progress, so a server
 * trickling a byte a second, or sending an endless body, would hold a request for as long as it liked.
 *
 * A JSON call gets the request timeout for everything, from sending to the last byte of the answer. A send gets
 * the request timeout plus the time its body takes at a minimum rate; once the body is handed over, the answer must
 * come within the request timeout.
 */
export const MIN_SEND_BYTES_PER_SECOND = 16 * 1024;

export class RequestTimedOut extends Error {
  constructor(readonly afterMs: number) {
    super(`The request did not complete within ${formatSeconds(afterMs)}.`);
    this.name = 'RequestTimedOut';
  }
}

export class RequestDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly startedAt = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private deadlineAt: number;
  private readonly onOuterAbort: () => void;

  constructor(private readonly timeoutMs: number, bodyBytes: number, private readonly outer?: AbortSignal, minBytesPerSecond?: number) {
    const rate = Math.min(MIN_SEND_BYTES_PER_SECOND, minBytesPerSecond && minBytesPerSecond > 0 ? minBytesPerSecond : Infinity);
    this.deadlineAt = this.startedAt + timeoutMs + Math.ceil((bodyBytes / rate) * 1000);
    this.signal = this.controller.signal;
    this.onOuterAbort = () => this.controller.abort(outer!.reason);
    if (outer?.aborted) this.onOuterAbort();
    else outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    this.arm();
  }

  /** True when this deadline (not the caller) stopped the request. */
  get expired(): boolean {
    return this.controller.signal.aborted && this.controller.signal.reason instanceof RequestTimedOut;
  }

  /** The request body is handed over: the answer must follow within the request timeout. */
  bodySent(): void {
    const answerBy = performance.now() + this.timeoutMs;
    if (answerBy < this.deadlineAt) {
      this.deadlineAt = answerBy;
      this.arm();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  private arm(): void {
    clearTimeout(this.timer);
    const waitMs = Math.max(0, this.deadlineAt - performance.now());
    this.timer = setTimeout(() => this.controller.abort(new RequestTimedOut(Math.round(performance.now() - this.startedAt))), waitMs);
  }
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
