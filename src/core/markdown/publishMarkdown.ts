// Publishing a Markdown file as a Notion page under a target page: local files uploaded first (through the uploader,
// not attached anywhere), then the page created with its first blocks and the rest appended within Notion's request
// limits. Publishing the same file to the same target again empties and refills the page it made last time, also when
// that publish stopped half-way (the page is recorded as soon as Notion made it).
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { NotionApiError, UploadFailure } from '../errors/errors';
import { UploaderError } from '../errors/uploaderError';
import { APPEND_NOT_SHOWN, APPEND_UNCONFIRMED } from '../notion/appendAnswer';
import type { BlockSummary, NotionClient, PageSummary } from '../notion/notionClient';
import { EndlessListing, readWholeListing } from '../notion/wholeListing';
import { abortableSleep } from '../pacing/abortableSleep';
import { blockTypeFor, findAllowedType } from '../rules/fileType';
import { sha256File } from '../transfer/sha256File';
import { blocksDigest, pickCreatedPage, type PageCreationIntent } from './pageCreation';
import { localReferences, pageTitle, parseMarkdown, type LocalReference } from './markdownDocument';
import { readMarkdownWithinLimit } from './markdownSizeLimit';
import type { BlockNode } from './notionBlocks';
import { publishKey, type PublishedFile, type PublishedPage, type PublishStore } from './publishRecord';
import { batchBlocks, planBlock, type PlannedBlock } from './requestPlan';
import { BlockConverter, type FilePlacement } from './toBlocks';

export interface PublishDependencies {
  client: NotionClient;
  /** Uploads one file without attaching it anywhere and resolves to its file_upload id. */
  upload(path: string): Promise<string>;
  store: PublishStore;
  signal?: AbortSignal;
  /**
   * Local files are uploaded only from inside this folder (default: the Markdown file's own folder): a Markdown
   * file from someone else must not be able to send ~/.ssh or ../secrets.json to Notion by naming it.
   */
  allowedRoot?: string;
  /** Paths in warnings are shown relative to this folder: the working folder by default (the CLI's). */
  pathsShownFrom?: string;
  /** Waits between attempts after a 409 (tests shorten it). */
  conflictDelayMs?: number;
  /**
   * Raised when the user asked to stop (Ctrl-C): the request under way is let finish (a write whose answer is lost is
   * read back once, not repeated), no new one starts, and the publish fails with PublishStoppedError saying what was
   * left half-done. Unlike `signal`, nothing is cut off mid-request.
   */
  stop?: AbortSignal;
}

export interface PublishResult {
  pageId: string;
  url: string;
  title: string;
  /** True when an earlier page of this file was emptied and refilled. */
  updated: boolean;
  uploaded: string[];
  reused: string[];
  warnings: string[];
  blocks: number;
}

const MAX_CONFLICT_ATTEMPTS = 5;

/**
 * The most pages of 100 blocks read from one block's children (100,000 blocks): a server answering has_more forever
 * must not keep a publish reading without end.
 */
export const MAX_LISTED_PAGES = 1000;

/** A publish stopped on request; the message says what was left half-done and what a re-run does. */
export class PublishStoppedError extends UploaderError {
  constructor(message: string, hint: string) {
    super({ code: 'publish_stopped', message, hint });
  }
}

/** What stopping at this point leaves behind, in the user's words. */
function stoppedError(progress: { page?: { id: string; title: string }; blocks: number }): PublishStoppedError {
  if (!progress.page) {
    return new PublishStoppedError('stopped on request before the page was written; nothing was changed on Notion.', 'Publish the file again when you want it.');
  }
  return new PublishStoppedError(`stopped on request with the page "${progress.page.title}" half-written (${progress.blocks} blocks written).`,
    'Publish the file again: the same page is emptied and written anew, no second page is made.');
}

/** Notion's answer when a file_upload id may not be attached (expired, or not this integration's). */
function isUploadRefused(error: unknown): boolean {
  return error instanceof NotionApiError && /file_upload/i.test(error.message) && (error.status === 400 || error.status === 404);
}

