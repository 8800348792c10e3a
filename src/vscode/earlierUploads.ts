import * as vscode from 'vscode';
import { sha256File } from '../core/light';
import { fileStateOf, type PreparedFile } from './filePreparation';
import { TurnBudget } from './turnBudget';
import type { UploadRecord, UploadRecordEntry } from './uploadRecord';

export interface EarlierUpload {
  file: PreparedFile;
  entry: UploadRecordEntry;
}

/**
 * Which files already went to the page with the same content, decided without reading a file wherever that is sound,
 * so that an upload starts streaming at once instead of after a read of the whole file:
 *
 * - a file whose path, size and modification time are those it had when it was uploaded before (to any page) is taken
 *   to hold what that upload sent, as rsync's and make's quick checks do: its recorded sha256 answers;
 * - a file of a size that nothing recorded for the page has cannot be there, whatever its path: nothing to read;
 * - any other file (a copy or a rename of something on the page, a file touched or rewritten since, or a page with
 *   entries recorded before sizes were kept) can only be told by its bytes: it is read and hashed ahead of its upload.
 */
export async function findEarlierUploads(files: readonly PreparedFile[], pageId: string, record: UploadRecord): Promise<EarlierUpload[]> {
  const page = record.page(pageId);
  const knownSha256 = record.knownContents();
  const found: EarlierUpload[] = [];
  const toRead: PreparedFile[] = [];
  const budget = new TurnBudget();
  for (const file of files) {
    await budget.pace();
    // A state from the folder walk may be older than a question the user took time over: a file it would take for
    // one uploaded before is looked at again, so that a file changed since is not said to be on the page already.
    // (One changed since into something of a size the page holds is simply uploaded, as asked.)
    if (file.state && file.mtimeMs !== undefined && (knownSha256(file.state) !== undefined || page.mayHoldSize(file.state.sizeBytes))) {
      file.state = await fileStateOf(file.uri).catch(() => undefined);
    }
    const sha256 = file.sha256 ?? (file.state && knownSha256(file.state));
    if (sha256 !== undefined) {
      const entry = page.find(sha256);
      if (entry) found.push({ file, entry });
    } else if (page.mayHoldSize(file.state?.sizeBytes ?? file.sizeBytes)) {
      toRead.push(file);
    }
  }
  if (toRead.length === 0) return found;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Notion: checking files' }, async () => {
    for (const file of toRead) {
      // One that cannot be read now is left to its upload, which says why.
      const sha256 = await sha256File(file.localPath).then((result) => result.sha256, () => undefined);
      const entry = sha256 === undefined ? undefined : page.find(sha256);
      if (entry) found.push({ file, entry });
    }
  });
  const byFile = new Map(found.map((earlier) => [earlier.file, earlier]));
  return files.flatMap((file) => byFile.get(file) ?? []);
}
