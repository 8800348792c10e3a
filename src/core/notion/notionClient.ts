import { undiciErrors, type Dispatcher } from './undiciAgent';
import { createDispatcher, proxyFor } from './connection';
import type { ConnectionOptions } from './connectionOptions';
import { classifyConnectionFailure } from './connectionErrors';
import { abortableSleep } from '../pacing/abortableSleep';
import { NotionApiError, NotionNetworkError, UploadFailure, isAbortError } from '../errors/errors';
import { toFileUploadObject, type FileUploadObject } from './fileUploadObject';
import { LATEST_NOTION_VERSION, NOTION_API_BASE } from './notionLimits';
import { dashUuid } from '../rules/pageLink';
import { RequestRateLimiter } from '../pacing/requestRateLimiter';
import { redactSecrets } from '../errors/redact';
import { arrayField, errorFromResponse, numberField, objectField, parseJsonResponse, stringField } from './responseBody';
import { decideRetry, type CallKind, type RetryPolicyOptions } from './retryPolicy';
import { SettingsError, validateApiBase } from '../settings/settings';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | 'error';
  requestId?: string;
  ms: number;
  attempt: number;
  error?: string;
}

export interface NotionClientOptions {
  token: string;
  apiBase?: string;
  notionVersion?: string;
  log?: (entry: RequestLogEntry) => void;
  /** Shared request budget; a client makes its own (180/min) when none is given. */
  rateLimiter?: RequestRateLimiter;
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicyOptions>;
  dispatcher?: Dispatcher;
  /** Proxy and certificate trust of the dispatcher the client makes (ignored when `dispatcher` is given). */
  connection?: ConnectionOptions;
}

export interface RequestBody {
  chunks: AsyncIterable<Uint8Array>;
  contentType: string;
  contentLength: number;
}

interface CallOptions<T> {
  kind: CallKind;
  signal?: AbortSignal;
  /** Looks whether a failed call took effect (`saidSaved`: Notion said it did); returns its result if so. */
  verify?: (saidSaved: boolean) => Promise<T | undefined>;
  /** Told about each failed attempt before the next one (progress rollback). */
  onAttemptFailed?: (error: unknown, attempt: number) => void;
}

export interface PageSummary { id: string; title: string; url: string }
export interface WorkspaceLimits { name: string | null; maxFileUploadSizeBytes: number; workspaceName?: string; botId?: string }
export interface BlockSummary { id: string; type: string; raw: Record<string, unknown> }

export const DEFAULT_RETRY: RetryPolicyOptions = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, maxRateLimitedWaitMs: 10 * 60_000 };

/** Notion API client on undici's dispatcher API (streams request bodies in constant memory), with the §6 retry policy. */
export class NotionClient {
  readonly apiBase: string;
  readonly notionVersion: string;
  readonly rateLimiter: RequestRateLimiter;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly token: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly proxy: string | undefined;
  private requestTimeoutMs: number;
  private retry: RetryPolicyOptions;
  private readonly log?: (entry: RequestLogEntry) => void;

  constructor(options: NotionClientOptions) {
    if (!options.token) throw new Error('A Notion token is required.');
    if (/[\s\x00-\x1f\x7f]/.test(options.token.trim()) || !options.token.trim()) {
      throw new SettingsError('The Notion token is blank or has spaces, line breaks or control characters inside; copy it again from the integration\'s settings.');
    }
    this.token = options.token;
    this.apiBase = validateApiBase(options.apiBase ?? NOTION_API_BASE);
    const url = new URL(this.apiBase);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.notionVersion = options.notionVersion ?? LATEST_NOTION_VERSION;
    this.rateLimiter = options.rateLimiter ?? new RequestRateLimiter(180);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.log = options.log;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createDispatcher(options.connection);
    this.proxy = options.dispatcher ? undefined : proxyFor(options.connection ?? {}, this.origin);
  }

