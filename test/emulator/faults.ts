// Injected faults: rules matched per call (and part number for send), firing on the n-th match for `times` matches.
import type { CallName, FaultAction, FaultRule } from './types';

interface ArmedRule {
  rule: FaultRule;
  matches: number;
}

export class FaultBook {
  private rules: ArmedRule[] = [];
  fired = 0;

  add(rule: FaultRule): void {
    validateRule(rule);
    this.rules.push({ rule, matches: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Whether any rule for this call needs the part number (then matching waits until the part number is read). */
  wantsPartNumber(call: CallName): boolean {
    return this.rules.some((armed) => armed.rule.call === call && armed.rule.partNumber !== undefined);
  }

  /**
   * Counts this request against every rule it matches and returns the first action that fires.
   * `partNumber` undefined matches only rules without a part number; a number matches only rules naming it.
   */
  match(call: CallName, partNumber?: number): FaultAction | undefined {
    let action: FaultAction | undefined;
    for (const armed of this.rules) {
      const { rule } = armed;
      if (rule.call !== call || rule.partNumber !== partNumber) continue;
      armed.matches += 1;
      const first = rule.nth ?? 1;
      const times = rule.times ?? 1;
      const fires = armed.matches >= first && armed.matches < first + times;
      if (fires && !action) action = rule.action;
    }
    if (action) this.fired += 1;
    return action;
  }
}

const callNames: readonly CallName[] = [
  'usersMe', 'create', 'send', 'complete', 'retrieve', 'list', 'append', 'listChildren', 'search', 'retrievePage', 'createPage', 'updatePage', 'deleteBlock',
];
const faultStatuses = [400, 401, 409, 429, 500, 502, 503, 504, 529];

/** Refuses a malformed rule (rules also arrive as JSON over HTTP and from the shell). */
export function validateRule(rule: FaultRule): void {
  if (!callNames.includes(rule.call)) throw new Error(`Unknown call in fault rule: ${String(rule.call)}`);
  if (rule.nth !== undefined && !(Number.isInteger(rule.nth) && rule.nth >= 1)) throw new Error('nth must be an integer >= 1');
  if (rule.times !== undefined && !(rule.times === Infinity || (Number.isInteger(rule.times) && rule.times >= 1)))
    throw new Error('times must be an integer >= 1 or Infinity');
  if (rule.partNumber !== undefined && rule.call !== 'send') throw new Error('partNumber applies to send only');
  const action = rule.action;
  switch (action?.kind) {
    case 'status':
      if (!faultStatuses.includes(action.status)) throw new Error(`status must be one of ${faultStatuses.join(', ')}`);
      return;
    case 'appendSavedThen503':
      if (rule.call !== 'append') throw new Error('appendSavedThen503 applies to append only');
      return;
    case 'appendResultsDropped':
      if (rule.call !== 'append') throw new Error('appendResultsDropped applies to append only');
      if (typeof action.saved !== 'boolean') throw new Error('saved must be true or false');
      if (action.keep !== undefined && !(Number.isInteger(action.keep) && action.keep >= 0)) throw new Error('keep must be an integer >= 0');
      return;
    case 'resetAfterBytes':
      if (!(Number.isInteger(action.bytes) && action.bytes >= 0)) throw new Error('bytes must be an integer >= 0');
      return;
    case 'delay':
      if (!(action.ms >= 0)) throw new Error('ms must be >= 0');
      return;
    case 'throttle':
      if (!(action.bytesPerSecond > 0)) throw new Error('bytesPerSecond must be > 0');
      return;
    default:
      throw new Error('Unknown fault action');
  }
}

/** A FaultRule from JSON, where `times: null` means forever. */
export function ruleFromJson(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null) throw new Error('A fault rule must be a JSON object');
  const rule = { ...(value as Record<string, unknown>) } as unknown as FaultRule & { times?: number | null };
  if (rule.times === null) rule.times = Infinity;
  validateRule(rule as FaultRule);
  return rule as FaultRule;
}
