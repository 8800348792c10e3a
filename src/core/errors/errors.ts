import { redactSecrets } from './redact';

/** An error answer from Notion (or something that stood in for one), with a plain-words hint of what to do. */
export class NotionApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly rateLimitReason: string | undefined;
  readonly additionalData: Record<string, unknown> | undefined;
  readonly hint: string;

  constructor(fields: {
    status: number; code: string; message: string; requestId?: string; retryAfterSeconds?: number;
    rateLimitReason?: string; additionalData?: Record<string, unknown>; hint?: string;
  }) {
    super(redactSecrets(fields.message));
    this.name = 'NotionApiError';
    this.status = fields.status;
    this.code = fields.code;
    this.requestId = fields.requestId;
    this.retryAfterSeconds = fields.retryAfterSeconds;
    this.rateLimitReason = fields.rateLimitReason;
    this.additionalData = fields.additionalData;
    this.hint = fields.hint ?? hintFor(fields.status, fields.code);
  }
}

/** The request never got an answer: connection reset or refused, timeout, DNS failure. */
export class NotionNetworkError extends Error {
  readonly code: string;
  readonly hint: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(redactSecrets(message), options);
    this.name = 'NotionNetworkError';
    this.code = code;
    this.hint = code === 'timeout'
      ? 'Notion did not answer in time; check the connection, or raise the request timeout.'
      : 'The connection to Notion failed; check the network (proxy, VPN, firewall) and retry.';
  }
}

/** A failure on this side: the plan refused the file, the file changed while being read, the upload expired. */
export class UploadFailure extends Error {
  constructor(readonly code: string, message: string, readonly hint: string) {
    super(redactSecrets(message));
    this.name = 'UploadFailure';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED' || (error as { code?: string }).code === 'ABORT_ERR');
}

export function hintFor(status: number, code: string): string {
  switch (code) {
    case 'unauthorized':
      return 'The token is wrong or was revoked: copy the integration token again from Notion (Settings → Connections → Develop or manage integrations) and set it.';
    case 'restricted_resource':
      return 'The integration lacks access or a capability: in its settings allow "Read content" and "Insert content", and connect it to the page.';
    case 'object_not_found':
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
