import * as vscode from 'vscode';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isKnownTextFile } from '../core/light';
import { sha256File } from '../core/light';
import { planUpload } from '../core/light';
import { MiB, formatBytes } from '../core/light';
import { PageLinkError, pageUrl } from '../core/light';
import type { SessionStatus, UploadManager } from '../core';
import { showBatchProgress } from './batchProgress';
import { readUnsupportedTypesPolicy, readUploaderSettings } from './configuration';
import { expandSelection, type FileToUpload } from './folderExpansion';
import { findSensitiveFiles } from './sensitiveFiles';
import type { TargetPages } from './targetPages';
import type { TokenCommands } from './tokenCommands';
import { describeError } from '../core/light';
import type { UiHolder } from './ui';
import type { UploadLog } from './uploadLog';
import type { UploadRecord } from './uploadRecord';
import type { UploadService } from './uploadService';

/** Files queued per turn of the event loop. */
const QUEUE_SLICE = 200;

/** Files on other file systems (remote, virtual) are read whole through VS Code into a temporary copy, up to this size. */
export const NON_LOCAL_FILE_LIMIT_BYTES = 64 * MiB;

export interface SkippedFile {
  displayPath: string;
  reason: string;
}

export interface UploadOutcome {
  pageId: string;
  sessions: SessionStatus[];
  skipped: SkippedFile[];
}

interface PreparedFile extends FileToUpload {
  localPath: string;
  asText: boolean;
  sha256: string;
}

/** "Upload to Notion": from the Explorer (one or many files and folders), an editor tab, or the palette. */
export class UploadCommand {
  constructor(
    private readonly service: UploadService,
    private readonly tokens: TokenCommands,
    private readonly targets: TargetPages,
    private readonly record: UploadRecord,
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
    private readonly scratchDir: vscode.Uri,
  ) {}

  /** VS Code passes (clicked, allSelected) from the Explorer, (clicked, …) from an editor tab, nothing from the palette. */
  async run(clicked?: unknown, selected?: unknown): Promise<UploadOutcome | undefined> {
    const selection = await this.selection(clicked, selected);
    if (!selection?.length) return undefined;
    const token = await this.tokens.requireToken();
    if (!token) return undefined;
    const pageId = await this.targetPage(token, selection[0]);
    if (!pageId) return undefined;

    const expansion = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Notion: listing files' },
      () => expandSelection(selection),
    );
    const skipped: SkippedFile[] = [];
    const files = expansion.files;
    if (files.length === 0) {
      void this.ui.current.notify('info', expansion.excludedCount
        ? `Nothing to upload: all ${expansion.excludedCount} entries are excluded by files.exclude or .gitignore.`
        : 'Nothing to upload: the folder holds no files.');
      return { pageId, sessions: [], skipped };
    }
    const pageTitle = this.targets.titleOf(pageId);
    const planned = await this.planFiles(token, files, skipped);
    if (!planned) return undefined;
    const cleared = await this.confirmSensitive(planned);
    if (!cleared) return undefined;
    if (expansion.fromFolders && cleared.length > 0 && !(await this.confirmFolderBatch(cleared, expansion.excludedCount, skipped.length, expansion.truncated, pageTitle))) return undefined;
    const prepared = await this.prepare(cleared, skipped);
    const toSend = await this.confirmDuplicates(prepared, pageId, pageTitle);
    if (!toSend) return undefined;
    this.reportSkipped(skipped);
    if (toSend.length === 0) return { pageId, sessions: [], skipped };

