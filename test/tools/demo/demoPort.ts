// Which port `npm start` serves on: the one asked for, or the default when it is free, or else any free one, so a
// second `npm start` never points its user at the first run's code-server.
import { createServer } from 'node:net';
import { freePort } from '../../vscode/launch/codeServer';

export const DEFAULT_DEMO_PORT = 8080;

/** True when nothing listens on 127.0.0.1:`port`. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export class DemoPortError extends Error {}

/**
 * `requested` is the --port the user gave, if any: it must be free, or the demo stops saying so. Without one the
 * default is used when free, and any free port otherwise; `note` says when the default was taken.
 */
export async function chooseDemoPort(requested: string | undefined): Promise<{ port: number; note?: string }> {
  if (requested !== undefined) {
    const port = Number(requested);
    if (!/^\d+$/.test(requested) || port < 1 || port > 65535) throw new DemoPortError(`--port wants a TCP port from 1 to 65535, got "${requested}".`);
    if (!(await portIsFree(port))) {
      throw new DemoPortError(`Port ${port} is already in use (another npm start, or another program). Stop that, or run npm start -- --port <another port>; without --port a free one is chosen.`);
    }
    return { port };
  }
  if (await portIsFree(DEFAULT_DEMO_PORT)) return { port: DEFAULT_DEMO_PORT };
  const port = await freePort();
  return { port, note: `Port ${DEFAULT_DEMO_PORT} is in use (another npm start?), so this one serves on ${port}.` };
}
