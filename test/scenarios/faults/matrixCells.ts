// The cells of the matrix: each product call × each fault the emulator injects on it, once or on every attempt.
import type { FaultAction, FaultRule } from '../../emulator/index';
import { FAULT_KINDS, type FaultKind } from './faultKinds';
import { MATRIX_SETTINGS } from './matrixSettings';
import { PRODUCT_CALLS, type ProductCall } from './productCalls';

/** 'once': the fault hits the first attempt only. 'everyAttempt': it hits every attempt of that call. */
export type Persistence = 'once' | 'everyAttempt';
export const PERSISTENCES: readonly Persistence[] = ['once', 'everyAttempt'];

export interface MatrixCell {
  call: ProductCall;
  fault: FaultKind;
  persistence: Persistence;
  action: FaultAction;
}

export function matrixCells(): MatrixCell[] {
  const cells: MatrixCell[] = [];
  for (const persistence of PERSISTENCES) {
    for (const call of PRODUCT_CALLS) {
      for (const fault of FAULT_KINDS) {
        const action = fault.actionFor(call, MATRIX_SETTINGS.requestTimeoutMs);
        if (action) cells.push({ call, fault, persistence, action });
      }
    }
  }
  return cells;
}

export function cellName(cell: Pick<MatrixCell, 'call' | 'fault' | 'persistence'>): string {
  return `${cell.call.label} × ${cell.fault.label} (${cell.persistence === 'once' ? 'once' : 'every attempt'})`;
}

export function faultRule(cell: MatrixCell): FaultRule {
  return {
    call: cell.call.emulatorCall,
    partNumber: cell.call.partNumber,
    times: cell.persistence === 'once' ? 1 : Infinity,
    action: cell.action,
  };
}
