// Uploads through a real proxy (tinyproxy) tunnelling HTTPS (CONNECT) to the emulator: the proxy's own log shows
// the tunnels, the emulator holds the same bytes; NO_PROXY bypasses it; wrong or missing credentials fail at once.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient, NotionNetworkError, UploadManager, type ConnectionOptions, type RequestLogEntry, type SessionStatus } from '../../../src/core';
import { start, type Emulator } from '../../emulator/index';
import { writeRandomFile } from '../support/randomFile';
import { startTinyproxy, tinyproxyBinary, TINYPROXY_MISSING, type Tinyproxy } from '../../support/tinyproxy';

describe('uploads through an HTTP proxy (tinyproxy)', function () {
  let dir: string;
  let emulator: Emulator;
  let open: Tinyproxy;
  let guarded: Tinyproxy;
  const credentials = { user: 'uploader', password: 'pr0xy-pass' };

  before(async function () {
    if (!tinyproxyBinary()) {
      console.log(`      ${TINYPROXY_MISSING}`);
      this.skip();
    }
    dir = await mkdtemp(join(tmpdir(), 'proxy-'));
    emulator = await start({ tls: true });
    [open, guarded] = await Promise.all([startTinyproxy(), startTinyproxy({ credentials })]);
  });
  after(async () => {
    await Promise.all([open?.stop(), guarded?.stop(), emulator?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    emulator?.clearLog();
    await Promise.all([open?.clearLog(), guarded?.clearLog()]);
  });

  const emulatorHost = (): string => new URL(emulator.url).host;

  async function upload(name: string, size: number, connection: ConnectionOptions, log: RequestLogEntry[] = []): Promise<{ status: SessionStatus; sha256: string }> {
    const file = await writeRandomFile(dir, name, size);
    const manager = new UploadManager({
      token: emulator.token, settings: { apiBase: emulator.url, partSize: 5 },
      connection: { extraCaCertificates: [emulator.caCertificate!], ...connection }, log: (entry) => log.push(entry),
    });
    try {
      return { status: await manager.whenSettled(manager.add(file.path, emulator.pageId).id), sha256: file.sha256 };
    } finally {
      await manager.dispose();
    }
  }

  it('tunnels every request through the proxy, a multi-part upload included', async () => {
    const { status, sha256 } = await upload('through.pdf', 21 * 1024 * 1024 + 3, { httpsProxy: open.url });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.equal(emulator.upload(status.uploadId!)?.sha256, sha256);
    const tunnels = await open.connectTargets();
    assert.ok(tunnels.length >= 1, 'the proxy logged no CONNECT');
    assert.ok(tunnels.every((target) => target === emulatorHost()), tunnels.join(' '));
  });

  it('sends Basic credentials from the proxy URL to a proxy that asks for them', async () => {
    const withCredentials = guarded.url.replace('//', `//${credentials.user}:${credentials.password}@`);
    const { status, sha256 } = await upload('with-credentials.png', 70_000, { httpsProxy: withCredentials });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.equal(emulator.upload(status.uploadId!)?.sha256, sha256);
    assert.deepEqual([...new Set(await guarded.connectTargets())], [emulatorHost()]);
  });

  it('sends a given Proxy-Authorization header (VS Code\'s http.proxyAuthorization)', async () => {
    const header = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    const { status, sha256 } = await upload('with-header.png', 5000, { httpsProxy: guarded.url, proxyAuthorization: header });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.equal(emulator.upload(status.uploadId!)?.sha256, sha256);
  });

  for (const [what, proxyUrl, answer] of [
    ['wrong credentials', (): string => guarded.url.replace('//', `//${credentials.user}:wrong@`), /did not accept the credentials \(401\)/],
    ['no credentials', (): string => guarded.url, /wants credentials \(407 Proxy Authentication Required\)/],
  ] as const) {
    it(`fails at once with ${what}, naming the proxy (never its password) and what to do`, async () => {
      const log: RequestLogEntry[] = [];
      const started = Date.now();
      const { status } = await upload(`refused-${what.replace(' ', '-')}.png`, 1000, { httpsProxy: proxyUrl() }, log);
      assert.equal(status.state, 'failed');
      assert.equal(status.error?.code, 'proxy_authentication');
      assert.match(status.error!.message, new RegExp(`The proxy ${guarded.url.replace(/[.]/g, '\\.')} refused to connect to ${emulatorHost()}`));
      assert.match(status.error!.message, answer);
      assert.doesNotMatch(JSON.stringify(status.error), /wrong|pr0xy-pass/);
      assert.match(status.error!.hint!, /HTTPS_PROXY=http:\/\/user:password@host:port/);
      assert.deepEqual(log.map((entry) => entry.attempt), [1], 'tried once');
      assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
      assert.equal(emulator.requestLog().length, 0);
    });
  }

  it('names the proxy when nothing listens at its address, and retries that like any lost connection', async () => {
    const stopped = await startTinyproxy();
    await stopped.stop();
    const log: RequestLogEntry[] = [];
    const client = new NotionClient({
      token: emulator.token, apiBase: emulator.url, connection: { httpsProxy: stopped.url, extraCaCertificates: [emulator.caCertificate!] },
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, log: (entry) => log.push(entry),
    });
    try {
      await assert.rejects(client.usersMe(), (error: unknown) => {
        assert.ok(error instanceof NotionNetworkError, String(error));
        assert.equal(error.code, 'proxy_unreachable');
        assert.equal(error.message, `Could not reach the proxy ${stopped.url} (ECONNREFUSED).`);
        assert.match(error.hint, /HTTPS_PROXY, or http\.proxy in VS Code/);
        return true;
      });
      assert.deepEqual(log.map((entry) => entry.attempt), [1, 2]);
    } finally {
      await client.close();
    }
  });

  it('goes direct for a host in NO_PROXY: the proxy sees nothing', async () => {
    const { status, sha256 } = await upload('direct.png', 4000, { httpsProxy: guarded.url.replace('//', '//nobody:nothing@'), noProxy: 'example.org, 127.0.0.1' });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.equal(emulator.upload(status.uploadId!)?.sha256, sha256);
    assert.deepEqual(await guarded.connectTargets(), []);
  });
});
