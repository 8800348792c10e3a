// The bench's side of the emulator: runs it in its own process and talks to its loopback control API.
import { spawn, ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import type { NetworkProfile } from '../../emulator/networkProfile';
import type { BlockInfo, Counters, LogEntry, RateLimit, UploadInfo } from '../../emulator/types';

export class EmulatorHandle {
  /** Over https, the bench's own requests trust the emulator's CA and no other; over http, Node's fetch. */
  private readonly controlAgent: Agent | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly token: string,
    /** The CA that signed the emulator's certificate, for the clients to trust (https only). */
    readonly caCertificatePath: string | undefined,
  ) {
    this.controlAgent = caCertificatePath ? new Agent({ connect: { ca: readFileSync(caCertificatePath) } }) : undefined;
  }

  static async start(options: { token: string; storageDir: string; rateLimit: RateLimit | false; network?: NetworkProfile; tls?: boolean }): Promise<EmulatorHandle> {
    const entry = join(__dirname, 'emulatorProcess.js');
    const child = spawn(process.execPath, [entry, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const exited = once(child, 'exit').then(([code]) => {
      throw new Error(`emulator process exited early with code ${String(code)}`);
    });
    const firstLine = (async () => {
      for await (const line of lines) return line;
      throw new Error('emulator process closed its output before announcing itself');
    })();
    const announced = JSON.parse(await Promise.race([firstLine, exited])) as { url: string; caCertificatePath?: string };
    lines.close();
    child.stdout!.resume();
    return new EmulatorHandle(child, announced.url, options.token, announced.caCertificatePath);
  }

  async stop(): Promise<void> {
    await this.controlAgent?.close();
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }

  addPage(title: string, sharedWith?: string[]): Promise<string> {
    return this.control<{ id: string }>('POST', '/__emulator/pages', { title, sharedWith }).then((page) => page.id);
  }

  addToken(token: string): Promise<unknown> {
    return this.control('POST', '/__emulator/tokens', { token, plan: 'paid' });
  }

  uploads(): Promise<UploadInfo[]> {
    return this.control('GET', '/__emulator/uploads');
  }

  upload(id: string): Promise<UploadInfo> {
    return this.control('GET', `/__emulator/uploads/${id}`);
  }

  blocks(pageId: string): Promise<BlockInfo[]> {
    return this.control('GET', `/__emulator/pages/${pageId}/blocks`);
  }

  counters(): Promise<Counters> {
    return this.control('GET', '/__emulator/counters');
  }

  log(): Promise<LogEntry[]> {
    return this.control('GET', '/__emulator/log');
  }

  clearLog(): Promise<unknown> {
    return this.control('DELETE', '/__emulator/log');
  }

  setRateLimit(limit: RateLimit | false): Promise<unknown> {
    return this.control('POST', '/__emulator/rate-limit', limit);
  }

  private async control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init = {
      method,
      headers: (body === undefined ? {} : { 'content-type': 'application/json' }) as Record<string, string>,
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    const ask = (): Promise<{ ok: boolean; status: number; text(): Promise<string> }> =>
      this.controlAgent ? undiciFetch(`${this.url}${path}`, { ...init, dispatcher: this.controlAgent }) : fetch(`${this.url}${path}`, init);
    // A kept-alive connection the emulator closes just as it is reused fails the request before it is sent ("fetch
    // failed"); a read is safe to ask again.
    const response = await ask().catch((error: unknown) => {
      if (method === 'GET') return ask();
      throw error;
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
