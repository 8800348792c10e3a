// The shared start of the tests' own stand-in servers: listen on 127.0.0.1 on a free port and keep the open sockets,
// so that stop() can cut connections a test left hanging.
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Listens on a free loopback port (or `port`, to come back where a stopped server was); resolves with the server's base
 * URL and the set of its open sockets.
 */
export async function listenOnLoopback(server: Server, port = 0): Promise<{ url: string; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets };
}