export async function publishMarkdown(markdownPath: string, targetPageId: string, deps: PublishDependencies): Promise<PublishResult> {
  if (deps.stop?.aborted) throw stoppedError({ blocks: 0 });
  const lock = await deps.store.lock?.(publishKey(markdownPath, targetPageId), markdownPath);
  let publisher = new Publisher(markdownPath, targetPageId, deps, true);
  try {
    try {
      return await publisher.run();
    } catch (error) {
      // An earlier upload Notion no longer lets us attach: send every file again and write the page once more.
      if (!isUploadRefused(error) || deps.stop?.aborted) throw error;
      publisher = new Publisher(markdownPath, targetPageId, deps, false);
      const result = await publisher.run();
      result.warnings.push('Notion refused an earlier upload of a file on this page, so every file was sent again.');
      return result;
    }
  } catch (error) {
    // Whatever the request under way ended with, the user asked to stop: say what that left behind.
    if (deps.stop?.aborted && !(error instanceof PublishStoppedError)) throw stoppedError(publisher.progress);
    throw error;
  } finally {
    await lock?.release();
  }
}

class Publisher {
  private readonly warnings: string[] = [];
  private readonly uploaded: string[] = [];
  private readonly reused: string[] = [];
  private blockCount = 0;
  /** The page once it is being written (made, or about to be emptied), for a report of where a stop left it. */
  private pageTouched?: { id: string; title: string };

  get progress(): { page?: { id: string; title: string }; blocks: number } {
    return { page: this.pageTouched, blocks: this.blockCount };
  }

  /** Called before each request that changes something: after a stop request none starts. */
  private checkStop(): void {
    if (this.deps.stop?.aborted) throw stoppedError(this.progress);
  }

  constructor(
    private readonly markdownPath: string,
    private readonly targetPageId: string,
    private readonly deps: PublishDependencies,
    private readonly reuseUploads: boolean,
  ) {}

  async run(): Promise<PublishResult> {
    const { store } = this.deps;
    const root = parseMarkdown(await readMarkdownWithinLimit(this.markdownPath));
    const { title, titleHeading } = pageTitle(root, this.markdownPath);
    const key = publishKey(this.markdownPath, this.targetPageId);
    const previous = await store.get(key);

    const files: Record<string, PublishedFile> = {};
    const placements = new Map<string, FilePlacement>();
    await Promise.all(localReferences(root, this.markdownPath).map(async (reference) => {
      placements.set(reference.path, await this.place(reference, previous, files));
    }));
    const nodes = new BlockConverter({ markdownPath: this.markdownPath, placements, skip: titleHeading }).convert(root);

    // A page recorded, or one an earlier run asked Notion for and died before it learned of (a kill, power loss).
    const existing = previous?.pageId ? await this.existingPage(previous.pageId)
      : previous?.creating ? await this.pageCreatedBefore(previous.creating) : undefined;
    // The record is written before the page is touched and marked complete only at the end: whatever stops this
    // publish half-way (a refusal, Ctrl-C, a crash), the next one finds the page and rewrites it.
    const record = (pageId: string, complete: boolean, creating?: PageCreationIntent): Promise<void> =>
      store.set(key, { pageId, title, files, publishedAt: Date.now(), complete, ...(creating ? { creating } : {}) });
    let page: PageSummary;
    if (existing) {
      if (previous?.complete === false) this.warnings.push('An earlier publish of this file stopped half-way; its page was emptied and written anew.');
      this.checkStop();
      this.pageTouched = { id: existing.id, title };
      await record(existing.id, false);
      page = existing.title === title ? existing : await this.deps.client.updatePageTitle(existing.id, title, { signal: this.deps.signal });
      await this.empty(existing.id);
      await this.writeChildren(page.id, nodes, 0);
    } else {
      page = await this.createPage(title, nodes, (intent) => record('', false, intent), (id) => record(id, false));
    }
    await record(page.id, true);
    return { pageId: page.id, url: page.url, title, updated: existing !== undefined, uploaded: this.uploaded, reused: this.reused, warnings: this.warnings, blocks: this.blockCount };
  }

  private shown(path: string): string {
    return relative(this.deps.pathsShownFrom ?? process.cwd(), path) || path;
  }

