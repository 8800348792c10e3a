import { backoffDelayMs, type BackoffOptions } from './backoff';
import { NotionApiError, NotionNetworkError } from '../errors/errors';

/** What a request does, which decides what is safe after it failed (docs/notion-api.md §6). */
export type CallKind = 'read' | 'create' | 'sendSingle' | 'sendPart' | 'complete' | 'append';

export type RetryDecision =
  | { action: 'fail' }
  /** Try the same request again after `delayMs`; `pauseEveryone`: the shared budget is exhausted, all sessions wait. */
  | { action: 'retry'; delayMs: number; pauseEveryone: boolean }
  /** Look first whether the failed request took effect (GET the upload, read the page back); repeat it only if not. */
  | { action: 'verifyThenRetry'; delayMs: number }
  /** Notion said the change was saved: read it back, never repeat it. */
  | { action: 'readBack' };

export interface RetryPolicyOptions extends BackoffOptions {
  maxAttempts: number;
  /**
   * Notion says to retry 429 and 529 always: a rate-limited request goes on retrying, past `maxAttempts` too, while
   * its waits for the rate limit add up to no more than this (0: stop at `maxAttempts` like any other failure).
   */
  maxRateLimitedWaitMs: number;
}

const SERVER_ERRORS = new Set([500, 502, 503, 504]);

/** Notion's 503 may carry additional_data.retry_guidance telling that the write was applied before it failed. */
export function saysChangeWasSaved(error: NotionApiError): boolean {
  const guidance = error.additionalData?.retry_guidance;
  const text = typeof guidance === 'string' ? guidance : guidance !== undefined ? JSON.stringify(guidance) : '';
  return /\b(saved|applied|succeeded|persisted|committed)\b/i.test(text) && !/\bnot (been )?(saved|applied|persisted|committed)\b/i.test(text);
}

/** A Retry-After longer than this fails the request (with its hint) instead of leaving the upload silent for ages. */
const LONGEST_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Decides what to do after attempt number `attempt` (1-based) of a `kind` call failed with `error`;
 * `rateLimitedWaitMs`: what this request has already waited out for 429s and 529s.
 */
export function decideRetry(kind: CallKind, error: unknown, attempt: number, options: RetryPolicyOptions, rateLimitedWaitMs = 0): RetryDecision {
  if (error instanceof NotionApiError && kind === 'append' && error.status === 503 && saysChangeWasSaved(error)) {
    return { action: 'readBack' };
  }
  const backoff = backoffDelayMs(attempt, options);
  if (error instanceof NotionApiError && (error.status === 429 || error.status === 529)) {
    if (error.rateLimitReason === 'public_api_request_blocked') return { action: 'fail' };
    // A Retry-After of 0 would retry at once, for ever: back off instead.
    const delayMs = error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0 ? error.retryAfterSeconds * 1000 : backoff;
    if (delayMs > LONGEST_RETRY_AFTER_MS) return { action: 'fail' };
    // The budget holds from the first 429 on: a wait that would take the total past it fails now, not after it.
    if (options.maxRateLimitedWaitMs > 0 ? rateLimitedWaitMs + delayMs > options.maxRateLimitedWaitMs : attempt >= options.maxAttempts) return { action: 'fail' };
    return { action: 'retry', delayMs, pauseEveryone: true };
  }
  if (attempt >= options.maxAttempts) return { action: 'fail' };

  if (error instanceof NotionApiError) {
    // 409 conflict_error: "The transaction could not be completed, potentially due to a data collision … try again"
    // (Notion's status codes). Try again, on every call; a write is first checked like any uncertain failure.
    if (error.status === 409) return afterUncertainFailure(kind, backoff);
    if (SERVER_ERRORS.has(error.status) || error.code === 'invalid_response' && error.status >= 500) return afterUncertainFailure(kind, backoff);
    return { action: 'fail' };
  }
  if (error instanceof NotionNetworkError) return error.retryable ? afterUncertainFailure(kind, backoff) : { action: 'fail' };
  return { action: 'fail' };
}

/** The request may or may not have taken effect (5xx, reset, timeout). */
function afterUncertainFailure(kind: CallKind, delayMs: number): RetryDecision {
  switch (kind) {
    case 'read':
    case 'create':     // a repeated create leaves an orphan pending upload that expires harmlessly
      return { action: 'retry', delayMs, pauseEveryone: false };
    case 'sendPart':   // the upload's state says whether this part is in; only then is it sent again
    case 'sendSingle':
    case 'complete':
    case 'append':
      return { action: 'verifyThenRetry', delayMs };
  }
}
