import * as vscode from 'vscode';
import { describeSession, isActive, sessionContextValue, sessionIcon, sessionTooltip } from './sessionPresentation';
import { describeHistoryEntry, finishedWhen, type HistoryEntry, type UploadHistory } from './uploadHistory';
import type { UploadService } from './uploadService';

/** A new or removed session redraws the whole list at most this often. */
const LIST_REDRAW_INTERVAL_MS = 250;

/**
 * The "Uploads" view: one row per upload session, newest first. Elements are session ids. A change to a listed
 * session redraws that row only; new or removed sessions redraw the list at most every 250 ms, since each redraw asks
 * for every row (docs/measurements.md).
 */
export class UploadsTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private listed = new Set<string>();
  /** File names that more than one listed row has: those rows also show their workspace-relative path. */
  private sharedNames = new Set<string>();
  private listRedraw: NodeJS.Timeout | undefined;
  private lastListRedraw = 0;
  /** The `notionUpload.hasFinishedUploads` context key, which shows Clear Finished Uploads only when there is one. */
  private finishedListed: boolean | undefined;

  constructor(
    private readonly service: UploadService,
    private readonly history: UploadHistory,
    private readonly pageTitle: (pageId: string) => string | undefined,
  ) {
    this.subscription = service.onDidChangeSessions((session) => {
      if (session && this.listed.has(session.id)) this.changed.fire(session.id);
      else this.redrawList();
      if (session && !isActive(session)) this.setFinishedListed(true);
    });
  }

  private redrawList(): void {
    if (this.listRedraw) return;
    this.listRedraw = setTimeout(() => {
      this.listRedraw = undefined;
      this.lastListRedraw = Date.now();
      this.changed.fire(undefined);
    }, Math.max(0, this.lastListRedraw + LIST_REDRAW_INTERVAL_MS - Date.now()));
  }

  get hasFinishedUploads(): boolean {
    return this.finishedListed ?? false;
  }

  private setFinishedListed(value: boolean): void {
    if (this.finishedListed === value) return;
    this.finishedListed = value;
    void vscode.commands.executeCommand('setContext', 'notionUpload.hasFinishedUploads', value);
  }

  async getChildren(element?: string): Promise<string[]> {
    if (element) return [];
    await this.service.ensureManager();
    const sessions = this.service.sessions();
    const ids = sessions.map((session) => session.id);
    const live = new Set(ids);
    const names = new Map<string, number>();
    for (const session of sessions) names.set(session.fileName, (names.get(session.fileName) ?? 0) + 1);
    // Finished uploads that the running manager no longer lists (a reload, another token, a restart) follow.
    for (const entry of this.history.entries()) {
      if (live.has(entry.id)) continue;
      ids.push(entry.id);
      names.set(entry.fileName, (names.get(entry.fileName) ?? 0) + 1);
    }
    this.listed = new Set(ids);
    this.sharedNames = new Set([...names].filter(([, count]) => count > 1).map(([name]) => name));
    this.setFinishedListed(ids.length > live.size || sessions.some((session) => !isActive(session)));
    return ids;
  }

  getTreeItem(id: string): vscode.TreeItem {
    const session = this.service.current?.status(id);
    if (!session) {
      const entry = this.history.get(id);
      return entry ? historyItem(entry) : new vscode.TreeItem('(removed)');
    }
    const item = new vscode.TreeItem(session.fileName, vscode.TreeItemCollapsibleState.None);
    item.id = session.id;
    item.description = this.sharedNames.has(session.fileName)
      ? `${describeSession(session)} · ${vscode.workspace.asRelativePath(session.filePath)}`
      : describeSession(session);
    item.iconPath = sessionIcon(session);
    item.contextValue = sessionContextValue(session);
    item.tooltip = sessionTooltip(session, this.pageTitle(session.pageId));
    return item;
  }

  dispose(): void {
    clearTimeout(this.listRedraw);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A finished upload from the kept history: no Retry (its session is gone), but Open, Copy Link, Reveal and Remove. */
function historyItem(entry: HistoryEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.fileName, vscode.TreeItemCollapsibleState.None);
  item.id = entry.id;
  item.description = describeHistoryEntry(entry);
  item.iconPath = entry.state === 'done' ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
    : entry.state === 'cancelled' ? new vscode.ThemeIcon('circle-slash') : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  item.contextValue = ['session', 'history', ...(entry.blockId ? ['hasBlock'] : []), 'localFile'].join(' ');
  item.tooltip = [
    `File: ${entry.filePath}`,
    `Target page: ${entry.pageTitle ? `${entry.pageTitle} (${entry.pageId})` : entry.pageId}`,
    `Finished: ${new Date(entry.finishedAt).toLocaleString()} (${finishedWhen(entry.finishedAt)})`,
    ...(entry.error ? [`Last error: ${entry.error}`] : []),
  ].join('\n');
  return item;
}
