import * as vscode from 'vscode';
import { describeSession, sessionContextValue, sessionIcon, sessionTooltip } from './sessionPresentation';
import type { UploadService } from './uploadService';

/**
 * The "Uploads" view: one row per upload session, newest first. Elements are session ids. A change to a listed
 * session redraws that row only; a new or removed session redraws the list once per turn of the event loop (each
 * redraw asks for every row, which with thousands of sessions takes tens of milliseconds).
 */
export class UploadsTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private listed = new Set<string>();
  private listRedraw: NodeJS.Immediate | undefined;

  constructor(private readonly service: UploadService) {
    this.subscription = service.onDidChangeSessions((session) => {
      if (session && this.listed.has(session.id)) this.changed.fire(session.id);
      else this.redrawList();
    });
  }

  private redrawList(): void {
    this.listRedraw ??= setImmediate(() => {
      this.listRedraw = undefined;
      this.changed.fire(undefined);
    });
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
    if (this.listRedraw) clearImmediate(this.listRedraw);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
