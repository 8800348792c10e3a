// What a route handler gets: the caller (token, plan, version), the request, and the emulated workspace.
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock';
import { ApiError, invalidJson } from './errors';
import type { FileTypes } from './fileTypes';
import type { RequestBody } from './requestBody';
import type { TokenRecord, WorkspaceState } from './state';
import type { OpenSwitches } from './types';
import type { WriteConflicts } from './writeConflicts';
import type { BlockBudget } from './blockBudget';
import type { NotionVersion } from './versions';

export interface Workspace {
  state: WorkspaceState;
  clock: Clock;
  fileTypes: FileTypes;
  switches: OpenSwitches;
  /** 409 conflict_error for writes to one parent that overlap in time (off unless asked for). */
  writes: WriteConflicts;
  /** A request still running after this long is answered 503 service_unavailable, as Notion does after 60 s. */
  requestLimitMs: number;
  /** The Free workspace block limit, when the workspace has one. */
  blocks: BlockBudget;
  /** The per-file limit for a plan, as users/me reports it. */
  maxFileSize(record: TokenRecord): number;
  /** http://127.0.0.1:<port>, for the URLs objects carry (upload_url, complete_url). */
  baseUrl(): string;
}

export interface RequestContext {
  token: string;
  caller: TokenRecord;
  version: NotionVersion;
  /** Path IDs, already validated and in dashed lowercase form. */
  ids: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: RequestBody;
  requestId: string;
  /** Tells the server a send's part number (for the log and for faults aimed at one part). */
  notePartNumber(partNumber: number): void;
  /** An error an injected fault chose after the handler started (a send's part-specific status fault). */
  injectedError: ApiError | undefined;
}

export interface Reply {
  status?: number;
  body: Record<string, unknown>;
}

export type Handler = (context: RequestContext, workspace: Workspace) => Promise<Reply>;

const maxJsonBytes = 1024 * 1024;

/** The JSON body as an object; an empty body (the SDK's body-less POST) reads as `{}`. */
export async function readJsonBody(body: RequestBody): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxJsonBytes) throw new ApiError(400, 'invalid_request', 'Request body too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, 'validation_error', `body failed validation: body should be an object, instead was \`${text.slice(0, 100)}\`.`);
  }
  return parsed as Record<string, unknown>;
}
