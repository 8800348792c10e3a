// The rows of the fault matrix: every call the product makes, and how a cell reaches it with a real upload or search.
import { MiB } from '../../../src/core';
import type { CallName } from '../../emulator/index';

export type MatrixFileKind = 'singlePart' | 'multiPart';

export interface ProductCall {
  id: 'usersMe' | 'create' | 'sendSingle' | 'sendPart' | 'complete' | 'append' | 'search';
  label: string;
  emulatorCall: CallName;
  /** For a part of a multi-part upload: the part the fault aims at. */
  partNumber?: number;
  /** What the cell runs: an upload of this file, or the page picker's search. */
  run: { kind: 'upload'; file: MatrixFileKind } | { kind: 'search' };
  /** Where in the request body an injected reset cuts the connection (0 for calls without a body). */
  resetAtBytes: number;
}

/** Parts of the multi-part file: three of 10 MiB at most, so a middle part is in flight with others. */
export const MATRIX_PART_SIZE = 10 * MiB;
export const MULTI_PART_COUNT = 3;
export const FAULTED_PART = 2;

export const PRODUCT_CALLS: readonly ProductCall[] = [
  { id: 'usersMe', label: 'users/me', emulatorCall: 'usersMe', run: { kind: 'upload', file: 'singlePart' }, resetAtBytes: 0 },
  { id: 'create', label: 'create', emulatorCall: 'create', run: { kind: 'upload', file: 'singlePart' }, resetAtBytes: 16 },
  { id: 'sendSingle', label: 'send, single part', emulatorCall: 'send', run: { kind: 'upload', file: 'singlePart' }, resetAtBytes: 32 * 1024 },
  {
    id: 'sendPart', label: `send part ${FAULTED_PART} of ${MULTI_PART_COUNT}`, emulatorCall: 'send', partNumber: FAULTED_PART,
    run: { kind: 'upload', file: 'multiPart' }, resetAtBytes: MATRIX_PART_SIZE / 2,
  },
  { id: 'complete', label: 'complete', emulatorCall: 'complete', run: { kind: 'upload', file: 'multiPart' }, resetAtBytes: 0 },
  { id: 'append', label: 'append children', emulatorCall: 'append', run: { kind: 'upload', file: 'singlePart' }, resetAtBytes: 16 },
  { id: 'search', label: 'search (page picker)', emulatorCall: 'search', run: { kind: 'search' }, resetAtBytes: 16 },
];
