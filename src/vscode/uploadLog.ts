import * as vscode from 'vscode';
import { escapeControlCharacters, redactSecrets } from '../core/light';
import type { RequestLogEntry } from '../core';

/** The "Notion Upload" log channel, created on first use; every line passes through token redaction. */
export class UploadLog implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;
  private knownSecret: string | undefined;

  /** The current token, so that it is masked even when it does not look like one. */
  setKnownSecret(token: string | undefined): void {
    this.knownSecret = token;
  }

  request(entry: RequestLogEntry): void {
    const attempt = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
    const requestId = entry.requestId ? ` request_id=${entry.requestId}` : '';
    const line = `${entry.method} ${entry.path} → ${entry.status} in ${Math.round(entry.ms)} ms${requestId}${attempt}`;
    if (entry.status === 'error' || entry.status >= 400) this.warn(line);
    else this.info(line);
  }

  info(message: string): void {
    this.output().info(this.clean(message));
  }

  warn(message: string): void {
    this.output().warn(this.clean(message));
  }

  error(message: string): void {
    this.output().error(this.clean(message));
  }

  show(): void {
    this.output().show(true);
  }

  private clean(message: string): string {
    return escapeControlCharacters(redactSecrets(message, this.knownSecret));
  }

  private output(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Notion Upload', { log: true });
    return this.channel;
  }

  dispose(): void {
    this.channel?.dispose();
  }
}
