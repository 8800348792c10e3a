import { joinSentences, pageUrl } from '../core/light';
import type { SessionStatus, UploadManager } from '../core';
import { showBatchProgress } from './batchProgress';
import { FixAction, fixFor, worthRetrying, type ErrorNotices, type Retry } from './errorNotices';
import type { TargetPages } from './targetPages';
import type { UiHolder } from './ui';
import type { UploadLog } from './uploadLog';
import type { FileState, UploadRecord } from './uploadRecord';
import type { UploadService } from './uploadService';
import { uploadsToRemember } from './uploadsToRemember';

/** A batch from queued to its end: the progress notification, the record of what arrived, and the closing message. */
export class BatchTracker {
  constructor(
    private readonly service: UploadService,
    private readonly targets: TargetPages,
    private readonly record: UploadRecord,
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
    private readonly errors: ErrorNotices,
  ) {}

  /** Follows a batch to its end in a notification, records what arrived, then says how it went. */
  /** `prepared`: each local file's state when it was prepared, by session id. */
  async track(manager: UploadManager, ids: string[], pageId: string, pageTitle: string, prepared: ReadonlyMap<string, FileState> = new Map()): Promise<SessionStatus[]> {
    const count = ids.length === 1 ? `“${manager.status(ids[0])?.fileName ?? 'file'}”` : `${ids.length} files`;
    const final = await showBatchProgress(this.service, manager, ids, `Uploading ${count} to Notion`);
    await this.record.rememberAll(await uploadsToRemember(final, pageId, prepared));
    this.announce(manager, final, pageId, pageTitle);
    return final;
  }

  private announce(manager: UploadManager, final: SessionStatus[], pageId: string, pageTitle: string): void {
    const done = final.filter((session) => session.state === 'done');
    const failed = final.filter((session) => session.state === 'failed');
    const cancelled = final.filter((session) => session.state === 'cancelled');
    if (failed.length > 0) {
      const first = failed[0];
      const reason = first.error ? joinSentences(first.error.message, first.error.hint) : 'unknown error';
      const which = failed.length === 1 ? `“${first.fileName}”` : `${failed.length} of ${final.length} files (first: “${first.fileName}”)`;
      const fix = fixFor(first.error);
      // Files refused for what they are (too large for the workspace, …) would be refused again: Retry is for the rest.
      const retriable = failed.filter((session) => worthRetrying(session.error));
      const retryActions = retriable.length > 0 ? [FixAction.retry] : [];
      const actions = [...new Set<string>([...(fix === FixAction.showLog || fix === FixAction.retry ? [] : [fix]), ...retryActions, FixAction.showLog])];
      // Resends to the page these uploads were for: choosing another page from this notification does not move them.
      const retry: Retry = {
        kind: 'sessions',
        run: async () => {
          const retried = retriable.map((session) => manager.retry(session.id).id);
          await this.track(manager, retried, pageId, pageTitle);
        },
      };
      void this.ui.current.notify('error', `Could not upload ${which} to “${pageTitle}”: ${reason}`, ...actions).then((action) => this.errors.act(action, retry));
    } else if (done.length > 0) {
      const what = done.length === 1 ? `“${done[0].fileName}”` : `${done.length} files`;
      const notCancelled = cancelled.length ? ` (${cancelled.length} cancelled)` : '';
      const link = done.length === 1 && done[0].blockId ? pageUrl(pageId, done[0].blockId) : this.targets.urlOf(pageId);
      void this.ui.current.notify('info', `Uploaded ${what} to “${pageTitle}”${notCancelled}.`, 'Open in Notion').then((action) => {
        if (action === 'Open in Notion') void this.ui.current.openExternal(link);
      });
    } else if (cancelled.length > 0) {
      void this.ui.current.notify('info', cancelled.length === 1
        ? `Upload of “${cancelled[0].fileName}” to “${pageTitle}” cancelled; nothing more is sent for it.`
        : `Upload of ${cancelled.length} files (first: “${cancelled[0].fileName}”) to “${pageTitle}” cancelled; nothing more is sent for them.`);
    }
  }
}
