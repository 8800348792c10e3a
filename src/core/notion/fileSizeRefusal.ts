import { NotionApiError, UploadFailure } from '../errors/errors';
import { tooLargeRefusal } from '../rules/uploadPlan';

/**
 * Notion's refusal of a file above the workspace's per-file limit, on whichever request meets it (a single-part send,
 * the part that takes a multi-part upload over the limit, or the complete that adds the parts up): 400
 * validation_error "File size of 5242881 bytes exceeds the limit of 5242880." (the Send a file upload reference).
 * The limit is read from those words: a personal access token is not told it in advance (its users/me describes a
 * person), so this is where it is learnt. Undefined for any other error.
 */
export function fileSizeRefusal(error: unknown): { sizeBytes: number; limitBytes: number } | undefined {
  if (!(error instanceof NotionApiError) || error.status !== 400) return undefined;
  const match = /File size of (\d+) bytes exceeds the limit of (\d+)\b/i.exec(error.message);
  if (!match) return undefined;
  const sizeBytes = Number(match[1]);
  const limitBytes = Number(match[2]);
  if (!Number.isSafeInteger(limitBytes) || limitBytes <= 0) return undefined;
  return { sizeBytes, limitBytes };
}

/**
 * Notion's size refusal in the words of the check made before anything is sent (uploadPlan.ts), with Notion's status
 * and request id kept. Trying again or resuming meets the same refusal, so it is neither retryable nor resumable.
 */
export class FileTooLargeError extends UploadFailure {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly limitBytes: number;

  constructor(fileName: string, sizeBytes: number, refused: NotionApiError, limitBytes: number) {
    const refusal = tooLargeRefusal(fileName, sizeBytes, limitBytes);
    super(refusal.code, refusal.reason, refusal.remedy, { retryable: false });
    this.status = refused.status;
    this.requestId = refused.requestId;
    this.limitBytes = limitBytes;
  }
}