  configure(options: { requestTimeoutMs?: number; retry?: Partial<RetryPolicyOptions> }): void {
    if (options.requestTimeoutMs !== undefined) this.requestTimeoutMs = options.requestTimeoutMs;
    if (options.retry) this.retry = { ...this.retry, ...options.retry };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  // ---- workspace and pages ----

  async usersMe(options: { signal?: AbortSignal } = {}): Promise<WorkspaceLimits> {
    const body = await this.call('GET', '/v1/users/me', undefined, { kind: 'read', signal: options.signal });
    const bot = objectField(body, 'bot');
    const limits = bot ? objectField(bot, 'workspace_limits') : undefined;
    const maxBytes = limits ? numberField(limits, 'max_file_upload_size_in_bytes') : undefined;
    return {
      name: stringField(body, 'name') ?? null,
      maxFileUploadSizeBytes: maxBytes ?? 5 * 1024 * 1024,
      workspaceName: bot ? stringField(bot, 'workspace_name') : undefined,
      botId: stringField(body, 'id'),
    };
  }

  async searchPages(query: string, options: { signal?: AbortSignal } = {}): Promise<PageSummary[]> {
    const body = await this.call('POST', '/v1/search', {
      query, filter: { property: 'object', value: 'page' }, page_size: 20,
    }, { kind: 'read', signal: options.signal });
    return arrayField(body, 'results').filter((page) => stringField(page, 'object') !== 'database').map(toPageSummary);
  }

  async retrievePage(id: string, options: { signal?: AbortSignal } = {}): Promise<PageSummary> {
    return toPageSummary(await this.call('GET', `/v1/pages/${encodeURIComponent(id)}`, undefined, { kind: 'read', signal: options.signal }));
  }

  // ---- file uploads ----

  async createFileUpload(fields: { mode: 'single_part' | 'multi_part'; filename: string; contentType: string; numberOfParts?: number },
    options: { signal?: AbortSignal } = {}): Promise<FileUploadObject> {
    const json: Record<string, unknown> = { mode: fields.mode, filename: fields.filename, content_type: fields.contentType };
    if (fields.mode === 'multi_part') json.number_of_parts = fields.numberOfParts;
    const upload = toFileUploadObject(await this.call('POST', '/v1/file_uploads', json, { kind: 'create', signal: options.signal }));
    // Every later call puts this id into its path: an answer without a proper one must stop here.
    if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(upload.id)) {
      throw new NotionApiError({ status: 200, code: 'invalid_response', message: `Notion's answer to creating the upload has no valid file upload id (got "${upload.id.slice(0, 40)}").` });
    }
    return upload;
  }

  async retrieveFileUpload(id: string, options: { signal?: AbortSignal } = {}): Promise<FileUploadObject> {
    return toFileUploadObject(await this.call('GET', `/v1/file_uploads/${id}`, undefined, { kind: 'read', signal: options.signal }));
  }

  /**
   * Sends the bytes of a single-part upload, or one part of a multi-part upload. `openBody` is called for every
   * attempt (a fresh read of the range). A single-part send that failed uncertainly is checked with a GET first.
   */
  async sendFileUpload(id: string, openBody: () => RequestBody,
    options: { partNumber?: number; signal?: AbortSignal; onAttemptFailed?: (error: unknown, attempt: number) => void } = {}): Promise<FileUploadObject> {
    const single = options.partNumber === undefined;
    const verify = single
      ? async (): Promise<Record<string, unknown> | undefined> => {
        const upload = await this.retrieveFileUpload(id, { signal: options.signal });
        return upload.status === 'uploaded' ? { id: upload.id, status: upload.status, filename: upload.filename, content_type: upload.contentType, content_length: upload.contentLength } : undefined;
      }
      : undefined;
    const body = await this.call('POST', `/v1/file_uploads/${id}/send`, openBody, {
      kind: single ? 'sendSingle' : 'sendPart', signal: options.signal, verify, onAttemptFailed: options.onAttemptFailed,
    });
    return toFileUploadObject(body);
  }

  async completeFileUpload(id: string, options: { signal?: AbortSignal } = {}): Promise<FileUploadObject> {
    const verify = async (): Promise<Record<string, unknown> | undefined> => {
      const upload = await this.retrieveFileUpload(id, { signal: options.signal });
      return upload.status === 'uploaded' ? { id: upload.id, status: upload.status } : undefined;
    };
    return toFileUploadObject(await this.call('POST', `/v1/file_uploads/${id}/complete`, undefined, { kind: 'complete', signal: options.signal, verify }));
  }

  // ---- blocks ----

  /**
   * Appends blocks at the end of a page. `findExisting` looks the page over for the blocks this call would add:
   * when Notion says a failed append was saved (`saidSaved`; never append twice) and before repeating an uncertain one.
   */
  async appendBlockChildren(pageId: string, children: Array<Record<string, unknown>>,
    options: { signal?: AbortSignal; findExisting: (saidSaved: boolean) => Promise<BlockSummary[] | undefined> }): Promise<BlockSummary[]> {
    const verify = async (saidSaved: boolean): Promise<Record<string, unknown> | undefined> => {
      const found = await options.findExisting(saidSaved);
      return found ? { results: found.map((block) => block.raw) } : undefined;
    };
    const body = await this.call('PATCH', `/v1/blocks/${pageId}/children`, { children, position: { type: 'end' } },
      { kind: 'append', signal: options.signal, verify });
    return arrayField(body, 'results').map(toBlockSummary);
  }

  async listBlockChildren(blockId: string, options: { startCursor?: string; signal?: AbortSignal } = {}): Promise<{ blocks: BlockSummary[]; nextCursor: string | null }> {
    const query = `?page_size=100${options.startCursor ? `&start_cursor=${encodeURIComponent(options.startCursor)}` : ''}`;
    const body = await this.call('GET', `/v1/blocks/${blockId}/children${query}`, undefined, { kind: 'read', signal: options.signal });
    return { blocks: arrayField(body, 'results').map(toBlockSummary), nextCursor: body.has_more === true ? stringField(body, 'next_cursor') ?? null : null };
  }

  // ---- the request loop ----

