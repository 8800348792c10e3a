// The CLI as a user runs it behind a company proxy: HTTPS to the emulator under its own CA, trusted through
// NODE_EXTRA_CA_CERTS, tunnelled through a real proxy (tinyproxy) named by HTTPS_PROXY/https_proxy, NO_PROXY obeyed.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, jsonReports, runCli } from '../support/cliProcess';
import { startTinyproxy, tinyproxyBinary, TINYPROXY_MISSING, type Tinyproxy } from '../support/tinyproxy';

describe('notion-upload CLI over HTTPS and through a proxy', function () {
  let emulator: Emulator;
  let dir: string;
  const upload = (path: string, env: Record<string, string>): ReturnType<typeof runCli> =>
    runCli({ args: [path, '--page', emulator.pageId, '--api-base', emulator.url, '--json'], env: { NOTION_TOKEN: emulator.token, ...env }, cwd: dir });

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start({ tls: true });
    dir = await mkdtemp(join(tmpdir(), 'cli-tls-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.clearLog());

  it('uploads over HTTPS with the CA given in NODE_EXTRA_CA_CERTS', async () => {
    const file = await writeRandomFile(dir, 'trusted.pdf', 300_000);
    const result = await upload(file.path, { NODE_EXTRA_CA_CERTS: emulator.caCertificatePath! });
    assert.equal(result.code, 0, result.stderr);
    const [report] = jsonReports(result);
    assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
  });

  it('without it, fails at once saying the certificate is not trusted and to set NODE_EXTRA_CA_CERTS', async () => {
    const file = await writeRandomFile(dir, 'untrusted.pdf', 1000);
    const started = Date.now();
    const result = await upload(file.path, {});
    assert.equal(result.code, 1, result.stderr);
    const [report] = jsonReports(result);
    assert.equal(report.error.code, 'tls_certificate');
    assert.match(report.error.message, /not signed by a certificate authority this computer trusts/);
    assert.match(report.error.hint, /NODE_EXTRA_CA_CERTS=<the CA's PEM file>/);
    assert.equal(emulator.requestLog().length, 0);
    // One attempt: the six attempts with backoff this used to take ran for over 20 seconds.
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  describe('with a proxy', () => {
    let proxy: Tinyproxy;
    const credentials = { user: 'cli', password: 'cli-proxy-secret' };
    before(async function () {
      if (!tinyproxyBinary()) {
        console.log(`      ${TINYPROXY_MISSING}`);
        this.skip();
      }
      proxy = await startTinyproxy({ credentials });
    });
    after(() => proxy?.stop());
    beforeEach(() => proxy?.clearLog());
    const withCredentials = (password: string): string => proxy.url.replace('//', `//${credentials.user}:${password}@`);

    it('goes through HTTPS_PROXY: the proxy logged the tunnel, the emulator holds the same bytes', async () => {
      const file = await writeRandomFile(dir, 'proxied.png', 250_000);
      const result = await upload(file.path, { NODE_EXTRA_CA_CERTS: emulator.caCertificatePath!, HTTPS_PROXY: withCredentials(credentials.password) });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(emulator.upload(jsonReports(result)[0].uploadId)?.sha256, file.sha256);
      assert.deepEqual([...new Set(await proxy.connectTargets())], [new URL(emulator.url).host]);
    });

    it('reads lower-case https_proxy too, and bypasses the proxy for a host in NO_PROXY', async () => {
      const file = await writeRandomFile(dir, 'direct.png', 2000);
      const env = { NODE_EXTRA_CA_CERTS: emulator.caCertificatePath!, https_proxy: proxy.url };
      const refused = await upload(file.path, env);
      assert.equal(jsonReports(refused)[0].error?.code, 'proxy_authentication', refused.stdout);
      assert.equal((await proxy.connectTargets()).length, 1);
      await proxy.clearLog();
      const result = await upload(file.path, { ...env, NO_PROXY: '127.0.0.1' });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(emulator.upload(jsonReports(result)[0].uploadId)?.sha256, file.sha256);
      assert.deepEqual(await proxy.connectTargets(), []);
    });

    it('with wrong proxy credentials, fails at once naming the proxy and never printing the password', async () => {
      const file = await writeRandomFile(dir, 'refused.png', 2000);
      const result = await upload(file.path, { NODE_EXTRA_CA_CERTS: emulator.caCertificatePath!, HTTPS_PROXY: withCredentials('not-the-password') });
      assert.equal(result.code, 1, result.stderr);
      const [report] = jsonReports(result);
      assert.equal(report.error.code, 'proxy_authentication');
      assert.match(report.error.message, new RegExp(`The proxy ${proxy.url.replace(/\./g, '\\.')} refused`));
      assert.doesNotMatch(result.stdout + result.stderr, /not-the-password/);
      assert.equal((await proxy.connectTargets()).length, 1, 'one attempt');
    });
  });

  it('--help names HTTPS_PROXY, NO_PROXY and NODE_EXTRA_CA_CERTS', async () => {
    const result = await runCli({ args: ['--help'], env: {}, cwd: dir });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /HTTPS_PROXY \(http:\/\/user:password@host:port\) and NO_PROXY/);
    assert.match(result.stdout, /NODE_EXTRA_CA_CERTS=<its PEM file>/);
  });

  it('refuses a proxy that is not an HTTP proxy URL with exit code 2', async () => {
    const file = await writeRandomFile(dir, 'any.png', 10);
    const result = await upload(file.path, { HTTPS_PROXY: 'ftp://user:ftp-secret@127.0.0.1:2121' });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /The https proxy ftp:\/\/127\.0\.0\.1:2121 is not an HTTP proxy: give it as http:\/\/host:port/);
    assert.doesNotMatch(result.stderr, /ftp-secret/);
  });

  it('refuses a proxy URL with a path before any request, saying to give host and port only', async () => {
    const file = await writeRandomFile(dir, 'pathproxy.png', 10);
    const result = await upload(file.path, { HTTPS_PROXY: 'http://user:path-secret@127.0.0.1:4999/proxy' });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /The https proxy http:\/\/127\.0\.0\.1:4999\/proxy has a path: a proxy is given as a host and port only\.\n  what to do: Give the proxy as http:\/\/127\.0\.0\.1:4999 /);
    assert.doesNotMatch(result.stderr, /path-secret|unexpected failure/);
    assert.equal(emulator.requestLog().length, 0);
  });

  it('a proxy answering 407 to the user name and password given says they were refused, not that it wants some', async () => {
    // A proxy of the test's own that refuses every tunnel as an unknown user.
    const refusing = createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="p"\r\nContent-Length: 0\r\n\r\n'));
    });
    await new Promise<void>((listening) => refusing.listen(0, '127.0.0.1', listening));
    const port = (refusing.address() as AddressInfo).port;
    try {
      const file = await writeRandomFile(dir, 'proxy407.png', 10);
      const given = await upload(file.path, { NODE_EXTRA_CA_CERTS: emulator.caCertificatePath!, HTTPS_PROXY: `http://someone:wrong-secret@127.0.0.1:${port}` });
      const [report] = jsonReports(given);
      assert.equal(report.error.code, 'proxy_authentication', given.stdout + given.stderr);
      assert.match(report.error.message, /refused the user name and password given \(407 Proxy Authentication Required\)/);
      assert.match(report.error.hint, /^Check the user name and password in the proxy URL/);
      assert.doesNotMatch(given.stdout + given.stderr, /wrong-secret/);
      const none = await upload(file.path, { NODE_EXTRA_CA_CERTS: emulator.caCertificatePath!, HTTPS_PROXY: `http://127.0.0.1:${port}` });
      assert.match(jsonReports(none)[0].error.message, /it wants credentials \(407/);
    } finally {
      refusing.close();
    }
  });

  it('refuses a SOCKS proxy before any request, saying to use an HTTP proxy', async () => {
    const file = await writeRandomFile(dir, 'socks.png', 10);
    for (const scheme of ['socks5', 'socks5h', 'socks4', 'socks']) {
      const result = await upload(file.path, { HTTPS_PROXY: `${scheme}://user:socks-secret@127.0.0.1:1080` });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`The https proxy ${scheme}://127\\.0\\.0\\.1:1080 is a SOCKS proxy, which uploads cannot go through: use an HTTP proxy, http://host:port\\.`));
      assert.doesNotMatch(result.stderr, /socks-secret/);
    }
    assert.equal(emulator.requestLog().length, 0);
  });
});
