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
    const outcome = entry.status === 'error' ? `no answer (${entry.error ?? 'unknown error'})` : entry.status;
    const line = `${entry.method} ${entry.path} → ${outcome} in ${Math.round(entry.ms)} ms${requestId}${attempt}`;
    // A request cut short because the user cancelled its upload is no trouble worth a warning.
    if (entry.status === 'error' && isAbort(entry.error)) this.info(line);
    else if (entry.status === 'error' || entry.status >= 400) this.warn(line);
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

/** The core logs a request cut short by a cancel with the abort's own message ("The upload was cancelled.", "…aborted"). */
function isAbort(error: string | undefined): boolean {
  return error !== undefined && /\b(abort|cancel)/i.test(error);
}
