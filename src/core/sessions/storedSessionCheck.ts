import { FINISHED_STATES, type SessionState } from './sessionStatus';
import type { StoredSession } from './sessionStore';

const STATES: readonly SessionState[] = ['queued', 'preparing', 'uploading', 'completing', 'attaching', ...FINISHED_STATES];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTextOrNull = (value: unknown): boolean => value === null || typeof value === 'string';

/**
 * Why a record read back from a state file cannot be trusted, or null when it has every field a resume reads with the
 * right type. A state file can be edited by hand or damaged; a bad record is named and skipped, never half-used.
 */
export function storedSessionProblem(value: unknown): string | null {
  if (!isObject(value)) return 'not an object';
  if (typeof value.id !== 'string' || value.id === '') return '"id" is missing';
  if (typeof value.filePath !== 'string' || value.filePath === '') return '"filePath" is missing';
  if (!isObject(value.file) || !isCount(value.file.size) || !isTime(value.file.mtimeMs)) return '"file" needs a size and mtimeMs';
  if (typeof value.pageId !== 'string' || value.pageId === '') return '"pageId" is missing';
  if (typeof value.asText !== 'boolean') return '"asText" is not true or false';
  const plan = value.plan;
  if (!isObject(plan)) return '"plan" is missing';
  if (plan.mode !== 'single_part' && plan.mode !== 'multi_part') return '"plan.mode" is neither single_part nor multi_part';
  for (const field of ['fileName', 'uploadName', 'contentType', 'blockType'] as const) {
    if (typeof plan[field] !== 'string') return `"plan.${field}" is missing`;
  }
  if (typeof plan.sentAsText !== 'boolean') return '"plan.sentAsText" is not true or false';
  if (!isCount(plan.sizeBytes) || !isCount(plan.partSizeBytes) || !isCount(plan.partCount) || plan.partCount < 1) {
    return '"plan" sizes are not whole numbers';
  }
  // Part numbers beyond the plan are dropped when the upload resumes; only the type has to hold here.
  if (!Array.isArray(value.partsAcknowledged) || !value.partsAcknowledged.every((part) => isCount(part) && part >= 1)) {
    return '"partsAcknowledged" is not a list of part numbers';
  }
  if (!isTextOrNull(value.uploadId)) return '"uploadId" is not text';
  if (!isTextOrNull(value.blockId)) return '"blockId" is not text';
  if (value.uploadCreatedAt !== null && !isTime(value.uploadCreatedAt)) return '"uploadCreatedAt" is not a time';
  if (!STATES.includes(value.state as SessionState)) return '"state" is not a known state';
  if (!isTime(value.createdAt) || !isTime(value.updatedAt)) return '"createdAt" or "updatedAt" is not a time';
  return null;
}

export function isStoredSession(value: unknown): value is StoredSession {
  return storedSessionProblem(value) === null;
}
