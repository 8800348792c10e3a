// HTTPS to the emulator under its throwaway CA: trusted, it uploads; untrusted or made out for another host, the
// upload fails at once (a certificate does not change between retries) saying it is the certificate and what to do.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient, NotionNetworkError, UploadManager, type RequestLogEntry } from '../../../src/core';
import { start, type Emulator } from '../../emulator/index';
import { writeRandomFile } from '../support/randomFile';

describe('TLS certificates', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'tls-certificates-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  describe('an emulator under a CA of its own', () => {
    let emulator: Emulator;
    before(async () => (emulator = await start({ tls: true })));
    after(() => emulator.stop());
    beforeEach(() => emulator.clearLog());

    it('uploads over HTTPS when the CA is trusted: the emulator holds the same bytes', async () => {
      const file = await writeRandomFile(dir, 'trusted.png', 3 * 1024 * 1024 + 17);
      const manager = new UploadManager({
        token: emulator.token, settings: { apiBase: emulator.url }, connection: { extraCaCertificates: [emulator.caCertificate!] },
      });
      try {
        const status = await manager.whenSettled(manager.add(file.path, emulator.pageId).id);
        assert.equal(status.state, 'done', JSON.stringify(status.error));
        assert.equal(emulator.upload(status.uploadId!)?.sha256, file.sha256);
      } finally {
        await manager.dispose();
      }
    });

    it('fails at once, without a retry, when the CA is not trusted, and says to trust it with NODE_EXTRA_CA_CERTS', async () => {
      const file = await writeRandomFile(dir, 'untrusted.png', 1000);
      const log: RequestLogEntry[] = [];
      // Default retry settings: six attempts with backoff from one second, were the failure retried.
      const manager = new UploadManager({ token: emulator.token, settings: { apiBase: emulator.url }, log: (entry) => log.push(entry) });
      const started = Date.now();
      try {
        const status = await manager.whenSettled(manager.add(file.path, emulator.pageId).id);
        assert.equal(status.state, 'failed');
        assert.equal(status.error?.code, 'tls_certificate');
        assert.match(status.error!.message, /certificate presented for 127\.0\.0\.1:\d+ is not signed by a certificate authority this computer trusts \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
        assert.match(status.error!.hint!, /NODE_EXTRA_CA_CERTS/);
        assert.match(status.error!.hint!, /http\.proxyStrictSSL/);
        assert.deepEqual(log.map((entry) => [entry.status, entry.attempt]), [['error', 1]]);
        assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
        assert.equal(emulator.requestLog().length, 0);
      } finally {
        await manager.dispose();
      }
    });
  });

  it('fails at once when the certificate is made out for another host, naming the API base URL to check', async () => {
    const emulator = await start({ tls: { hostNames: ['notion-emulator.invalid'] } });
    const log: RequestLogEntry[] = [];
    const client = new NotionClient({
      token: emulator.token, apiBase: emulator.url, connection: { extraCaCertificates: [emulator.caCertificate!] }, log: (entry) => log.push(entry),
    });
    try {
      await assert.rejects(client.usersMe(), (error: unknown) => {
        assert.ok(error instanceof NotionNetworkError, String(error));
        assert.equal(error.code, 'tls_certificate');
        assert.equal(error.retryable, false);
        assert.match(error.message, /is not made out for 127\.0\.0\.1 \(ERR_TLS_CERT_ALTNAME_INVALID\)/);
        assert.match(error.hint, /API base URL/);
        return true;
      });
      assert.equal(log.length, 1);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });

  it('accepts any certificate when told to (VS Code\'s http.proxyStrictSSL off)', async () => {
    const emulator = await start({ tls: { hostNames: ['notion-emulator.invalid'] } });
    const client = new NotionClient({ token: emulator.token, apiBase: emulator.url, connection: { rejectUnauthorized: false } });
    try {
      assert.equal((await client.usersMe()).name, 'Notion Emulator');
    } finally {
      await client.close();
      await emulator.stop();
    }
  });
});
