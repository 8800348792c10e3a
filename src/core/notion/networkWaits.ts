import { NotionNetworkError } from '../errors/errors';

/** A request that got no answer and waits to try again (or is trying again). */
export interface NetworkWait {
  /** Why there was no answer, in a few words: "connection refused", "connection dropped", "no answer in time". */
  reason: string;
  /** When the next attempt starts (Date.now() time). */
  retryAt: number;
  /** The attempt that starts then, and how many the request may make. */
  nextAttempt: number;
  maxAttempts: number;
}

/**
 * The requests of one client that are waiting to try again after getting no answer, so that every upload using the
 * client can say that the connection is the problem while it lasts. A wait ends when its request ends, or as soon as
 * any request of the client gets an answer (the connection works again).
 */
export class NetworkWaits {
  private readonly waits = new Map<object, NetworkWait>();
  private readonly listeners = new Set<() => void>();

  /** The wait begun last, if any request is waiting or trying again after no answer. */
  current(): NetworkWait | undefined {
    let latest: NetworkWait | undefined;
    for (const wait of this.waits.values()) latest = wait;
    return latest;
  }

  /** `request`: any object that stands for the waiting request, the same for its every attempt. */
  begin(request: object, wait: NetworkWait): void {
    this.waits.delete(request); // the latest wait goes last
    this.waits.set(request, wait);
    this.changed();
  }

  end(request: object): void {
    if (this.waits.delete(request)) this.changed();
  }

  /** Some request got an answer: the connection works, no one waits for it any more. */
  answered(): void {
    if (this.waits.size === 0) return;
    this.waits.clear();
    this.changed();
  }

  /** Told when a wait begins or ends. */
  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // a failing listener must not break a request
      }
    }
  }
}

/** "Notion not reachable (connection refused); trying again in 8 s (attempt 4 of 6)". */
export function describeNetworkWait(wait: NetworkWait, now: number): string {
  const seconds = Math.ceil((wait.retryAt - now) / 1000);
  const when = seconds >= 1 ? `trying again in ${seconds} s` : 'trying again';
  return `Notion not reachable (${wait.reason}); ${when} (attempt ${wait.nextAttempt} of ${wait.maxAttempts})`;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection dropped',
  EPIPE: 'connection dropped',
  UND_ERR_SOCKET: 'connection dropped',
  UND_ERR_CLOSED: 'connection dropped',
  ENOTFOUND: 'address not found',
  EAI_AGAIN: 'address not found',
  EHOSTUNREACH: 'network unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** The few words for why a request got no answer, from the codes along its causes. */
export function noAnswerReason(error: NotionNetworkError): string {
  if (error.code === 'timeout') return 'no answer in time';
  if (error.code === 'proxy_unreachable') return 'proxy not reachable';
  if (error.code === 'proxy_refused') return 'the proxy refused';
  let current: unknown = error.cause;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && REASONS[code]) return REASONS[code];
    current = (current as { cause?: unknown }).cause;
  }
  return 'no answer';
}
