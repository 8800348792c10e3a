import { undiciErrors, type Dispatcher } from './undiciAgent';
import { inWritesOfAtMost, TLS_WRITE_BYTES } from './tlsWrites';
import { createDispatcher, proxyCredentialsGiven, proxyFor } from './connection';
import type { ConnectionOptions } from './connectionOptions';
import { classifyConnectionFailure } from './connectionErrors';
import { abortableSleep } from '../pacing/abortableSleep';
import { NotionApiError, NotionNetworkError, UploadFailure, isAbortError } from '../errors/errors';
import { RequestRateLimiter } from '../pacing/requestRateLimiter';
import { maskSecret, redactSecrets, rememberSecret } from '../errors/redact';
import { errorFromResponse, parseJsonResponse, readCappedBody } from './responseBody';
import { RequestDeadline, RequestTimedOut } from './requestDeadline';
import { decideRetry, type CallKind, type RetryPolicyOptions } from './retryPolicy';
import { NetworkWaits, noAnswerReason } from './networkWaits';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | 'error';
  requestId?: string;
  ms: number;
  attempt: number;
  error?: string;
}

export interface RequestBody {
  chunks: AsyncIterable<Uint8Array>;
  contentType: string;
  contentLength: number;
  /** The slowest rate the sender itself may hold the body to (a bandwidth cap), when below the deadline's minimum. */
  minBytesPerSecond?: number;
}

export interface CallOptions<T> {
  kind: CallKind;
  signal?: AbortSignal;
  /** Looks whether a failed call took effect (`saidSaved`: Notion said it did); returns its result if so. */
  verify?: (saidSaved: boolean) => Promise<T | undefined>;
  /** Told about each failed attempt before the next one (progress rollback). */
  onAttemptFailed?: (error: unknown, attempt: number) => void;
  /**
   * Raised when the user asked to stop (Ctrl-C): the attempt under way is let finish, but no new attempt starts; a
   * write whose answer was lost is read back once (`verify`), without waiting, so the caller knows whether it landed.
   */
  stop?: AbortSignal;
  /** This call's own retry limits in place of the loop's (a connection check gives up sooner than an upload). */
  retry?: Partial<RetryPolicyOptions>;
  /** This call's own request timeout in place of the loop's, when shorter (a connection check's). */
  requestTimeoutMs?: number;
}

export type CallBody = Record<string, unknown> | (() => RequestBody) | undefined;

export const DEFAULT_RETRY: RetryPolicyOptions = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, maxRateLimitedWaitMs: 10 * 60_000 };

export interface RequestLoopOptions {
  token: string;
  origin: string;
  basePath: string;
  notionVersion: string;
  rateLimiter: RequestRateLimiter;
  requestTimeoutMs: number;
  retry: RetryPolicyOptions;
  log?: (entry: RequestLogEntry) => void;
  dispatcher?: Dispatcher;
  /** Proxy and certificate trust of the dispatcher the loop makes (ignored when `dispatcher` is given). */
  connection?: ConnectionOptions;
}

/**
 * One Notion API call as the retry policy wants it: wait for the shared request budget, send, read the answer, and on
 * failure retry, read back or fail as the policy decides for that kind of call.
 */
export class RequestLoop {
  readonly rateLimiter: RequestRateLimiter;
  /** The calls waiting to try again after no answer (uploads show it: the connection is the problem). */
  readonly networkWaits = new NetworkWaits();
  private readonly origin: string;
  private readonly basePath: string;
  private readonly token: string;
  private readonly notionVersion: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly proxy: string | undefined;
  private readonly proxyCredentialsGiven: boolean;
  private requestTimeoutMs: number;
  private retry: RetryPolicyOptions;
  /** A request was given up while undici still held it unsent (a connection never made): close() must not wait for it. */
  private abandonedUnsent = false;
  private readonly log?: (entry: RequestLogEntry) => void;

