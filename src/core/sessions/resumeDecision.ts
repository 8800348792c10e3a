import { UPLOAD_LIFETIME_MS } from '../notion/notionLimits';
import { sameIdentity, type FileIdentity } from '../transfer/fileIdentity';
import type { UploadPlan } from '../rules/uploadPlan';
import type { StoredSession } from './sessionStore';

/** Safety margin before Notion's one-hour deadline: an upload this close to expiry is not resumed. */
export const EXPIRY_MARGIN_MS = 2 * 60 * 1000;

/** Whether an upload created at `createdAt` can still be finished, with the margin. */
export function withinLifetime(createdAt: number | null, now: number): boolean {
  return createdAt !== null && now < createdAt + UPLOAD_LIFETIME_MS - EXPIRY_MARGIN_MS;
}

/**
 * Before asking Notion: why a stored record cannot be continued (the file or the plan changed, or its hour is nearly
 * up), or null when it is worth retrieving the upload.
 */
export function reasonToStartOver(stored: StoredSession, plan: UploadPlan, identity: FileIdentity, now: number): string | null {
  if (!sameIdentity(stored.file, identity)) return 'the file changed since the interrupted upload.';
  if (stored.plan.mode !== plan.mode || stored.plan.partSizeBytes !== plan.partSizeBytes || stored.plan.uploadName !== plan.uploadName
    || stored.plan.contentType !== plan.contentType) {
    return 'the upload plan changed (part size or file type setting).';
  }
  if (!withinLifetime(stored.uploadCreatedAt, now)) return 'the interrupted upload is too close to (or past) Notion\'s one-hour limit.';
  return null;
}

export type ResumeDecision =
  | { resume: false; why: string }
  | { resume: true; acknowledged: number[]; notice: string };

/**
 * After asking Notion: which parts count as received, given the upload's status there. Notion's own word wins over the
 * record: an upload it holds whole needs no part again; a single-part upload still pending needs its one part again.
 */
export function decideResume(stored: StoredSession, plan: UploadPlan, uploadStatus: string): ResumeDecision {
  if (uploadStatus !== 'pending' && uploadStatus !== 'uploaded') return { resume: false, why: `the interrupted upload is ${uploadStatus} at Notion.` };
  const everyPart = Array.from({ length: plan.partCount }, (_, index) => index + 1);
  if (uploadStatus === 'uploaded') return { resume: true, acknowledged: everyPart, notice: 'Resumed: Notion already had every byte; attaching.' };
  const acknowledged = plan.mode === 'single_part'
    ? []
    : [...new Set(stored.partsAcknowledged.filter((part) => Number.isInteger(part) && part >= 1 && part <= plan.partCount))].sort((a, b) => a - b);
  const resent = plan.partCount - acknowledged.length;
  return { resume: true, acknowledged, notice: `Resumed: sending ${resent} of ${plan.partCount} part${plan.partCount === 1 ? '' : 's'}.` };
}
