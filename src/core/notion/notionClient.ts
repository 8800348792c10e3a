import type { Dispatcher } from './undiciAgent';
import type { ConnectionOptions } from './connectionOptions';
import { NotionApiError, isAbortError } from '../errors/errors';
import { appendNotShown, appendUnconfirmed, unaccountedFor } from './appendAnswer';
import { toFileUploadObject, type FileUploadObject } from './fileUploadObject';
import { LATEST_NOTION_VERSION, NOTION_API_BASE } from './notionLimits';
import { dashUuid } from '../rules/pageLink';
import { RequestRateLimiter } from '../pacing/requestRateLimiter';
import { arrayField, numberField, objectField, stringField } from './responseBody';
import type { RetryPolicyOptions } from './retryPolicy';
import { SettingsError, validateApiBase } from '../settings/settings';
import { DEFAULT_RETRY, RequestLoop, type RequestBody, type RequestLogEntry } from './requestLoop';

export { DEFAULT_RETRY, type RequestBody, type RequestLogEntry } from './requestLoop';

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

export interface PageSummary {
  id: string;
  title: string;
  url: string;
  /** In Notion's trash: still read, but nothing can be added to it (see refuseTrashedPage). */
  inTrash?: boolean;
}
export interface WorkspaceLimits {
  name: string | null;
  /** Who the token acts as: an integration's bot, or a person (a personal access token). */
  kind: 'bot' | 'person';
  /** The workspace's per-file limit; null when Notion does not say (a person's users/me has no workspace limits). */
  maxFileUploadSizeBytes: number | null;
  /** The limit was not in users/me but learnt from Notion's refusal of a larger file (WorkspaceLimitsCache). */
  limitLearnt?: boolean;
  workspaceName?: string;
  botId?: string;
}
export interface BlockSummary { id: string; type: string; raw: Record<string, unknown> }

/** The Notion endpoints this project calls, each as one call through the request loop (requestLoop.ts). */
export class NotionClient {
  readonly apiBase: string;
  readonly notionVersion: string;
  private readonly loop: RequestLoop;

