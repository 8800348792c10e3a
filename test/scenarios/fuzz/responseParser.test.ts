import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import { NotionApiError, NotionClient, NotionNetworkError, RequestRateLimiter, UploadFailure } from '../../../src/core';
import { errorFromResponse, parseJsonResponse } from '../../../src/core/notion/responseBody';
import { FuzzRandom, fuzzBudgetMs, fuzzSeed } from './support/fuzzInput';

const typed = (error: unknown): boolean => error instanceof NotionApiError || error instanceof NotionNetworkError || error instanceof UploadFailure;

/** A body that is sometimes JSON of the right shape, sometimes nearly, sometimes not at all. */
function fuzzedBody(rng: FuzzRandom): string {
  const good = [
    { object: 'user', id: 'u', bot: { workspace_limits: { max_file_upload_size_in_bytes: rng.pick([1, -1, 1e308, '5', null]) } } },
    { object: 'file_upload', id: rng.pick(['0d8f4a4e-5f1c-4e35-8f8e-6a1f0b7c2d3e', '', 7, null]), status: rng.pick(['pending', 'uploaded', 3]), number_of_parts: rng.pick([{ total: 2, sent: 'x' }, [], null]) },
    { object: 'list', results: rng.pick([[{ id: 1, type: {} }], [null, 'x', 3], {}, null]), has_more: rng.pick([true, 'yes']), next_cursor: rng.pick([null, 5, 'c']) },
    { object: 'page', id: 'p', properties: rng.pick([{ t: { type: 'title', title: 'not-an-array' } }, { t: { type: 'title', title: [{ plain_text: 9 }] } }, null]) },
    { object: 'error', status: 429, code: rng.pick(['rate_limited', 7, null]), message: rng.pick(['m', {}, null]), additional_data: rng.pick([{ retry_after: 'x' }, { retry_guidance: ['saved'] }, 5]) },
  ];
  const text = JSON.stringify(rng.pick(good));
  switch (rng.int(0, 6)) {
    case 0: return text;
    case 1: return text.slice(0, rng.int(0, text.length));
    case 2: return `<html><title>${rng.text(rng.int(0, 300))}</title>`;
    case 3: return rng.text(rng.int(0, 400));
    case 4: return rng.pick(['null', '[]', '"s"', '1e999', 'true', '{"__proto__":{"polluted":1}}', '{"a":' + '['.repeat(5000)]);
    case 5: return text.replace(/[{}[\]":,]/, () => rng.text(1));
    default: return '';
  }
}

/** A whole HTTP response, sometimes well-framed, sometimes broken in its status line, headers or framing. */
function fuzzedResponse(rng: FuzzRandom): string {
  const body = fuzzedBody(rng);
  const status = rng.pick([200, 200, 201, 204, 299, 301, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504, 529, 599, rng.int(100, 999)]);
  const headers = [
    rng.chance(0.8) ? `Content-Type: ${rng.pick(['application/json', 'text/html', 'text/plain', rng.text(10)])}` : '',
    rng.chance(0.3) ? `Retry-After: ${rng.pick(['0', '-1', 'soon', '1e9', rng.text(5)])}` : '',
    rng.chance(0.5) ? `x-notion-request-id: ${rng.text(rng.int(0, 40))}` : '',
    rng.chance(0.1) ? rng.text(20) : '',
  ].filter(Boolean).map((line) => line.replace(/[\r\n]/g, ' '));
  const length = Buffer.byteLength(body);
  const framing = rng.pick([`Content-Length: ${length}`, `Content-Length: ${length}`, `Content-Length: ${length + rng.int(1, 50)}`, `Content-Length: ${rng.int(0, length)}`, 'Transfer-Encoding: chunked', '']);
  const framedBody = framing === 'Transfer-Encoding: chunked' ? `${length.toString(16)}\r\n${body}\r\n0\r\n\r\n` : body;
  const statusLine = rng.chance(0.95) ? `HTTP/1.1 ${status} ${rng.pick(['OK', '', rng.text(8).replace(/[\r\n]/g, ' ')])}` : rng.text(15);
  return `${statusLine}\r\n${[...headers, framing, 'Connection: close'].filter(Boolean).join('\r\n')}\r\n\r\n${framedBody}`;
}

describe('fuzz: the client\'s response parser', function () {
  it('parseJsonResponse throws only NotionApiError, and errorFromResponse always returns one, for random bodies and headers', () => {
    const seed = fuzzSeed();
    const rng = new FuzzRandom(seed);
    const deadline = Date.now() + Math.min(1000, fuzzBudgetMs());
    let cases = 0;
    while (Date.now() < deadline) {
      const body = fuzzedBody(rng);
      const status = rng.int(100, 999);
      const contentType = rng.pick([undefined, 'application/json', 'text/html; charset=utf-8', rng.text(8)]);
      const retryAfter = rng.pick([undefined, '3', 'x', '-4', rng.text(3)]);
      try {
        const parsed = parseJsonResponse(body, status, contentType, rng.text(5));
        assert.ok(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed));
      } catch (error) {
        assert.ok(error instanceof NotionApiError && error.code === 'invalid_response', `seed ${seed}: ${String(error)} for ${JSON.stringify(body).slice(0, 200)}`);
      }
      const error = errorFromResponse(status, body, { contentType, retryAfter, requestId: rng.text(4) });
      assert.ok(error instanceof NotionApiError && typeof error.message === 'string' && typeof error.hint === 'string' && typeof error.code === 'string', `seed ${seed}`);
      cases += 1;
    }
    console.log(`      seed ${seed}: ${cases} bodies parsed`);
  });

  describe('over HTTP, every call of the client against a server that answers random bytes', () => {
    let server: Server;
    let base = '';
    let nextResponse = '';
    const sockets = new Set<Socket>();
    before(async () => {
      server = createServer((socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
        socket.once('data', () => socket.end(nextResponse, 'latin1'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('resolves with a usable result or rejects with a typed error, and never hangs', async () => {
      const seed = fuzzSeed();
      const rng = new FuzzRandom(seed);
      // One attempt per call (no backoff sleeps), a budget that never waits, a short timeout for silent answers.
      const client = new NotionClient({
        token: 'ntn_fuzzTokenAbcdefghij1234567890', apiBase: base, requestTimeoutMs: 1000,
        retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRateLimitedWaitMs: 0 }, rateLimiter: new RequestRateLimiter(1_000_000, 60_000, 0),
      });
      const id = '0d8f4a4e-5f1c-4e35-8f8e-6a1f0b7c2d3e';
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['usersMe', () => client.usersMe()],
        ['searchPages', () => client.searchPages('q')],
        ['retrievePage', () => client.retrievePage(id)],
        ['createFileUpload', () => client.createFileUpload({ mode: 'single_part', filename: 'a.png', contentType: 'image/png' })],
        ['retrieveFileUpload', () => client.retrieveFileUpload(id)],
        ['completeFileUpload', () => client.completeFileUpload(id)],
        ['listBlockChildren', () => client.listBlockChildren(id)],
        ['appendBlockChildren', () => client.appendBlockChildren(id, [{ type: 'paragraph' }], { findExisting: async () => undefined })],
        ['sendFileUpload', () => client.sendFileUpload(id, () => ({ chunks: (async function* () { yield Buffer.from('x'); })(), contentType: 'multipart/form-data; boundary=b', contentLength: 1 }), { partNumber: 1 })],
      ];
      const outcomes = new Map<string, number>();
      const deadline = Date.now() + fuzzBudgetMs();
      let requests = 0;
      try {
        while (Date.now() < deadline) {
          nextResponse = fuzzedResponse(rng);
          const [name, call] = rng.pick(calls);
          let outcome: string;
          const hang = new Promise<string>((resolve) => setTimeout(() => resolve('hung'), 5000).unref());
          outcome = await Promise.race([hang, call().then((value) => (typeof value === 'object' && value !== null ? 'resolved' : `unusable ${String(value)}`), (error: unknown) => (typed(error) ? (error as Error).name : `untyped ${String(error)} ${(error as Error)?.stack}`))]);
          requests += 1;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          assert.ok(outcome === 'resolved' || outcome === 'NotionApiError' || outcome === 'NotionNetworkError' || outcome === 'UploadFailure',
            `seed ${seed}, request ${requests} (${name}): ${outcome}\n${JSON.stringify(nextResponse).slice(0, 400)}`);
        }
      } finally {
        await client.close();
      }
      console.log(`      seed ${seed}: ${requests} calls -> ${[...outcomes].map(([key, count]) => `${key} x${count}`).join(', ')}`);
      assert.ok(requests >= 20, `only ${requests} calls in the time budget`);
    });
  });
});