  constructor(options: RequestLoopOptions) {
    this.token = options.token;
    rememberSecret(options.token);
    this.origin = options.origin;
    this.basePath = options.basePath;
    this.notionVersion = options.notionVersion;
    this.rateLimiter = options.rateLimiter;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.retry = options.retry;
    this.log = options.log;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createDispatcher(options.connection);
    this.proxy = options.dispatcher ? undefined : proxyFor(options.connection ?? {}, this.origin);
    this.proxyCredentialsGiven = !options.dispatcher && proxyCredentialsGiven(options.connection ?? {}, this.origin);
  }

  configure(options: { requestTimeoutMs?: number; retry?: Partial<RetryPolicyOptions> }): void {
    if (options.requestTimeoutMs !== undefined) this.requestTimeoutMs = options.requestTimeoutMs;
    if (options.retry) this.retry = { ...this.retry, ...options.retry };
  }

  async close(): Promise<void> {
    if (!this.ownsDispatcher) return;
    // close() waits for every queued request, and one never sent waits for a connection that may never come.
    if (this.abandonedUnsent) await this.dispatcher.destroy();
    else await this.dispatcher.close();
  }

  async call(method: Dispatcher.HttpMethod, path: string, body: CallBody,
    options: CallOptions<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const retry = options.retry ? { ...this.retry, ...options.retry } : this.retry;
    const request = {};
    try {
      return await this.callWithRetries(method, path, body, options, retry, request);
    } finally {
      this.networkWaits.end(request);
    }
  }

