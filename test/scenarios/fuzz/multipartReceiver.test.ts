import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { start, type Emulator } from '../../emulator/index';
import { RawApi } from '../../emulator/support/rawApi';
import { FuzzRandom, fuzzBudgetMs, fuzzSeed } from './support/fuzzInput';

type Outcome = { kind: 'answered'; status: number } | { kind: 'closed' } | { kind: 'hung' };

const ANSWER_TIMEOUT_MS = 5000;

/**
 * Sends raw bytes as one HTTP request and waits for a status line, a closed socket, or the timeout. A client that
 * announced more body than it sends hangs up at once (as a dropped client would); any other keeps its side open
 * (Node's server drops a half-closed connection without answering, and real clients do not half-close).
 */
function rawRequest(port: number, head: string, body: Buffer, hangUp: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'hung' }), ANSWER_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (status) finish({ kind: 'answered', status: Number(status[1]) });
    });
    socket.on('error', () => finish({ kind: 'closed' }));
    socket.on('close', () => finish({ kind: 'closed' }));
    socket.write(head, 'latin1');
    socket.write(body);
    if (hangUp) socket.end();
  });
}

/** One malformed (or, now and then, valid) multipart send: the request head and body. */
function fuzzedSend(rng: FuzzRandom, path: string, token: string): { head: string; body: Buffer; hangUp: boolean } {
  const boundary = rng.pick(['fuzzBoundary', `----${rng.int(0, 1e9)}`, '', ' spaced boundary ', 'x'.repeat(rng.int(60, 300)), '"quoted"', 'bound\u00e9ry']);
  const partHead = (name: string, extra = ''): string => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n`;
  let body: Buffer = Buffer.concat([
    Buffer.from(rng.chance(0.8) ? `${partHead('part_number')}\r\n${rng.pick(['1', '1000', '0', '-1', '1e3', ' 7 ', rng.text(5)])}\r\n` : ''),
    Buffer.from(`${partHead('file', rng.chance(0.8) ? `; filename="${rng.pick(['a.txt', 'b.png', '', rng.text(20)])}"` : '')}`
      + `${rng.chance(0.8) ? `Content-Type: ${rng.pick(['text/plain', 'image/png', 'application/octet-stream', rng.text(12)])}\r\n` : ''}\r\n`),
    rng.chance(0.5) ? rng.bytes(rng.int(0, 2048)) : Buffer.from(rng.text(rng.int(0, 512))),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  switch (rng.int(0, 6)) {
    case 0: // flip bytes
      for (let flips = rng.int(1, 8); flips > 0 && body.length > 0; flips--) body[rng.int(0, body.length - 1)] = rng.int(0, 255);
      break;
    case 1: // cut short
      body = body.subarray(0, rng.int(0, body.length));
      break;
    case 2: // a stray boundary line in the middle
      body = Buffer.concat([body.subarray(0, body.length >> 1), Buffer.from(`\r\n--${boundary}\r\n`), body.subarray(body.length >> 1)]);
      break;
    case 3: // nothing but noise
      body = rng.bytes(rng.int(0, 4096));
      break;
    case 4: // more fields than the parser takes
      body = Buffer.concat([...Array.from({ length: rng.int(20, 80) }, (_, i) => Buffer.from(`${partHead(`f${i}`)}\r\n${rng.text(10)}\r\n`)), body]);
      break;
    default: // left valid
  }
  const contentType = rng.pick([
    `multipart/form-data; boundary=${boundary}`, 'multipart/form-data', 'multipart/form-data; boundary=', `multipart/mixed; boundary=${boundary}`,
    `multipart/form-data; boundary="${boundary}"; charset=${rng.text(6)}`, rng.text(30), 'application/json',
  ]);
  const declared = rng.pick(['exact', 'exact', 'exact', 'longer', 'shorter', 'chunked']);
  let framing: string;
  if (declared === 'chunked') {
    framing = 'Transfer-Encoding: chunked\r\n';
    body = rng.chance(0.5) ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : Buffer.concat([Buffer.from(`${rng.text(4)}\r\n`), body]);
  } else {
    const length = declared === 'exact' ? body.length : declared === 'longer' ? body.length + rng.int(1, 5000) : rng.int(0, body.length);
    framing = `Content-Length: ${length}\r\n`;
  }
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nNotion-Version: 2026-03-11\r\n`
    + `Content-Type: ${contentType.replace(/[\r\n]/g, ' ')}\r\n${framing}Connection: close\r\n\r\n`;
  return { head, body, hangUp: declared === 'longer' || (declared === 'chunked' && rng.chance(0.5)) };
}

