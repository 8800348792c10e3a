// Notion's error envelope and the messages its documentation gives or developers have seen (the others are the emulator's wording).

export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request_url'
  | 'invalid_request'
  | 'validation_error'
  | 'missing_version'
  | 'unauthorized'
  | 'restricted_resource'
  | 'object_not_found'
  | 'conflict_error'
  | 'rate_limited'
  | 'internal_server_error'
  | 'bad_gateway'
  | 'service_unavailable'
  | 'gateway_timeout'
  | 'service_overload';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly additionalData?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  envelope(requestId: string): Record<string, unknown> {
    return {
      object: 'error',
      status: this.status,
      code: this.code,
      message: this.message,
      request_id: requestId,
      ...(this.additionalData ? { additional_data: this.additionalData } : {}),
    };
  }
}

/** Renders a value the way Notion's validators quote it: `instead was \`"abc"\``. */
export function quoted(value: unknown): string {
  return value === undefined ? '`undefined`' : `\`${JSON.stringify(value)}\``;
}

export const invalidToken = (): ApiError => new ApiError(401, 'unauthorized', 'API token is invalid.');

export const missingVersion = (): ApiError =>
  new ApiError(
    400,
    'missing_version',
    'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
  );

export const unknownVersion = (value: string, accepted: readonly string[]): ApiError =>
  new ApiError(
    400,
    'validation_error',
    `Notion-Version header failed validation: Notion-Version header should be one of ${accepted
      .map((v) => `"${v}"`)
      .join(', ')}, instead was ${quoted(value)}.`,
  );

export const invalidPathId = (parameter: string, value: string): ApiError =>
  new ApiError(400, 'validation_error', `path failed validation: path.${parameter} should be a valid uuid, instead was ${quoted(value)}.`);

export const bodyValidation = (detail: string): ApiError =>
  new ApiError(400, 'validation_error', `body failed validation: ${detail}`);

export const queryValidation = (detail: string): ApiError =>
  new ApiError(400, 'validation_error', `query failed validation: ${detail}`);

export const validation = (message: string): ApiError => new ApiError(400, 'validation_error', message);

/** Notion's answer to a write to a block or page in its trash (appending under it, editing it, deleting it again). */
export const inTrash = (): ApiError => validation(`Can't edit block that is archived. You must unarchive the block before editing.`);

export const invalidJson = (): ApiError => new ApiError(400, 'invalid_json', 'Error parsing JSON body.');

export const invalidUrl = (method: string, path: string): ApiError =>
  new ApiError(400, 'invalid_request_url', `Invalid request URL: ${method} ${path}.`);

export const unsupportedExtension = (): ApiError =>
  validation('Provided `filename` has an extension that is not supported for the File Upload API.');

export const unsupportedContentType = (contentType: string): ApiError =>
  validation(`The content type ${contentType} is not supported for the File Upload API.`);

export const sizeOverLimit = (size: number, limit: number): ApiError =>
  validation(`File size of ${size} bytes exceeds the limit of ${limit}.`);

export const notPending = (id: string): ApiError => validation(`File upload with ID ${id} is not in the pending status.`);

export const uploadNotFound = (id: string): ApiError =>
  new ApiError(404, 'object_not_found', `Could not find file_upload with ID: ${id}.`);

export const uploadNotAttachable = (id: string, status: 400 | 404): ApiError =>
  new ApiError(status, 'object_not_found', `Could not find file_upload with ID: ${id}.`);

export const notShared = (kind: 'page' | 'block', id: string): ApiError =>
  new ApiError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );

export const rateLimited = (retryAfterSeconds: number | undefined): ApiError =>
  new ApiError(
    429,
    'rate_limited',
    "You have been rate limited. Please try again in a few minutes.",
    {
      ...(retryAfterSeconds === undefined ? {} : { retry_after: retryAfterSeconds }),
      rate_limit_reason: 'public_api_request_rate_limit',
    },
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
  );

const injectedByStatus: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'validation_error', message: 'body failed validation: the request was refused (an injected fault).' },
  // A token revoked between two requests of an upload: the next one is refused as invalidToken() refuses it.
  401: { code: 'unauthorized', message: 'API token is invalid.' },
  409: { code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' },
  500: { code: 'internal_server_error', message: 'Unexpected error occurred.' },
  502: { code: 'bad_gateway', message: 'Bad gateway.' },
  503: { code: 'service_unavailable', message: 'Notion is unavailable, please try again later.' },
  504: { code: 'gateway_timeout', message: 'Gateway timeout.' },
  529: { code: 'service_overload', message: 'Notion is overloaded, please try again later.' },
};

/** The error an injected status fault answers with (429 goes through rateLimited). */
export function injectedStatus(status: number, retryAfterSeconds?: number): ApiError {
  if (status === 429) return rateLimited(retryAfterSeconds);
  const known = injectedByStatus[status];
  if (!known) throw new Error(`No injectable error for HTTP ${status}`);
  const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
  return new ApiError(status, known.code, known.message, undefined, headers);
}

/** Notion's answer to a request that ran past its 60-second limit (its status codes: "…longer than 60 seconds"). */
export const requestTookTooLong = (): ApiError => new ApiError(503, 'service_unavailable', 'Notion is unavailable, please try again later.');

export const appendSavedButUnavailable = (): ApiError =>
  new ApiError(503, 'service_unavailable', 'Notion is unavailable, please try again later.', {
    retry_guidance:
      'The change was saved before this error. Do not retry this request: read the children to confirm instead of writing again.',
  });
