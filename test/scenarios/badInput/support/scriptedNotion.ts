// A tiny stand-in for Notion on 127.0.0.1 that answers each call with well-formed JSON unless a test scripts
// something else for it: odd shapes, HTML pages, cut-off bodies, dropped connections, no answer at all.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from '../../../support/loopbackServer';

export type CallName = 'usersMe' | 'retrievePage' | 'create' | 'send' | 'complete' | 'retrieve' | 'append' | 'listChildren';

export type Answer =
  | { status: number; body: string; headers?: Record<string, string> }
  /** Headers with a Content-Length, then only part of the body, then the connection closes. */
  | { cutOffAfter: number; status: number; body: string }
  | { destroy: true }
  /** Taken and never answered, until the client gives up or the server stops. */
  | { hang: true };

export type Script = (call: CallName, request: { path: string; body: string }) => Answer | undefined;

const json = (status: number, value: unknown): Answer => ({ status, body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

const routes: Array<[string, RegExp, CallName]> = [
  ['GET', /^\/v1\/users\/me$/, 'usersMe'],
  ['GET', /^\/v1\/pages\/[^/]+$/, 'retrievePage'],
  ['POST', /^\/v1\/file_uploads$/, 'create'],
  ['POST', /^\/v1\/file_uploads\/[^/]+\/send$/, 'send'],
  ['POST', /^\/v1\/file_uploads\/[^/]+\/complete$/, 'complete'],
  ['GET', /^\/v1\/file_uploads\/[^/]+$/, 'retrieve'],
  ['PATCH', /^\/v1\/blocks\/[^/]+\/children$/, 'append'],
  ['GET', /^\/v1\/blocks\/[^/]+\/children$/, 'listChildren'],
];

/** Which API call a request is, by method and path (the stand-in servers of the tests share this). */
export function callFor(method: string | undefined, path: string): CallName | undefined {
  return routes.find(([routeMethod, pattern]) => routeMethod === method && pattern.test(path))?.[2];
}

export class ScriptedNotion {
  url = '';
  script: Script = () => undefined;
  readonly calls: Array<{ call: CallName | 'unknown'; path: string; authorization: string | undefined }> = [];
  private server: Server | undefined;
  private sockets = new Set<Socket>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    const listening = await listenOnLoopback(this.server);
    this.url = listening.url;
    this.sockets = listening.sockets;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  count(call: CallName): number {
    return this.calls.filter((entry) => entry.call === call).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0];
    const call = callFor(req.method, path);
    this.calls.push({ call: call ?? 'unknown', path: req.url ?? '/', authorization: req.headers.authorization });
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = (call && this.script(call, { path, body })) ?? (call ? wellFormed(call, path, body) : json(400, { object: 'error', code: 'invalid_request_url', message: 'Invalid request URL.' }));
    if ('hang' in answer) return;
    if ('destroy' in answer) {
      res.socket?.destroy();
      return;
    }
    if ('cutOffAfter' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(answer.body)) });
      res.write(answer.body.slice(0, answer.cutOffAfter));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.writeHead(answer.status, { 'x-notion-request-id': randomUUID(), ...answer.headers });
    res.end(answer.body);
  }
}

/** What Notion would answer when all goes well (only the fields the client reads, plus the usual ones). */
export function wellFormed(call: CallName, path: string, body: string): Answer {
  const uploadId = /file_uploads\/([^/]+)/.exec(path)?.[1] ?? randomUUID();
  const upload = (status: string): Record<string, unknown> => ({
    object: 'file_upload', id: uploadId, status, filename: 'file.png', content_type: 'image/png', content_length: null,
    created_time: new Date().toISOString(), expiry_time: new Date(Date.now() + 3_600_000).toISOString(),
  });
  switch (call) {
    case 'usersMe':
      return json(200, { object: 'user', id: randomUUID(), name: 'Scripted', type: 'bot', bot: { workspace_limits: { max_file_upload_size_in_bytes: 5 * 1024 ** 3 } } });
    case 'retrievePage': {
      const pageId = /pages\/([^/]+)/.exec(path)?.[1] ?? randomUUID();
      return json(200, { object: 'page', id: pageId, url: `https://www.notion.so/${pageId.replace(/-/g, '')}`, properties: { title: { id: 'title', type: 'title', title: [{ type: 'text', plain_text: 'Scripted page', text: { content: 'Scripted page' } }] } } });
    }
    case 'create':
      return json(200, { ...upload('pending'), id: randomUUID() });
    case 'send':
    case 'complete':
      return json(200, upload('uploaded'));
    case 'retrieve':
      return json(200, upload('uploaded'));
    case 'append': {
      const children = (JSON.parse(body) as { children: Array<Record<string, any>> }).children;
      return json(200, { object: 'list', results: children.map((child) => ({ object: 'block', id: randomUUID(), created_time: new Date().toISOString(), ...child })) });
    }
    case 'listChildren':
      return json(200, { object: 'list', results: [], has_more: false, next_cursor: null });
  }
}
