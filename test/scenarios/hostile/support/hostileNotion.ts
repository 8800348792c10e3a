// A stand-in for Notion on 127.0.0.1 that behaves well until a test tells it to misbehave on one call: answer with
// an endless or huge body, trickle, never answer, echo the token back, or say something that does not add up. A
// test's `attack` gets the raw request and response and takes the answer over by returning true.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { callFor, wellFormed, type CallName } from '../../badInput/support/scriptedNotion';
import { listenOnLoopback } from '../../../support/loopbackServer';

export type { CallName };

export interface ReceivedCall {
  call: CallName | 'unknown';
  method: string;
  path: string;
  body: Buffer;
}

export type Attack = (call: CallName | 'unknown', request: ReceivedCall, res: ServerResponse, req: IncomingMessage) => boolean | Promise<boolean>;

export class HostileNotion {
  url = '';
  attack: Attack = () => false;
  readonly calls: ReceivedCall[] = [];
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `port`: listen where an earlier start() did (after stop(), a test bringing "Notion" back). */
  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
    const listening = await listenOnLoopback(this.server, port);
    this.url = listening.url;
    this.sockets = listening.sockets;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  reset(): void {
    this.calls.length = 0;
    this.attack = () => false;
  }

  count(call: CallName): number {
    return this.calls.filter((entry) => entry.call === call).length;
  }

  /** Repeats `tick` every `ms` until the connection closes (trickling and endless bodies). */
  every(res: ServerResponse, ms: number, tick: () => void): void {
    const timer = setInterval(() => {
      if (res.destroyed || res.writableEnded) {
        clearInterval(timer);
        this.timers.delete(timer);
        return;
      }
      tick();
    }, ms);
    this.timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      this.timers.delete(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0];
    const call = callFor(req.method, path) ?? 'unknown';
    const received: ReceivedCall = { call, method: req.method ?? '', path: req.url ?? '/', body: Buffer.concat(chunks) };
    this.calls.push(received);
    if (await this.attack(call, received, res, req)) return;
    if (call === 'unknown') {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', status: 400, code: 'invalid_request_url', message: 'Invalid request URL.' }));
      return;
    }
    const answer = wellFormed(call, path, received.body.toString('utf8')) as { status: number; body: string; headers?: Record<string, string> };
    res.writeHead(answer.status, { 'x-notion-request-id': randomUUID(), ...answer.headers });
    res.end(answer.body);
  }
}

/** Writes one JSON answer. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json', 'x-notion-request-id': randomUUID(), ...headers });
  res.end(JSON.stringify(value));
  return true;
}

/** The file bytes of a multipart/form-data send body (the `file` field). */
export function filePartOf(body: Buffer): Buffer {
  const field = body.indexOf('name="file"');
  const start = body.indexOf('\r\n\r\n', field) + 4;
  const boundaryLine = body.subarray(0, body.indexOf('\r\n'));
  const end = body.lastIndexOf(Buffer.concat([Buffer.from('\r\n'), boundaryLine, Buffer.from('--')]));
  return body.subarray(start, end);
}

/** The part number field of a send body (undefined for a single-part send). */
export function partNumberOf(body: Buffer): number | undefined {
  const match = /name="part_number"\r\n\r\n(\d+)\r\n/.exec(body.subarray(0, 400).toString('latin1'));
  return match ? Number(match[1]) : undefined;
}