    const manager = await this.service.ensureManager();
    if (!manager) return undefined;
    // Queued a slice per turn of the event loop: 5,000 `add`s in one go took about 90 ms in plain Node.
    const sessions: SessionStatus[] = [];
    for (let start = 0; start < toSend.length; start += QUEUE_SLICE) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      for (const file of toSend.slice(start, start + QUEUE_SLICE)) sessions.push(manager.add(file.localPath, pageId, { asText: file.asText }));
    }
    const bySession = new Map(sessions.map((session, index) => [session.id, toSend[index]]));
    const hashes = new Map(sessions.map((session, index) => [session.id, toSend[index].sha256]));
    const final = await this.track(manager, sessions.map((session) => session.id), pageId, pageTitle, hashes);
    for (const session of final) {
      const file = bySession.get(session.id);
      if (file && session.state === 'done' && file.uri.scheme !== 'file') await rm(dirname(file.localPath), { recursive: true, force: true });
    }
    return { pageId, sessions: final, skipped };
  }

  /** Follows a batch to its end in a notification, records what arrived, then says how it went. */
  async track(manager: UploadManager, ids: string[], pageId: string, pageTitle: string, hashes = new Map<string, string>()): Promise<SessionStatus[]> {
    const count = ids.length === 1 ? `“${manager.status(ids[0])?.fileName ?? 'file'}”` : `${ids.length} files`;
    const final = await showBatchProgress(this.service, manager, ids, `Uploading ${count} to Notion`);
    for (const session of final.filter((s) => s.state === 'done')) {
      const sha256 = hashes.get(session.id) ?? session.sha256 ?? (await sha256File(session.filePath).then((r) => r.sha256, () => undefined));
      if (sha256) await this.record.remember(sha256, pageId, { fileName: session.fileName, uploadedAt: Date.now(), blockId: session.blockId });
    }
    this.announce(manager, final, pageId, pageTitle);
    return final;
  }

  private announce(manager: UploadManager, final: SessionStatus[], pageId: string, pageTitle: string): void {
    const done = final.filter((session) => session.state === 'done');
    const failed = final.filter((session) => session.state === 'failed');
    const cancelled = final.filter((session) => session.state === 'cancelled');
    for (const session of failed) {
      this.log.error(`${session.filePath}: ${session.error?.message ?? 'failed'}${session.error?.requestId ? ` (request_id ${session.error.requestId})` : ''}`);
    }
    if (failed.length > 0) {
      const first = failed[0];
      const reason = first.error ? `${first.error.message}${first.error.hint ? ` ${first.error.hint}` : ''}` : 'unknown error';
      const which = failed.length === 1 ? `“${first.fileName}”` : `${failed.length} of ${final.length} files (first: “${first.fileName}”)`;
      void this.ui.current.notify('error', `Could not upload ${which} to “${pageTitle}”: ${reason}`, 'Retry', 'Show Log').then(async (action) => {
        if (action === 'Show Log') this.log.show();
        if (action === 'Retry') {
          const retried = failed.map((session) => manager.retry(session.id).id);
          await this.track(manager, retried, pageId, pageTitle);
        }
      });
    } else if (done.length > 0) {
      const what = done.length === 1 ? `“${done[0].fileName}”` : `${done.length} files`;
      const notCancelled = cancelled.length ? ` (${cancelled.length} cancelled)` : '';
      const link = done.length === 1 && done[0].blockId ? pageUrl(pageId, done[0].blockId) : this.targets.urlOf(pageId);
      void this.ui.current.notify('info', `Uploaded ${what} to “${pageTitle}”${notCancelled}.`, 'Open in Notion').then((action) => {
        if (action === 'Open in Notion') void this.ui.current.openExternal(link);
      });
    } else if (cancelled.length > 0) {
      void this.ui.current.notify('info', `Upload to “${pageTitle}” cancelled; nothing more is sent for ${cancelled.length === 1 ? 'that file' : 'those files'}.`);
    }
  }

  private async selection(clicked: unknown, selected: unknown): Promise<vscode.Uri[] | undefined> {
    if (Array.isArray(selected) && selected.length > 0 && selected.every((item) => item instanceof vscode.Uri)) return selected as vscode.Uri[];
    if (clicked instanceof vscode.Uri) return [clicked];
    const active = vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
    if (active && active.scheme !== 'untitled') return [active];
    return this.ui.current.pickFiles();
  }

  private async targetPage(token: string, resource: vscode.Uri): Promise<string | undefined> {
    try {
      const configured = this.targets.configuredPageId(resource);
      if (configured) return await this.targets.checkConfigured(token, configured);
    } catch (error) {
      if (!(error instanceof PageLinkError)) {
        void this.ui.current.notify('error', `Could not use the target page: ${describeError(error)}`);
        return undefined;
      }
      void this.ui.current.notify('warning', `The target page setting is not usable: ${error.reason}`);
    }
    try {
      return (await this.targets.choose(token))?.id;
    } catch (error) {
      void this.ui.current.notify('error', `Could not use that page: ${describeError(error)}`);
      return undefined;
    }
  }

  private async confirmFolderBatch(files: FileToUpload[], excludedCount: number, refusedCount: number, truncated: boolean, pageTitle: string): Promise<boolean> {
    const total = files.reduce((sum, file) => sum + file.sizeBytes, 0);
    const upload = 'Upload';
    const listed = files.slice(0, 8).map((file) => `• ${file.displayPath}`).join('\n');
    const more = files.length > 8 ? `\n… and ${files.length - 8} more` : '';
    const notes = [
      excludedCount ? `${excludedCount} entries left out by files.exclude and .gitignore.` : '',
      refusedCount ? `${refusedCount} files left out because Notion would refuse them (listed afterwards).` : '',
      truncated ? `Only the first ${files.length} files are taken.` : '',
    ].filter(Boolean).join(' ');
    const answer = await this.ui.current.ask(
      `Upload ${files.length} file${files.length === 1 ? '' : 's'} (${formatBytes(total)}) to “${pageTitle}”?`,
      `${listed}${more}${notes ? `\n\n${notes}` : ''}`,
      upload,
    );
    return answer === upload;
  }

  private async confirmSensitive<T extends FileToUpload>(files: T[]): Promise<T[] | undefined> {
    const sensitive = findSensitiveFiles(files);
    if (sensitive.length === 0) return files;
    const include = 'Upload Them Too';
    const skip = 'Skip Them';
    const answer = await this.ui.current.ask(
      `${sensitive.length === 1 ? 'This file' : `${sensitive.length} files`} may hold secrets. Upload anyway?`,
      `${sensitive.map((file) => `• ${file.displayPath}`).join('\n')}\n\nThey match notionUpload.sensitiveFilePatterns. Anyone with access to the Notion page can read them.`,
      include,
      skip,
    );
    if (answer === include) return files;
    if (answer === skip) return files.filter((file) => !sensitive.includes(file));
    return undefined;
  }

  /** Checks every file against Notion's rules before any upload request; refused files are left out with the reason. */
  private async planFiles(token: string, files: FileToUpload[], skipped: SkippedFile[]): Promise<Array<FileToUpload & { asText: boolean }> | undefined> {
    let maxBytes: number | null;
    try {
      maxBytes = (await this.service.workspaceLimits(token)).maxFileUploadSizeBytes;
    } catch (error) {
      void this.ui.current.notify('error', `Could not reach Notion: ${describeError(error)}`, 'Show Log').then((action) => action && this.log.show());
      return undefined;
    }
    const partSizeBytes = readUploaderSettings().partSizeBytes ?? 5 * MiB;
    const accepted: Array<FileToUpload & { asText: boolean }> = [];
    const textOnly: FileToUpload[] = [];
    for (const file of files) {
      const fileName = file.uri.path.split('/').pop() ?? file.displayPath;
      if (file.uri.scheme !== 'file' && file.sizeBytes > NON_LOCAL_FILE_LIMIT_BYTES) {
        skipped.push({ displayPath: file.displayPath, reason: `it is on ${file.uri.scheme}: and larger than ${formatBytes(NON_LOCAL_FILE_LIMIT_BYTES)}; files outside the local disk are read whole through VS Code, so this is the limit for them` });
        continue;
      }
      const result = planUpload({ fileName, sizeBytes: file.sizeBytes, maxFileUploadSizeBytes: maxBytes, partSizeBytes });
      if (result.ok) accepted.push({ ...file, asText: false });
      else if (result.refusal.code === 'unsupported_type' && isKnownTextFile(fileName)) textOnly.push(file);
      else skipped.push({ displayPath: file.displayPath, reason: `${result.refusal.reason} ${result.refusal.remedy}` });
    }
    if (textOnly.length === 0) return accepted;

    let policy = readUnsupportedTypesPolicy();
    if (policy === 'ask') {
      const asText = 'Upload as .txt';
      const skip = 'Skip Them';
      const names = textOnly.slice(0, 6).map((file) => `• ${file.displayPath}`).join('\n') + (textOnly.length > 6 ? `\n… and ${textOnly.length - 6} more` : '');
      const answer = await this.ui.current.ask(
        `Notion does not accept ${textOnly.length === 1 ? 'this file\'s type' : `the type of ${textOnly.length} files`}. Upload as plain text (.txt)?`,
        `${names}\n\nThey would arrive as <name>.txt with type text/plain. Set notionUpload.unsupportedTypes to stop this question.`,
        asText,
        skip,
      );
      if (answer === undefined) return undefined;
      policy = answer === asText ? 'asText' : 'skip';
    }
    for (const file of textOnly) {
      if (policy === 'asText') accepted.push({ ...file, asText: true });
      else skipped.push({ displayPath: file.displayPath, reason: 'Notion does not accept its type (notionUpload.unsupportedTypes is "skip")' });
    }
    return accepted;
  }

  /** Local path and sha256 for each file; files not on the local disk are copied to a temporary file first. */
  private async prepare(files: Array<FileToUpload & { asText: boolean }>, skipped: SkippedFile[]): Promise<PreparedFile[]> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Notion: checking files' }, async () => {
      const prepared: PreparedFile[] = [];
      for (const file of files) {
        try {
          const localPath = file.uri.scheme === 'file' ? file.uri.fsPath : await this.copyToLocal(file.uri);
          prepared.push({ ...file, localPath, sha256: (await sha256File(localPath)).sha256 });
        } catch (error) {
          skipped.push({ displayPath: file.displayPath, reason: `it could not be read: ${describeError(error)}` });
        }
      }
      return prepared;
    });
  }

  private async copyToLocal(uri: vscode.Uri): Promise<string> {
    await vscode.workspace.fs.createDirectory(this.scratchDir);
    const dir = await mkdtemp(join(this.scratchDir.fsPath, 'copy-'));
    const localPath = join(dir, uri.path.split('/').pop() || 'file');
    await writeFile(localPath, await vscode.workspace.fs.readFile(uri));
    return localPath;
  }

  /** Content already uploaded to this page (same sha256) goes again only when the user says so. */
  private async confirmDuplicates(files: PreparedFile[], pageId: string, pageTitle: string): Promise<PreparedFile[] | undefined> {
    const earlier = files.map((file) => ({ file, entry: this.record.find(file.sha256, pageId) })).filter((found) => found.entry);
    if (earlier.length === 0) return files;
    const again = 'Upload Again';
    const skip = 'Skip Those';
    const lines = earlier.slice(0, 8).map(({ file, entry }) => `• ${file.displayPath} — ${new Date(entry!.uploadedAt).toLocaleString()}`).join('\n');
    const single = earlier.length === 1;
    const answer = await this.ui.current.ask(
      single
        ? `“${earlier[0].file.displayPath}” was uploaded to “${pageTitle}” on ${new Date(earlier[0].entry!.uploadedAt).toLocaleString()}. Upload again?`
        : `${earlier.length} of these files were uploaded to “${pageTitle}” before. Upload them again?`,
      single ? 'The same content (by sha256) is already on that page.' : `${lines}\n\nThe same content (by sha256) is already on that page.`,
      again,
      ...(files.length > earlier.length ? [skip] : []),
    );
    if (answer === again) return files;
    if (answer === skip) return files.filter((file) => !earlier.some((found) => found.file === file));
    return undefined;
  }

  private reportSkipped(skipped: SkippedFile[]): void {
    if (skipped.length === 0) return;
    for (const file of skipped) this.log.warn(`Left out ${file.displayPath}: ${file.reason}`);
    const first = skipped[0];
    const message = skipped.length === 1
      ? `Left out ${first.displayPath}: ${first.reason}`
      : `Left out ${skipped.length} files (first: ${first.displayPath}: ${first.reason})`;
    void this.ui.current.notify('warning', message, 'Show Log').then((action) => action && this.log.show());
  }
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}
