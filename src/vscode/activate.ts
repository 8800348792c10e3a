import * as vscode from 'vscode';
import type { SessionStatus } from '../core';
import { pageUrl } from '../core/light';
import { CommandIds, UPLOADS_VIEW_ID } from './commandIds';
import { affectsUploaderSettings } from './configuration';
import { BatchTracker } from './batchTracker';
import { ErrorNotices } from './errorNotices';
import { SessionCommands } from './sessionCommands';
import { migrateRenamedSettings } from './settingsMigration';
import { TargetPages } from './targetPages';
import { TokenCommands } from './tokenCommands';
import { describeError } from '../core/light';
import { TokenStore } from './tokenStore';
import { UiHolder, type Ui } from './ui';
import { UploadLog } from './uploadLog';
import { TypeVerdicts } from './typeVerdicts';
import { UploadsDrop } from './uploadsDrop';
import { UploadRecord } from './uploadRecord';
import { UploadService } from './uploadService';
import { UploadsStatus } from './uploadsStatus';
import { trackListedUploads } from './uploadsWelcome';
import { MORE_ROWS_ELEMENT, UploadsTree } from './uploadsTree';
import { UploadHistory } from './uploadHistory';
import { isActive } from './sessionPresentation';
import { LinkSpeedMemory } from './linkSpeedMemory';

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
  /** The extension's global storage, where the publish records and their locks are kept for every window. */
  globalStorageUri: vscode.Uri;
  /** What a window reload does to uploads: stops them, keeps their resume records, and loads them back as a new start does. */
  reloadSessions(): Promise<void>;
  /** Moves values set under renamed settings' old keys to the new ones, as activation does; resolves when done. */
  migrateSettings(): Promise<void>;
  /** The number badge on the Uploads view (interrupted uploads to resume), if one shows. */
  uploadsBadge(): vscode.ViewBadge | undefined;
  /** Whether the view lists a finished upload: the context key that shows Clear Finished Uploads. */
  hasFinishedUploads(): boolean;
  /** The Uploads view itself, whose selection the host tests read. */
  uploadsTreeView: vscode.TreeView<string>;
  /** What the Uploads view does with files dropped on it. */
  uploadsDrop: vscode.TreeDragAndDropController<string>;
  /** Milliseconds spent inside activate(). */
  activationMs: number;
}

/** The commands' code is evaluated on the first command that runs it, not when the extension activates. */
function loadCommands(): Promise<typeof import('./onFirstUse')> {
  return import('./onFirstUse');
}

let running: UploadService | undefined;
let runningHistory: UploadHistory | undefined;

