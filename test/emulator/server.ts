// The /v1/ request pipeline: route, auth, Notion-Version, rate limit, injected faults, path IDs, handler, and the
// reply with its request ID. Every response waits for the request body to be fully read first, so a refused upload
// still reaches the client as an answer rather than a broken pipe.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { RequestContext, Workspace } from './context';
import {
  ApiError,
  appendSavedButUnavailable,
  injectedStatus,
  invalidPathId,
  invalidToken,
  invalidUrl,
  missingVersion,
  rateLimited,
  requestTookTooLong,
  unknownVersion,
} from './errors';
import type { FaultBook } from './faults';
import type { ShapedNetwork } from './networkProfile';
import { newId, normalizeId } from './ids';
import type { RateLimiter } from './rateLimiter';
import { InjectedResetError, RequestBody } from './requestBody';
import { findRoute } from './routes';
import type { Counters, FaultAction, LogEntry } from './types';
import { acceptedVersions, isAcceptedVersion } from './versions';

interface FaultEffects {
  error?: ApiError;
  savedThen503?: boolean;
  /** An append answered 200 with only this many of its new blocks (appendResultsDropped); `saved: false` adds none. */
  resultsDropped?: { saved: boolean; keep: number };
  delayMs: number;
}

export class ApiServer {
  readonly log: LogEntry[] = [];
  readonly counters: Omit<Counters, 'faultsFired'> = { requests: 0, rateLimited: 0, bytesReceived: 0 };

  constructor(
    private readonly workspace: Workspace,
    private readonly faults: FaultBook,
    private readonly limiter: RateLimiter,
    private readonly network?: ShapedNetwork,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newId();
    this.counters.requests += 1;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    // Held here: when the body's pipeline fails (the client went away mid-body), Node's stream destroyer sets
    // req.socket to null, and the error path below must still see whether the connection is gone.
    const socket = req.socket;
    const body = new RequestBody(socket, (count) => {
      this.counters.bytesReceived += count;
    });
    const linkStage = this.network?.linkStage();
    (linkStage ? pipeline(req, linkStage, body) : pipeline(req, body)).catch(() => undefined);

    const found = findRoute(method, url.pathname);
    const entry: LogEntry = { method, path: url.pathname, call: found?.route.call ?? 'unknown', status: 0, bodyBytes: 0, at: this.workspace.clock.now() };
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      entry.bodyBytes = body.bytes;
      this.log.push(entry);
    });
    const effects: FaultEffects = { delayMs: this.network?.latencyMs ?? 0 };
    const cutOff = setTimeout(() => this.cutOff(req, res, requestId), this.workspace.requestLimitMs);
    res.on('close', () => clearTimeout(cutOff));

    try {
      if (!found) throw invalidUrl(method, url.pathname);
      const token = bearerToken(req.headers.authorization);
      const caller = token === undefined ? undefined : this.workspace.state.tokens.get(token);
      if (token === undefined || !caller) throw invalidToken();
      const versionHeader = req.headers['notion-version'];
      const version = Array.isArray(versionHeader) ? versionHeader[0] : versionHeader;
      if (version === undefined || version === '') throw missingVersion();
      if (!isAcceptedVersion(version)) throw unknownVersion(version, acceptedVersions);
      const budget = this.limiter.take(token);
      if (!budget.allowed) throw rateLimited(budget.retryAfterSeconds);

      const call = found.route.call;
      this.applyFault(this.faults.match(call), body, effects);
      if (effects.error) throw effects.error;

      const ids: Record<string, string> = {};
      if (found.route.idParameter) {
        const normalized = normalizeId(found.rawId ?? '');
        if (normalized === null) throw invalidPathId(found.route.idParameter, found.rawId ?? '');
        ids[found.route.idParameter] = normalized;
      }
      const context: RequestContext = {
        token,
        caller,
        version,
        ids,
        query: url.searchParams,
        headers: req.headers,
        body,
        requestId,
        injectedError: undefined,
        notePartNumber: (partNumber) => {
          entry.partNumber = partNumber;
          if (call !== 'send' || !this.faults.wantsPartNumber(call)) return;
          this.applyFault(this.faults.match(call, partNumber), body, effects);
          context.injectedError = effects.error;
        },
      };
      const dropped = effects.resultsDropped;
      const reply = dropped && !dropped.saved
        ? { body: { object: 'list', results: [], next_cursor: null, has_more: false, type: 'block', block: {} } as Record<string, unknown>, status: 200 }
        : await found.route.handler(context, this.workspace);
      if (effects.error) throw effects.error;
      if (effects.savedThen503) throw appendSavedButUnavailable();
      if (dropped && Array.isArray(reply.body.results)) reply.body = { ...reply.body, results: reply.body.results.slice(0, dropped.keep) };
      await this.respond(res, body, effects.delayMs, reply.status ?? 200, { ...reply.body, request_id: requestId }, requestId);
    } catch (error) {
      if (error instanceof InjectedResetError || socket.destroyed) return;
      const apiError = error instanceof ApiError ? error : internalError(error);
      await this.respond(res, body, effects.delayMs, apiError.status, apiError.envelope(requestId), requestId, apiError.headers);
    }
  }

  private applyFault(action: FaultAction | undefined, body: RequestBody, effects: FaultEffects): void {
    switch (action?.kind) {
      case undefined:
        return;
      case 'status':
        effects.error = injectedStatus(action.status, action.retryAfterSeconds);
        return;
      case 'appendSavedThen503':
        effects.savedThen503 = true;
        return;
      case 'appendResultsDropped':
        effects.resultsDropped = { saved: action.saved, keep: action.keep ?? 0 };
        return;
      case 'resetAfterBytes':
        body.armReset(action.bytes);
        return;
      case 'delay':
        effects.delayMs += action.ms;
        return;
      case 'throttle':
        body.armThrottle(action.bytesPerSecond);
        return;
    }
  }

  /** The request limit passed: answer 503 at once and drop the connection, whatever the request was still doing. */
  private cutOff(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(requestTookTooLong().envelope(requestId));
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'x-notion-request-id': requestId, connection: 'close',
    });
    res.end(text, () => req.socket.destroy());
  }

  private async respond(
    res: ServerResponse,
    body: RequestBody,
    delayMs: number,
    status: number,
    payload: Record<string, unknown>,
    requestId: string,
    headers: Record<string, string> = {},
  ): Promise<void> {
    // The rest of the body is read first, so the client sees the answer rather than a reset; but a body that stops
    // coming (a chunk announced and never sent) must not hold the answer back for good, as Notion does not.
    const drained = await Promise.race([body.drain().then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), UNFINISHED_BODY_WAIT_MS).unref())]);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed || res.socket?.destroyed || res.headersSent) return;
    if (!drained) headers = { ...headers, connection: 'close' };
    if (status === 429) this.counters.rateLimited += 1;
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-notion-request-id': requestId,
    });
    res.end(text);
  }
}

/** How long an answer waits for the rest of a request body that has stopped coming before it is sent anyway. */
const UNFINISHED_BODY_WAIT_MS = 2000;

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function internalError(error: unknown): ApiError {
  console.error('notion emulator: unexpected error', error);
  return new ApiError(500, 'internal_server_error', 'Unexpected error occurred.');
}
