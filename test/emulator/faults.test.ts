// Rate limits and injected faults: each kind fires as configured, from code and over /__emulator/faults.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { start, type Emulator } from './index';
import { expectError, RawApi } from './support/rawApi';

const MiB = 1024 * 1024;

describe('emulator rate limits and faults', () => {
  let emulator: Emulator;
  let api: RawApi;

  beforeEach(async () => {
    emulator = await start();
    api = new RawApi(emulator.url, emulator.token);
  });
  afterEach(async () => {
    await emulator.stop();
  });

  it('answers 429 rate_limited with Retry-After once a token spends its window, per token', async () => {
    emulator.setRateLimit({ requests: 3, windowMs: 2000 });
    for (let call = 0; call < 3; call += 1) assert.equal((await api.call('GET', '/v1/users/me')).status, 200);
    const limited = await api.call('GET', '/v1/users/me');
    expectError(limited, 429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 2, `Retry-After ${String(limited.headers['retry-after'])}`);
    assert.deepEqual(limited.json.additional_data, { retry_after: retryAfter, rate_limit_reason: 'public_api_request_rate_limit' });
    assert.equal(emulator.counters().rateLimited, 1);

    emulator.addToken('ntn_second');
    assert.equal((await api.call('GET', '/v1/users/me', { token: 'ntn_second' })).status, 200, 'budgets are per token');
    emulator.advanceClock(2000);
    assert.equal((await api.call('GET', '/v1/users/me')).status, 200, 'a new window restores the budget');
    emulator.setRateLimit(false);
    for (let call = 0; call < 10; call += 1) assert.equal((await api.call('GET', '/v1/users/me')).status, 200);
  });

  it('runs rate windows on real time even when the injected clock stands still', async () => {
    const frozen = await start({ now: () => Date.parse('2030-01-01T00:00:00Z'), rateLimit: { requests: 1, windowMs: 300 } });
    try {
      const frozenApi = new RawApi(frozen.url, frozen.token);
      assert.equal((await frozenApi.call('GET', '/v1/users/me')).status, 200);
      assert.equal((await frozenApi.call('GET', '/v1/users/me')).status, 429);
      await new Promise((resolve) => setTimeout(resolve, 350));
      assert.equal((await frozenApi.call('GET', '/v1/users/me')).status, 200);
    } finally {
      await frozen.stop();
    }
  });

  it('answers each injected status with its code, Retry-After only when asked', async () => {
    const cases = [
      { status: 500, code: 'internal_server_error' },
      { status: 502, code: 'bad_gateway' },
      { status: 503, code: 'service_unavailable' },
      { status: 504, code: 'gateway_timeout' },
      { status: 529, code: 'service_overload' },
    ] as const;
    for (const { status, code } of cases) {
      emulator.addFault({ call: 'usersMe', action: { kind: 'status', status } });
      const response = await api.call('GET', '/v1/users/me');
      assert.equal(response.status, status);
      assert.equal(response.json.code, code);
      assert.equal(response.headers['retry-after'], undefined);
      assert.equal(typeof response.json.request_id, 'string');
    }
    emulator.addFault({ call: 'retrieve', action: { kind: 'status', status: 429, retryAfterSeconds: 3 } });
    emulator.addFault({ call: 'list', action: { kind: 'status', status: 429 } });
    const id = (await api.create({ filename: 'a.txt' })).json.id as string;
    const withHeader = await api.retrieve(id);
    assert.equal(withHeader.status, 429);
    assert.equal(withHeader.headers['retry-after'], '3');
    assert.equal(withHeader.json.additional_data.retry_after, 3);
    const without = await api.call('GET', '/v1/file_uploads');
    assert.equal(without.status, 429);
    assert.equal(without.headers['retry-after'], undefined);
    assert.equal('retry_after' in without.json.additional_data, false);
    assert.equal(emulator.counters().rateLimited, 2);
    assert.equal(emulator.counters().faultsFired, 7);
    assert.equal((await api.call('GET', '/v1/users/me')).status, 200, 'each rule fired once');
  });

  it('answers 409 conflict_error on send without storing the part', async () => {
    emulator.addFault({ call: 'send', action: { kind: 'status', status: 409 } });
    const id = (await api.create({ filename: 'a.txt' })).json.id as string;
    const conflict = await api.send(id, { size: 1000 });
    expectError(conflict, 409, 'conflict_error', /.+/);
    assert.equal(emulator.upload(id)?.status, 'pending');
    assert.equal((await api.send(id, { size: 1000 })).json.status, 'uploaded');
  });

  it('fires on the n-th match for `times` matches', async () => {
    emulator.addFault({ call: 'usersMe', nth: 2, times: 2, action: { kind: 'status', status: 503 } });
    const statuses = [];
    for (let call = 0; call < 4; call += 1) statuses.push((await api.call('GET', '/v1/users/me')).status);
    assert.deepEqual(statuses, [200, 503, 503, 200]);
    emulator.addFault({ call: 'usersMe', times: Infinity, action: { kind: 'status', status: 502 } });
    for (let call = 0; call < 3; call += 1) assert.equal((await api.call('GET', '/v1/users/me')).status, 502);
    emulator.clearFaults();
    assert.equal((await api.call('GET', '/v1/users/me')).status, 200);
  });

  it('aims a fault at one part number, wherever part_number sits in the form', async () => {
    emulator.addFault({ call: 'send', partNumber: 2, times: 2, action: { kind: 'status', status: 500 } });
    const id = (await api.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 2 })).json.id as string;
    assert.equal((await api.send(id, { size: 5 * MiB, partNumber: '1' })).status, 200);
    assert.equal((await api.send(id, { size: 10, partNumber: '2' })).status, 500);
    assert.equal((await api.send(id, { size: 10, partNumber: '2', partNumberLast: true })).status, 500);
    assert.equal(emulator.upload(id)?.partsSent, 1, 'a faulted part is not stored');
    assert.equal((await api.send(id, { size: 10, partNumber: '2' })).status, 200);
    const log = emulator.requestLog().filter((entry) => entry.call === 'send');
    assert.deepEqual(log.map((entry) => [entry.partNumber, entry.status]), [[1, 200], [2, 500], [2, 500], [2, 200]]);
  });

  it('applies an append, then answers 503 saying it was saved', async () => {
    emulator.addFault({ call: 'append', action: { kind: 'appendSavedThen503' } });
    const id = await api.uploadedText();
    const response = await api.append(emulator.pageId, { children: [{ type: 'file', file: { type: 'file_upload', file_upload: { id } } }] });
    expectError(response, 503, 'service_unavailable', /.+/);
    assert.match(String(response.json.additional_data.retry_guidance), /saved.*not retry/i);
    assert.deepEqual(emulator.blocks(emulator.pageId).map((block) => block.uploadId), [id]);
    assert.equal((await api.retrieve(id)).json.expiry_time, null);
  });

  it('answers an append 200 with only some of its new blocks, saved or not', async () => {
    const [first, second] = [await api.uploadedText(), await api.uploadedText()];
    const children = [first, second].map((id) => ({ type: 'file', file: { type: 'file_upload', file_upload: { id } } }));
    emulator.addFault({ call: 'append', action: { kind: 'appendResultsDropped', saved: true, keep: 1 } });
    const saved = await api.append(emulator.pageId, { children });
    assert.equal(saved.status, 200);
    assert.deepEqual(saved.json.results.map((block: { id: string }) => block.id), [emulator.blocks(emulator.pageId)[0].id]);
    assert.deepEqual(emulator.blocks(emulator.pageId).map((block) => block.uploadId), [first, second]);

    const third = await api.uploadedText();
    emulator.addFault({ call: 'append', action: { kind: 'appendResultsDropped', saved: false } });
    const lost = await api.append(emulator.pageId, { children: [{ type: 'file', file: { type: 'file_upload', file_upload: { id: third } } }] });
    assert.deepEqual([lost.status, lost.json.object, lost.json.results], [200, 'list', []]);
    assert.equal(emulator.blocks(emulator.pageId).length, 2, 'nothing added');
    assert.notEqual((await api.retrieve(third)).json.expiry_time, null, 'the upload is not attached');
    assert.throws(() => emulator.addFault({ call: 'send', action: { kind: 'appendResultsDropped', saved: true } }), /append only/);
  });

  it('resets the connection after N body bytes: the client sees a socket error and nothing is stored', async () => {
    emulator.addFault({ call: 'send', action: { kind: 'resetAfterBytes', bytes: 256 * 1024 } });
    const id = (await api.create({ filename: 'a.txt' })).json.id as string;
    await assert.rejects(api.send(id, { size: 2 * MiB }), (error: Error & { code?: string }) => {
      assert.match(`${error.name} ${error.code ?? ''} ${error.message}`, /socket|ECONNRESET|EPIPE|closed/i);
      return true;
    });
    const entry = emulator.requestLog().find((logged) => logged.call === 'send');
    assert.equal(entry?.status, 0);
    assert.ok(entry && entry.bodyBytes <= 256 * 1024);
    assert.equal(emulator.upload(id)?.partsSent, 0);
    assert.equal((await api.send(id, { size: 2 * MiB })).json.status, 'uploaded');
  });

  it('delays the response and throttles the body', async () => {
    emulator.addFault({ call: 'usersMe', action: { kind: 'delay', ms: 400 } });
    let began = Date.now();
    assert.equal((await api.call('GET', '/v1/users/me')).status, 200);
    assert.ok(Date.now() - began >= 380, `delay held ${Date.now() - began} ms`);

    emulator.addFault({ call: 'send', action: { kind: 'throttle', bytesPerSecond: 512 * 1024 } });
    const id = (await api.create({ filename: 'a.txt' })).json.id as string;
    began = Date.now();
    assert.equal((await api.send(id, { size: 256 * 1024 })).json.status, 'uploaded');
    const took = Date.now() - began;
    assert.ok(took >= 400, `256 KiB at 512 KiB/s took ${took} ms`);
  });

  it('takes rules over HTTP, with times null meaning forever, and refuses malformed ones', async () => {
    const post = async (body: unknown): Promise<number> =>
      (await request(`${emulator.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).statusCode;
    assert.equal(await post({ call: 'usersMe', times: null, action: { kind: 'status', status: 504 } }), 200);
    for (let call = 0; call < 3; call += 1) assert.equal((await api.call('GET', '/v1/users/me')).status, 504);
    assert.equal((await request(`${emulator.url}/__emulator/faults`, { method: 'DELETE' })).statusCode, 200);
    assert.equal((await api.call('GET', '/v1/users/me')).status, 200);
    assert.equal(await post({ call: 'nothing', action: { kind: 'status', status: 500 } }), 400);
    assert.equal(await post({ call: 'usersMe', action: { kind: 'status', status: 418 } }), 400);
    assert.equal(await post({ call: 'retrieve', partNumber: 2, action: { kind: 'status', status: 500 } }), 400);
    assert.throws(() => emulator.addFault({ call: 'send', action: { kind: 'appendSavedThen503' } }), /append only/);
  });
});
