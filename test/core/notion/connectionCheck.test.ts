import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkConnection, NotionClient, NotionNetworkError, type ConnectionCheckStep } from '../../../src/core';
import { listenOnLoopback } from '../../support/loopbackServer';

// The connection check blames the token only when Notion answered 401: no answer at all fails the API step, with the
// fix for a network problem, and the check gives up after one more try (it is not an upload).
const TOKEN = 'ntn_checkTokenAbcdefghij1234567890';
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';

/** The client an upload would use: six attempts, waits from 1 s up. */
const clientFor = (apiBase: string): NotionClient => new NotionClient({ token: TOKEN, apiBase, requestTimeoutMs: 5000 });

const summary = (steps: ConnectionCheckStep[]): string[] => steps.map((step) => `${step.ok ? 'ok' : 'FAIL'} ${step.what}`);

describe('checkConnection', () => {
  let server: Server;
  let base: string;
  let requests = 0;
  let answer: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
  before(async () => {
    server = createServer((req, res) => {
      requests += 1;
      answer(req, res);
    });
    ({ url: base } = await listenOnLoopback(server));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (requests = 0));

  it('a closed port: the API step fails as not reachable, with the network fix; the token is not blamed; it gives up within seconds', async () => {
    const closed = createServer();
    const { url } = await listenOnLoopback(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = clientFor(url);
    const started = Date.now();
    try {
      const steps = await checkConnection(client, { pageId: PAGE });
      const ms = Date.now() - started;
      assert.deepEqual(summary(steps), ['FAIL Notion API', 'ok Proxy']);
      const api = steps[0];
      assert.ok(api.error instanceof NotionNetworkError, String(api.error));
      assert.match(api.detail, /^http:\/\/127\.0\.0\.1:\d+ \(Notion-Version [\d-]+\) is not reachable: Connection to .* failed: .*ECONNREFUSED.*\. The connection to Notion failed; check the network/);
      assert.ok(ms < 5000, `took ${ms} ms (an upload's six attempts take about 20 s)`);
    } finally {
      await client.close();
    }
  });

  it('every connection cut before an answer: not reachable, after two tries', async () => {
    answer = (req) => req.socket.destroy();
    const client = clientFor(base);
    try {
      const steps = await checkConnection(client, { pageId: PAGE });
      assert.deepEqual(summary(steps), ['FAIL Notion API', 'ok Proxy']);
      assert.match(steps[0].detail, /is not reachable/);
      assert.equal(requests, 2);
    } finally {
      await client.close();
    }
  });

  it('a server that never answers: not reachable, each of the two tries cut off at the check\'s own timeout', async () => {
    answer = () => undefined;
    const client = clientFor(base);
    const started = Date.now();
    try {
      const steps = await checkConnection(client, { pageId: PAGE, requestTimeoutMs: 600 });
      const ms = Date.now() - started;
      assert.deepEqual(summary(steps), ['FAIL Notion API', 'ok Proxy']);
      assert.match(steps[0].detail, /is not reachable: .*did not complete its answer within 1 s/);
      assert.equal(requests, 2);
      assert.ok(ms < 4000, `took ${ms} ms (the client's own timeout is 5 s)`);
    } finally {
      await client.close();
    }
  });

  it('Notion answers 401: the token step fails and the API step is fine', async () => {
    answer = (_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.' }));
    };
    const client = clientFor(base);
    try {
      const steps = await checkConnection(client, { pageId: PAGE });
      assert.deepEqual(summary(steps), ['ok Notion API', 'ok Proxy', 'FAIL Token']);
      assert.match(steps[2].detail, /API token is invalid.*401 unauthorized/);
      assert.equal(requests, 1);
    } finally {
      await client.close();
    }
  });

  it('Notion answers 503 each time: the API step fails with Notion\'s answer, not the token, after two tries', async () => {
    answer = (_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'error', status: 503, code: 'service_unavailable', message: 'Notion is unavailable.' }));
    };
    const client = clientFor(base);
    try {
      const steps = await checkConnection(client, { pageId: PAGE });
      assert.deepEqual(summary(steps), ['FAIL Notion API', 'ok Proxy']);
      assert.match(steps[0].detail, /answered with an error: Notion is unavailable \(503 service_unavailable\)/);
      assert.equal(requests, 2);
    } finally {
      await client.close();
    }
  });
});
