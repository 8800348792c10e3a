// The columns of the fault matrix: every fault the emulator injects, as an action aimed at one product call.
import type { FaultAction } from '../../emulator/index';
import type { ProductCall } from './productCalls';

export interface FaultKind {
  id: string;
  label: string;
  /** The injected action for this call, or undefined when the emulator does not inject this fault there. */
  actionFor(call: ProductCall, requestTimeoutMs: number): FaultAction | undefined;
  /** Whether the product is expected to get past one such fault (a non-retryable one fails the upload cleanly). */
  retryableOn(call: ProductCall): boolean;
}

const always = (): boolean => true;

function statusFault(status: 409 | 429 | 500 | 502 | 503 | 504 | 529, label: string, retryAfterSeconds?: number): FaultKind {
  return {
    id: retryAfterSeconds === undefined ? String(status) : `${status}-retry-after`,
    label,
    actionFor: () => ({ kind: 'status', status, retryAfterSeconds }),
    retryableOn: always,
  };
}

export const FAULT_KINDS: readonly FaultKind[] = [
  {
    id: 'reset',
    label: 'reset mid-body',
    actionFor: (call) => ({ kind: 'resetAfterBytes', bytes: call.resetAtBytes }),
    retryableOn: always,
  },
  statusFault(429, '429 + Retry-After', 1),
  statusFault(429, '429, no Retry-After'),
  statusFault(529, '529'),
  statusFault(500, '500'),
  statusFault(502, '502'),
  statusFault(503, '503'),
  statusFault(504, '504'),
  {
    id: '409',
    label: '409 conflict',
    actionFor: () => ({ kind: 'status', status: 409 }),
    // Notion's status codes: "could not be completed, potentially due to a data collision … try again": on every call.
    retryableOn: always,
  },
  {
    id: 'append-saved-503',
    label: '503 "saved" on append',
    actionFor: (call) => (call.id === 'append' ? { kind: 'appendSavedThen503' } : undefined),
    retryableOn: always,
  },
  {
    id: 'stall',
    label: 'stall past timeout',
    actionFor: (_call, requestTimeoutMs) => ({ kind: 'delay', ms: requestTimeoutMs + 1500 }),
    retryableOn: always,
  },
];
