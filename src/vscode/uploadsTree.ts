import * as vscode from 'vscode';
import { describeSession, sessionContextValue, sessionIcon, sessionTooltip } from './sessionPresentation';
import type { UploadService } from './uploadService';

/** The "Uploads" view: one row per upload session, newest first. Elements are session ids. */
export class UploadsTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: UploadService) {
    this.subscription = service.onDidChangeSessions((session) => this.changed.fire(session?.id));
  }

  async getChildren(element?: string): Promise<string[]> {
    if (element) return [];
    await this.service.ensureManager();
    return this.service.sessions().map((session) => session.id);
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
    this.subscription.dispose();
    this.changed.dispose();
  }
}
