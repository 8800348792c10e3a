import * as vscode from 'vscode';
import type { SessionState } from '../core';
import { CommandIds } from './commandIds';
import { describeSession, isActive, sessionContextValue, sessionIcon, sessionTooltip } from './sessionPresentation';
import { describeHistoryEntry, finishedWhen, type HistoryEntry, type UploadHistory } from './uploadHistory';
import type { UploadService } from './uploadService';

/** A new or removed session redraws the whole list at most this often. */
const LIST_REDRAW_INTERVAL_MS = 250;
/** Rows a redraw asks for at most, and how many more each click on the last row shows (docs/measurements.md). */
export const ROWS_PER_PAGE = 200;
/** The element of the row that stands for the rows not listed; clicking it shows the next page. */
export const MORE_ROWS_ELEMENT = 'notionUpload.moreRows';

/**
 * The "Uploads" view: one row per upload session, newest first. Elements are session ids. A change to a listed
 * session redraws that row only; new or removed sessions redraw the list at most every 250 ms. VS Code asks for every
 * row the list holds on each redraw, in one turn of the extension host's loop, so a list longer than a page shows
 * its first page (the uploads being sent now first) and a last row that names the rest and shows the next page when
 * clicked: a redraw costs the same for 10,000 uploads as for 200.
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
  /** Rows shown before the "more" row; grows a page per click on it. */
  private rowsShown = ROWS_PER_PAGE;
  /** The uploads past the page as of the last redraw (none: the list fits the page): how many, and each one's state. */
  private notListed: { count: number; queued: number; states: ReadonlyMap<string, SessionState> } | undefined;

  constructor(
    private readonly service: UploadService,
    private readonly history: UploadHistory,
    private readonly pageTitle: (pageId: string) => string | undefined,
  ) {
    this.subscription = service.onDidChangeSessions((session) => {
      if (session && this.listed.has(session.id)) this.changed.fire(session.id);
      // The progress of an upload past the page shows nowhere in the view; a new one, or a change of state (which may
      // bring it onto the page, or change the "more" row's counts) redraws the page.
      else if (!session || this.notListed?.states.get(session.id) !== session.state) this.redrawList();
      if (session && !isActive(session)) this.setFinishedListed(true);
    });
  }

  /** The "more" row's click: the next page of rows. */
  showMoreRows(): void {
    this.rowsShown += ROWS_PER_PAGE;
    this.changed.fire(undefined);
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
    this.sharedNames = new Set([...names].filter(([, count]) => count > 1).map(([name]) => name));
    this.setFinishedListed(ids.length > live.size || sessions.some((session) => !isActive(session)));
    if (ids.length <= this.rowsShown) {
      this.listed = new Set(ids);
      this.notListed = undefined;
      return ids;
    }
    // The page: the uploads being sent now, then the others in the usual order.
    const sending = sessions.filter((session) => isActive(session) && session.state !== 'queued').map((session) => session.id);
    const sendingSet = new Set(sending);
    const page = [...sending.slice(0, this.rowsShown), ...ids.filter((id) => !sendingSet.has(id)).slice(0, Math.max(0, this.rowsShown - sending.length))];
    this.listed = new Set(page);
    const states = new Map(sessions.filter((session) => !this.listed.has(session.id)).map((session) => [session.id, session.state]));
    this.notListed = { count: ids.length - page.length, queued: [...states.values()].filter((state) => state === 'queued').length, states };
    return [...page, MORE_ROWS_ELEMENT];
  }

  getTreeItem(id: string): vscode.TreeItem {
    if (id === MORE_ROWS_ELEMENT) return this.moreRowsItem();
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

  private moreRowsItem(): vscode.TreeItem {
    const { count, queued } = this.notListed ?? { count: 0, queued: 0 };
    const item = new vscode.TreeItem(`${count.toLocaleString('en-US')} more upload${count === 1 ? '' : 's'}`, vscode.TreeItemCollapsibleState.None);
    item.id = MORE_ROWS_ELEMENT;
    item.description = `${queued === count ? 'all queued' : `${queued.toLocaleString('en-US')} queued`} · click to show ${Math.min(count, ROWS_PER_PAGE)} more`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'moreRows';
    item.tooltip = `The view lists ${ROWS_PER_PAGE} uploads at a time, so that it stays quick with thousands queued. Cancel All and Clear Finished act on all of them.`;
    item.command = { command: CommandIds.showMoreUploads, title: 'Show More Uploads' };
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
