import * as vscode from 'vscode';
import type { SessionStatus, UploadManager } from '../core';
import { CommandIds } from './commandIds';
import { ACTIVE_STATES, describeSession, isActive, sessionContextValue, sessionIcon, sessionTooltip } from './sessionPresentation';
import { SessionIndex } from './sessionIndex';
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
  /** The rows past the page as of the last redraw, and how many of them are queued (none: the list fits the page). */
  private notListed: { count: number; queued: number } | undefined;
  /**
   * Each session's latest status, from the service's events, so that a redraw copies none of thousands of sessions;
   * read whole from the manager when the list itself changed (or another manager runs).
   */
  private statuses: SessionIndex | undefined;

  constructor(
    private readonly service: UploadService,
    private readonly history: UploadHistory,
    private readonly pageTitle: (pageId: string) => string | undefined,
  ) {
    this.subscription = service.onDidChangeSessions((session) => {
      const before = session && this.statuses?.byId.get(session.id);
      if (!session) this.statuses = undefined;
      else if (before) this.statuses?.byId.set(session.id, session);
      else if (this.statuses) this.statuses = this.statuses.add(session) ? this.statuses : undefined;
      if (session && this.listed.has(session.id)) this.changed.fire(session.id);
      // The progress of an upload past the page shows nowhere in the view; a new one, or a change of state (which may
      // bring it onto the page, or change the "more" row's counts) redraws the page.
      else if (!session || !this.notListed || before?.state !== session.state) this.redrawList();
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
    const { newestFirst, oldestFirst, byId, history, sharedNames } = this.rows(await this.service.ensureManager());
    this.sharedNames = sharedNames;
    // The rows being sent now and the queued ones, in the order they started or will start (a folder's files in its
    // order, not newest first, which reads shuffled when many were queued in the same millisecond); then the finished ones,
    // newest first, and the finished uploads of the kept history. Two passes, whatever the count, each kept only as
    // far as a page reaches.
    const sending: string[] = [];
    const waiting: string[] = [];
    const ended: string[] = [];
    let queued = 0;
    for (const id of oldestFirst) {
      const state = byId.get(id)!.state;
      if (state === 'queued') {
        queued += 1;
        if (waiting.length < this.rowsShown) waiting.push(id);
      } else if (ACTIVE_STATES.has(state)) sending.push(id);
    }
    for (const id of newestFirst) {
      const state = byId.get(id)!.state;
      if (state !== 'queued' && !ACTIVE_STATES.has(state) && ended.length < this.rowsShown) ended.push(id);
    }
    for (const entry of history) if (ended.length < this.rowsShown) ended.push(entry.id);
    this.setFinishedListed(ended.length > 0);
    const total = newestFirst.length + history.length;
    if (total <= ROWS_PER_PAGE) {
      // A list that fits one page again starts from one page the next time it grows.
      this.rowsShown = ROWS_PER_PAGE;
      const ids = [...sending, ...waiting, ...ended];
      this.listed = new Set(ids);
      this.notListed = undefined;
      return ids;
    }
    const page = [...sending, ...waiting, ...ended].slice(0, this.rowsShown);
    this.listed = new Set(page);
    if (page.length === total) {
      this.notListed = undefined;
      return page;
    }
    const queuedListed = page.filter((id) => byId.get(id)?.state === 'queued').length;
    this.notListed = { count: total - page.length, queued: queued - queuedListed };
    return [...page, MORE_ROWS_ELEMENT];
  }

  /**
   * The manager's sessions, newest first, as of their last events, and the finished uploads of the kept history it
   * no longer lists (a reload, another token, a restart), which follow them; the file names more than one row has.
   */
  private rows(manager: UploadManager | undefined): { newestFirst: readonly string[]; oldestFirst: readonly string[]; byId: ReadonlyMap<string, SessionStatus>; history: readonly HistoryEntry[]; sharedNames: Set<string> } {
    // The manager drops finished uploads after a while without an event: a count that differs reads the list again.
    if (manager && (this.statuses?.of !== manager || this.statuses.byId.size !== manager.sessionCount)) this.statuses = new SessionIndex(manager);
    if (!manager) this.statuses = undefined;
    const index = this.statuses;
    const byId = index?.byId ?? new Map<string, SessionStatus>();
    const history = this.history.entries().filter((entry) => !byId.has(entry.id));
    const sharedNames = new Set(index?.sharedNames);
    const historyNames = new Set<string>();
    for (const { fileName } of history) {
      if (index?.nameCounts.has(fileName) || historyNames.has(fileName)) sharedNames.add(fileName);
      historyNames.add(fileName);
    }
    return { newestFirst: index?.newestFirst() ?? [], oldestFirst: index?.oldestFirst() ?? [], byId, history, sharedNames };
  }

  /** Every row is at the root; TreeView.reveal, which the "more" row's click uses, needs this. */
  getParent(): undefined {
    return undefined;
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
    // Rows of the same name tell their files apart by path; a file at the top of the workspace has its name for path.
    const path = this.sharedNames.has(session.fileName) ? vscode.workspace.asRelativePath(session.filePath) : session.fileName;
    item.description = path === session.fileName ? describeSession(session) : `${describeSession(session)} · ${path}`;
    item.iconPath = sessionIcon(session);
    item.contextValue = sessionContextValue(session);
    item.tooltip = sessionTooltip(session, this.pageTitle(session.pageId));
    return item;
  }

  private moreRowsItem(): vscode.TreeItem {
    const { count, queued } = this.notListed ?? { count: 0, queued: 0 };
    // The label says what a click does, so that a narrow sidebar, which cuts the description first, still shows it.
    const item = new vscode.TreeItem(`Show ${withThousands(Math.min(count, ROWS_PER_PAGE))} more (${withThousands(count)} not listed)`, vscode.TreeItemCollapsibleState.None);
    item.id = MORE_ROWS_ELEMENT;
    item.description = queued === 0 ? '' : queued === count ? 'all queued' : `${withThousands(queued)} queued`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'moreRows';
    item.tooltip = `The view lists ${ROWS_PER_PAGE} uploads at a time, so that it stays quick with thousands queued. Cancel All and Clear Finished act on all of them.`;
    item.command = { command: CommandIds.showMoreUploads, title: 'Show More Uploads', arguments: [MORE_ROWS_ELEMENT] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.listRedraw);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** 9800 → "9,800", without an Intl formatter per redraw. */
function withThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
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
