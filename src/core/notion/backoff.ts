export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

/** Exponential backoff with jitter: attempt 1 waits about base, then doubling, each between half and all of it. */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
