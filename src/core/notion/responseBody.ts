import { NotionApiError } from '../errors/errors';

/**
 * The most an answer may hold. Notion's answers are small (a page of 100 blocks is some hundreds of KB); a body past
 * this is not Notion's, and reading it on would take the process's memory with it.
 */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Reads an answer's body as UTF-8 text, refusing (and dropping the connection) once it passes `maxBytes`. */
export async function readCappedBody(body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown }, status: number,
  declaredLength: string | undefined, requestId: string | undefined, maxBytes = MAX_RESPONSE_BYTES): Promise<string> {
  const tooLarge = (): NotionApiError => new NotionApiError({
    status, code: 'response_too_large', requestId,
    message: `The server answered with more than ${formatLimit(maxBytes)}; Notion's answers are far smaller, so it was not read to the end.`,
    hint: 'Something other than Notion answered (check the API base URL and any proxy in between), then retry.',
  });
  if (declaredLength !== undefined && Number(declaredLength) > maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Reads a response body as JSON without trusting it: HTML pages, empty or cut-off bodies become a clear NotionApiError. */
export function parseJsonResponse(text: string, status: number, contentType: string | undefined, requestId: string | undefined): Record<string, unknown> {
  const trimmed = text.trim();
  if (!trimmed) {
    throw new NotionApiError({ status, code: 'invalid_response', requestId, message: `Notion answered ${status} with an empty body where JSON was expected.` });
  }
  if (trimmed.startsWith('<') || (contentType ?? '').includes('text/html')) {
    const title = /<title>([^<]{0,200})<\/title>/i.exec(trimmed)?.[1]?.trim();
    throw new NotionApiError({ status, code: 'invalid_response', requestId,
      message: `Notion answered ${status} with an HTML page${title ? ` ("${title}")` : ''} instead of JSON.` });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new NotionApiError({ status, code: 'invalid_response', requestId,
      message: `Notion's answer (${status}, ${trimmed.length} characters) is not valid JSON; it may have been cut off.` });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NotionApiError({ status, code: 'invalid_response', requestId, message: `Notion answered ${status} with JSON that is not an object.` });
  }
  return parsed as Record<string, unknown>;
}

export function stringField(object: Record<string, unknown>, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

export function numberField(object: Record<string, unknown>, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function objectField(object: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const value = object[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function arrayField(object: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const value = object[key];
  return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** Turns a non-2xx answer into a NotionApiError, whatever shape its body has. */
export function errorFromResponse(status: number, text: string, headers: { contentType?: string; requestId?: string; retryAfter?: string }): NotionApiError {
  const retryAfterHeader = headers.retryAfter !== undefined ? Number(headers.retryAfter) : NaN;
  let body: Record<string, unknown> | undefined;
  try {
    body = parseJsonResponse(text, status, headers.contentType, headers.requestId);
  } catch (parseError) {
    const base = parseError as NotionApiError;
    return new NotionApiError({
      status, code: defaultCodeFor(status), requestId: headers.requestId,
      retryAfterSeconds: Number.isFinite(retryAfterHeader) ? retryAfterHeader : undefined,
      message: base.message,
      hint: status >= 500 || status === 429 ? undefined : base.hint,
    });
  }
  const additionalData = objectField(body, 'additional_data');
  const retryAfterData = additionalData ? numberField(additionalData, 'retry_after') : undefined;
  return new NotionApiError({
    status,
    code: stringField(body, 'code') ?? defaultCodeFor(status),
    message: stringField(body, 'message') ?? `Notion answered ${status}.`,
    requestId: stringField(body, 'request_id') ?? headers.requestId,
    retryAfterSeconds: Number.isFinite(retryAfterHeader) ? retryAfterHeader : retryAfterData,
    rateLimitReason: additionalData ? stringField(additionalData, 'rate_limit_reason') : undefined,
    additionalData,
    errorObject: stringField(body, 'object') === 'error' && stringField(body, 'code') !== undefined,
  });
}

function defaultCodeFor(status: number): string {
  switch (status) {
    case 400: return 'validation_error';
    case 401: return 'unauthorized';
    case 403: return 'restricted_resource';
    case 404: return 'object_not_found';
    case 409: return 'conflict_error';
    case 429: return 'rate_limited';
    case 500: return 'internal_server_error';
    case 502: return 'bad_gateway';
    case 503: return 'service_unavailable';
    case 504: return 'gateway_timeout';
    case 529: return 'service_overload';
    default: return `http_${status}`;
  }
}
