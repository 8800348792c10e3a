// The uploader's sessions (streaming, parts, retries, rate budget) used for a file that a Markdown page places in
// its own blocks: uploaded, completed, and attached nowhere.
import { basename } from 'node:path';
import { UploadFailure } from '../errors/errors';
import type { UploadManager } from '../sessions/uploadManager';

/** A function that uploads one file through `manager` and resolves to its file_upload id. */
export function detachedUploader(manager: UploadManager, targetPageId: string): (path: string) => Promise<string> {
  return async (path) => {
    const { id } = manager.add(path, targetPageId, { attach: false });
    const settled = await manager.whenSettled(id);
    // The page's publish reports the file; the session has nothing left to resume (a failed one is sent again next time).
    manager.remove(id);
    if (settled.state !== 'done' || !settled.uploadId) {
      const error = settled.error;
      throw new UploadFailure(error?.code ?? 'upload_failed', `${basename(path)} was not uploaded: ${error?.message ?? settled.state}`,
        error?.hint ?? 'Publish the file again.');
    }
    return settled.uploadId;
  };
}