  private async call(method: Dispatcher.HttpMethod, path: string, body: Record<string, unknown> | (() => RequestBody) | undefined,
    options: CallOptions<Record<string, unknown>>): Promise<Record<string, unknown>> {
    let rateLimitedWaitMs = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(method, path, body, attempt, options.signal);
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted || error instanceof UploadFailure) throw error;
        options.onAttemptFailed?.(error, attempt);
        const decision = decideRetry(options.kind, error, attempt, this.retry, rateLimitedWaitMs);
        if (decision.action === 'fail') throw error;
        if (decision.action === 'readBack') {
          const saved = await this.retryReads(() => options.verify!(true), options.signal);
          if (saved) return saved;
          throw error;
        }
        if (decision.action === 'retry' && decision.pauseEveryone) {
          rateLimitedWaitMs += decision.delayMs;
          this.rateLimiter.pauseFor(decision.delayMs);
        }
        else await abortableSleep(decision.delayMs, options.signal);
        if (decision.action === 'verifyThenRetry' && options.verify) {
          const verify = options.verify;
          const done = await this.retryReads(() => verify(false), options.signal);
          if (done) return done;
        }
      }
    }
  }

  /** A read-back that itself may meet a transient failure. */
  private async retryReads<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        const decision = decideRetry('read', error, attempt, this.retry);
        if (decision.action !== 'retry') throw error;
        await abortableSleep(decision.delayMs, signal);
      }
    }
  }

  private async attempt(method: Dispatcher.HttpMethod, path: string, body: Record<string, unknown> | (() => RequestBody) | undefined,
    attempt: number, signal?: AbortSignal): Promise<Record<string, unknown>> {
    await this.rateLimiter.acquire(signal);
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      'notion-version': this.notionVersion,
      accept: 'application/json',
      'user-agent': 'notion-stream-upload/0.1',
    };
    let requestBody: string | AsyncIterable<Uint8Array> | undefined;
    if (typeof body === 'function') {
      const opened = body();
      headers['content-type'] = opened.contentType;
      headers['content-length'] = String(opened.contentLength);
      requestBody = opened.chunks;
    } else if (body !== undefined) {
      requestBody = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const started = performance.now();
    const logPath = this.basePath + path;
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        // undici takes an async iterable body (its docs list it; its typings do not yet).
        origin: this.origin, path: logPath, method, headers, body: requestBody as string | undefined, signal,
        headersTimeout: this.requestTimeoutMs, bodyTimeout: this.requestTimeoutMs,
      });
    } catch (error) {
      if (requestBody && typeof requestBody !== 'string') void (requestBody as AsyncGenerator<Uint8Array>).return?.(undefined).catch(() => undefined);
      const failure = this.toTransportError(error);
      this.emitLog({ method, path: logPath, status: 'error', ms: Math.round(performance.now() - started), attempt, error: failure.message });
      throw failure;
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      const failure = this.toTransportError(error);
      this.emitLog({ method, path: logPath, status: 'error', ms: Math.round(performance.now() - started), attempt, error: failure.message });
      throw failure;
    }
    const requestId = headerValue(response.headers['x-notion-request-id']);
    this.emitLog({ method, path: logPath, status: response.statusCode, requestId, ms: Math.round(performance.now() - started), attempt });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw errorFromResponse(response.statusCode, text, {
        contentType: headerValue(response.headers['content-type']), requestId, retryAfter: headerValue(response.headers['retry-after']),
      });
    }
    return parseJsonResponse(text, response.statusCode, headerValue(response.headers['content-type']), requestId);
  }

  private toTransportError(error: unknown): Error {
    // First: undici reports a proxy's refusal of the tunnel as an aborted request.
    const classified = classifyConnectionFailure(error, this.origin, this.proxy);
    if (classified) return classified;
    if (isAbortError(error) || error instanceof UploadFailure) return error as Error;
    if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
      return new NotionNetworkError(`No answer from ${this.origin} within ${this.requestTimeoutMs} ms.`, 'timeout', { cause: error });
    }
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof UploadFailure) return cause;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: string }).code ?? 'network_error';
    return new NotionNetworkError(redactSecrets(`Connection to ${this.origin} failed: ${message} (${code})`, this.token), 'network_error', { cause: error });
  }

  private emitLog(entry: RequestLogEntry): void {
    if (!this.log) return;
    try {
      this.log(entry.error ? { ...entry, error: redactSecrets(entry.error, this.token) } : entry);
    } catch {
      // a failing log listener must not break an upload
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function toPageSummary(page: Record<string, unknown>): PageSummary {
  const id = stringField(page, 'id') ?? '';
  const properties = objectField(page, 'properties') ?? {};
  let title = '';
  for (const property of Object.values(properties)) {
    if (typeof property === 'object' && property !== null && (property as Record<string, unknown>).type === 'title') {
      title = arrayField(property as Record<string, unknown>, 'title').map((part) => stringField(part, 'plain_text') ?? '').join('');
    }
  }
  const compact = id.replace(/-/g, '');
  return { id: /^[0-9a-f]{32}$/i.test(compact) ? dashUuid(compact) : id, title, url: stringField(page, 'url') ?? `https://www.notion.so/${compact}` };
}

function toBlockSummary(block: Record<string, unknown>): BlockSummary {
  return { id: stringField(block, 'id') ?? '', type: stringField(block, 'type') ?? 'unknown', raw: block };
}
