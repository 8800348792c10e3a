// `npm start` run twice: the second run must not take the first one's port for its own (it used to find 8080 taken,
// print its URL anyway and point the user at the first run's code-server).
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:net';
import { chooseDemoPort, DemoPortError, portIsFree } from '../../tools/demo/demoPort';

function listen(port = 0): Promise<Server & { port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(Object.assign(server, { port: typeof address === 'object' && address ? address.port : 0 }));
    });
  });
}

describe('npm start: the port', () => {
  it('stops with what to do when the --port asked for is taken', async () => {
    const taken = await listen();
    try {
      await assert.rejects(chooseDemoPort(String(taken.port)), (error: unknown) =>
        error instanceof DemoPortError && error.message.includes(`Port ${taken.port} is already in use`) && error.message.includes('--port'));
    } finally {
      taken.close();
    }
  });

  it('uses a --port that is free', async () => {
    const probe = await listen();
    const port = probe.port;
    await new Promise((resolve) => probe.close(resolve));
    assert.deepEqual(await chooseDemoPort(String(port)), { port });
  });

  it('without --port, takes another free port when the default is taken, and says so', async () => {
    const holder = (await portIsFree(8080)) ? await listen(8080) : undefined; // a first run, or whatever holds 8080
    try {
      const chosen = await chooseDemoPort(undefined);
      assert.notEqual(chosen.port, 8080);
      assert.ok(await portIsFree(chosen.port));
      assert.match(chosen.note ?? '', /Port 8080 is in use/);
    } finally {
      holder?.close();
    }
  });

  it('refuses a --port that is not a port', async () => {
    await assert.rejects(chooseDemoPort('http'), /--port wants a TCP port/);
  });
});
