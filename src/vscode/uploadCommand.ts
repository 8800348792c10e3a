import * as vscode from 'vscode';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEFAULT_SETTINGS, formatBytes, PageLinkError, partSizeBytes } from '../core/light';
import type { SessionStatus } from '../core';
import type { PublishResult } from '../core/markdown/index';
import { CommandIds } from './commandIds';
import type { BatchTracker } from './batchTracker';
import { readUnsupportedTypesPolicy, readUploaderSettings } from './configuration';
import { FixAction, fixFor, whatWentWrong, type ErrorNotices, type Retry } from './errorNotices';
import { classifyFiles, fileNameOf, plannedFile, prepareFiles, type FileClassification, type PlannedFile, type PreparedFile, type SkippedFile } from './filePreparation';
import { displayPathOf, expandSelection, type FileToUpload } from './folderExpansion';
import type { TargetPages } from './targetPages';
import type { TokenCommands } from './tokenCommands';
import { TurnBudget } from './turnBudget';
import type { UiHolder } from './ui';
import type { UploadLog } from './uploadLog';
import type { UploadQuestions } from './uploadQuestions';
import type { UploadService } from './uploadService';
import { extensionOfName, type TypeVerdicts } from './typeVerdicts';

export type { SkippedFile } from './filePreparation';

export interface UploadOutcome {
  pageId: string;
  sessions: SessionStatus[];
  skipped: SkippedFile[];
  /** A Markdown file Notion refuses, published as a page instead when the user chose Publish to Notion. */
  published?: PublishResult;
}

/** What the questions before an upload leave to send, and what they set aside. */
interface FilesChosen {
  toSend: PreparedFile[];
  skipped: SkippedFile[];
  published: Thenable<PublishResult | undefined> | undefined;
  pageTitle: string;
  /** The selection as the log names it. */
  from: string;
}

/** "Upload to Notion": from the Explorer (one or many files and folders), an editor tab, or the palette. */
export class UploadCommand {
  constructor(
    private readonly service: UploadService,
    private readonly tokens: TokenCommands,
    private readonly targets: TargetPages,
    private readonly questions: UploadQuestions,
    private readonly batches: BatchTracker,
    private readonly ui: UiHolder,
    private readonly log: UploadLog,
    private readonly errors: ErrorNotices,
    private readonly scratchDir: vscode.Uri,
    private readonly verdicts: TypeVerdicts,
  ) {}

  /** VS Code passes (clicked, allSelected) from the Explorer, (clicked, …) from an editor tab, nothing from the palette. */
  async run(clicked?: unknown, selected?: unknown): Promise<UploadOutcome | undefined> {
    const selection = await this.selection(clicked, selected);
    if (!selection?.length) return undefined;
    const token = await this.tokens.requireToken();
    if (!token) return undefined;
    // Runs the whole command again, so a page chosen or a token set from the error's button is the one used.
    const retry: Retry = { kind: 'command', run: () => this.run(clicked, selected) };
    const pageId = await this.targetPage(token, selection[0], retry);
    if (!pageId) return undefined;

    const chosen = await this.chooseFiles(token, selection, pageId, retry);
    if (!chosen || 'outcome' in chosen) return chosen?.outcome;
    return this.send(chosen, pageId);
  }

