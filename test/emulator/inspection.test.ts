// The /__emulator/ inspection and control routes, as a benchmark or extension host in another process uses them.
import assert from 'node:assert/strict';
import { request } from 'undici';
import { start, type Emulator } from './index';
import { RawApi } from './support/rawApi';

describe('emulator inspection over HTTP', () => {
  let emulator: Emulator;
  let api: RawApi;

  async function control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const response = await request(`${emulator.url}/__emulator${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
    });
    return { status: response.statusCode, json: await response.body.json() };
  }

  beforeEach(async () => {
    emulator = await start();
    api = new RawApi(emulator.url, emulator.token);
  });
  afterEach(async () => {
    await emulator.stop();
  });

  it('reads uploads with their sha256, page blocks, the log and the counters', async () => {
    const id = await api.uploadedText(1000);
    const uploads = await control('GET', '/uploads');
    assert.deepEqual(uploads.json, emulator.uploads());
    const one = await control('GET', `/uploads/${id.replace(/-/g, '')}`);
    assert.equal(one.json.sha256, emulator.upload(id)?.sha256);
    assert.match(one.json.sha256, /^[0-9a-f]{64}$/);
    assert.equal(one.json.size, 1000);
    assert.equal((await control('GET', '/uploads/00000000-0000-0000-0000-000000000000')).status, 404);

    await api.append(emulator.pageId, { children: [{ type: 'file', file: { type: 'file_upload', file_upload: { id }, name: 'n' } }] });
    const blocks = await control('GET', `/pages/${emulator.pageId}/blocks`);
    assert.deepEqual(blocks.json.map((block: { type: string; uploadId: string; name: string }) => [block.type, block.uploadId, block.name]), [['file', id, 'n']]);

    const log = await control('GET', '/log');
    assert.deepEqual(log.json.map((entry: { call: string; status: number }) => [entry.call, entry.status]), [['create', 200], ['send', 200], ['append', 200]]);
    assert.ok(log.json[1].bodyBytes > 1000);
    const counters = await control('GET', '/counters');
    assert.equal(counters.json.requests, 3);
    assert.ok(counters.json.bytesReceived > 1000);
    assert.equal((await control('DELETE', '/log')).status, 200);
    assert.deepEqual((await control('GET', '/log')).json, []);
  });

  it('adds pages and tokens, revokes tokens, moves the clock and sets the rate limit', async () => {
    const created = await control('POST', '/pages', { title: 'Bench target', sharedWith: ['ntn_bench'] });
    assert.equal((await control('POST', '/tokens', { token: 'ntn_bench', plan: 'free' })).status, 200);
    const bench = new RawApi(emulator.url, 'ntn_bench');
    assert.equal((await bench.call('GET', `/v1/pages/${created.json.id}`)).status, 200);
    assert.equal((await api.call('GET', `/v1/pages/${created.json.id}`)).status, 404);
    assert.equal((await bench.call('GET', '/v1/users/me')).json.bot.workspace_limits.max_file_upload_size_in_bytes, 5 * 1024 * 1024);

    const pending = (await bench.create({ filename: 'a.txt' })).json.id as string;
    assert.equal((await control('POST', '/clock', { advanceMs: 60 * 60 * 1000 })).status, 200);
    assert.equal((await bench.retrieve(pending)).json.status, 'expired');

    assert.equal((await control('POST', '/rate-limit', { requests: 1, windowMs: 60_000 })).status, 200);
    assert.equal((await bench.call('GET', '/v1/users/me')).status, 200);
    assert.equal((await bench.call('GET', '/v1/users/me')).status, 429);
    assert.equal((await control('POST', '/rate-limit', false)).status, 200);
    assert.equal((await bench.call('GET', '/v1/users/me')).status, 200);

    assert.equal((await control('DELETE', '/tokens/ntn_bench')).status, 200);
    assert.equal((await bench.call('GET', '/v1/users/me')).status, 401);
    assert.equal((await control('POST', '/pages', { sharedWith: [] })).status, 400);
    assert.equal((await control('GET', '/nothing')).status, 404);
  });
});
