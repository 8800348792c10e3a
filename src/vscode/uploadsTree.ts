import * as vscode from 'vscode';
import { describeSession, sessionContextValue, sessionIcon, sessionTooltip } from './sessionPresentation';
import type { UploadService } from './uploadService';

/** A new or removed session redraws the whole list at most this often. */
const LIST_REDRAW_INTERVAL_MS = 250;

/**
 * The "Uploads" view: one row per upload session, newest first. Elements are session ids. A change to a listed
 * session redraws that row only; new or removed sessions redraw the list at most every 250 ms (each redraw asks for
 * every row, which with 10,000 sessions took 60–115 ms in the host suite).
 */
export class UploadsTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private listed = new Set<string>();
  private listRedraw: NodeJS.Timeout | undefined;
  private lastListRedraw = 0;

  constructor(private readonly service: UploadService) {
    this.subscription = service.onDidChangeSessions((session) => {
      if (session && this.listed.has(session.id)) this.changed.fire(session.id);
      else this.redrawList();
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

  async getChildren(element?: string): Promise<string[]> {
    if (element) return [];
    await this.service.ensureManager();
    const ids = this.service.sessions().map((session) => session.id);
    this.listed = new Set(ids);
    return ids;
  }

  getTreeItem(id: string): vscode.TreeItem {
    const session = this.service.current?.status(id);
    if (!session) return new vscode.TreeItem('(removed)');
    const item = new vscode.TreeItem(session.fileName, vscode.TreeItemCollapsibleState.None);
    item.id = session.id;
    item.description = describeSession(session);
    item.iconPath = sessionIcon(session);
    item.contextValue = sessionContextValue(session);
    item.tooltip = sessionTooltip(session, this.service.pageTitle(session.pageId));
    return item;
  }

  dispose(): void {
    clearTimeout(this.listRedraw);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
