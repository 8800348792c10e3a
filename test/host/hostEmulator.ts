// The Notion emulator for a host or UI run, started in this process; the extension under test reaches it over HTTP.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorEndpoint } from './testContext';

export interface HostEmulator {
  endpoint: EmulatorEndpoint | null;
  stop(): Promise<void>;
}

interface EmulatorModule {
  start(options?: object): Promise<EmulatorEndpoint & { stop(): Promise<void> }>;
}

export async function startEmulatorForHost(): Promise<HostEmulator> {
  // The emulator is being written alongside this runner; until test/emulator/index.ts exists, runs go without it.
  const modulePath = join(__dirname, '..', 'emulator', 'index.js');
  if (!existsSync(modulePath)) {
    console.warn('Notion emulator not built yet (out/test/emulator/index.js missing): running without it');
    return { endpoint: null, stop: async () => undefined };
  }
  const emulator = await (require(modulePath) as EmulatorModule).start();
  return {
    endpoint: { url: emulator.url, token: emulator.token, pageId: emulator.pageId },
    stop: () => emulator.stop(),
  };
}
