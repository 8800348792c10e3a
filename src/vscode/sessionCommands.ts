import * as vscode from 'vscode';
import { pageUrl } from '../core/light';
import type { SessionStatus, UploadManager } from '../core';
import type { BatchTracker } from './batchTracker';
import type { TargetPages } from './targetPages';
import type { UiHolder } from './ui';
import type { UploadService } from './uploadService';

/** The uploads view's row and title actions. Row commands get the session id (and, with several rows selected, all ids). */
export class SessionCommands {
  constructor(
    private readonly service: UploadService,
    private readonly batches: BatchTracker,
    private readonly targets: TargetPages,
    private readonly ui: UiHolder,
  ) {}

  cancel(id?: unknown, ids?: unknown): void {
    const manager = this.service.current;
    for (const session of this.sessions(id, ids)) manager?.cancel(session.id);
  }

  /** Retry and Resume: the core resumes where the upload is still usable and starts over otherwise. */
  async retry(id?: unknown, ids?: unknown): Promise<SessionStatus[]> {
    const manager = await this.service.ensureManager();
    if (!manager) return [];
    const byPage = new Map<string, string[]>();
    for (const session of this.sessions(id, ids)) {
      const retried = manager.retry(session.id);
      byPage.set(retried.pageId, [...(byPage.get(retried.pageId) ?? []), retried.id]);
    }
    const finals = await Promise.all([...byPage].map(([pageId, sessionIds]) => this.batches.track(manager, sessionIds, pageId, this.targets.titleOf(pageId))));
    return finals.flat();
  }

  async openInNotion(id?: unknown): Promise<void> {
    const link = this.link(id);
    if (link) await this.ui.current.openExternal(link);
  }

  async copyLink(id?: unknown): Promise<void> {
    const link = this.link(id);
    if (!link) return;
    await this.ui.current.copyText(link);
    vscode.window.setStatusBarMessage('$(check) Notion link copied', 3000);
  }

  async revealInExplorer(id?: unknown): Promise<void> {
    const [session] = this.sessions(id);
    if (session) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(session.filePath));
  }

  remove(id?: unknown, ids?: unknown): void {
    const manager = this.service.current;
    for (const session of this.sessions(id, ids)) manager?.remove(session.id);
    this.service.refresh();
  }

  cancelAll(): void {
    this.service.current?.cancelAll();
  }

  clearFinished(): void {
    this.service.current?.clearFinished();
    this.service.refresh();
  }

  private link(id: unknown): string | undefined {
    const [session] = this.sessions(id);
    return session?.blockId ? pageUrl(session.pageId, session.blockId) : undefined;
  }

  private sessions(id: unknown, ids?: unknown): SessionStatus[] {
    const manager: UploadManager | undefined = this.service.current;
    if (!manager) return [];
    const wanted = Array.isArray(ids) && ids.length > 0 ? ids : [id];
    return wanted
      .filter((value): value is string => typeof value === 'string')
      .map((value) => manager.status(value))
      .filter((session): session is SessionStatus => session !== undefined);
  }
}
