import * as vscode from 'vscode';
import { ContextKeys } from './commandIds';
import type { UploadService } from './uploadService';

const LISTED_KEY = 'notionUpload.listedUploads';

/**
 * Which welcome the empty Uploads view shows: "No uploads yet." until this workspace has listed an upload, then one
 * that does not say "yet" (after Clear Finished or Remove), kept in workspaceState so that a reload says the same.
 */
export function trackListedUploads(state: vscode.Memento, service: UploadService): vscode.Disposable {
  let listed = state.get<boolean>(LISTED_KEY, false);
  void vscode.commands.executeCommand('setContext', ContextKeys.listedUploads, listed);
  // Every progress event comes here: once the flag is set, this is one comparison.
  return service.onDidChangeSessions((session) => {
    if (listed || !session) return;
    listed = true;
    void state.update(LISTED_KEY, true);
    void vscode.commands.executeCommand('setContext', ContextKeys.listedUploads, true);
  });
}