  private async callWithRetries(method: Dispatcher.HttpMethod, path: string, body: CallBody,
    options: CallOptions<Record<string, unknown>>, retry: RetryPolicyOptions, request: object): Promise<Record<string, unknown>> {
    let rateLimitedWaitMs = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(method, path, body, attempt, options.signal, Math.min(this.requestTimeoutMs, options.requestTimeoutMs ?? Infinity));
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted || error instanceof UploadFailure) throw error;
        // A body past the cap would be just as large the next time.
        if (error instanceof NotionApiError && error.code === 'response_too_large') throw error;
        options.onAttemptFailed?.(error, attempt);
        const decision = decideRetry(options.kind, error, attempt, retry, rateLimitedWaitMs);
        if (decision.action === 'fail') throw this.rateLimitBudgetSpent(error, rateLimitedWaitMs) ?? error;
        if (options.stop?.aborted) {
          if ((decision.action === 'readBack' || decision.action === 'verifyThenRetry') && options.verify) {
            const saved = await options.verify(decision.action === 'readBack');
            if (saved) return saved;
          }
          throw error;
        }
        if (decision.action === 'readBack') {
          const saved = await this.retryReads(() => options.verify!(true), retry, options.signal);
          if (saved) return saved;
          throw error;
        }
        if (decision.action === 'retry' && decision.pauseEveryone) {
          rateLimitedWaitMs += decision.delayMs;
          this.rateLimiter.pauseFor(decision.delayMs);
        }
        else {
          this.noteNetworkWait(request, error, decision.delayMs, attempt + 1, retry.maxAttempts);
          await abortableSleep(decision.delayMs, options.signal);
        }
        if (decision.action === 'verifyThenRetry' && options.verify) {
          const verify = options.verify;
          const done = await this.retryReads(() => verify(false), retry, options.signal);
          if (done) return done;
        }
      }
    }
  }

  /** A 429 or 529 that fails because its wait would pass the request's budget for rate-limit waits says so. */
  private rateLimitBudgetSpent(error: unknown, waitedMs: number): NotionApiError | undefined {
    if (!(error instanceof NotionApiError) || (error.status !== 429 && error.status !== 529)) return undefined;
    if (error.rateLimitReason === 'public_api_request_blocked' || this.retry.maxRateLimitedWaitMs <= 0) return undefined;
    const asked = error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0 ? `${error.retryAfterSeconds} s more` : 'longer';
    const budget = Math.round(this.retry.maxRateLimitedWaitMs / 1000);
    return new NotionApiError({
      status: error.status, code: error.code, requestId: error.requestId, retryAfterSeconds: error.retryAfterSeconds,
      rateLimitReason: error.rateLimitReason, additionalData: error.additionalData,
      message: `${error.message.replace(/[.\s]+$/, '')}. Notion asked to wait ${asked}, past the ${budget} s a request may wait for the rate limit in all (${Math.round(waitedMs / 1000)} s waited already).`,
    });
  }

  /** A read-back that itself may meet a transient failure. */
  private async retryReads<T>(read: () => Promise<T>, retry: RetryPolicyOptions, signal?: AbortSignal): Promise<T> {
    const request = {};
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await read();
        } catch (error) {
          const decision = decideRetry('read', error, attempt, retry);
          if (decision.action !== 'retry') throw error;
          this.noteNetworkWait(request, error, decision.delayMs, attempt + 1, retry.maxAttempts);
          await abortableSleep(decision.delayMs, signal);
        }
      }
    } finally {
      this.networkWaits.end(request);
    }
  }

  /** A wait after no answer at all is told to the uploads (a wait after Notion's own error is not: Notion answered). */
  private noteNetworkWait(request: object, error: unknown, delayMs: number, nextAttempt: number, maxAttempts: number): void {
    if (!(error instanceof NotionNetworkError)) return;
    this.networkWaits.begin(request, { reason: noAnswerReason(error), retryAt: Date.now() + delayMs, nextAttempt, maxAttempts });
  }

  private async attempt(method: Dispatcher.HttpMethod, path: string, body: CallBody,
    attempt: number, signal: AbortSignal | undefined, timeoutMs: number): Promise<Record<string, unknown>> {
    await this.rateLimiter.acquire(signal);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'notion-version': this.notionVersion,
      accept: 'application/json',
      'user-agent': 'notion-stream-upload/0.1',
    };
    let requestBody: string | AsyncIterable<Uint8Array> | undefined;
    let minBytesPerSecond: number | undefined;
    if (typeof body === 'function') {
      const opened = body();
      minBytesPerSecond = opened.minBytesPerSecond;
      headers['content-type'] = opened.contentType;
      headers['content-length'] = String(opened.contentLength);
      requestBody = opened.chunks;
    } else if (body !== undefined) {
      requestBody = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const started = performance.now();
    const logPath = this.basePath + path;
    const deadline = new RequestDeadline(timeoutMs, typeof body === 'function' ? Number(headers['content-length']) : 0, signal, minBytesPerSecond);
    if (requestBody && typeof requestBody !== 'string') {
      // Also through a proxy: an https origin is reached through a tunnel, with TLS still in this process.
      if (this.origin.startsWith('https:')) requestBody = inWritesOfAtMost(requestBody, TLS_WRITE_BYTES);
      requestBody = thenNotify(requestBody, () => deadline.bodySent());
    }
    const fail = (error: unknown): Error => {
      const failure = this.toTransportError(error, timeoutMs, deadline);
      this.emitLog({ method, path: logPath, status: 'error', ms: Math.round(performance.now() - started), attempt, error: failure.message });
      return failure;
    };
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await this.untilAborted(this.dispatcher.request({
          // undici takes an async iterable body (its docs list it; its typings do not yet).
          origin: this.origin, path: logPath, method, headers, body: requestBody as string | undefined, signal: deadline.signal,
          headersTimeout: timeoutMs, bodyTimeout: timeoutMs,
        }), deadline.signal);
      } catch (error) {
        if (requestBody && typeof requestBody !== 'string') void (requestBody as AsyncGenerator<Uint8Array>).return?.(undefined).catch(() => undefined);
        throw fail(error);
      }
      this.networkWaits.answered();
      // Whatever a server echoes back, the token goes no further than this.
      const requestId = this.masked(headerValue(response.headers['x-notion-request-id']));
      let text: string;
      try {
        text = this.masked(await readCappedBody(response.body, response.statusCode, headerValue(response.headers['content-length']), requestId)) ?? '';
      } catch (error) {
        if (error instanceof NotionApiError) {
          this.emitLog({ method, path: logPath, status: response.statusCode, requestId, ms: Math.round(performance.now() - started), attempt, error: error.message });
          throw error;
        }
        throw fail(error);
      }
      this.emitLog({ method, path: logPath, status: response.statusCode, requestId, ms: Math.round(performance.now() - started), attempt });
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw errorFromResponse(response.statusCode, text, {
          contentType: headerValue(response.headers['content-type']), requestId, retryAfter: headerValue(response.headers['retry-after']),
        });
      }
      return parseJsonResponse(text, response.statusCode, headerValue(response.headers['content-type']), requestId);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * undici hears a request's signal only once the request has a connection: one queued while the connection cannot be
   * made (a proxy that never answers its CONNECT, or closes each one, which undici takes as worth connecting again at
   * once) outlives both the deadline and Ctrl-C. It is given up here when the signal fires.
   */
  private untilAborted<T>(request: Promise<T>, signal: AbortSignal): Promise<T> {
    if (signal.aborted) return request;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        // A request with a connection settles at once on abort; one still waiting a moment later has none.
        setTimeout(() => {
          if (settled) return;
          settled = true;
          this.abandonedUnsent = true;
          reject(signal.reason instanceof RequestTimedOut ? new NeverConnected(signal.reason) : signal.reason);
        }, 200).unref();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      request.then((value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        resolve(value);
      }, (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        reject(error);
      });
    });
  }

  private masked(text: string | undefined): string | undefined {
    return text === undefined ? undefined : maskSecret(text, this.token);
  }

  private toTransportError(error: unknown, timeoutMs: number, deadline?: RequestDeadline): Error {
    if (deadline?.expired && error instanceof NeverConnected && this.proxy) {
      const reason = deadline.signal.reason as RequestTimedOut;
      return new NotionNetworkError(`The proxy ${this.proxy} opened no connection to ${this.origin} within ${Math.round(reason.afterMs / 1000)} s (it closed or never answered the request to connect).`, 'timeout', {
        cause: error, hint: 'Check the proxy (HTTPS_PROXY / HTTP_PROXY, and NO_PROXY for hosts reached directly) and that it is running, then retry.',
      });
    }
    if (deadline?.expired) {
      const reason = deadline.signal.reason as RequestTimedOut;
      return new NotionNetworkError(`${this.origin} did not complete its answer within ${Math.round(reason.afterMs / 1000)} s (the request timeout covers the whole exchange).`, 'timeout', { cause: error });
    }
    // Next: undici reports a proxy's refusal of the tunnel as an aborted request.
    const classified = classifyConnectionFailure(error, this.origin, this.proxy, this.proxyCredentialsGiven);
    if (classified) return classified;
    if (isAbortError(error) || error instanceof UploadFailure) return error as Error;
    if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
      return new NotionNetworkError(`No answer from ${this.origin} within ${timeoutMs} ms.`, 'timeout', { cause: error });
    }
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof UploadFailure) return cause;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code ?? 'network_error';
    return new NotionNetworkError(redactSecrets(`Connection to ${this.origin} failed: ${message} (${code})`, this.token), 'network_error', { cause: error });
  }

  private emitLog(entry: RequestLogEntry): void {
    if (!this.log) return;
    try {
      this.log({
        ...entry,
        ...(entry.error ? { error: redactSecrets(entry.error, this.token) } : {}),
        ...(entry.requestId ? { requestId: redactSecrets(entry.requestId, this.token) } : {}),
      });
    } catch {
      // a failing log listener must not break an upload
    }
  }
}

/** The same chunks, then a call once the consumer has taken the last one. */
async function* thenNotify(chunks: AsyncIterable<Uint8Array>, onEnd: () => void): AsyncGenerator<Uint8Array> {
  yield* chunks;
  onEnd();
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A request given up while undici still held it waiting for a connection. */
class NeverConnected extends Error {
  constructor(readonly reason: unknown) {
    super('no connection was made for the request');
    this.name = 'NeverConnected';
  }
}