export function activateExtension(context: vscode.ExtensionContext): NotionUploadApi {
  const started = performance.now();
  const ui = new UiHolder();
  const log = new UploadLog();
  const tokens = new TokenStore(context.secrets);
  const service = new UploadService(context.globalStorageUri, tokens, log, new LinkSpeedMemory(context.globalState));
  running = service;
  const targets = new TargetPages(context.globalState, service, ui);
  const tokenCommands = new TokenCommands(tokens, service, ui, log);
  const record = new UploadRecord(context.globalState);
  const errors = new ErrorNotices(ui, log);
  const batches = new BatchTracker(service, targets, record, ui, log, errors);
  let commands: ReturnType<typeof createCommands> | undefined;
  let migrated: Promise<void> = Promise.resolve();
  const createCommands = async () => {
    const [{ ConnectionCommand, PublishCommand, UploadCommand, UploadQuestions }] = await Promise.all([loadCommands(), migrated]);
    return {
      connection: new ConnectionCommand(service, tokenCommands, targets, ui, log, errors),
      uploads: new UploadCommand(service, tokenCommands, targets, new UploadQuestions(ui, record), batches, ui, log, errors, vscode.Uri.joinPath(context.globalStorageUri, 'copies'), new TypeVerdicts(context.workspaceState)),
      publish: new PublishCommand(service, tokenCommands, targets, context.workspaceState, ui, log, context.globalStorageUri, errors),
    };
  };
  const command = () => (commands ??= createCommands());
  const drop = new UploadsDrop((uris) => vscode.commands.executeCommand(CommandIds.upload, uris[0], uris));
  const history = new UploadHistory(context.workspaceState);
  runningHistory = history;
  const sessionCommands = new SessionCommands(service, batches, targets, ui, history);
  const tree = new UploadsTree(service, history, (pageId) => { const title = targets.titleOf(pageId); return title === pageId ? undefined : title; });
  const treeView = vscode.window.createTreeView(UPLOADS_VIEW_ID, { treeDataProvider: tree, canSelectMany: true, showCollapseAll: false, dragAndDropController: drop });
  const announced = new Set<string>();
  // Interrupted uploads the badge counts, kept as a set: recounting every session on each progress event would make a
  // folder of thousands of files cost the square of its size.
  const interrupted = new Set<string>();
  const isInterrupted = (session: SessionStatus | undefined): boolean => !!session && session.resumable && !isActive(session);
  const showBadge = (): void => {
    const count = interrupted.size;
    treeView.badge = count === 0 ? undefined : { value: count, tooltip: `${count} interrupted upload${count === 1 ? '' : 's'} can be resumed` };
  };
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

  register(CommandIds.upload, async (clicked, selected) => (await command()).uploads.run(clicked, selected));
  register(CommandIds.publishMarkdown, async (clicked) => (await command()).publish.run(clicked));
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
  register(CommandIds.checkConnection, async () => (await command()).connection.run());
  register(CommandIds.cancelUpload, (id, ids) => sessionCommands.cancel(id, ids));
  register(CommandIds.retryUpload, (id, ids) => sessionCommands.retry(id, ids));
  register(CommandIds.resumeUpload, (id, ids) => sessionCommands.retry(id, ids));
  register(CommandIds.openInNotion, (id) => sessionCommands.openInNotion(id));
  register(CommandIds.copyLink, (id) => sessionCommands.copyLink(id));
  register(CommandIds.revealInExplorer, (id) => sessionCommands.revealInExplorer(id));
  register(CommandIds.removeUpload, (id, ids) => sessionCommands.remove(id, ids));
  register(CommandIds.cancelAll, () => sessionCommands.cancelAll());
  register(CommandIds.clearFinished, () => sessionCommands.clearFinished());
  register(CommandIds.showMoreUploads, async (row) => {
    // Enter on the last row replaces that row with the next page, which left the keyboard focus nowhere: it goes to
    // the first row the page added, so that the arrow keys carry on from there. Only when the row itself ran the
    // command (its command passes the row's element): the reveal waits for the view to draw every row it lists.
    const chosenInView = treeView.visible && row === MORE_ROWS_ELEMENT;
    const before = new Set(chosenInView ? await tree.getChildren() : []);
    tree.showMoreRows();
    if (!chosenInView) return;
    const firstShown = (await tree.getChildren()).find((id) => !before.has(id) && id !== MORE_ROWS_ELEMENT);
    if (firstShown) await treeView.reveal(firstShown, { select: true, focus: true });
  });

  context.subscriptions.push(
    log,
    tokens,
    service,
    tree,
    status,
    treeView,
    // Finished uploads are kept per workspace, so the view still lists them after a reload or a token change.
    service.onDidChangeSessionState((session) => {
      if ((session.state === 'done' || session.state === 'failed' || session.state === 'cancelled') && !session.resumable) {
        void history.record(session, targets.titleOf(session.pageId));
      }
    }),
    // Uploads interrupted by the last window close are said once: a badge until none is left, and a notification.
    service.onDidRestoreSessions((restored) => {
      for (const session of restored.sessions) if (isInterrupted(session)) interrupted.add(session.id);
      showBadge();
      const fresh = restored.interrupted.filter((session) => session.resumable && !announced.has(session.id));
      if (fresh.length === 0) return;
      for (const session of fresh) announced.add(session.id);
      const message = fresh.length === 1 ? `Uploading “${fresh[0].fileName}” to Notion was interrupted.` : `${fresh.length} uploads to Notion were interrupted.`;
      void ui.current.notify('info', `${message} Resume sends only what Notion has not received yet.`, 'Resume All').then((action) => {
        if (action === 'Resume All') {
          const ids = service.sessions().filter((session) => session.resumable && !isActive(session)).map((session) => session.id);
          if (ids.length > 0) void vscode.commands.executeCommand(CommandIds.resumeUpload, ids[0], ids);
        }
      });
    }),
    service.onDidChangeSessionState((session) => {
      if (interrupted.has(session.id) && !isInterrupted(session) && interrupted.delete(session.id)) showBadge();
    }),
    service.onDidChangeSessions((session) => {
      // A row removed (Remove, Clear Finished) is announced without a session.
      if (session !== undefined || interrupted.size === 0) return;
      for (const id of [...interrupted]) if (!isInterrupted(service.current?.status(id))) interrupted.delete(id);
      showBadge();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsUploaderSettings(event)) return;
      try {
        service.applySettings();
      } catch (error) {
        void ui.current.notify('error', `Notion Upload settings: ${describeError(error)}`);
      }
    }),
    tokens.onDidChange(() => void service.ensureManager()),
    trackListedUploads(context.workspaceState, service),
  );
  void tokens.refreshContext();
  const migrateSettings = async (): Promise<void> => {
    const { moved, failed } = await migrateRenamedSettings();
    for (const line of moved) log.info(`Setting renamed: ${line}`);
    for (const line of failed) log.warn(`Setting not renamed: ${line}`);
  };
  // The first look at the settings' layers (inspect) builds the host's configuration model, the costliest step of
  // activation by far; nothing at activation needs its result, so it runs just after, and the commands wait for it.
  migrated = new Promise<void>((resolve) => setImmediate(() => resolve(migrateSettings().catch(() => undefined))));

  return {
    overrideUi: (parts) => ui.override(parts),
    uploadsView: tree,
    statusBarText: () => status.text,
    uploadsDrop: drop,
    sessionCount: () => service.current?.sessionCount ?? 0,
    logUri: context.logUri,
    globalStorageUri: context.globalStorageUri,
    reloadSessions: async () => {
      await service.shutDown();
      await history.flush();
      await service.ensureManager();
    },
    migrateSettings,
    uploadsBadge: () => treeView.badge,
    hasFinishedUploads: () => tree.hasFinishedUploads,
    uploadsTreeView: treeView,
    activationMs: performance.now() - started,
  };
}

/**
 * On window close or reload: stops the running uploads and waits until each has written its resume record, so the
 * next start lists them with Resume.
 */
export async function deactivateExtension(): Promise<void> {
  await running?.shutDown();
  await runningHistory?.flush();
  running = undefined;
  runningHistory = undefined;
}
