import { escapeControlCharacters as safe, pageUrl } from '../core/light';
import type { SessionError, SessionStatus } from '../core/sessions/sessionStatus';

/** The --json line for one settled file. */
export interface FileReport {
  path: string;
  uploadId: string | null;
  blockId: string | null;
  url: string | null;
  bytes: number;
  sha256: string | null;
  state: string;
  error: { message: string; code?: string; status?: number; requestId?: string; hint?: string } | null;
  notice?: string;
}

export function fileReport(status: SessionStatus): FileReport {
  return {
    path: status.filePath,
    uploadId: status.uploadId,
    blockId: status.blockId,
    url: status.blockId ? pageUrl(status.pageId, status.blockId) : null,
    bytes: status.state === 'done' ? status.bytesTotal : status.bytesSent,
    sha256: status.sha256,
    state: status.state,
    error: status.error,
    ...(status.notice ? { notice: status.notice } : {}),
  };
}

/** The --json line for a path refused while the files were collected (missing, unreadable, not a file): nothing was sent. */
export function refusedPathReport(path: string, reason: string): FileReport {
  return { path, uploadId: null, blockId: null, url: null, bytes: 0, sha256: null, state: 'failed', error: { message: `${path}: ${reason}`, code: 'path_refused' } };
}

/**
 * The --json line for a file not sent because the run stopped before anything was sent: the target page refused
 * (targetPageCheck.ts), the state file held by another run, or Ctrl-C during the page check ('cancelled').
 */
export function pageRefusedReport(path: string, error: SessionError, state: 'failed' | 'cancelled' = 'failed'): FileReport {
  return { path, uploadId: null, blockId: null, url: null, bytes: 0, sha256: null, state, error };
}

/** The --json line for a Markdown file to be published as a page (markdownPages.ts): the same keys whether or not it was. */
export interface PageReport {
  path: string;
  page: { id: string; url: string; title: string; updated: boolean } | null;
  blocks: number;
  uploaded: string[];
  reused: string[];
  warnings: string[];
  state: string;
  error: SessionError | null;
}

export function publishedPageReport(path: string, result: { pageId: string; url: string; title: string; updated: boolean; blocks: number; uploaded: string[]; reused: string[]; warnings: string[] }): PageReport {
  return { path, page: { id: result.pageId, url: result.url, title: result.title, updated: result.updated },
    blocks: result.blocks, uploaded: result.uploaded, reused: result.reused, warnings: result.warnings, state: 'done', error: null };
}

/** A Markdown file not published (refused before anything was sent, failed, or stopped by Ctrl-C): no page, nothing uploaded for it. */
export function unpublishedPageReport(path: string, error: SessionError, state: 'failed' | 'cancelled' = 'failed'): PageReport {
  return { path, page: null, blocks: 0, uploaded: [], reused: [], warnings: [], state, error };
}

/** A readable line for one settled file (non-JSON output); names and Notion's words are escaped, never printed raw. */
export function summaryLine(status: SessionStatus): string {
  const path = safe(status.filePath);
  if (status.state === 'done') return `uploaded ${path} -> ${pageUrl(status.pageId, status.blockId ?? undefined)}${status.notice ? ` (${safe(status.notice)})` : ''}`;
  if (status.state === 'cancelled') return `cancelled ${path}`;
  return failureLine(status.filePath, status.error);
}

/** "failed <path>: <message> [HTTP …, code, request …]" and what to do, escaped. */
export function failureLine(filePath: string, error: SessionError | null): string {
  const details = [error?.status ? `HTTP ${error.status}` : undefined, error?.code, error?.requestId ? `request ${error.requestId}` : undefined].filter(Boolean).join(', ');
  return `failed ${safe(filePath)}: ${safe(error?.message ?? 'unknown error')}${details ? ` [${safe(details)}]` : ''}${error?.hint ? `\n  what to do: ${safe(error.hint)}` : ''}`;
}
