// Judges one observed cell against the fault-free run: recovered, failed cleanly, or broken (with the reasons).
import type { SessionError } from '../../../src/core';
import type { FaultAction, LogEntry } from '../../emulator/index';
import type { MatrixCell } from './matrixCells';
import { requestBound } from './matrixSettings';
import type { Observation } from './observeCell';

export type Outcome = 'recovered' | 'failed cleanly' | 'broken';

export interface CellVerdict {
  outcome: Outcome;
  requests: number;
  /** Requests beyond the fault-free run of the same upload or search. */
  overhead: number;
  /** Why the cell is broken (empty otherwise). */
  problems: string[];
  /** How many times the faulted request went out (first attempt included). */
  faultedAttempts: number;
  /** What the user is told when the cell failed cleanly. */
  failure?: SessionError;
  ms: number;
}

/** Reads that only check whether a failed request took effect; every other request counts as sent work. */
const CHECK_CALLS = new Set<string>(['retrieve', 'listChildren']);

/** Requests per call, parts of a multi-part send counted apart ("send#2"). */
export function countByRequest(log: LogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of log) {
    const key = entry.partNumber === undefined ? entry.call : `${entry.call}#${entry.partNumber}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function faultedKey(cell: MatrixCell): string {
  return cell.call.partNumber === undefined ? cell.call.emulatorCall : `${cell.call.emulatorCall}#${cell.call.partNumber}`;
}

/** Whether the message the user gets names the fault that caused it. */
function namesCause(error: SessionError, action: FaultAction): boolean {
  switch (action.kind) {
    case 'status':
      return error.status === action.status;
    case 'appendSavedThen503':
      return error.status === 503;
    case 'appendResultsDropped':
      return error.code === 'attach_unconfirmed' || error.code === 'attach_not_shown';
    case 'resetAfterBytes':
      return error.code === 'network_error' && /reset|socket|closed|ECONN/i.test(error.message);
    case 'delay':
      return error.code === 'timeout' && /within \d+ m?s\b/.test(error.message);
    case 'throttle':
      return false;
  }
}

/**
 * `cell` undefined judges a fault-free run (which must recover). `baseline` is the fault-free run of the same kind;
 * `expectedSha256` the file's digest (unused for search).
 */
export function classifyCell(cell: MatrixCell | undefined, observed: Observation, baseline: Observation | undefined, expectedSha256: string | undefined): CellVerdict {
  const requests = observed.log.length;
  const baselineRequests = baseline?.log.length ?? requests;
  const problems: string[] = [];
  const faultedAttempts = cell ? countByRequest(observed.log).get(faultedKey(cell)) ?? 0 : 0;
  const verdict = (outcome: 'recovered' | 'failed cleanly', failure?: SessionError): CellVerdict => ({
    outcome: problems.length === 0 ? outcome : 'broken', requests, overhead: requests - baselineRequests, problems, faultedAttempts, failure, ms: observed.ms,
  });

  if (!observed.settled) {
    problems.push(`did not settle within the limit (${Math.round(observed.ms)} ms)`);
    return verdict('recovered');
  }
  if (requests > requestBound(baselineRequests)) {
    problems.push(`${requests} requests: more than ${requestBound(baselineRequests)} (fault-free ${baselineRequests}, plus two per attempt)`);
  }
  checkOnlyFaultedCallRepeated(cell, observed.log, baseline?.log, problems);

  if (observed.kind === 'search') {
    if (observed.pages) {
      if (!observed.pages.some((page) => page.id === observed.pageId)) problems.push('the search answered without the shared page');
      return verdict('recovered');
    }
    checkFailure(cell, observed.error, problems);
    return verdict('failed cleanly', observed.error);
  }

  const { status } = observed;
  if (status.state === 'done') {
    if (observed.upload?.sha256 !== expectedSha256) problems.push(`Notion holds sha256 ${observed.upload?.sha256 ?? 'none'}, the file is ${expectedSha256}`);
    const attached = observed.blocks.filter((block) => block.uploadId === status.uploadId);
    if (observed.blocks.length !== 1 || attached.length !== 1) {
      problems.push(`${observed.blocks.length} block(s) on the page, ${attached.length} of them for this upload; expected exactly one`);
    }
    if (attached[0] && attached[0].id !== status.blockId) problems.push('the session reports a different block than the one on the page');
    return verdict('recovered');
  }
  if (status.state !== 'failed') {
    problems.push(`ended ${status.state}, neither done nor failed`);
    return verdict('recovered');
  }
  checkFailure(cell, status.error ?? undefined, problems);
  if (observed.blocks.length > 0) problems.push(`failed, yet ${observed.blocks.length} block(s) were attached`);
  return verdict('failed cleanly', status.error ?? undefined);
}

function checkFailure(cell: MatrixCell | undefined, error: SessionError | undefined, problems: string[]): void {
  if (!cell) {
    problems.push(`failed without any fault: ${error?.message ?? 'no message'}`);
    return;
  }
  if (!error?.message?.trim()) problems.push('failed without a message');
  if (!error?.hint?.trim()) problems.push('failed without saying what to do');
  if (error && !namesCause(error, cell.action)) {
    problems.push(`the message does not name the injected ${cell.fault.label}: ${error.status ?? ''} ${error.code ?? ''} ${error.message}`);
  }
}

/** Every request other than the faulted one (and the checks) goes out as often as in the fault-free run, never more. */
function checkOnlyFaultedCallRepeated(cell: MatrixCell | undefined, log: LogEntry[], baselineLog: LogEntry[] | undefined, problems: string[]): void {
  if (!baselineLog) return;
  const counts = countByRequest(log);
  const expected = countByRequest(baselineLog);
  const faulted = cell ? faultedKey(cell) : undefined;
  for (const key of new Set([...counts.keys(), ...expected.keys()])) {
    if (key === faulted || CHECK_CALLS.has(key)) continue;
    const sent = counts.get(key) ?? 0;
    const fine = expected.get(key) ?? 0;
    if (sent > fine) problems.push(`${key} went ${sent} times; the fault-free run sends it ${fine} time(s)`);
  }
}