describe('fuzz: the emulator\'s multipart receiver', function () {
  let emulator: Emulator;
  let api: RawApi;
  const emulatorErrors: unknown[][] = [];
  const originalConsoleError = console.error;

  before(async () => {
    // A body that stops coming is answered 503 at the request limit, as Notion does after 60 s; lowered to fit the
    // fuzzer's wait for an answer.
    emulator = await start({ rateLimit: false, requestLimitMs: 3000 });
    api = new RawApi(emulator.url, emulator.token);
    console.error = (...args: unknown[]) => emulatorErrors.push(args);
  });
  after(async () => {
    console.error = originalConsoleError;
    await emulator.stop();
  });

  it('answers or closes every random and malformed send within 5 s, never errs inside, and keeps serving valid uploads', async () => {
    const seed = fuzzSeed();
    console.log(`      seed ${seed} (FUZZ_SEED=${seed} repeats this run)`);
    const rng = new FuzzRandom(seed);
    const port = Number(new URL(emulator.url).port);
    const multiPart = (await api.create({ mode: 'multi_part', filename: 'fuzz.txt', content_type: 'text/plain', number_of_parts: 1000 })).json.id as string;
    let singlePart = (await api.create({ filename: 'fuzz.txt', content_type: 'text/plain' })).json.id as string;
    const outcomes = new Map<string, number>();
    const deadline = Date.now() + fuzzBudgetMs();
    let requests = 0;
    while (Date.now() < deadline) {
      const target = rng.pick([multiPart, singlePart, singlePart, 'not-an-id']);
      const { head, body, hangUp } = fuzzedSend(rng, `/v1/file_uploads/${target}/send`, emulator.token);
      const outcome = await rawRequest(port, head, body, hangUp);
      requests += 1;
      const key = outcome.kind === 'answered' ? String(outcome.status) : outcome.kind;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      assert.notEqual(outcome.kind, 'hung', `seed ${seed}, request ${requests} got no answer:\n${head}`);
      assert.ok(outcome.kind !== 'answered' || outcome.status < 500 || outcome.status === 503, `seed ${seed}, request ${requests}: ${outcome.kind === 'answered' ? outcome.status : ''}\n${head}`);
      if (emulator.upload(singlePart)?.status !== 'pending') singlePart = (await api.create({ filename: 'fuzz.txt', content_type: 'text/plain' })).json.id as string;
      if (requests % 50 === 0) assert.equal(emulator.upload(await api.uploadedText(100))?.status, 'uploaded', `seed ${seed}: a valid upload after ${requests} fuzzed ones`);
    }
    const valid = await api.uploadedText(4096);
    assert.equal(emulator.upload(valid)?.status, 'uploaded');
    assert.deepEqual(emulatorErrors, [], `seed ${seed}: the emulator logged unexpected errors`);
    console.log(`      seed ${seed}: ${requests} fuzzed sends -> ${[...outcomes].sort().map(([key, count]) => `${key} x${count}`).join(', ')}`);
    assert.ok(requests >= 20, `only ${requests} requests in the time budget`);
  });

  /** A fixed input found by the fuzzer, sent as a /send with boundary fuzzBoundary. */
  function sendForm(target: string, body: Buffer): Promise<Outcome> {
    const head = `POST /v1/file_uploads/${target}/send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${emulator.token}\r\n`
      + `Notion-Version: 2026-03-11\r\nContent-Type: multipart/form-data; boundary=fuzzBoundary\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    return rawRequest(Number(new URL(emulator.url).port), head, body, false);
  }

  it('answers a form whose closing boundary is broken inside the file part (found by seed 3622052681): 400, not a hang', async () => {
    const target = (await api.create({ mode: 'multi_part', filename: 'cut.txt', content_type: 'text/plain', number_of_parts: 2 })).json.id as string;
    const body = Buffer.from('--fuzzBoundary\r\nCon\u00f6ent-Disposition: form-data; name="part_number"\r\n\r\n-1\r\n'
      + '--fuzzBoundary\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n'
      + '\u00f0;@\u00f0{>,0n\\}"\\aD6H:\r\n--fuz\u001aBoundary--\r\n', 'latin1');
    const outcome = await sendForm(target, body);
    assert.deepEqual(outcome.kind === 'answered' ? outcome.status : outcome.kind, 400);
    assert.equal(emulator.upload(target)?.partsSent, 0);
  });

  it('answers a send without a boundary whose announced chunk never fully comes (found by seed 3272588876): 400 within seconds', async () => {
    const target = (await api.create({ filename: 'stalled.txt', content_type: 'text/plain' })).json.id as string;
    const head = `POST /v1/file_uploads/${target}/send HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${emulator.token}\r\n`
      + 'Notion-Version: 2026-03-11\r\nContent-Type: multipart/form-data\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
    // A chunk of 0x15B0 bytes is announced and 600 sent; the client then waits without closing.
    const body = Buffer.concat([Buffer.from('15B0\r\n'), Buffer.alloc(600, 'x')]);
    const outcome = await rawRequest(Number(new URL(emulator.url).port), head, body, false);
    assert.deepEqual(outcome.kind === 'answered' ? outcome.status : outcome.kind, 400);
    assert.equal(emulator.upload(target)?.status, 'pending');
  });

  it('answers a form whose second file part is cut off by a broken closing boundary (found by seed 2634776965): 400, nothing thrown', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown): number => uncaught.push(error);
    process.prependListener('uncaughtException', record);
    try {
      const target = (await api.create({ filename: 'cut.png', content_type: 'image/png' })).json.id as string;
      const body = Buffer.from('--fuzzBoundary\r\nContent-Disposition: form-data; name="part_number"\r\n\r\n1\r\n'
        + '--fuzzBoundary\r\nContent-Disposition: form-data; name="fi\u00e4e"; filename="b.png"\r\nContent-Type: image/png\r\n\r\n'
        + '};u,\\]]^}\\0}B\r\n--fuzzBoRndary--\r\n', 'latin1');
      const outcome = await sendForm(target, body);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(outcome.kind === 'answered' ? outcome.status : outcome.kind, 400);
      assert.deepEqual(uncaught.map(String), [], 'the emulator threw outside any handler');
      assert.equal(emulator.upload(target)?.status, 'pending');
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
