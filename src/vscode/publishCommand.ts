// "Publish to Notion": the Markdown file clicked in the Explorer or editor title (or the active editor) becomes a
// child page of the target page, its local images and files uploaded through the running UploadManager. Which page
// it became is kept in the extension's global storage, shared by all windows, so publishing it again updates that page.
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import type { PublishResult } from '../core/markdown/index';
import { PageLinkError } from '../core/light';
import { FixAction, fixFor, whatWentWrong, type ErrorNotices, type Retry } from './errorNotices';
import { PUBLISH_RECORDS_FILE, SharedPublishStore } from './sharedPublishStore';
import type { TargetPages } from './targetPages';
import type { TokenCommands } from './tokenCommands';
import type { UiHolder } from './ui';
import type { UploadLog } from './uploadLog';
import type { UploadService } from './uploadService';

export function isMarkdownUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return uri !== undefined && uri.scheme === 'file' && /\.(md|markdown)$/i.test(uri.path);
}

/** "1 file", "3 files". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export class PublishCommand {
  /** The files being published now: a second publish of one of them would race the first to make its page. */
  private readonly underWay = new Set<string>();

  constructor(
    private readonly service: UploadService,
    private readonly tokens: TokenCommands,
    private readonly targets: TargetPages,
    private readonly workspaceState: vscode.Memento,
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
    /** The extension's global storage: the publish records and their locks, seen by every window. */
    private readonly storage: vscode.Uri,
    private readonly errors: ErrorNotices,
  ) {}

  async run(clicked?: unknown): Promise<PublishResult | undefined> {
    const uri = clicked instanceof vscode.Uri ? clicked : vscode.window.activeTextEditor?.document.uri;
    if (!isMarkdownUri(uri)) {
      void this.ui.current.notify('info', 'Publish to Notion works on a Markdown (.md) file on disk: right-click one, or open it in the editor.');
      return undefined;
    }
    const name = basename(uri.fsPath);
    const key = uri.toString();
    if (this.underWay.has(key)) {
      void this.ui.current.notify('info', `“${name}” is being published to Notion already; this publish was not started. Wait for that one to finish.`);
      return undefined;
    }
    this.underWay.add(key);
    try {
      return await this.publish(uri, name);
    } finally {
      this.underWay.delete(key);
    }
  }

  private async publish(uri: vscode.Uri, name: string): Promise<PublishResult | undefined> {
    // What the user sees in the editor is what gets published.
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    const token = await this.tokens.requireToken();
    if (!token) return undefined;
    const pageId = await this.targetPage(token, uri, { kind: 'command', run: () => this.run(uri) });
    if (!pageId) return undefined;
    const manager = await this.service.ensureManager();
    if (!manager) return undefined;
    // The Markdown parser is a bundle of its own (markdown.js), loaded by the first publish, not by uploads.
    const markdown = await import('../core/markdown/index');
    const store = new SharedPublishStore(new markdown.JsonFilePublishStore(vscode.Uri.joinPath(this.storage, PUBLISH_RECORDS_FILE).fsPath), this.workspaceState);
    // Cancel stops after the request under way: no page or block is left half-made, and what a stop left is said.
    const stop = new AbortController();
    let result: PublishResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Publishing ${name} to Notion…`, cancellable: true }, (_progress, cancel) => {
        cancel.onCancellationRequested(() => stop.abort());
        return markdown.publishMarkdown(uri.fsPath, pageId, {
          client: manager.notionClient, upload: markdown.detachedUploader(manager, pageId), store, stop: stop.signal,
          // Only files of the workspace folder the Markdown file is in (or its own folder outside any workspace).
          allowedRoot: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath,
          // The extension host's working folder means nothing to a user: paths in warnings are the workspace's.
          pathsShownFrom: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? dirname(uri.fsPath),
        });
      });
    } catch (error) {
      if (error instanceof markdown.PublishBusyError) {
        // Another window holds this file's publish to this page: a second one now would make a second page. Nothing
        // was sent; nothing to choose either, so a notice without buttons.
        this.log.info(`${name}: not published: ${error.message}`);
        void this.ui.current.notify('warning', `“${name}” is being published to this page from another VS Code window; this publish was not started. Wait for that one to finish, then publish again if the file changed since.`);
        return undefined;
      }
      if (!stop.signal.aborted || (error as { code?: unknown }).code !== 'publish_stopped') throw error;
      // The user's own Cancel is not a failure: say where it left the page, and how to finish.
      const { message, hint } = error as { message: string; hint?: string };
      this.log.info(`${name}: ${message}`);
      void this.ui.current.notify('info', `Publishing “${name}” ${message}${hint ? ` ${hint}` : ''}`);
      return undefined;
    }
    for (const warning of result.warnings) this.log.warn(`${name}: ${warning}`);
    this.log.info(`${name}: ${result.updated ? 'updated' : 'published'} “${result.title}” (${count(result.blocks, 'block')}; ${count(result.uploaded.length, 'file')} uploaded, ${result.reused.length} unchanged)`);
    // One thing left out is named here; several are listed in the log.
    const missing = result.warnings.length === 1 ? ` Left out: ${result.warnings[0]}`
      : result.warnings.length > 1 ? ` ${result.warnings.length} things could not be included; see the log.` : '';
    const actions = result.warnings.length > 0 ? ['Open in Notion', 'Show Log'] : ['Open in Notion'];
    void this.ui.current.notify(result.warnings.length > 0 ? 'warning' : 'info',
      `${result.updated ? 'Updated' : 'Published'} “${result.title}” in Notion.${missing}`, ...actions).then((action) => {
      if (action === 'Open in Notion') void this.ui.current.openExternal(result.url);
      if (action === 'Show Log') this.log.show();
    });
    return result;
  }

  private async targetPage(token: string, resource: vscode.Uri, retry: Retry): Promise<string | undefined> {
    try {
      const configured = this.targets.configuredPageId(resource);
      if (configured) return await this.targets.checkConfigured(token, configured);
    } catch (error) {
      if (!(error instanceof PageLinkError)) {
        // The button that fixes it (Choose Target Page, Set Notion Token, Retry); a refused token is said as such.
        this.errors.show(fixFor(error) === FixAction.chooseTargetPage ? 'Could not use the target page' : whatWentWrong(error), error, retry);
        return undefined;
      }
      void this.ui.current.notify('warning', `The target page setting is not usable: ${error.reason}`);
    }
    return (await this.targets.choose(token))?.id;
  }
}
