// Uploader settings for the matrix: fast backoff and a short timeout so ~150 real uploads finish in about a minute.
import { MiB, type UploaderSettings } from '../../../src/core';
import { MATRIX_PART_SIZE } from './productCalls';

export const MATRIX_SETTINGS = {
  partSize: MATRIX_PART_SIZE / MiB,
  partsInFlight: 3,
  maxAttempts: 4,
  // The matrix bounds every call by its attempts; waiting out rate limits past them has its own test in test/core.
  maxRateLimitedWaitMs: 0,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 80,
  requestTimeoutMs: 1000,
  requestsPerMinute: 100_000,
} satisfies Partial<UploaderSettings>;

/** Requests a failing call may add before it counts as a retry storm: every attempt, plus one check before each repeat. */
export function requestBound(baselineRequests: number): number {
  return baselineRequests + 2 * MATRIX_SETTINGS.maxAttempts;
}