  /** Uploads a local file (or reuses its upload when its bytes did not change); a missing one becomes a note. */
  private async place(reference: LocalReference, previous: PublishedPage | undefined, files: Record<string, PublishedFile>): Promise<FilePlacement> {
    const root = resolve(this.deps.allowedRoot ?? dirname(this.markdownPath));
    const inside = relative(root, reference.path);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      this.warnings.push(`${reference.url}: outside ${this.shown(root)}, so it was not uploaded; the page says so in its place.`);
      return { kind: 'missing', message: `Not published (outside the folder being published): ${reference.url}` };
    }
    const allowed = findAllowedType(reference.path);
    const info = await stat(reference.path).catch(() => undefined);
    if (!info?.isFile()) {
      this.warnings.push(`${reference.url}: no such file (${this.shown(reference.path)}); the page says it is missing.`);
      return { kind: 'missing', message: `Missing file: ${reference.url}` };
    }
    if (!allowed) {
      this.warnings.push(`${reference.url}: Notion does not accept this type of file; the page says so in its place.`);
      return { kind: 'missing', message: `Not published (Notion does not accept this type of file): ${reference.url}` };
    }
    const kind = blockTypeFor(allowed.kind);
    const blockType = kind === 'embed' ? 'file' : kind;
    const { sha256 } = await sha256File(reference.path, this.deps.signal);
    const earlier = previous?.files[reference.path];
    let uploadId: string;
    if (this.reuseUploads && earlier?.sha256 === sha256) {
      uploadId = earlier.uploadId;
      this.reused.push(reference.path);
    } else {
      this.checkStop();
      uploadId = await this.deps.upload(reference.path);
      this.uploaded.push(reference.path);
    }
    files[reference.path] = { sha256, uploadId };
    return { kind: 'upload', uploadId, blockType, name: reference.path.split(/[\\/]/).pop() ?? reference.url };
  }

  private async existingPage(pageId: string): Promise<PageSummary | undefined> {
    try {
      return await this.deps.client.retrievePage(pageId, { signal: this.deps.signal });
    } catch (error) {
      if (error instanceof NotionApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private async listAll(blockId: string): Promise<BlockSummary[]> {
    try {
      return await readWholeListing((cursor) => this.deps.client.listBlockChildren(blockId, { startCursor: cursor, signal: this.deps.signal }), MAX_LISTED_PAGES, () => this.checkStop());
    } catch (error) {
      if (!(error instanceof EndlessListing)) throw error;
      throw new UploadFailure('endless_listing', `Notion kept answering that more blocks follow after ${error.pages} pages of ${blockId}'s children (${error.items} blocks read)${error.repeatedCursor ? ', repeating a cursor it gave before' : ''}.`,
        'Check the API address (--api-base, a proxy in between): Notion itself ends a listing. If the page really holds this many blocks, publish under a smaller page.');
    }
  }

  /** Moves the earlier content to the trash (child pages too: they were made by this page's Markdown, or by hand). */
  private async empty(pageId: string): Promise<void> {
    for (const block of await this.listAll(pageId)) {
      this.checkStop();
      await this.deps.client.deleteBlock(block.id, { signal: this.deps.signal });
    }
  }

  /**
   * The page an earlier run's create made, found by what that run wrote down before asking (see pickCreatedPage for
   * why a page of the same title made by hand is not taken); undefined when there is none, and a new page is made.
   */
  private async pageCreatedBefore(intent: PageCreationIntent): Promise<PageSummary | undefined> {
    const before = new Set(intent.before);
    const candidates = [];
    for (const block of await this.listAll(this.targetPageId)) {
      if (block.type !== 'child_page' || before.has(block.id) || (block.raw.child_page as { title?: string } | undefined)?.title !== intent.title) continue;
      // One listing page more than the create sent is enough to tell whether the page holds more.
      const listed = await this.deps.client.listBlockChildren(block.id, { signal: this.deps.signal });
      candidates.push({ id: block.id, blocks: listed.blocks.map((child) => ({ type: child.type, content: child.raw[child.type] })), more: listed.nextCursor !== null });
    }
    const id = pickCreatedPage(intent, candidates.filter((page) => !page.more));
    return id === undefined ? undefined : this.existingPage(id);
  }

  /**
   * Creates the page with its first blocks, then appends the rest. What the next run needs to find the page if this
   * one dies before it learns its id is recorded first (`intended`), and the page itself as soon as it is known
   * (`created`).
   */
  private async createPage(title: string, nodes: BlockNode[], intended: (intent: PageCreationIntent) => Promise<void>,
    created: (pageId: string) => Promise<void>): Promise<PageSummary> {
    const { client, signal } = this.deps;
    const before = new Set((await this.listAll(this.targetPageId)).filter((block) => block.type === 'child_page').map((block) => block.id));
    const findExisting = async (): Promise<PageSummary | undefined> => {
      const made = (await this.listAll(this.targetPageId)).find((block) => block.type === 'child_page' && !before.has(block.id)
        && (block.raw.child_page as { title?: string } | undefined)?.title === title);
      return made ? client.retrievePage(made.id, { signal }) : undefined;
    };
    const [first = [], ...rest] = batchBlocks(nodes.map(planBlock));
    const stop = this.deps.stop;
    this.checkStop();
    await intended({ title, before: [...before], blocks: first.length, startedAt: Date.now(),
      digest: blocksDigest(first.map(({ request }) => ({ type: request.type, content: (request as unknown as Record<string, unknown>)[request.type] }))) });
    const page = await this.withConflicts(findExisting, () => {
      this.checkStop();
      return client.createPage(this.targetPageId, title, first.map((block) => block.request), { signal, stop, findExisting });
    });
    this.pageTouched = { id: page.id, title };
    await created(page.id);
    this.blockCount += first.length;
    if (first.some((block) => block.deferred.length > 0)) {
      const created = (await this.listAll(page.id)).slice(0, first.length);
      await this.writeDeferred(first, created.map((block) => block.id));
    }
    let known = first.length;
    for (const batch of rest) {
      await this.appendBatch(page.id, batch, known);
      known += batch.length;
    }
    return page;
  }

  private async writeChildren(parentId: string, nodes: readonly BlockNode[], known: number): Promise<void> {
    let count = known;
    for (const batch of batchBlocks(nodes.map(planBlock))) {
      await this.appendBatch(parentId, batch, count);
      count += batch.length;
    }
  }

  private async appendBatch(parentId: string, batch: PlannedBlock[], known: number): Promise<void> {
    const { client, signal } = this.deps;
    // The read-back after an uncertain answer: the parent holds `known` blocks before this append, so it landed
    // exactly when there are `known + batch.length` now; anything else is not ours to guess at.
    const findExisting = async (): Promise<BlockSummary[] | undefined> => {
      const children = await this.listAll(parentId);
      if (children.length === known) return undefined;
      if (children.length === known + batch.length) return children.slice(known);
      throw new UploadFailure('publish_unconfirmed', `The page holds ${children.length} blocks where ${known} or ${known + batch.length} were expected after an interrupted write.`,
        'Publish the file again: the page is emptied and written anew.');
    };
    const created = await this.withConflicts(findExisting, () => {
      this.checkStop();
      return client.appendBlockChildren(parentId, batch.map((block) => block.request as unknown as Record<string, unknown>), { signal, stop: this.deps.stop, findExisting });
    }).catch((error: unknown) => {
      // Answered as done without the blocks, and the page cannot be seen to hold them: publishing again refills the page.
      if (error instanceof UploadFailure && (error.code === APPEND_UNCONFIRMED || error.code === APPEND_NOT_SHOWN) && !this.deps.stop?.aborted) {
        throw new UploadFailure('publish_unconfirmed', error.message, 'Publish the file again: the same page is emptied and written anew, no second page is made.');
      }
      throw error;
    });
    this.blockCount += batch.length;
    await this.writeDeferred(batch, created.slice(0, batch.length).map((block) => block.id));
  }

  private async writeDeferred(batch: PlannedBlock[], ids: string[]): Promise<void> {
    for (const [index, block] of batch.entries()) {
      if (block.deferred.length === 0) continue;
      const id = ids[index];
      if (!id) throw new UploadFailure('publish_unconfirmed', 'Notion did not return the blocks just written.', 'Publish the file again.');
      await this.writeChildren(id, block.deferred, block.inlineChildren);
    }
  }

  /**
   * A 409 conflict_error means the write may not have been saved ("try again"): look first whether it landed, and
   * repeat it only when it did not, so a block is never written twice.
   */
  private async withConflicts<T>(findExisting: () => Promise<T | undefined>, write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await write();
      } catch (error) {
        if (!(error instanceof NotionApiError && error.status === 409) || attempt >= MAX_CONFLICT_ATTEMPTS) throw error;
        const landed = await findExisting();
        if (landed) return landed;
        await abortableSleep((this.deps.conflictDelayMs ?? 1000) * attempt, this.deps.signal);
      }
    }
  }
}
