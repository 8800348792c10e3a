// Plain-words progress text shared by every view of an upload: "42 % · 12.3 MiB/s · 0:31 left".
import { isFinished } from '../sessions/sessionStates';
import { formatBytes } from './units';

export const SEPARATOR = ' · ';

export function formatPercent(done: number, total: number): string {
  if (total <= 0) return '0 %';
  const percent = Math.floor((Math.min(done, total) / total) * 100);
  return `${percent} %`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(Math.max(0, bytesPerSecond)))}/s`;
}

/** 0:07, 4:31, 1:02:09 */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface TransferFigures {
  bytesSent: number;
  bytesTotal: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
}

/** "42 % · 12.3 MiB/s · 0:31 left"; speed and time left only once there is a measured speed. */
export function formatTransfer(figures: TransferFigures): string {
  const parts = [formatPercent(figures.bytesSent, figures.bytesTotal)];
  if (figures.bytesPerSecond > 0) parts.push(formatRate(figures.bytesPerSecond));
  if (figures.etaSeconds !== null && Number.isFinite(figures.etaSeconds) && figures.bytesPerSecond > 0) {
    parts.push(`${formatDuration(figures.etaSeconds)} left`);
  }
  return parts.join(SEPARATOR);
}

/** Shortens a failure reason to one line for a list row. */
export function shortReason(message: string, maxLength = 60): string {
  const firstLine = message.split(/\r?\n/, 1)[0].trim();
  return firstLine.length > maxLength ? `${firstLine.slice(0, maxLength - 1)}…` : firstLine;
}

export interface SessionFigures extends TransferFigures {
  state: string;
}

export interface BatchSummary extends TransferFigures {
  filesSettled: number;
  filesTotal: number;
}

/** Adds up a batch: bytes over every file, speed over the files moving now, time left from both. */
export function summarizeBatch(sessions: readonly SessionFigures[]): BatchSummary {
  let bytesSent = 0;
  let bytesTotal = 0;
  let bytesPerSecond = 0;
  let filesSettled = 0;
  for (const session of sessions) {
    bytesTotal += session.bytesTotal;
    if (isFinished(session.state)) {
      filesSettled += 1;
      bytesSent += session.state === 'done' ? session.bytesTotal : session.bytesSent;
    } else {
      bytesSent += session.bytesSent;
      bytesPerSecond += session.bytesPerSecond;
    }
  }
  const etaSeconds = bytesPerSecond > 0 ? Math.max(0, bytesTotal - bytesSent) / bytesPerSecond : null;
  return { filesSettled, filesTotal: sessions.length, bytesSent, bytesTotal, bytesPerSecond, etaSeconds };
}

/**
 * "3/12 files · 41 % · 12.3 MiB/s · 0:48 left"; a single file's is its transfer alone, as its title names it.
 * `waiting`, what a file of the batch waits for, goes last: "3/12 files · 41 % · Notion not reachable (connection
 * refused); trying again in 8 s (attempt 4 of 6)".
 */
export function formatBatch(summary: BatchSummary, waiting?: string | null): string {
  const transfer = summary.filesTotal === 1 ? formatTransfer(summary) : `${summary.filesSettled}/${summary.filesTotal} files${SEPARATOR}${formatTransfer(summary)}`;
  return `${transfer}${waiting ? `${SEPARATOR}${waiting}` : ''}`;
}
