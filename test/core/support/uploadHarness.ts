import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { UploadManager, type RequestLogEntry, type SessionStore, type UploaderSettings, type UploadManagerOptions } from '../../../src/core';

/** Retry and backoff fast enough for tests; everything else at its default. */
export const fastSettings: Partial<UploaderSettings> = { retryBaseDelayMs: 20, retryMaxDelayMs: 200, requestTimeoutMs: 10_000 };

/** A temp dir and an emulator for a suite, plus managers that are all disposed at the end. */
export class UploadHarness {
  dir = '';
  emulator!: Emulator;
  clientLog: RequestLogEntry[] = [];
  /** Every client log entry of the suite (clientLog is cleared per test). */
  allClientLog: RequestLogEntry[] = [];
  private managers: UploadManager[] = [];

  async setUp(options: EmulatorOptions = {}): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'core-upload-'));
    this.emulator = await start(options);
  }

  manager(settings: Partial<UploaderSettings> = {}, store?: SessionStore, token?: string, attachBatching?: UploadManagerOptions['attachBatching']): UploadManager {
    const manager = new UploadManager({
      token: token ?? this.emulator.token, store, attachBatching, log: (entry) => {
        this.clientLog.push(entry);
        this.allClientLog.push(entry);
      },
      settings: { ...fastSettings, apiBase: this.emulator.url, ...settings },
    });
    this.managers.push(manager);
    return manager;
  }

  reset(): void {
    this.emulator.clearFaults();
    this.emulator.clearLog();
    this.clientLog = [];
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.managers.map((manager) => manager.dispose()));
    this.managers = [];
    await this.emulator?.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  /** Sends recorded by the emulator, as part numbers in arrival order (1 for single-part). */
  sends(): number[] {
    return this.emulator.requestLog().filter((entry) => entry.call === 'send').map((entry) => entry.partNumber ?? 1);
  }
}