  constructor(options: NotionClientOptions) {
    if (!options.token) throw new Error('A Notion token is required.');
    // Notion's tokens are letters, digits and a few marks of ASCII; anything else never reaches Notion as typed (an HTTP
    // header takes no other characters), so it is refused here with what to do, not as a failed connection.
    if (/[^\x21-\x7e]/.test(options.token.trim()) || !options.token.trim()) {
      throw new SettingsError('The Notion token is blank or has spaces, line breaks, control characters or letters outside ASCII inside, which no Notion token has.',
        'Copy the token again from the integration\'s settings in Notion (or the personal access token where you made it), and set it once more.');
    }
    this.apiBase = validateApiBase(options.apiBase ?? NOTION_API_BASE);
    const url = new URL(this.apiBase);
    this.notionVersion = options.notionVersion ?? LATEST_NOTION_VERSION;
    this.loop = new RequestLoop({
      token: options.token, origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), notionVersion: this.notionVersion,
      rateLimiter: options.rateLimiter ?? new RequestRateLimiter(180), requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      retry: { ...DEFAULT_RETRY, ...options.retry }, log: options.log, dispatcher: options.dispatcher, connection: options.connection,
    });
  }

  get rateLimiter(): RequestRateLimiter {
    return this.loop.rateLimiter;
  }

  configure(options: { requestTimeoutMs?: number; retry?: Partial<RetryPolicyOptions> }): void {
    this.loop.configure(options);
  }

  async close(): Promise<void> {
    await this.loop.close();
  }

  // ---- workspace and pages ----

  async usersMe(options: { signal?: AbortSignal } = {}): Promise<WorkspaceLimits> {
    const body = await this.loop.call('GET', '/v1/users/me', undefined, { kind: 'read', signal: options.signal });
    const bot = objectField(body, 'bot');
    const limits = bot ? objectField(bot, 'workspace_limits') : undefined;
    const maxBytes = limits ? numberField(limits, 'max_file_upload_size_in_bytes') : undefined;
    // Without workspace limits (a personal access token's users/me describes a person) the limit is unknown: none is
    // made up; Notion's refusal of the first file too large names it (fileSizeRefusal.ts), and it is learnt from there.
    return {
      name: stringField(body, 'name') ?? null,
      kind: stringField(body, 'type') === 'person' ? 'person' : 'bot',
      maxFileUploadSizeBytes: maxBytes ?? null,
      workspaceName: bot ? stringField(bot, 'workspace_name') : undefined,
      botId: stringField(body, 'id'),
    };
  }

  async searchPages(query: string, options: { signal?: AbortSignal } = {}): Promise<PageSummary[]> {
    const body = await this.loop.call('POST', '/v1/search', {
      query, filter: { property: 'object', value: 'page' }, page_size: 20,
    }, { kind: 'read', signal: options.signal });
    return arrayField(body, 'results').filter((page) => stringField(page, 'object') !== 'database').map(toPageSummary);
  }

  /** The page asked for; an answer that is not that page object (see notThePage) is refused, never taken as the page. */
  async retrievePage(id: string, options: { signal?: AbortSignal } = {}): Promise<PageSummary> {
    const body = await this.loop.call('GET', `/v1/pages/${encodeURIComponent(id)}`, undefined, { kind: 'read', signal: options.signal });
    const problem = notThePage(body, id);
    if (problem) throw new NotionApiError({ status: 200, code: 'invalid_response', message: problem, requestId: stringField(body, 'request_id') });
    return toPageSummary(body);
  }

  // ---- file uploads ----

  async createFileUpload(fields: { mode: 'single_part' | 'multi_part'; filename: string; contentType: string; numberOfParts?: number },
    options: { signal?: AbortSignal } = {}): Promise<FileUploadObject> {
    const json: Record<string, unknown> = { mode: fields.mode, filename: fields.filename, content_type: fields.contentType };
    if (fields.mode === 'multi_part') json.number_of_parts = fields.numberOfParts;
    const upload = toFileUploadObject(await this.loop.call('POST', '/v1/file_uploads', json, { kind: 'create', signal: options.signal }));
    // Every later call puts this id into its path: an answer without a proper one must stop here.
    if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(upload.id)) {
      throw new NotionApiError({ status: 200, code: 'invalid_response', message: `Notion's answer to creating the upload has no valid file upload id (got "${upload.id.slice(0, 40)}").` });
    }
    return upload;
  }

  async retrieveFileUpload(id: string, options: { signal?: AbortSignal } = {}): Promise<FileUploadObject> {
    return toFileUploadObject(await this.loop.call('GET', `/v1/file_uploads/${id}`, undefined, { kind: 'read', signal: options.signal }));
  }

  /**
   * Sends the bytes of a single-part upload, or one part of a multi-part upload. `openBody` is called for every
   * attempt (a fresh read of the range). A single-part send that failed uncertainly is checked with a GET first.
   */
  async sendFileUpload(id: string, openBody: () => RequestBody,
    options: {
      partNumber?: number; signal?: AbortSignal; onAttemptFailed?: (error: unknown, attempt: number) => void;
      /** After an uncertain failure of a part: whether the upload, as retrieved, shows that this part is in. */
      partLanded?: (upload: FileUploadObject) => Promise<boolean>;
    } = {}): Promise<FileUploadObject> {
    const single = options.partNumber === undefined;
    const partLanded = options.partLanded ?? (async () => false);
    const verify = async (): Promise<Record<string, unknown> | undefined> => {
      const upload = await this.retrieveFileUpload(id, { signal: options.signal });
      const landed = single ? upload.status === 'uploaded' : await partLanded(upload);
      return landed ? { id: upload.id, status: upload.status, filename: upload.filename, content_type: upload.contentType, content_length: upload.contentLength } : undefined;
    };
    let lastFailedAttempt = 0;
    const body = await this.finishedAfterRefusal(id, single && (() => lastFailedAttempt >= 2), options.signal, () => this.loop.call('POST', `/v1/file_uploads/${id}/send`, openBody, {
      kind: single ? 'sendSingle' : 'sendPart', signal: options.signal, verify,
      onAttemptFailed: (error, attempt) => {
        lastFailedAttempt = attempt;
        options.onAttemptFailed?.(error, attempt);
      },
    }));
    return toFileUploadObject(body);
  }

  async completeFileUpload(id: string, options: { signal?: AbortSignal } = {}): Promise<FileUploadObject> {
    const verify = async (): Promise<Record<string, unknown> | undefined> => {
      const upload = await this.retrieveFileUpload(id, { signal: options.signal });
      return upload.status === 'uploaded' ? { id: upload.id, status: upload.status } : undefined;
    };
    let lastFailedAttempt = 0;
    return toFileUploadObject(await this.finishedAfterRefusal(id, () => lastFailedAttempt >= 2, options.signal,
      () => this.loop.call('POST', `/v1/file_uploads/${id}/complete`, undefined, {
        kind: 'complete', signal: options.signal, verify, onAttemptFailed: (_error, attempt) => (lastFailedAttempt = attempt),
      })));
  }

  /**
   * A single-part send or a complete repeated after a failure and then refused (400: the upload is no longer pending)
   * may have been refused because the first attempt did finish on Notion's side after the upload was read: the upload
   * is read once more, and if it is uploaded, that is the answer.
   */
  private async finishedAfterRefusal(id: string, wasRepeated: false | (() => boolean), signal: AbortSignal | undefined,
    call: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    try {
      return await call();
    } catch (error) {
      if (!wasRepeated || !wasRepeated() || !(error instanceof NotionApiError) || error.status !== 400) throw error;
      const upload = await this.retrieveFileUpload(id, { signal });
      if (upload.status !== 'uploaded') throw error;
      return { id: upload.id, status: upload.status, filename: upload.filename, content_type: upload.contentType, content_length: upload.contentLength };
    }
  }

  // ---- blocks ----

  /**
   * Appends blocks at the end of a page. `findExisting` looks the page over for the blocks this call would add:
   * when Notion says a failed append was saved (`saidSaved`; never append twice), before repeating an uncertain one,
   * and when a 200 answer does not account for the blocks sent (appendAnswer.ts). After such an answer the blocks
   * found are the result; blocks known not to be there are appended once more; a read-back that cannot tell fails
   * the call (APPEND_UNCONFIRMED), and so does a second such answer with the blocks still not there (APPEND_NOT_SHOWN).
   */
  async appendBlockChildren(pageId: string, children: Array<Record<string, unknown>>,
    options: { signal?: AbortSignal; stop?: AbortSignal; findExisting: (saidSaved: boolean) => Promise<BlockSummary[] | undefined> }): Promise<BlockSummary[]> {
    let fromReadBack = false;
    const verify = async (saidSaved: boolean): Promise<Record<string, unknown> | undefined> => {
      const found = await options.findExisting(saidSaved);
      if (found) fromReadBack = true;
      return found ? { results: found.map((block) => block.raw) } : undefined;
    };
    for (let answers = 1; ; answers++) {
      fromReadBack = false;
      const body = await this.loop.call('PATCH', `/v1/blocks/${pageId}/children`, { children, position: { type: 'end' } },
        { kind: 'append', signal: options.signal, stop: options.stop, verify });
      const blocks = arrayField(body, 'results').map(toBlockSummary);
      // A read-back's result is what the page shows, which the caller checks; only Notion's own answer is held to the rule.
      if (fromReadBack) return blocks;
      const why = unaccountedFor(children, blocks);
      if (why === undefined) return blocks;
      let found: BlockSummary[] | undefined;
      try {
        found = await options.findExisting(false);
      } catch (error) {
        if (isAbortError(error) || options.signal?.aborted) throw error;
        throw appendUnconfirmed(why, children.length, error);
      }
      if (found) return found;
      if (answers >= 2 || options.stop?.aborted) throw appendNotShown(why, children.length, answers);
    }
  }

  /**
   * Creates a page under a page, with its first blocks (at most 100, two levels deep). `findExisting` looks for the
   * page an attempt whose answer was lost may have made (a repeated create would make a second page).
   */
  async createPage(parentPageId: string, title: string, children: readonly object[],
    options: { signal?: AbortSignal; stop?: AbortSignal; findExisting: () => Promise<PageSummary | undefined> }): Promise<PageSummary> {
    const verify = async (): Promise<Record<string, unknown> | undefined> => {
      const found = await options.findExisting();
      return found ? { object: 'page', id: found.id, url: found.url, properties: { title: { type: 'title', title: [{ plain_text: found.title }] } } } : undefined;
    };
    const body = await this.loop.call('POST', '/v1/pages', {
      parent: { type: 'page_id', page_id: parentPageId },
      properties: { title: { title: [{ type: 'text', text: { content: title } }] } },
      children,
    }, { kind: 'append', signal: options.signal, stop: options.stop, verify });
    return toPageSummary(body);
  }

  /** Renames a page (its `title` property); setting the same title again changes nothing, so a retry is safe. */
  async updatePageTitle(pageId: string, title: string, options: { signal?: AbortSignal } = {}): Promise<PageSummary> {
    return toPageSummary(await this.loop.call('PATCH', `/v1/pages/${pageId}`, {
      properties: { title: { title: [{ type: 'text', text: { content: title } }] } },
    }, { kind: 'read', signal: options.signal }));
  }

  /** Moves a block (or a page's child page) to the trash; deleting one already in the trash is no error here. */
  async deleteBlock(blockId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    try {
      await this.loop.call('DELETE', `/v1/blocks/${blockId}`, undefined, { kind: 'read', signal: options.signal });
    } catch (error) {
      if (error instanceof NotionApiError && (error.status === 404 || /archived|in_trash|trash/i.test(error.message))) return;
      throw error;
    }
  }

  async listBlockChildren(blockId: string, options: { startCursor?: string; signal?: AbortSignal } = {}): Promise<{ blocks: BlockSummary[]; nextCursor: string | null }> {
    const query = `?page_size=100${options.startCursor ? `&start_cursor=${encodeURIComponent(options.startCursor)}` : ''}`;
    const body = await this.loop.call('GET', `/v1/blocks/${blockId}/children${query}`, undefined, { kind: 'read', signal: options.signal });
    return { blocks: arrayField(body, 'results').map(toBlockSummary), nextCursor: body.has_more === true ? stringField(body, 'next_cursor') ?? null : null };
  }
}

