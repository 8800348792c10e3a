// The soak's fault plan: about one request in twenty gets a fault, drawn from the retryable kinds (409 conflict_error
// among them: Notion says to try again), plus a 400 refusal of a write (create, complete, append) that fails that one file.
import type { CallName, FaultAction, FaultRule } from '../../emulator/index';
import type { SeededRandom } from '../../support/seededRandom';

export const FAULT_RATE = 0.05;
/** Of the faults on create, complete and append, this share is the non-retryable 400. */
const NON_RETRYABLE_SHARE = 0.2;
export const NON_RETRYABLE_CALLS: readonly CallName[] = ['create', 'complete', 'append'];

/** Where an injected reset cuts each call's body (0: calls without one). */
const RESET_AT: Partial<Record<CallName, number>> = { usersMe: 0, create: 16, send: 512, complete: 0, append: 16 };

function retryableActions(call: CallName, requestTimeoutMs: number): FaultAction[] {
  const actions: FaultAction[] = [
    { kind: 'resetAfterBytes', bytes: RESET_AT[call] ?? 0 },
    { kind: 'status', status: 429, retryAfterSeconds: 1 },
    { kind: 'status', status: 429 },
    { kind: 'status', status: 529 },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 502 },
    { kind: 'status', status: 503 },
    { kind: 'status', status: 504 },
    { kind: 'status', status: 409 },
    { kind: 'delay', ms: requestTimeoutMs + 1500 },
  ];
  if (call === 'append') actions.push({ kind: 'appendSavedThen503' });
  return actions;
}

/**
 * One single-shot rule per faulted request: the n-th request of a call (retries count too) gets the fault; at least
 * one of them is non-retryable. `expectedRequests` is how many requests of each call a fault-free run makes.
 */
export function planFaults(random: SeededRandom, expectedRequests: Partial<Record<CallName, number>>, requestTimeoutMs: number): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const [call, count] of Object.entries(expectedRequests) as Array<[CallName, number]>) {
    for (let nth = 1; nth <= count; nth++) {
      if (random.next() >= FAULT_RATE) continue;
      const nonRetryable = NON_RETRYABLE_CALLS.includes(call) && random.next() < NON_RETRYABLE_SHARE;
      const action: FaultAction = nonRetryable ? { kind: 'status', status: 400 } : random.pick(retryableActions(call, requestTimeoutMs));
      rules.push({ call, nth, times: 1, action });
    }
  }
  if (!rules.some(isNonRetryable)) {
    const call = random.pick(NON_RETRYABLE_CALLS.filter((name) => (expectedRequests[name] ?? 0) > 0));
    rules.push({ call, nth: random.int(1, expectedRequests[call]!), times: 1, action: { kind: 'status', status: 400 } });
  }
  return rules;
}

function isNonRetryable(rule: FaultRule): boolean {
  return NON_RETRYABLE_CALLS.includes(rule.call) && rule.action.kind === 'status' && rule.action.status === 400;
}

export function describeAction(action: FaultAction): string {
  switch (action.kind) {
    case 'status':
      return action.retryAfterSeconds === undefined ? String(action.status) : `${action.status}+Retry-After`;
    case 'resetAfterBytes':
      return 'reset';
    case 'delay':
      return 'stall';
    case 'appendSavedThen503':
      return '503 saved';
    case 'appendResultsDropped':
      return action.saved ? '200 without blocks, saved' : '200 without blocks, not saved';
    case 'throttle':
      return 'throttle';
  }
}
