import * as vscode from 'vscode';
import { formatBatch } from '../core/light';
import type { SessionStatus, UploadManager } from '../core';
import { SessionTally } from './sessionTally';
import { TurnBudget } from './turnBudget';
import type { UploadService } from './uploadService';

const REPORT_INTERVAL_MS = 200;

/**
 * One cancellable notification for a batch: "3/12 files · 41 % · 12.3 MiB/s · 0:48 left", at most every 200 ms.
 * Cancel stops every session of the batch. Resolves with the final status of each session.
 */
export function showBatchProgress(service: UploadService, manager: UploadManager, ids: readonly string[], title: string): Thenable<SessionStatus[]> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, cancellation) => {
      let reportedPercent = 0;
      let lastReport = 0;
      let timer: NodeJS.Timeout | undefined;
      // Kept up to date from each session's events, so that a report costs the same for 5,000 files as for one.
      const batch = new SessionTally();
      // What the batch's files wait for (Notion not reachable, its rate limit), by session: only running ones have it.
      const waiting = new Map<string, string>();
      let counted = false;

      const report = (): void => {
        clearTimeout(timer);
        timer = undefined;
        lastReport = Date.now();
        const summary = batch.summary();
        const percent = summary.bytesTotal > 0 ? Math.floor((summary.bytesSent / summary.bytesTotal) * 100) : 0;
        // The bar only moves forward; the message says the truth when a retried part rolls progress back.
        const increment = Math.max(0, percent - reportedPercent);
        reportedPercent += increment;
        progress.report({ message: formatBatch(summary, [...waiting.values()].at(-1)), increment });
      };
      const scheduleReport = (): void => {
        if (timer) return;
        timer = setTimeout(report, Math.max(0, REPORT_INTERVAL_MS - (Date.now() - lastReport)));
      };

      const subscription = service.onDidChangeSessions((session) => {
        if (session && !batch.has(session.id)) return;
        if (session) batch.set(session.id, session);
        if (session?.waiting) waiting.set(session.id, session.waiting);
        else if (session) waiting.delete(session.id);
        if (counted) scheduleReport();
      });
      const cancelling = cancellation.onCancellationRequested(() => {
        for (const id of ids) manager.cancel(id);
      });
      try {
        // Sessions not counted yet are left to this loop (the events above skip them): it reads their latest figures.
        const settled = manager.whenAllSettled(ids);
        // Awaited below, after the loop; a session removed meanwhile must not count as an unhandled failure until then.
        settled.catch(() => undefined);
        const budget = new TurnBudget();
        for (const id of ids) {
          await budget.pace();
          const figures = service.activeFigures(id) ?? manager.figures(id);
          if (figures) batch.set(id, figures);
        }
        counted = true;
        report();
        return await settled;
      } finally {
        clearTimeout(timer);
        subscription.dispose();
        cancelling.dispose();
      }
    },
  );
}
