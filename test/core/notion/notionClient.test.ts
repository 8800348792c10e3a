import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotionApiError, NotionClient, NotionNetworkError, type RequestLogEntry } from '../../../src/core';
import { start, type Emulator } from '../../emulator/index';

describe('NotionClient', () => {
  describe('against the emulator', () => {
    let emulator: Emulator;
    before(async () => (emulator = await start({ pageTitle: 'Release notes' })));
    after(() => emulator.stop());

    it('finds shared pages by title, checks one page, and reads the workspace limit', async () => {
      const log: RequestLogEntry[] = [];
      const client = new NotionClient({ token: emulator.token, apiBase: emulator.url, log: (entry) => log.push(entry) });
      try {
        const found = await client.searchPages('Release');
        assert.deepEqual(found.map((page) => [page.id, page.title]), [[emulator.pageId, 'Release notes']]);
        const page = await client.retrievePage(emulator.pageId);
        assert.equal(page.title, 'Release notes');
        assert.equal((await client.usersMe()).maxFileUploadSizeBytes, 5 * 1024 ** 3);
        const hidden = emulator.addPage('Hidden', { sharedWith: [] });
        await assert.rejects(client.retrievePage(hidden), (error: unknown) =>
          error instanceof NotionApiError && error.status === 404 && error.code === 'object_not_found' && /share the page/i.test(error.hint) && !!error.requestId);
        assert.deepEqual(log.map((entry) => [entry.method, entry.path.split('/')[2], entry.status, entry.attempt]), [
          ['POST', 'search', 200, 1], ['GET', 'pages', 200, 1], ['GET', 'users', 200, 1], ['GET', 'pages', 404, 1],
        ]);
        assert.ok(log.every((entry) => typeof entry.requestId === 'string' && entry.ms >= 0));
      } finally {
        await client.close();
      }
    });
  });

  describe('against a misbehaving server', () => {
    let server: Server;
    let base: string;
    let answer: (res: import('node:http').ServerResponse) => void = () => undefined;
    before(async () => {
      server = createServer((req, res) => {
        req.resume();
        answer(res);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const client = (): NotionClient => new NotionClient({ token: 'ntn_testtoken123456', apiBase: base, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, requestTimeoutMs: 1000 });

    it('turns an HTML gateway page into a clear error after retrying a read', async () => {
      let calls = 0;
      answer = (res) => {
        calls++;
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><title>502 Bad Gateway</title></html>');
      };
      const c = client();
      await assert.rejects(c.usersMe(), (error: unknown) => error instanceof NotionApiError && error.status === 502 && /HTML page \("502 Bad Gateway"\)/.test(error.message));
      assert.equal(calls, 2);
      await c.close();
    });

    it('turns a cut-off JSON answer into a clear error instead of a crash', async () => {
      answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"user","bot":{"workspace_li');
      const c = client();
      await assert.rejects(c.usersMe(), (error: unknown) => error instanceof NotionApiError && error.code === 'invalid_response' && /cut off/.test(error.message));
      await c.close();
    });

    it('aborts a request whose answer never comes, as a timeout', async () => {
      answer = () => undefined; // never answers
      const c = client();
      const started = Date.now();
      await assert.rejects(c.retrievePage('1f2e3d4c5b6a79881f2e3d4c5b6a7988'), (error: unknown) => error instanceof NotionNetworkError && error.code === 'timeout');
      assert.ok(Date.now() - started < 5000);
      await c.close();
    });
  });
});
