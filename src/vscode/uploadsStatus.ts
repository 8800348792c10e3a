import * as vscode from 'vscode';
import { formatPercent } from '../core/light';
import { ContextKeys, REVEAL_UPLOADS_VIEW_COMMAND } from './commandIds';
import type { UploadService } from './uploadService';

const UPDATE_INTERVAL_MS = 250;

/** The status-bar item (count and overall %) shown while uploads run, and the `notionUpload.uploadsActive` context key. */
export class UploadsStatus implements vscode.Disposable {
  private item: vscode.StatusBarItem | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = 0;
  private lastActive: boolean | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly service: UploadService) {
    // A list or state change is shown on the next turn, progress at most every 250 ms; either way one update covers
    // a burst (adding or cancelling thousands of sessions would otherwise rescan every session once per session).
    this.subscriptions = [
      service.onDidChangeSessions((session) => this.schedule(session === undefined ? 0 : UPDATE_INTERVAL_MS)),
      service.onDidChangeSessionState(() => this.schedule(0)),
    ];
  }

  private schedule(delayMs: number): void {
    const due = Date.now() + delayMs;
    if (this.timer && this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => this.update(), delayMs);
  }

  private update(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const summary = this.service.activeSummary();
    const anyActive = summary.filesTotal > 0;
    if (anyActive !== this.lastActive) {
      this.lastActive = anyActive;
      void vscode.commands.executeCommand('setContext', ContextKeys.uploadsActive, this.lastActive);
    }
    if (!anyActive) {
      this.item?.hide();
      return;
    }
    const count = summary.filesTotal;
    const item = this.statusItem();
    item.text = `$(cloud-upload) ${count} · ${formatPercent(summary.bytesSent, summary.bytesTotal)}`;
    item.tooltip = `${count} upload${count === 1 ? '' : 's'} to Notion running: click to show them`;
    item.show();
  }

  private statusItem(): vscode.StatusBarItem {
    if (!this.item) {
      this.item = vscode.window.createStatusBarItem('notionUpload.status', vscode.StatusBarAlignment.Left, 50);
      this.item.name = 'Notion Upload';
      this.item.command = REVEAL_UPLOADS_VIEW_COMMAND;
    }
    return this.item;
  }

  /** What the item shows now; undefined while hidden. For the host tests. */
  get text(): string | undefined {
    return this.lastActive ? this.item?.text : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item?.dispose();
  }
}
