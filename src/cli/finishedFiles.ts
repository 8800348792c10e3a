import { pageUrl } from '../core/light';
import { readFileIdentity, sameIdentity } from '../core/transfer/fileIdentity';
import type { StoredSession } from '../core/sessions/sessionStore';
import type { FileReport } from './fileReport';

/**
 * The state file's record that this file, as it is now, was already put on this page by an earlier run: same path,
 * page and text mode, and the file as it was then (size, modification time, and inode and change time where kept).
 * A re-run of the same command after a partly failed batch uploads only what did not land, instead of a second block
 * of every file.
 */
export async function finishedEarlier(records: StoredSession[], filePath: string, pageId: string, asText: boolean): Promise<StoredSession | undefined> {
  const candidates = records.filter((record) => record.state === 'done' && record.blockId && record.filePath === filePath && record.pageId === pageId && record.asText === asText);
  if (candidates.length === 0) return undefined;
  // A file that cannot be read now is not skipped: its upload says what is wrong with it.
  const now = await readFileIdentity(filePath).catch(() => null);
  if (!now) return undefined;
  return candidates.find((record) => sameIdentity(record.file, now));
}

export const SKIPPED_NOTICE = 'already on the page: an earlier run with this state file uploaded it unchanged; --upload-again uploads it again';

/** The --json line for a file skipped because it is on the page already. */
export function skippedReport(record: StoredSession): FileReport {
  return {
    path: record.filePath, uploadId: record.uploadId, blockId: record.blockId, url: record.blockId ? pageUrl(record.pageId, record.blockId) : null,
    bytes: 0, sha256: null, state: 'skipped', error: null, notice: SKIPPED_NOTICE,
  };
}
