import * as vscode from 'vscode';
import { pageUrl } from '../core/light';
import { CommandIds, UPLOADS_VIEW_ID } from './commandIds';
import { affectsUploaderSettings } from './configuration';
import { BatchTracker } from './batchTracker';
import { ErrorNotices } from './errorNotices';
import { SessionCommands } from './sessionCommands';
import { TargetPages } from './targetPages';
import { TokenCommands } from './tokenCommands';
import { describeError } from '../core/light';
import { TokenStore } from './tokenStore';
import { UiHolder, type Ui } from './ui';
import { UploadCommand } from './uploadCommand';
import { UploadLog } from './uploadLog';
import { UploadQuestions } from './uploadQuestions';
import { UploadsDrop } from './uploadsDrop';
import { UploadRecord } from './uploadRecord';
import { UploadService } from './uploadService';
import { UploadsStatus } from './uploadsStatus';
import { UploadsTree } from './uploadsTree';

/** What the extension exports; the host tests drive the UI seams and read the view through it. */
export interface NotionUploadApi {
  /** Replaces parts of the UI (pickers, dialogs, notifications) until the returned disposable is disposed. */
  overrideUi(parts: Partial<Ui>): vscode.Disposable;
  uploadsView: vscode.TreeDataProvider<string>;
  statusBarText(): string | undefined;
  /** Sessions in the Uploads view, counted without listing them. */
  sessionCount(): number;
  /** The folder of the extension's log files, where the "Notion Upload" log channel writes. */
  logUri: vscode.Uri;
  /** What a window reload does to uploads: stops them, keeps their resume records, and loads them back as a new start does. */
  reloadSessions(): Promise<void>;
  /** What the Uploads view does with files dropped on it. */
  uploadsDrop: vscode.TreeDragAndDropController<string>;
  /** Milliseconds spent inside activate(). */
  activationMs: number;
}

let running: UploadService | undefined;

export function activateExtension(context: vscode.ExtensionContext): NotionUploadApi {
  const started = performance.now();
  const ui = new UiHolder();
  const log = new UploadLog();
  const tokens = new TokenStore(context.secrets);
  const service = new UploadService(context.globalStorageUri, tokens, log);
  running = service;
  const targets = new TargetPages(context.globalState, service, ui);
  const tokenCommands = new TokenCommands(tokens, service, ui, log);
  const record = new UploadRecord(context.globalState);
  const errors = new ErrorNotices(ui, log);
  const batches = new BatchTracker(service, targets, record, ui, log, errors);
  const questions = new UploadQuestions(ui, record);
  const uploads = new UploadCommand(service, tokenCommands, targets, questions, batches, ui, log, errors, vscode.Uri.joinPath(context.globalStorageUri, 'copies'));
  const sessionCommands = new SessionCommands(service, batches, targets, ui);
  const tree = new UploadsTree(service);
  const drop = new UploadsDrop((uris) => vscode.commands.executeCommand(CommandIds.upload, uris[0], uris));
  const status = new UploadsStatus(service);

  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        log.error(`${id} failed`);
        errors.show('', error);
        return undefined;
      }
    }));
  };

  register(CommandIds.upload, (clicked, selected) => uploads.run(clicked, selected));
  register(CommandIds.setToken, () => tokenCommands.setToken());
  register(CommandIds.clearToken, () => tokenCommands.clearToken());
  register(CommandIds.chooseTargetPage, async (link) => {
    const token = await tokenCommands.requireToken();
    if (!token) return undefined;
    const page = await targets.choose(token, typeof link === 'string' ? link : undefined);
    if (page) void ui.current.notify('info', `Uploads go to “${page.title || page.id}” now.`);
    return page;
  });
  register(CommandIds.openTargetPage, async () => {
    const pageId = targets.configuredPageId(vscode.window.activeTextEditor?.document.uri);
    if (pageId) await ui.current.openExternal(targets.recent().find((page) => page.id === pageId)?.url ?? pageUrl(pageId));
    else void ui.current.notify('info', 'No target page yet.', 'Choose Target Page').then((action) => action && vscode.commands.executeCommand(CommandIds.chooseTargetPage));
  });
  register(CommandIds.showLog, () => log.show());
  register(CommandIds.cancelUpload, (id, ids) => sessionCommands.cancel(id, ids));
  register(CommandIds.retryUpload, (id, ids) => sessionCommands.retry(id, ids));
  register(CommandIds.resumeUpload, (id, ids) => sessionCommands.retry(id, ids));
  register(CommandIds.openInNotion, (id) => sessionCommands.openInNotion(id));
  register(CommandIds.copyLink, (id) => sessionCommands.copyLink(id));
  register(CommandIds.revealInExplorer, (id) => sessionCommands.revealInExplorer(id));
  register(CommandIds.removeUpload, (id, ids) => sessionCommands.remove(id, ids));
  register(CommandIds.cancelAll, () => sessionCommands.cancelAll());
  register(CommandIds.clearFinished, () => sessionCommands.clearFinished());

  context.subscriptions.push(
    log,
    tokens,
    service,
    tree,
    status,
    vscode.window.createTreeView(UPLOADS_VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: false, dragAndDropController: drop }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsUploaderSettings(event)) return;
      try {
        service.applySettings();
      } catch (error) {
        void ui.current.notify('error', `Notion Upload settings: ${describeError(error)}`);
      }
    }),
    tokens.onDidChange(() => void service.ensureManager()),
  );
  void tokens.refreshContext();

  return {
    overrideUi: (parts) => ui.override(parts),
    uploadsView: tree,
    statusBarText: () => status.text,
    uploadsDrop: drop,
    sessionCount: () => service.current?.sessionCount ?? 0,
    logUri: context.logUri,
    reloadSessions: async () => {
      await service.shutDown();
      await service.ensureManager();
    },
    activationMs: performance.now() - started,
  };
}

/**
 * On window close or reload: stops the running uploads and waits until each has written its resume record, so the
 * next start lists them with Resume.
 */
export async function deactivateExtension(): Promise<void> {
  await running?.shutDown();
  running = undefined;
}