/**
 * Why an answer to reading page `askedId` is not that page, or undefined when it is. Notion answers with a page object:
 * "object": "page" and the page's id, dashed (its docs and the SDK's GetPageResponse, whose partial form has just
 * those two). A 200 with anything else (an empty object, a list, a database, another page's id) comes from something
 * that is not Notion (a proxy, a wrong API base); taken as the page, every upload to it would fail only at attach, and
 * the extension would keep a target page with no id.
 */
function notThePage(body: Record<string, unknown>, askedId: string): string | undefined {
  const compact = (id: string): string => id.replace(/-/g, '').toLowerCase();
  const asked = /^[0-9a-f]{32}$/.test(compact(askedId)) ? dashUuid(compact(askedId)) : askedId;
  const shown = (value: string): string => (value.length > 40 ? `${value.slice(0, 40)}…` : value);
  const about = `The answer to reading page ${asked} is not that page`;
  const object = body.object;
  if (object !== 'page') {
    const got = object === undefined ? 'it has no "object" field' : `its "object" is ${shown(JSON.stringify(object) ?? String(object))}`;
    return `${about}: ${got}, where Notion's page has "object": "page".`;
  }
  const id = stringField(body, 'id');
  if (!id) return `${about}: it is a page object without an id.`;
  if (compact(id) !== compact(askedId)) return `${about}: it is the page object of another page (${shown(id)}).`;
  return undefined;
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
  // `archived` is the name Notion-Versions before 2026-03-11 also give `in_trash`.
  const inTrash = page.in_trash === true || page.archived === true;
  return { id: /^[0-9a-f]{32}$/i.test(compact) ? dashUuid(compact) : id, title, url: stringField(page, 'url') ?? `https://www.notion.so/${compact}`, ...(inTrash ? { inTrash } : {}) };
}

function toBlockSummary(block: Record<string, unknown>): BlockSummary {
  return { id: stringField(block, 'id') ?? '', type: stringField(block, 'type') ?? 'unknown', raw: block };
}
