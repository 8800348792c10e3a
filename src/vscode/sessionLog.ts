import { formatBytes, pageUrl } from '../core/light';
import type { SessionState, SessionStatus } from '../core';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  text: string;
}

interface SeenSession {
  readonly state: SessionState;
  readonly notice: string | null;
  readonly error: string | undefined;
  readonly pathLogged: boolean;
}

const QUIETLY_QUEUED: SeenSession = Object.freeze({ state: 'queued', notice: null, error: undefined, pathLogged: false });

/**
 * What the log says about one file as it moves on: one line per state change, and one per new notice. A file queued
 * with a batch (a folder) has no line of its own for that (the batch has one): its path is on its next line instead.
 */
export class SessionLog {
  private readonly seen = new Map<string, SeenSession>();

  /**
   * Lines for a state change the manager announced. Uploads the extension stops itself (window closing, token cleared)
   * are not announced, so a cancel seen here is one the user asked for. `inBatch`: a new session is one of a batch
   * whose queuing the caller logs in one line.
   */
  lines(session: SessionStatus, pageTitle: string | undefined, inBatch = false): LogLine[] {
    const before = this.seen.get(session.id);
    const quietlyQueued = !before && inBatch && session.state === 'queued';
    const pathLogged = before ? before.pathLogged : !quietlyQueued;
    // Every file queued quietly with its batch is seen the same way: one shared entry, not an object per file.
    this.seen.set(session.id, quietlyQueued && session.notice === null ? QUIETLY_QUEUED : { state: session.state, notice: session.notice, error: before?.error, pathLogged });
    if (quietlyQueued) return [];
    const lines: LogLine[] = [];
    const who = `“${session.fileName}” [${session.id.slice(0, 8)}]`;
    const upload = session.uploadId ? ` (file upload ${session.uploadId})` : '';
    if (before?.state !== session.state) {
      switch (session.state) {
        case 'queued':
          lines.push({ level: 'info', text: before
            ? `${who}: queued again (was ${before.state}${before.error ? `: ${before.error}` : ''})`
            : `${who}: queued for “${pageTitle ?? session.pageId}” from ${session.filePath}` });
          break;
        case 'preparing':
          lines.push({ level: 'info', text: `${who}: preparing` });
          break;
        case 'uploading':
          lines.push({ level: 'info', text: `${who}: started, ${formatBytes(session.bytesTotal)} ${session.partsTotal > 1 ? `in ${session.partsTotal} parts (multi-part)` : 'in one request (single part)'}${upload}` });
          break;
        case 'completing':
          lines.push({ level: 'info', text: `${who}: all parts sent, completing${upload}` });
          break;
        case 'attaching':
          lines.push({ level: 'info', text: `${who}: adding the file block to the page${upload}` });
          break;
        case 'done':
          lines.push({ level: 'info', text: `${who}: done${upload}, block ${session.blockId ? pageUrl(session.pageId, session.blockId) : '(none)'}` });
          break;
        case 'cancelled':
          lines.push({ level: 'info', text: `${who}: cancelled by you after ${formatBytes(session.bytesSent)} of ${formatBytes(session.bytesTotal)}${upload}` });
          break;
        case 'failed': {
          const error = session.error;
          // Notion's messages end with a full stop of their own; the status and the hint follow it, so it goes.
          const reason = error
            ? `${error.message.replace(/\.\s*$/, '')}${error.status ? ` (${error.status} ${error.code ?? ''})`.replace(' )', ')') : error.code ? ` (${error.code})` : ''}${error.requestId ? ` request_id=${error.requestId}` : ''}${error.hint ? `. ${error.hint}` : ''}`
            : 'unknown error';
          this.seen.set(session.id, { state: session.state, notice: session.notice, error: error?.message, pathLogged });
          lines.push({ level: 'error', text: `${who}: failed${upload}: ${reason}` });
          break;
        }
      }
    }
    if (session.notice && session.notice !== before?.notice) lines.push({ level: 'info', text: `${who}: ${session.notice}` });
    if (!pathLogged && lines.length > 0) {
      lines[0] = { ...lines[0], text: `${lines[0].text} — from ${session.filePath}` };
      this.seen.set(session.id, { ...this.seen.get(session.id)!, pathLogged: true });
    }
    return lines;
  }

  forget(id: string): void {
    this.seen.delete(id);
  }
}