  /**
   * Everything asked and read before a byte is sent: the files listed, classified and asked about, ending with the
   * files to send. Its own function so that the lists of each step (thousands of objects for a big folder) can be
   * collected once it returns, not held for as long as the uploads run.
   */
  private async chooseFiles(token: string, selection: vscode.Uri[], pageId: string, retry: Retry): Promise<FilesChosen | { outcome: UploadOutcome } | undefined> {
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
      return { outcome: { pageId, sessions: [], skipped } };
    }
    // The page is read once there is something to send, before any question about the files.
    if (!(await this.checkTargetPage(token, pageId, retry))) return undefined;
    const pageTitle = this.targets.titleOf(pageId);
    // Each step below goes over every file (thousands from folders): the next starts on a fresh turn of the event loop
    // once a step has used up a turn's budget, so that the steps do not add up to one long stall of the host.
    const budget = new TurnBudget();
    const classified = await this.classify(token, files, retry);
    if (!classified) return undefined;
    await budget.pace();
    skipped.push(...classified.skipped);
    // The secrets question comes before any other question about a file, so that no earlier answer can carry it along.
    const candidates = [...classified.accepted, ...classified.textOnly, ...classified.unknownType];
    const notSensitive = await this.questions.confirmSensitive(candidates);
    if (!notSensitive) return undefined;
    const kept = new Set(notSensitive);
    for (const file of candidates.filter((candidate) => !kept.has(candidate))) {
      skipped.push({ displayPath: file.displayPath, reason: 'it may hold secrets', byChoice: true });
    }
    await budget.pace();
    const textOnly = new Set(classified.textOnly);
    const unknownType = new Set(classified.unknownType);
    const toPublish: FileToUpload[] = [];
    const cleared = await this.textOnlyAsked(notSensitive.filter((file) => !textOnly.has(file) && !unknownType.has(file)), notSensitive.filter((file) => textOnly.has(file)), skipped, toPublish, pageTitle);
    if (!cleared) return undefined;
    await budget.pace();
    const tried = await this.unknownTypesAsked(notSensitive.filter((file) => unknownType.has(file)), skipped);
    if (!tried) return undefined;
    cleared.push(...tried);
    if (expansion.fromFolders && cleared.length > 0 && !(await this.questions.confirmFolderBatch(cleared, expansion.excludedCount, skipped.filter((file) => !file.byChoice).length, expansion.truncated, pageTitle))) return undefined;
    const prepared = await prepareFiles(cleared, skipped, this.scratchDir);
    const toSend = await this.questions.confirmDuplicates(prepared, pageId, pageTitle,
      (page, cursor) => this.service.withClient(token, (client) => client.listBlockChildren(page, { startCursor: cursor })));
    if (!toSend) return undefined;
    await budget.pace();
    this.reportSkipped(skipped);
    // Published by its own command (its progress, its messages), once every question about this upload is answered.
    const published = toPublish.length > 0 ? vscode.commands.executeCommand<PublishResult | undefined>(CommandIds.publishMarkdown, toPublish[0].uri) : undefined;
    if (toSend.length === 0) return { outcome: { pageId, sessions: [], skipped, published: await published } };
    return { toSend, skipped, published, pageTitle, from: describeSelection(selection) };
  }

  /** Queues the chosen files, follows them to the end, and cleans up after them. */
  private async send({ toSend, skipped, published, pageTitle, from }: FilesChosen, pageId: string): Promise<UploadOutcome | undefined> {
    const manager = await this.service.ensureManager();
    if (!manager) return undefined;
    const budget = new TurnBudget();
    // Queued a few milliseconds' worth per turn, as each step of chooseFiles goes: thousands of `add`s in one go stall
    // the host. Only the ids are kept: the snapshot each add returns would be one more object per file, held until the
    // last file is done.
    const ids: string[] = [];
    // Many files are logged as queued in one line; each one's path is logged with its next line (sessionLog.ts).
    const batched = toSend.length > 1;
    if (batched) this.log.info(`Queued ${toSend.length} files (${formatBytes(toSend.reduce((sum, file) => sum + file.sizeBytes, 0))}) for “${pageTitle}” from ${from}; each file's path is logged when it starts.`);
    // The sha256 for the record is computed from the bytes as they stream, so no file is read for it beforehand.
    for (const file of toSend) {
      await budget.pace();
      const add = (): SessionStatus => manager.add(file.localPath, pageId, { asText: file.asText, tryUnknownType: file.tryUnknownType, computeSha256: true, sizeBytes: file.sizeBytes });
      ids.push((batched ? this.service.addToBatch(add) : add()).id);
    }
    await budget.pace();
    const bySession = new Map(ids.map((id, index) => [id, toSend[index]]));
    const states = new Map(ids.flatMap((id, index) => { const state = toSend[index].state; return state ? [[id, state] as const] : []; }));
    const final = await this.batches.track(manager, ids, pageId, pageTitle, states);
    await this.rememberTriedTypes(final, bySession);
    for (const session of final) {
      const file = bySession.get(session.id);
      if (file && session.state === 'done' && file.uri.scheme !== 'file') await rm(dirname(file.localPath), { recursive: true, force: true });
    }
    return { pageId, sessions: final, skipped, published: await published };
  }

  private async selection(clicked: unknown, selected: unknown): Promise<vscode.Uri[] | undefined> {
    if (Array.isArray(selected) && selected.length > 0 && selected.every((item) => item instanceof vscode.Uri)) return selected as vscode.Uri[];
    if (clicked instanceof vscode.Uri) return [clicked];
    const active = vscode.window.activeTextEditor?.document.uri ?? activeTabUri();
    if (active && active.scheme !== 'untitled') return [active];
    return this.ui.current.pickFiles();
  }

  /** The page to upload to: the configured one, or one the user picks now; read from Notion later (checkTargetPage). */
  private async targetPage(token: string, resource: vscode.Uri, retry: Retry): Promise<string | undefined> {
    try {
      const configured = this.targets.configuredPageId(resource);
      if (configured) return configured;
    } catch (error) {
      if (!(error instanceof PageLinkError)) throw error;
      void this.ui.current.notify('warning', `The target page setting is not usable: ${error.reason}`);
    }
    try {
      return (await this.targets.choose(token))?.id;
    } catch (error) {
      this.errors.show('Could not use that page', error, retry);
      return undefined;
    }
  }

  /** Reads the target page from Notion; false (with the error shown) when nothing can go to it. */
  private async checkTargetPage(token: string, pageId: string, retry: Retry): Promise<boolean> {
    try {
      await this.targets.checkConfigured(token, pageId);
      return true;
    } catch (error) {
      // A refused token or a lost connection is said as such, not as the page's fault.
      this.errors.show(fixFor(error) === FixAction.chooseTargetPage ? 'Could not use the target page' : whatWentWrong(error), error, retry);
      return false;
    }
  }

  /** Checks every file against Notion's rules before any upload request; refused files are left out with the reason. */
  private async classify(token: string, files: FileToUpload[], retry: Retry): Promise<FileClassification | undefined> {
    let maxBytes: number | null;
    try {
      maxBytes = (await this.service.workspaceLimits(token)).maxFileUploadSizeBytes;
    } catch (error) {
      this.errors.show(whatWentWrong(error), error, retry);
      return undefined;
    }
    return classifyFiles(files, maxBytes, partSizeBytes({ partSize: readUploaderSettings().partSize ?? DEFAULT_SETTINGS.partSize }));
  }

  /** Text files of a type Notion refuses go as .txt or stay behind, by the setting or by asking; a Markdown file may go to `toPublish`. */
  private async textOnlyAsked(accepted: FileToUpload[], textOnly: FileToUpload[], skipped: SkippedFile[], toPublish: FileToUpload[], pageTitle: string): Promise<PlannedFile[] | undefined> {
    const planned: PlannedFile[] = [];
    const budget = new TurnBudget();
    for (const file of accepted) {
      await budget.pace();
      planned.push(plannedFile(file, false));
    }
    if (textOnly.length === 0) return planned;
    const policy = readUnsupportedTypesPolicy();
    const asText = policy === 'ask' ? await this.questions.sendAsText(textOnly, pageTitle) : policy === 'asText';
    if (asText === undefined) return undefined;
    if (asText === 'publish') {
      toPublish.push(...textOnly);
      return planned;
    }
    for (const file of textOnly) {
      if (asText) planned.push(plannedFile(file, true));
      else if (policy === 'ask') skipped.push({ displayPath: file.displayPath, reason: 'Notion does not accept its type', byChoice: true });
      else skipped.push({ displayPath: file.displayPath, reason: 'Notion does not accept its type (notionUpload.unsupportedTypes is "skip")' });
    }
    return planned;
  }

  /** Types off Notion's list: what Notion answered before decides; otherwise the user is asked once (Enter skips). */
  private async unknownTypesAsked(files: FileToUpload[], skipped: SkippedFile[]): Promise<PlannedFile[] | undefined> {
    const planned: PlannedFile[] = [];
    const undecided: FileToUpload[] = [];
    for (const file of files) {
      const extension = extensionOfName(fileNameOf(file));
      const verdict = this.verdicts.get(extension);
      if (verdict === 'accepted') planned.push(plannedFile(file, false, true));
      else if (verdict === 'refused') skipped.push({ displayPath: file.displayPath, reason: `Notion refused .${extension} files when they were tried in this workspace` });
      else undecided.push(file);
    }
    if (undecided.length === 0) return planned;
    const tryThem = await this.questions.tryUnknownTypes(undecided);
    if (tryThem === undefined) return undefined;
    for (const file of undecided) {
      if (tryThem) planned.push(plannedFile(file, false, true));
      else skipped.push({ displayPath: file.displayPath, reason: 'Notion\'s documented list does not include its type', byChoice: true });
    }
    return planned;
  }

  /** A tried type that went through is accepted from now on; one Notion refused at create is not asked about again. */
  private async rememberTriedTypes(final: readonly SessionStatus[], bySession: ReadonlyMap<string, PlannedFile>): Promise<void> {
    for (const session of final) {
      const file = bySession.get(session.id);
      if (!file?.tryUnknownType) continue;
      const extension = extensionOfName(fileNameOf(file));
      if (session.state === 'done') await this.verdicts.set(extension, 'accepted');
      else if (session.state === 'failed' && session.uploadId === null && session.error?.status === 400) await this.verdicts.set(extension, 'refused');
    }
  }

  private reportSkipped(skipped: SkippedFile[]): void {
    const chosen = skipped.filter((file) => file.byChoice);
    const refused = skipped.filter((file) => !file.byChoice);
    for (const file of chosen) this.log.info(`Skipped ${file.displayPath} as you chose: ${file.reason}.`);
    if (chosen.length > 0) {
      void this.ui.current.notify('info', chosen.length === 1
        ? `Skipped “${chosen[0].displayPath}” as you chose (${chosen[0].reason}); nothing was sent for it.`
        : `Skipped ${chosen.length} files as you chose (first: “${chosen[0].displayPath}”, ${chosen[0].reason}); nothing was sent for them.`);
    }
    if (refused.length === 0) return;
    for (const file of refused) this.log.warn(`Left out ${file.displayPath}: ${file.reason}`);
    const first = refused[0];
    const message = refused.length === 1
      ? `Left out ${first.displayPath}: ${first.reason}`
      : `Left out ${refused.length} files (first: ${first.displayPath}: ${first.reason})`;
    void this.ui.current.notify('warning', message, 'Show Log').then((action) => action && this.log.show());
  }
}

/** “src”, or “src”, “docs” and 3 more: what the user chose, as the log names it. */
function describeSelection(selection: readonly vscode.Uri[]): string {
  const named = selection.slice(0, 3).map((uri) => `“${displayPathOf(uri)}”`);
  const more = selection.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}
