// The Notion emulator in a process of its own at a lower CPU priority, for suites that measure the extension host's
// event loop: Notion's servers cost a user's machine nothing, while an emulator that parses, hashes and stores every
// byte it receives would otherwise take a full share of this machine's cores from the host under test.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { defaultToken } from '../../emulator/index';
import { projectRoot } from './paths';

export interface EmulatorProcess {
  url: string;
  token: string;
  pageId: string;
  caCertificatePath?: string;
  /** The emulator's nice value. */
  nice: number;
  /** How the emulator reported its priority ("nice 10, its session's scheduling group too"). */
  priority: string;
  addPage(title: string, options?: { sharedWith?: string[] }): Promise<string>;
  stop(): Promise<void>;
}

const emulatorCli = join(projectRoot, 'out', 'test', 'emulator', 'cli.js');

export async function startEmulatorProcess(options: { tls?: boolean; nice: number }): Promise<EmulatorProcess> {
  const args = [emulatorCli, '--port', '0', '--token', defaultToken, '--nice', String(options.nice), ...(options.tls ? ['--tls'] : [])];
  // Detached, it leads a session of its own, whose scheduling group it can lower (see lowerOwnPriority).
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const exited = once(child, 'exit');
  const announced = new Map<string, string>();
  const lines = createInterface({ input: child.stdout });
  const ready = (async () => {
    for await (const line of lines) {
      const match = /^(Notion emulator listening on|Shared page:|CA certificate:|CPU priority:) (.+)$/.exec(line);
      if (match) announced.set(match[1], match[2]);
      // The CPU priority line comes last of those the runner waits for.
      if (announced.has('CPU priority:')) return;
    }
    throw new Error(`the emulator exited before it was ready (${args.slice(1).join(' ')})`);
  })();
  await ready.catch((error: unknown) => {
    child.kill('SIGTERM');
    throw error;
  });
  // Later lines (its stop message) are read and dropped, so that a full pipe never blocks the emulator.
  lines.on('line', () => undefined);
  const url = announced.get('Notion emulator listening on') ?? '';
  const caCertificatePath = announced.get('CA certificate:');
  // node:https with the emulator's CA (this process's fetch would not trust it).
  const control = (path: string, body: unknown): Promise<unknown> => new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(`${url}/__emulator/${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, ca: caCertificatePath ? readFileSync(caCertificatePath, 'utf8') : undefined,
    }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => {
        if (response.statusCode === 200) resolve(JSON.parse(text));
        else reject(new Error(`POST /__emulator/${path}: ${response.statusCode} ${text}`));
      });
    });
    request.on('error', reject).end(JSON.stringify(body));
  });
  return {
    url,
    token: defaultToken,
    pageId: announced.get('Shared page:') ?? '',
    caCertificatePath,
    nice: options.nice,
    priority: announced.get('CPU priority:') ?? '',
    addPage: async (title, pageOptions) => ((await control('pages', { title, sharedWith: pageOptions?.sharedWith })) as { id: string }).id,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
