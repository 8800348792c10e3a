import * as vscode from 'vscode';
import { shortReason } from '../core/light';
import type { SessionStatus } from '../core';

/** A finished upload as the Uploads view keeps showing it after a reload or a token change. */
export interface HistoryEntry {
  id: string;
  fileName: string;
  filePath: string;
  /** Workspace-relative, so that two files of the same name can be told apart. */
  relativePath: string;
  pageId: string;
  pageTitle: string | null;
  state: 'done' | 'failed' | 'cancelled';
  finishedAt: number;
  bytesTotal: number;
  blockId: string | null;
  error: string | null;
}

const STATE_KEY = 'notionUpload.history';
/** Enough for a long day of uploads; workspaceState is one JSON value, rewritten on each change. */
export const MAX_HISTORY_ENTRIES = 300;

/** Written together: Cancel All on thousands of queued uploads finishes them all at once. */
const WRITE_DELAY_MS = 200;

/** Finished uploads of this workspace (workspaceState), newest first, bounded. */
export class UploadHistory {
  private pending: HistoryEntry[] = [];
  private writeTimer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly state: vscode.Memento) {}

  entries(): HistoryEntry[] {
    const stored = this.state.get<HistoryEntry[]>(STATE_KEY, []);
    if (this.pending.length === 0) return stored;
    const newer = new Set(this.pending.map((entry) => entry.id));
    return [...this.pending, ...stored.filter((entry) => !newer.has(entry.id))].slice(0, MAX_HISTORY_ENTRIES);
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries().find((entry) => entry.id === id);
  }

  async record(session: SessionStatus, pageTitle: string | undefined, now = Date.now()): Promise<void> {
    if (session.state !== 'done' && session.state !== 'failed' && session.state !== 'cancelled') return;
    const entry: HistoryEntry = {
      id: session.id, fileName: session.fileName, filePath: session.filePath, relativePath: vscode.workspace.asRelativePath(session.filePath),
      pageId: session.pageId, pageTitle: pageTitle && pageTitle !== session.pageId ? pageTitle : null, state: session.state,
      finishedAt: now, bytesTotal: session.bytesTotal, blockId: session.blockId, error: session.error?.message ?? null,
    };
    this.pending = [entry, ...this.pending.filter((known) => known.id !== entry.id)].slice(0, MAX_HISTORY_ENTRIES);
    this.writeTimer ??= setTimeout(() => void this.flush(), WRITE_DELAY_MS);
  }

  /** Writes what record() gathered; resolves once it is stored. */
  flush(): Promise<void> {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const entries = this.entries();
    this.pending = [];
    this.writing = this.writing.then(() => this.state.update(STATE_KEY, entries), () => this.state.update(STATE_KEY, entries));
    return this.writing;
  }

  async remove(ids: Iterable<string>): Promise<void> {
    const gone = new Set(ids);
    const entries = this.entries().filter((entry) => !gone.has(entry.id));
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    this.pending = [];
    this.writing = this.writing.then(() => this.state.update(STATE_KEY, entries), () => this.state.update(STATE_KEY, entries));
    await this.writing;
  }
}

/** "Done · 14:02 · docs/hello.txt": what happened, when it finished (the date too when not today), and where. */
export function describeHistoryEntry(entry: HistoryEntry, now = new Date()): string {
  const what = entry.state === 'done' ? 'Done' : entry.state === 'cancelled' ? 'Cancelled' : `Failed: ${shortReason(entry.error ?? 'unknown error')}`;
  // The path tells apart files of the same name in different folders; one at the top of the workspace is its name.
  const path = entry.relativePath === entry.fileName ? '' : ` · ${entry.relativePath}`;
  return `${what} · ${finishedWhen(entry.finishedAt, now)}${path}`;
}

export function finishedWhen(finishedAt: number, now = new Date()): string {
  const at = new Date(finishedAt);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === now.toDateString() ? time : `${at.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })} ${time}`;
}
