// A proxy that never opens the tunnel: it closes each CONNECT at once, or never answers it. undici keeps such a request
// queued (connecting again at once when the proxy closes), deaf to its signal; the CLI must still stop at the request
// timeout, and at Ctrl-C, instead of waiting for a connection that never comes.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRandomFile } from '../../core/support/randomFile';
import { finish, jsonReports, launch, runCli } from '../../support/cliProcess';
import { waitFor } from '../../support/waitFor';

const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const TOKEN = 'ntn_proxyTunnelAbcdefghij1234567890';

describe('hostile proxies: a CONNECT that never becomes a tunnel', function () {
  let dir: string;
  let file: string;
  const proxies: Array<{ server: Server; sockets: Set<Socket>; url: string; connects: number }> = [];

  /** A proxy on 127.0.0.1 that reads each request and then closes the connection, or holds it without a word. */
  const startProxy = async (behaviour: 'close' | 'silent') => {
    const proxy = { server: createServer(), sockets: new Set<Socket>(), url: '', connects: 0 };
    proxy.server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.once('data', () => {
        proxy.connects += 1;
        if (behaviour === 'close') socket.destroy();
      });
    });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address() as { port: number };
    proxy.url = `http://127.0.0.1:${address.port}`;
    proxies.push(proxy);
    return proxy;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-proxy-tunnel-'));
    file = (await writeRandomFile(dir, 'tunnel.pdf', 1500)).path;
  });
  after(async () => {
    for (const proxy of proxies) {
      for (const socket of proxy.sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
    }
    await rm(dir, { recursive: true, force: true });
  });

  // The API base is never reached: every request goes to the proxy, which names it in its CONNECT.
  const args = (proxy: { url: string }) => ({
    args: [file, '--page', PAGE, '--api-base', 'http://127.0.0.1:9', '--json', '--timeout', '1'],
    env: { NOTION_TOKEN: TOKEN, HTTP_PROXY: proxy.url },
  });

  for (const behaviour of ['close', 'silent'] as const) {
    it(`a proxy that ${behaviour === 'close' ? 'closes each CONNECT' : 'never answers a CONNECT'}: Ctrl-C ends the run within two seconds, a cancelled line, exit 130`, async () => {
      const proxy = await startProxy(behaviour);
      const { args: cliArgs, env } = args(proxy);
      const child = launch(cliArgs, env, dir);
      const run = finish(child, 30_000);
      await waitFor('the CONNECT to arrive', () => proxy.connects >= 1, 10_000);
      const interruptedAt = Date.now();
      child.kill('SIGINT');
      const result = await run;
      const ms = Date.now() - interruptedAt;
      assert.ok(!result.timedOut && ms < 2000, `the CLI exited ${ms} ms after SIGINT (killed: ${result.timedOut}):\n${result.stderr}`);
      assert.equal(result.code, 130, result.stderr);
      assert.deepEqual(jsonReports(result).map((report) => [report.state, report.error?.code]), [['cancelled', 'interrupted']]);
    });
  }

  it('a proxy that never answers a CONNECT: the run ends by itself with the request timeout, a failed line naming the proxy, exit 1', async () => {
    const proxy = await startProxy('silent');
    const result = await runCli({ ...args(proxy), cwd: dir, timeoutMs: 100_000 });
    assert.ok(!result.timedOut, `still waiting after 100 s:\n${result.stderr}`);
    assert.equal(result.code, 1, result.stderr);
    const reports = jsonReports(result);
    assert.deepEqual(reports.map((report) => [report.state, report.error?.code]), [['failed', 'timeout']]);
    assert.match(reports[0].error.message, new RegExp(`The proxy ${proxy.url} opened no connection .* within 1 s`));
    assert.match(reports[0].error.hint, /HTTPS_PROXY/);
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(TOKEN));
  });
});
