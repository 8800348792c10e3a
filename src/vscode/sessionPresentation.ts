import * as vscode from 'vscode';
import { pageUrl } from '../core/light';
import { formatBytes } from '../core/light';
import { formatTransfer, shortReason } from '../core/light';
import type { SessionState, SessionStatus } from '../core';
import { worthRetrying } from './errorNotices';

export const ACTIVE_STATES: ReadonlySet<SessionState> = new Set(['queued', 'preparing', 'uploading', 'completing', 'attaching']);

export function isActive(session: SessionStatus): boolean {
  return ACTIVE_STATES.has(session.state);
}

/** One line for a row: "42 % · 12.3 MiB/s · 0:31 left", "Done", "Cancelled", "Failed: <short reason>". */
export function describeSession(session: SessionStatus): string {
  switch (session.state) {
    case 'queued': return 'Queued';
    // A wait (Notion not reachable, its rate limit) goes last, so a row stuck at one figure says why.
    case 'preparing': return session.waiting ? `Preparing · ${session.waiting}` : 'Preparing…';
    case 'uploading': return withWaiting(formatTransfer(session), session.waiting);
    case 'completing': return withWaiting(`${formatTransfer(session)} · completing`, session.waiting);
    // Uploaded and waiting for its batch (the files before it, or Notion's rate limit): the row says what it waits for.
    case 'attaching': return session.waiting ? `Uploaded · ${session.waiting}` : 'Adding to page…';
    case 'done': return 'Done';
    case 'cancelled': return session.resumable ? 'Cancelled · can resume' : 'Cancelled';
    case 'failed': return `${session.resumable ? 'Interrupted' : 'Failed'}: ${shortReason(session.error?.message ?? 'unknown error')}`;
  }
}

function withWaiting(text: string, waiting: string | null | undefined): string {
  return waiting ? `${text} · ${waiting}` : text;
}

export function sessionIcon(session: SessionStatus): vscode.ThemeIcon {
  switch (session.state) {
    case 'queued': return new vscode.ThemeIcon('clock');
    case 'preparing':
    case 'uploading':
    case 'completing':
    case 'attaching': return new vscode.ThemeIcon('sync~spin');
    case 'done': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'cancelled': return new vscode.ThemeIcon('circle-slash');
    case 'failed': return session.resumable
      ? new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  }
}

/** Space-separated flags that the menus' `viewItem =~ /\bflag\b/` clauses test. */
export function sessionContextValue(session: SessionStatus): string {
  const flags = ['session', isActive(session) ? 'active' : session.state];
  if (session.resumable && !isActive(session)) flags.push('resumable');
  // Retry on the row's menu only where sending again can help: not for a file Notion refused for what it is.
  if (session.state === 'cancelled' || (session.state === 'failed' && worthRetrying(session.error))) flags.push('retriable');
  if (session.blockId) flags.push('hasBlock');
  if (session.filePath) flags.push('localFile');
  return flags.join(' ');
}

/** Plain text: full path, target page, upload id and the last error with its request id. */
export function sessionTooltip(session: SessionStatus, pageTitle: string | undefined): string {
  const rows: Array<[string, string]> = [
    ['File', session.filePath],
    ['Size', formatBytes(session.bytesTotal)],
    ['Target page', pageTitle ? `${pageTitle} (${session.pageId})` : session.pageId],
    ['State', describeSession(session)],
  ];
  if (session.partsTotal > 1) rows.push(['Parts', `${session.partsDone} of ${session.partsTotal}`]);
  if (session.uploadId) rows.push(['Upload ID', session.uploadId]);
  if (session.blockId) rows.push(['Block', pageUrl(session.pageId, session.blockId)]);
  if (session.waiting) rows.push(['Waiting', session.waiting]);
  if (session.notice) rows.push(['Note', session.notice]);
  if (session.error) {
    rows.push(['Last error', session.error.message]);
    if (session.error.hint) rows.push(['What to do', session.error.hint]);
    if (session.error.requestId) rows.push(['Request ID', session.error.requestId]);
  }
  return rows.map(([name, value]) => `${name}: ${value}`).join('\n');
}
