import { redactSecrets } from './redact';
import { UploaderError } from './uploaderError';

/** An error answer from Notion (or something that stood in for one), with a plain-words hint of what to do. */
export class NotionApiError extends UploaderError {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly rateLimitReason: string | undefined;
  readonly additionalData: Record<string, unknown> | undefined;
  /** The answer was an error object as Notion writes them, its code Notion's own, not one read from the status alone. */
  readonly errorObject: boolean;

  constructor(fields: {
    status: number; code: string; message: string; requestId?: string; retryAfterSeconds?: number;
    rateLimitReason?: string; additionalData?: Record<string, unknown>; hint?: string; errorObject?: boolean;
  }) {
    super({ code: fields.code, message: fields.message, hint: fields.hint ?? hintFor(fields.status, fields.code, fields.message), retryable: isRetryableStatus(fields.status) });
    this.status = fields.status;
    this.requestId = fields.requestId === undefined ? undefined : redactSecrets(fields.requestId);
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.rateLimitReason = fields.rateLimitReason;
    this.additionalData = fields.additionalData;
    this.errorObject = fields.errorObject ?? false;
  }
}

/** The request never got an answer: connection reset or refused, timeout, DNS failure. */
export class NotionNetworkError extends UploaderError {
  /** `retryable` false: trying again meets the same refusal (an untrusted certificate, wrong proxy credentials). */
  constructor(message: string, code: string, options?: { cause?: unknown; retryable?: boolean; hint?: string }) {
    super({
      code,
      message,
      cause: options?.cause,
      retryable: options?.retryable ?? true,
      hint: options?.hint ?? (code === 'timeout'
        ? 'Notion did not answer in time; check the connection, or raise the request timeout.'
        : 'The connection to Notion failed; check the network (proxy, VPN, firewall) and retry.'),
    });
  }
}

/** A failure on this side: the plan refused the file, the file changed while being read, the upload expired. */
export class UploadFailure extends UploaderError {
  constructor(code: string, message: string, hint: string, options?: { retryable?: boolean }) {
    super({ code, message, hint, retryable: options?.retryable });
  }
}

/** Statuses Notion documents as worth trying again: rate limits, conflicts, server trouble. */
function isRetryableStatus(status: number): boolean {
  return status === 409 || status === 429 || status >= 500;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED' || (error as { code?: string }).code === 'ABORT_ERR');
}

/** Whether Notion's own words for a 404 name a file upload (expired, or never made with this token) rather than a page or block. */
export function namesFileUpload(message: string | undefined): boolean {
  return message !== undefined && /file.?upload/i.test(message);
}

/** What to do about an error answer; `message`, Notion's own, tells an upload Notion no longer knows from a page it cannot see. */
export function hintFor(status: number, code: string, message = ''): string {
  switch (code) {
    case 'unauthorized':
      return 'The token is wrong or was revoked: copy it again from Notion (a personal access token from notion.so/developers/tokens, an integration\'s secret from notion.so/profile/integrations) and set it.';
    case 'restricted_resource':
      return 'The integration lacks access or a capability: in its settings allow "Read content" and "Insert content", and connect it to the page.';
    case 'object_not_found':
      // Only an upload expires; a page or block Notion cannot find is deleted or not shared.
      if (namesFileUpload(message)) return 'Notion no longer has this upload (one not attached within an hour of being made is discarded); no page needs sharing. Upload the file again.';
      if (message) return 'Notion cannot see it: share the page with the integration (page menu → Connections), or check the link.';
      return 'Notion cannot see it: share the page with the integration (page menu → Connections), check the link, or start the upload again if it expired (uploads live one hour).';
    case 'missing_version':
      return 'Set a supported Notion-Version (2026-03-11).';
    case 'rate_limited':
      return 'Notion kept answering that its request limit was reached: wait a minute and retry, or lower the requests-per-minute setting (other integrations in the workspace share the limit).';
    case 'service_overload':
      return 'Notion is overloaded right now; try again in a few minutes.';
    case 'conflict_error':
      return 'Notion\'s storage reported a conflict; try again in a moment.';
    case 'invalid_response':
      return 'Something between here and Notion (a proxy or gateway) answered instead of Notion; check the API base URL and proxy, then retry.';
  }
  if (status >= 500) return 'Notion had a server problem; try again later.';
  if (status === 400) return 'Notion refused the request as sent; check the file\'s type, size and name, and the page link.';
  return 'Check the page link and the token, then retry.';
}
