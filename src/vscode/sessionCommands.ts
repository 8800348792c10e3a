import * as vscode from 'vscode';
import { pageUrl } from '../core/light';
import type { SessionStatus, UploadManager } from '../core';
import type { BatchTracker } from './batchTracker';
import type { TargetPages } from './targetPages';
import type { UiHolder } from './ui';
import type { UploadHistory } from './uploadHistory';
import { isActive } from './sessionPresentation';
import type { UploadService } from './uploadService';

/** The uploads view's row and title actions. Row commands get the session id (and, with several rows selected, all ids). */
export class SessionCommands {
  constructor(
    private readonly service: UploadService,
    private readonly batches: BatchTracker,
    private readonly targets: TargetPages,
    private readonly ui: UiHolder,
    private readonly history: UploadHistory,
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
    const [session] = this.rows(id);
    if (session) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(session.filePath));
  }

  async remove(id?: unknown, ids?: unknown): Promise<void> {
    const manager = this.service.current;
    const rows = this.rows(id, ids);
    for (const session of rows) manager?.remove(session.id);
    await this.history.remove(rows.map((row) => row.id));
    this.service.refresh();
  }

  /**
   * Cancels every upload not yet finished. More than one is cancelled only when the user says so in a modal question
   * whose safe answers keep them going: Keep Uploading, its first button, which Enter takes, and dismissing it.
   */
  async cancelAll(): Promise<void> {
    const manager = this.service.current;
    if (!manager) return;
    // Counted, not listed: a copy of every session per click costs the host a stall with thousands queued.
    const { queued, underWay: sending } = manager.activeCounts();
    const activeCount = queued + sending;
    if (activeCount > 1) {
      const stop = `Stop ${activeCount.toLocaleString('en-US')} Uploads`;
      const answer = await this.ui.current.ask(
        `Stop all ${activeCount.toLocaleString('en-US')} uploads?`,
        [
          `${sending === 0 ? 'None is' : `${sending.toLocaleString('en-US')} ${sending === 1 ? 'is' : 'are'}`} being sent, ${queued.toLocaleString('en-US')} queued.`,
          'Each stays in the Uploads view as Cancelled. Retry sends a queued one from the start; one stopped midway resumes',
          'with the parts Notion has not yet acknowledged while its one-hour window lasts, and starts over after that.',
          'A file already being added to the page is kept.',
        ].join(' '),
        'Keep Uploading', stop,
      );
      if (answer !== stop) return;
    }
    manager.cancelAll();
  }

  /**
   * Clears finished rows and the kept history. Rows that can still be resumed are cleared only when the user says so
   * in a modal question whose safe answers keep them: Keep, its first button, which Enter takes, clears only the other
   * rows; dismissing it (Escape, VS Code's own Cancel button) clears nothing, so that no two buttons mean the same.
   */
  async clearFinished(): Promise<void> {
    const manager = this.service.current;
    const finished = manager ? [...manager.list()].filter((session) => !isActive(session)) : [];
    const resumable = finished.filter((session) => session.resumable);
    let clearResumable = false;
    if (resumable.length > 0) {
      const single = resumable.length === 1;
      const clear = single ? 'Clear It Too' : 'Clear Them Too';
      const answer = await this.ui.current.ask(
        single ? `“${resumable[0].fileName}” can still be resumed. Clear it too?` : `${resumable.length} uploads can still be resumed. Clear them too?`,
        `Cleared, ${single ? 'it' : 'they'} cannot be resumed: ${single ? 'its file' : 'their files'} would be sent again from the start. ${single ? 'Keep It' : 'Keep Them'} clears only the other finished rows; Cancel clears nothing.`,
        single ? 'Keep It' : 'Keep Them', clear,
      );
      if (answer === undefined) return;
      clearResumable = answer === clear;
    }
    for (const session of finished) if (clearResumable || !session.resumable) manager?.remove(session.id);
    await this.history.remove(this.history.entries().map((entry) => entry.id));
    this.service.refresh();
  }

  private link(id: unknown): string | undefined {
    const [session] = this.rows(id);
    return session?.blockId ? pageUrl(session.pageId, session.blockId) : undefined;
  }

  /** Live sessions, and for the commands that also work on them, finished uploads from the kept history. */
  private rows(id: unknown, ids?: unknown): Array<Pick<SessionStatus, 'id' | 'filePath' | 'pageId' | 'blockId'>> {
    const live = this.sessions(id, ids);
    const known = new Set(live.map((session) => session.id));
    const wanted = Array.isArray(ids) && ids.length > 0 ? ids : [id];
    const kept = wanted.filter((value): value is string => typeof value === 'string' && !known.has(value))
      .map((value) => this.history.get(value)).filter((entry) => entry !== undefined);
    return [...live, ...kept];
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
