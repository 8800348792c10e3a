// The emulator from a shell: prints its URL and shared page, applies --plan/--rate/--fault, stops on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RawApi } from './support/rawApi';

function runCli(args: string[], options: { detached?: boolean } = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [join(__dirname, 'cli.js'), ...args], { stdio: 'pipe', detached: options.detached });
}

async function firstLines(child: ChildProcessWithoutNullStreams, count: number): Promise<string[]> {
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  for await (const line of reader) {
    lines.push(line);
    if (lines.length === count) break;
  }
  return lines;
}

describe('emulator CLI', () => {
  it('prints its options with --help and exits 0 without starting', async () => {
    const child = runCli(['--help']);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.match(output, /^Usage: npm run emulator -- \[options\]/);
    for (const option of ['--port', '--token', '--plan', '--page', '--rate', '--fault', '--help']) assert.ok(output.includes(option), option);
    assert.ok(!output.includes('listening'), 'nothing started');
  });

  it('prints its URL and shared page, serves with the given options, and stops on SIGTERM', async () => {
    const page = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const fault = JSON.stringify({ call: 'retrievePage', action: { kind: 'status', status: 503 } });
    const child = runCli(['--port', '0', '--token', 'ntn_cli', '--plan', 'free', '--page', page, '--rate', '5/60', '--fault', fault]);
    const exited = once(child, 'exit');
    try {
      const [listening, shared] = await firstLines(child, 2);
      const url = /^Notion emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(listening)?.[1];
      assert.ok(url, listening);
      assert.equal(shared, 'Shared page: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');

      const api = new RawApi(url, 'ntn_cli');
      assert.equal((await api.call('GET', '/v1/users/me')).json.bot.workspace_limits.max_file_upload_size_in_bytes, 5 * 1024 * 1024);
      assert.equal((await api.call('GET', `/v1/pages/${page}`)).status, 503);
      assert.equal((await api.call('GET', `/v1/pages/${page}`)).status, 200);
      for (let call = 0; call < 2; call += 1) await api.call('GET', '/v1/users/me');
      assert.equal((await api.call('GET', '/v1/users/me')).status, 429);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    assert.equal(code, 0);
  });

  it('with --tls serves HTTPS under a throwaway CA whose file it prints, and removes it on SIGTERM', async () => {
    const child = runCli(['--port', '0', '--tls']);
    const exited = once(child, 'exit');
    let caPath = '';
    try {
      const [listening, , caLine] = await firstLines(child, 3);
      const url = /^Notion emulator listening on (https:\/\/127\.0\.0\.1:\d+)$/.exec(listening)?.[1];
      assert.ok(url, listening);
      caPath = /^CA certificate: (.+)$/.exec(caLine)?.[1] ?? '';
      assert.ok(existsSync(caPath), caLine);
      const get = (ca?: string): Promise<number> => new Promise((resolve, reject) => {
        request(`${url}/v1/users/me`, { ca, headers: { authorization: 'Bearer ntn_emulator_token', 'notion-version': '2022-06-28' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end();
      });
      assert.equal(await get(readFileSync(caPath, 'utf8')), 200);
      await assert.rejects(get(), (error: NodeJS.ErrnoException) => error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    assert.equal(code, 0);
    assert.equal(existsSync(caPath), false);
  });

  it('with --nice runs every thread, libuv\'s and V8\'s too, at that lower CPU priority, and its own session\'s scheduling group', async function () {
    if (!existsSync('/proc/self/task')) this.skip();
    const child = runCli(['--port', '0', '--nice', '7'], { detached: true });
    const exited = once(child, 'exit');
    try {
      const lines = await firstLines(child, 3);
      assert.match(lines[0], /^Notion emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      // With autogroups on, each session shares the CPU as one group: the emulator, leading its own, lowers that too.
      const autogroups = readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
      assert.equal(lines[2], `CPU priority: nice 7${autogroups ? ', its session\'s scheduling group too' : ''}`);
      if (autogroups) assert.match(readFileSync(`/proc/${child.pid}/autogroup`, 'utf8'), /nice 7\n$/);
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (fields after the command's closing paren).
      const niceOf = (tid: string): number => Number(readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
      const threads = readdirSync(`/proc/${child.pid}/task`);
      assert.ok(threads.length > 1, `only ${threads.length} thread`);
      assert.deepEqual(threads.map(niceOf), threads.map(() => 7));
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await exited;
    assert.equal(code, 0);
  });

  it('with --nice from a shell\'s session leaves that session\'s scheduling group alone', async function () {
    if (!existsSync('/proc/self/autogroup')) this.skip();
    const before = readFileSync('/proc/self/autogroup', 'utf8');
    const child = runCli(['--port', '0', '--nice', '7']);
    const exited = once(child, 'exit');
    try {
      const lines = await firstLines(child, 3);
      assert.equal(lines[2], 'CPU priority: nice 7');
      assert.equal(readFileSync('/proc/self/autogroup', 'utf8'), before);
    } finally {
      child.kill('SIGTERM');
    }
    await exited;
  });

  it('refuses a bad option with exit code 2', async () => {
    const child = runCli(['--plan', 'gold']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(stderr, /--plan wants free or paid/);
  });
});
