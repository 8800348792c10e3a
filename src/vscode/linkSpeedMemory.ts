import type * as vscode from 'vscode';

const KEY = 'linkBytesPerSecond';

/**
 * The upload speed the extension's uploads measured, kept in global state so that a new window's first large upload
 * already plans parts big enough for the link (the core's partSizeForLink); within one window the manager's own
 * measurement takes over. Global, not per workspace: the link belongs to the machine.
 */
export class LinkSpeedMemory {
  constructor(private readonly memento: Pick<vscode.Memento, 'get' | 'update'>) {}

  /** The figure an earlier window stored, if it is a usable one. */
  recalled(): number | undefined {
    const stored = this.memento.get<unknown>(KEY);
    return typeof stored === 'number' && Number.isFinite(stored) && stored > 0 ? stored : undefined;
  }

  /**
   * Keeps a new figure when it differs from the stored one by more than a tenth: every finished upload offers one, and
   * global state is written to disk, so small wobbles are not worth a write.
   */
  remember(bytesPerSecond: number | null): void {
    if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return;
    const stored = this.recalled();
    if (stored !== undefined && Math.abs(bytesPerSecond - stored) <= stored / 10) return;
    void Promise.resolve(this.memento.update(KEY, Math.round(bytesPerSecond))).catch(() => undefined);
  }
}
