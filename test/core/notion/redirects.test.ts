// A redirect from the API base is never followed: the token must not travel to the host a 3xx names (an open
// redirect or a captive portal would otherwise collect it). Over plain HTTP and through a proxy alike.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotionApiError, NotionClient, type ConnectionOptions } from '../../../src/core';
import { startTinyproxy, tinyproxyBinary, type Tinyproxy } from '../../support/tinyproxy';

describe('redirects from the API', () => {
  let redirecting: Server;
  let elsewhere: Server;
  let base: string;
  let target: string;
  let status = 307;
  const reachedElsewhere: IncomingHttpHeaders[] = [];
  let proxy: Tinyproxy | undefined;

  const listen = async (server: Server): Promise<number> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  before(async () => {
    elsewhere = createServer((req, res) => {
      reachedElsewhere.push(req.headers);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"user","id":"x","name":"elsewhere"}');
    });
    // "localhost" and another port: another origin than the API base's 127.0.0.1.
    target = `http://localhost:${await listen(elsewhere)}`;
    redirecting = createServer((req, res) => {
      req.resume();
      res.writeHead(status, { location: `${target}${req.url}`, 'content-type': 'text/html' }).end('<a href="elsewhere">moved</a>');
    });
    base = `http://127.0.0.1:${await listen(redirecting)}`;
    if (tinyproxyBinary()) proxy = await startTinyproxy();
  });
  after(async () => {
    await proxy?.stop();
    await Promise.all([redirecting, elsewhere].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  for (const code of [301, 302, 303, 307, 308]) {
    it(`does not follow a ${code} to another host, with or without a proxy; the token stays here`, async () => {
      status = code;
      reachedElsewhere.length = 0;
      const connections: ConnectionOptions[] = [{}, ...(proxy ? [{ httpProxy: proxy.url }] : [])];
      for (const connection of connections) {
        const client = new NotionClient({ token: 'ntn_redirecttoken12345', apiBase: base, connection, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
        try {
          await assert.rejects(client.usersMe(), (error: unknown) => error instanceof NotionApiError && error.status === code);
          await assert.rejects(client.searchPages('a POST with a body'), (error: unknown) => error instanceof NotionApiError && error.status === code);
        } finally {
          await client.close();
        }
      }
      assert.deepEqual(reachedElsewhere, []);
      if (proxy) assert.ok((await proxy.connectTargets()).includes(new URL(base).host), 'the proxied client went through the proxy');
    });
  }
});
