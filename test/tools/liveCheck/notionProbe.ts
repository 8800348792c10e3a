// The live check's own HTTP calls: raw requests with no retries and no interpretation, so what it prints is what the
// server answered, not what our client made of it.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { request } from 'undici';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

export interface ProbeTarget {
  apiBase: string;
  token: string;
  pageId: string;
  notionVersion: string;
}

export class NotionProbe {
  /** Blocks this run made, removed again at the end. */
  readonly madeBlocks: string[] = [];

  constructor(readonly target: ProbeTarget) {}

  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown, options: { version?: string } = {}): Promise<Answer> {
    return this.send(method, path, json === undefined ? undefined : JSON.stringify(json), json === undefined ? undefined : 'application/json', options.version);
  }

  /** Sends `bytes` (or a slow stream of them) to an upload as the `file` part of a form. */
  async sendFile(uploadId: string, fileName: string, contentType: string, bytes: Buffer | { size: number; overMs: number }, partNumber?: number): Promise<Answer> {
    const boundary = `----live-check-${randomBytes(8).toString('hex')}`;
    const fields = partNumber === undefined ? '' : `--${boundary}\r\nContent-Disposition: form-data; name="part_number"\r\n\r\n${partNumber}\r\n`;
    const head = Buffer.from(`${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const size = Buffer.isBuffer(bytes) ? bytes.length : bytes.size;
    const body = Buffer.isBuffer(bytes) ? Buffer.concat([head, bytes, tail]) : Readable.from(slowBytes(head, bytes.size, bytes.overMs, tail));
    return this.send('POST', `/v1/file_uploads/${uploadId}/send`, body, `multipart/form-data; boundary=${boundary}`, undefined, head.length + size + tail.length);
  }

  /** Appends one block at the end of the page and remembers it for removal. */
  async append(block: Record<string, unknown>, options: { version?: string; withPosition?: boolean } = {}): Promise<Answer> {
    const body: Record<string, unknown> = { children: [block] };
    if (options.withPosition !== false) body.position = { type: 'end' };
    const answer = await this.call('PATCH', `/v1/blocks/${this.target.pageId}/children`, body, { version: options.version });
    const results = Array.isArray(answer.body.results) ? (answer.body.results as Array<{ id?: unknown }>) : [];
    for (const made of results) if (typeof made.id === 'string') this.madeBlocks.push(made.id);
    return answer;
  }

  /** Creates an upload, sends it whole, and says what Notion made of it. */
  async uploadSmall(fileName: string, contentType: string, bytes: Buffer): Promise<{ create: Answer; send?: Answer; uploadId?: string }> {
    const create = await this.call('POST', '/v1/file_uploads', { mode: 'single_part', filename: fileName, content_type: contentType });
    const uploadId = typeof create.body.id === 'string' ? create.body.id : undefined;
    if (create.status !== 200 || !uploadId) return { create };
    return { create, send: await this.sendFile(uploadId, fileName, contentType, bytes), uploadId };
  }

  async removeMadeBlocks(): Promise<{ removed: number; failed: number }> {
    let removed = 0;
    let failed = 0;
    for (const id of this.madeBlocks.splice(0)) {
      const answer = await this.call('DELETE', `/v1/blocks/${id}`).catch(() => undefined);
      if (answer?.status === 200) removed++;
      else failed++;
    }
    return { removed, failed };
  }

  private async send(method: string, path: string, body: string | Buffer | Readable | undefined, contentType: string | undefined, version?: string,
    contentLength?: number): Promise<Answer> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.target.token}`,
      'notion-version': version ?? this.target.notionVersion,
      accept: 'application/json',
    };
    if (contentType) headers['content-type'] = contentType;
    if (contentLength !== undefined) headers['content-length'] = String(contentLength);
    const url = new URL(this.target.apiBase.replace(/\/+$/, '') + path);
    const started = performance.now();
    const response = await request(url, { method: method as 'GET', headers, body, headersTimeout: 180_000, bodyTimeout: 180_000, maxRedirections: 0 } as Parameters<typeof request>[1]);
    const text = await response.body.text();
    let parsed: Record<string, unknown> = {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object') parsed = value as Record<string, unknown>;
    } catch {
      parsed = { unparsed: text.slice(0, 200) };
    }
    return { status: response.statusCode, body: parsed, ms: Math.round(performance.now() - started) };
  }
}

async function* slowBytes(head: Buffer, size: number, overMs: number, tail: Buffer): AsyncGenerator<Buffer> {
  yield head;
  const steps = 20;
  const step = Math.ceil(size / steps);
  for (let sent = 0; sent < size; sent += step) {
    await new Promise((resolve) => setTimeout(resolve, overMs / steps));
    yield randomBytes(Math.min(step, size - sent));
  }
  yield tail;
}

/** What an answer says in one short cell: the status and Notion's code, or the field asked for. */
export function answerCell(answer: Answer | undefined): string {
  if (!answer) return 'not reached';
  if (answer.status === 200) return '200';
  return `${answer.status} ${String(answer.body.code ?? '')}`.trim();
}
