// /__emulator/…: the Emulator's inspection and control methods over HTTP (JSON in, JSON out, no token, loopback only),
// for a benchmark or an extension host that runs the emulator in another process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ruleFromJson } from './faults';
import type { Emulator, PlanName } from './types';

class InspectionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InspectionError(400, 'The body is not valid JSON.');
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function asPlan(value: unknown): PlanName | undefined {
  if (value === undefined) return undefined;
  if (value === 'free' || value === 'paid') return value;
  throw new InspectionError(400, 'plan must be "free" or "paid".');
}

async function route(method: string, path: string, req: IncomingMessage, emulator: Emulator): Promise<unknown> {
  const parts = path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const id = parts[1];
  const is = (m: string, ...shape: (string | undefined)[]): boolean =>
    method === m && parts.length === shape.length && shape.every((part, index) => part === undefined || part === parts[index]);

  if (is('GET', 'uploads')) return emulator.uploads();
  if (is('GET', 'uploads', undefined)) {
    const upload = emulator.upload(id);
    if (!upload) throw new InspectionError(404, `No upload ${id}.`);
    return upload;
  }
  if (is('GET', 'pages', undefined, 'blocks')) return emulator.blocks(id);
  if (is('POST', 'pages')) {
    const body = (await readJson(req)) as { title?: unknown; sharedWith?: unknown } | undefined;
    if (typeof body?.title !== 'string') throw new InspectionError(400, 'title (a string) is required.');
    const sharedWith = body.sharedWith;
    if (sharedWith !== undefined && !(Array.isArray(sharedWith) && sharedWith.every((t) => typeof t === 'string'))) {
      throw new InspectionError(400, 'sharedWith must be an array of tokens.');
    }
    return { id: emulator.addPage(body.title, sharedWith === undefined ? undefined : { sharedWith: sharedWith as string[] }) };
  }
  if (is('GET', 'log')) return emulator.requestLog();
  if (is('DELETE', 'log')) {
    emulator.clearLog();
    return { cleared: true };
  }
  if (is('GET', 'counters')) return emulator.counters();
  if (is('POST', 'faults')) {
    try {
      emulator.addFault(ruleFromJson(await readJson(req)));
    } catch (error) {
      if (error instanceof InspectionError) throw error;
      throw new InspectionError(400, (error as Error).message);
    }
    return { added: true };
  }
  if (is('DELETE', 'faults')) {
    emulator.clearFaults();
    return { cleared: true };
  }
  if (is('POST', 'clock')) {
    const body = (await readJson(req)) as { advanceMs?: unknown } | undefined;
    if (typeof body?.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) throw new InspectionError(400, 'advanceMs (a number) is required.');
    emulator.advanceClock(body.advanceMs);
    return { advancedMs: body.advanceMs };
  }
  if (is('POST', 'rate-limit')) {
    const body = (await readJson(req)) as { requests?: unknown; windowMs?: unknown } | false | undefined;
    if (body === false) {
      emulator.setRateLimit(false);
      return { rateLimit: false };
    }
    if (typeof body?.requests !== 'number' || typeof body.windowMs !== 'number' || body.requests < 0 || body.windowMs <= 0) {
      throw new InspectionError(400, 'Send {requests, windowMs} or false.');
    }
    const limit = { requests: body.requests, windowMs: body.windowMs };
    emulator.setRateLimit(limit);
    return { rateLimit: limit };
  }
  if (is('POST', 'tokens')) {
    const body = (await readJson(req)) as { token?: unknown; plan?: unknown; kind?: unknown } | undefined;
    if (typeof body?.token !== 'string' || body.token === '') throw new InspectionError(400, 'token (a string) is required.');
    if (body.kind !== undefined && body.kind !== 'integration' && body.kind !== 'pat') throw new InspectionError(400, 'kind must be "integration" or "pat".');
    emulator.addToken(body.token, asPlan(body.plan), body.kind);
    return { added: body.token };
  }
  if (is('DELETE', 'tokens', undefined)) {
    emulator.revokeToken(id);
    return { revoked: id };
  }
  throw new InspectionError(404, `No emulator route ${method} ${path}.`);
}

export async function handleInspection(req: IncomingMessage, res: ServerResponse, emulator: Emulator): Promise<void> {
  let status = 200;
  let payload: unknown;
  try {
    if (!isLoopback(req.socket.remoteAddress)) throw new InspectionError(403, 'The emulator control routes answer loopback only.');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    payload = await route(req.method ?? 'GET', url.pathname, req, emulator);
  } catch (error) {
    status = error instanceof InspectionError ? error.status : 500;
    payload = { error: (error as Error).message };
  }
  const text = JSON.stringify(payload ?? null);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
