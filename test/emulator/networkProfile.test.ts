// The emulator's network profile: a round trip added to every answer and one receive link shared by all request
// bodies. Only lower bounds are checked (a busy machine makes requests slower, never faster), so these cannot flake
// under load; how fast anything is stays the benchmark's business.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { start, type Emulator } from './index';
import { LinkSchedule } from './networkProfile';
import { RawApi } from './support/rawApi';

async function elapsedMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('emulator network profile', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('queues bytes on the link in arrival order, and an idle link catches up on at most its allowance', () => {
    const link = new LinkSchedule(10, 50);
    assert.equal(link.reserve(1000, 100), 150);
    assert.equal(link.reserve(100, 100), 160);
    assert.equal(link.reserve(50, 155), 165);
    // Idle from 165 to 300: only 50 ms of it can be caught up on.
    assert.equal(link.reserve(100, 300), 260);
    assert.equal(link.reserve(1000, 300), 360);
  });

  it('holds every /v1/ answer, refusals included, for the added latency', async () => {
    emulator = await start({ token: 'ntn_net', network: { latencyMs: 200 } });
    const api = new RawApi(emulator.url, 'ntn_net');
    // Timers may fire a millisecond early; the allowance covers that, not load.
    assert.ok((await elapsedMs(() => api.call('GET', '/v1/users/me'))) >= 195);
    assert.ok((await elapsedMs(() => api.call('GET', '/v1/users/me', { token: 'ntn_wrong' }))) >= 195);
  });

  it('caps the receive bandwidth of all connections together, and the bytes arrive whole', async () => {
    // 16 Mbit/s is 2,000,000 bytes a second: two bodies of 1,000,000 bytes sent at once need a second together, less the link's 50 ms catch-up allowance (a cap
    // per connection would let them finish in half that).
    emulator = await start({ token: 'ntn_net', network: { bandwidthMbit: 16 } });
    const api = new RawApi(emulator.url, 'ntn_net');
    const ids = await Promise.all([1, 2].map(async () => (await api.create({ filename: 'a.txt', content_type: 'text/plain' })).json.id as string));
    const size = 1_000_000;
    let statuses: number[] = [];
    const took = await elapsedMs(async () => {
      statuses = await Promise.all(ids.map(async (id) => (await api.send(id, { size, filename: 'a.txt' })).status));
    });
    assert.deepEqual(statuses, [200, 200]);
    assert.ok(took >= 900, `two 1 MB bodies crossed a 2 MB/s link in ${took.toFixed(0)} ms`);
    for (const id of ids) assert.deepEqual([emulator.upload(id)?.status, emulator.upload(id)?.size], ['uploaded', size]);
  });

  it('takes the profile from the command line and refuses a bad one with exit code 2', async () => {
    const cli = join(__dirname, 'cli.js');
    const child = spawn(process.execPath, [cli, '--port', '0', '--token', 'ntn_net', '--latency', '150', '--bandwidth-mbit', '100'], { stdio: 'pipe' });
    try {
      const lines: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) if (lines.push(line) === 3) break;
      assert.equal(lines[2], 'Network profile: 150 ms added per request, 100 Mbit/s received');
      const url = /(http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])?.[1];
      assert.ok(url, lines[0]);
      assert.ok((await elapsedMs(() => new RawApi(url, 'ntn_net').call('GET', '/v1/users/me'))) >= 145);
    } finally {
      child.kill('SIGTERM');
    }
    const bad = spawn(process.execPath, [cli, '--bandwidth-mbit', '0'], { stdio: 'pipe' });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(bad, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /bandwidth wants megabits per second > 0, got 0/);
  });
});
