import { fileBlockFor, findUploadBlocks } from '../rules/attachBlock';
import { NotionApiError, NotionNetworkError, UploadFailure } from '../errors/errors';
import { APPEND_NOT_SHOWN, APPEND_UNCONFIRMED } from '../notion/appendAnswer';
import { isWorkspaceBlockLimit } from '../notion/blockLimit';
import { UPLOAD_LIFETIME_MS } from '../notion/notionLimits';
import type { BlockSummary, NotionClient } from '../notion/notionClient';
import type { UploadPlan } from '../rules/uploadPlan';
import { runPool } from '../pacing/workerPool';
import { attachedBlock } from './answerChecks';

/** Notion takes at most 100 children in one append (developers.notion.com, "Append block children"). */
export const MAX_CHILDREN_PER_APPEND = 100;

/**
 * How long a file ready to be attached may wait for earlier files of its page that are still sending, so that the page
 * gets them in order. Past it the order is given up for that file (see AttachBatcher).
 */
export const DEFAULT_MAX_ATTACH_WAIT_MS = 60_000;

/**
 * However long it waited, a file goes into an append no later than this after its upload was created: the rest of the
 * hour is left for the append itself, its rate-limit waits and retries included.
 */
const LATEST_APPEND_AFTER_CREATE_MS = UPLOAD_LIFETIME_MS / 2;

/** Blocks created this long before an append began still count as its own in a read-back (created_time is rounded to the minute). */
const CREATED_TIME_MARGIN_MS = 2 * 60_000;

/** How many uploads are read at once when a lost answer is checked (each read is one request of the shared budget). */
const CHECKS_IN_FLIGHT = 4;

export interface AttachBatcherOptions {
  client(): NotionClient;
  now(): number;
  maxChildren?: number;
  maxWaitMs?: number;
}

export interface AttachRequest {
  sessionId: string;
  pageId: string;
  plan: UploadPlan;
  uploadId: string;
  /** When the upload was created (its hour runs from then); null when not known. */
  uploadCreatedAt: number | null;
  /** Aborting it takes the file out while it only waits; once its append is under way the append goes on. */
  signal: AbortSignal;
  /** Called, synchronously, when the file goes into an append: from then on it is kept whatever happens to `signal`. */
  onAppendStarted(): void;
  /**
   * Raised when the file is cancelled while its append is under way: once every file of the append asked so, the
   * request under way is let finish but not repeated, an uncertain answer is read back once, and the files whose
   * blocks were not found fail with ATTACH_STOPPED_NOT_ATTACHED (or ATTACH_STOPPED_UNKNOWN when the read-back failed).
   */
  stop?: AbortSignal;
}

/** Notion answered its append as done without its block, and the page read back does not hold it. */
export const ATTACH_NOT_SHOWN = 'attach_not_shown';
/** Stopped on request, and the read-back showed the file is not attached. */
export const ATTACH_STOPPED_NOT_ATTACHED = 'attach_stopped';
/** Stopped on request while its append had no answer, and whether it landed could not be read back. */
export const ATTACH_STOPPED_UNKNOWN = 'attach_stopped_unknown';

function stoppedNotAttached(): UploadFailure {
  return new UploadFailure(ATTACH_STOPPED_NOT_ATTACHED, 'Stopped on request: the file was uploaded, but Notion had not added it to the page (read back after the request under way ended).',
    'Upload it again to add it to the page (a resume from the state file only adds it).');
}

function stoppedUnknown(error: unknown): UploadFailure {
  const why = error instanceof Error ? ` (${error.message.replace(/[.\s]+$/, '')})` : '';
  return new UploadFailure(ATTACH_STOPPED_UNKNOWN, `Stopped on request while the file was being added to the page; Notion's answer did not come${why}, so whether it was added is not known.`,
    'Open the page in Notion to see whether the file is there before uploading it again.');
}

/** Raised once every file of an append asked to stop (each file's own `stop`); `release` drops the listeners. */
function batchStop(requests: readonly AttachRequest[]): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const stops = requests.map((request) => request.stop);
  if (stops.length === 0 || stops.some((stop) => stop === undefined)) return { signal: controller.signal, release: () => undefined };
  const check = (): void => {
    if (stops.every((stop) => stop!.aborted)) controller.abort();
  };
  for (const stop of stops) stop!.addEventListener('abort', check);
  check();
  return { signal: controller.signal, release: () => stops.forEach((stop) => stop!.removeEventListener('abort', check)) };
}

interface Member {
  sessionId: string;
  /** Add order: the page gets its files in this order. */
  seq: number;
  ready?: Ready;
  /** Forgotten; dropped from the list at the next evaluation (a cancel of 10,000 queued files stays linear). */
  gone?: boolean;
}

interface Ready extends AttachRequest {
  deadline: number;
  resolve(block: BlockSummary): void;
  reject(error: unknown): void;
  dropAbortListener(): void;
}

interface PageGroup {
  pageId: string;
  /** Files that will be attached to the page and are not in an append yet, in add order. */
  members: Member[];
  appending: boolean;
  /** An evaluation is due in a microtask: changes made in one go (cancel all) are all seen before anything starts. */
  scheduled: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * Attaches uploaded files to their pages in batches: one append of up to 100 blocks instead of one per file, so a folder
 * costs about two requests per file instead of three, and the blocks land in the order the files were added (the CLI
 * and the extension add a folder's files sorted by name).
 *
 * A page's files are attached from the front of its list: the files at the front that are ready go into one append
 * when they fill one, or when no file behind them is still sending (a single file goes at once), one append per page at
 * a time (Notion answers 409 to appends that overlap on one page, and a later batch must not overtake an earlier one).
 * When a file ready to attach has waited the longest wait (maxWaitMs) because an earlier file is still sending, the
 * order is given up: every ready file of the page goes into the next appends, in add order among themselves, and the
 * files still sending land after them as they finish.
 *
 * An append whose answer is lost is checked per upload before anything is appended again: each upload says whether it
 * is attached (Notion clears its expiry time); the attached ones are looked up on the page and reported with their
 * blocks, the others go back to the front of the list. A refusal of a whole batch that one file can cause (400, or a
 * 404 for an upload) is tried file by file, so only the file at fault fails.
 */
export class AttachBatcher {
  private readonly groups = new Map<string, PageGroup>();
  private readonly memberOf = new Map<string, { group: PageGroup; member: Member }>();
  private nextSeq = 0;
  /** Files of an append under way that its last read-back found not attached. */
  private readonly knownNotAttached = new Set<AttachRequest>();
  private readonly maxChildren: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: AttachBatcherOptions) {
    this.maxChildren = Math.max(1, Math.min(MAX_CHILDREN_PER_APPEND, options.maxChildren ?? MAX_CHILDREN_PER_APPEND));
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? DEFAULT_MAX_ATTACH_WAIT_MS);
  }

  /** A file that will be attached to `pageId` once uploaded (called in add order): the files behind it wait for it. */
  expect(sessionId: string, pageId: string): void {
    this.forget(sessionId);
    let group = this.groups.get(pageId);
    if (!group) {
      group = { pageId, members: [], appending: false, scheduled: false };
      this.groups.set(pageId, group);
    }
    const member: Member = { sessionId, seq: this.nextSeq++ };
    group.members.push(member);
    this.memberOf.set(sessionId, { group, member });
  }

  /** A file that will not ask to be attached after all (it failed, was cancelled or finished): nothing waits for it. */
  forget(sessionId: string): void {
    const entry = this.memberOf.get(sessionId);
    if (!entry) return;
    this.memberOf.delete(sessionId);
    entry.member.gone = true;
    entry.member.ready?.dropAbortListener();
    this.schedule(entry.group);
  }

  /** How many earlier files of its page a file ready to attach is waiting for (0 when it is not waiting). */
  waitingBehind(sessionId: string): number {
    const entry = this.memberOf.get(sessionId);
    if (!entry?.member.ready) return 0;
    // Ready files sit near the front of the list, so this walk is short.
    let sending = 0;
    for (const member of entry.group.members) {
      if (member === entry.member) return sending;
      if (!member.ready && !member.gone) sending += 1;
    }
    return 0;
  }

  /** Attaches the upload to its page in the next batch; resolves with its block. */
  attach(request: AttachRequest): Promise<BlockSummary> {
    if (request.signal.aborted) return Promise.reject(request.signal.reason);
    if (this.memberOf.get(request.sessionId)?.group.pageId !== request.pageId) this.expect(request.sessionId, request.pageId);
    const { group, member } = this.memberOf.get(request.sessionId)!;
    return new Promise<BlockSummary>((resolve, reject) => {
      const onAbort = (): void => {
        // Still waiting: it leaves the list. Already in an append: the listener was dropped when it went in.
        this.forget(request.sessionId);
        reject(request.signal.reason);
      };
      request.signal.addEventListener('abort', onAbort, { once: true });
      const latest = request.uploadCreatedAt === null ? Infinity : request.uploadCreatedAt + LATEST_APPEND_AFTER_CREATE_MS;
      member.ready = {
        ...request, deadline: Math.min(this.options.now() + this.maxWaitMs, latest), resolve, reject,
        dropAbortListener: () => request.signal.removeEventListener('abort', onAbort),
      };
      this.schedule(group);
    });
  }

  /** Stops the timers (the manager is disposed); appends under way finish. */
  close(): void {
    for (const group of this.groups.values()) clearTimeout(group.timer);
  }

  private schedule(group: PageGroup): void {
    if (group.scheduled) return;
    group.scheduled = true;
    queueMicrotask(() => {
      group.scheduled = false;
      this.evaluate(group);
    });
  }

  /** Starts the page's next append if one is due, or sets a timer for the earliest wait that runs out. */
  private evaluate(group: PageGroup): void {
    clearTimeout(group.timer);
    group.timer = undefined;
    if (group.appending) return;
    if (group.members.some((member) => member.gone)) group.members = group.members.filter((member) => !member.gone);
    if (group.members.length === 0) {
      if (this.groups.get(group.pageId) === group) this.groups.delete(group.pageId);
      return;
    }
    const now = this.options.now();
    let front = 0;
    while (front < group.members.length && group.members[front].ready) front++;
    let batch: Member[] = [];
    if (front >= this.maxChildren || (front > 0 && front === group.members.length)) {
      batch = group.members.slice(0, Math.min(front, this.maxChildren));
    } else if (group.members.some((member) => member.ready && member.ready.deadline <= now)) {
      // A ready file waited its longest: the order is given up (see the class comment), every ready file goes.
      batch = group.members.filter((member) => member.ready).slice(0, this.maxChildren);
    }
    if (batch.length > 0) {
      void this.run(group, batch);
      return;
    }
    let earliest = Infinity;
    for (const member of group.members) if (member.ready && member.ready.deadline < earliest) earliest = member.ready.deadline;
    if (earliest < Infinity) {
      group.timer = setTimeout(() => this.evaluate(group), Math.max(0, earliest - now) + 1);
      group.timer.unref?.();
    }
  }

  private async run(group: PageGroup, batch: Member[]): Promise<void> {
    group.appending = true;
    const taken = new Set(batch);
    group.members = group.members.filter((member) => !taken.has(member));
    const requests: Ready[] = [];
    for (const member of batch) {
      const ready = member.ready!;
      ready.dropAbortListener();
      this.memberOf.delete(member.sessionId);
      if (ready.uploadCreatedAt !== null && this.options.now() > ready.uploadCreatedAt + UPLOAD_LIFETIME_MS) {
        ready.reject(new UploadFailure('upload_expired', 'The upload is older than one hour, so Notion has discarded it.', 'Upload the file again.'));
        continue;
      }
      ready.onAppendStarted();
      requests.push(ready);
    }
    const again: Ready[] = [];
    try {
      await this.appendSplittingRefusals(group.pageId, requests, again);
    } finally {
      // Files a lost answer left unattached go back to the front, in their order, before anything else is appended.
      for (const ready of again) {
        const member: Member = { sessionId: ready.sessionId, seq: batch.find((m) => m.sessionId === ready.sessionId)!.seq, ready };
        this.memberOf.set(ready.sessionId, { group, member });
        group.members.push(member);
      }
      if (again.length > 0) group.members.sort((a, b) => a.seq - b.seq);
      group.appending = false;
      this.schedule(group);
    }
  }

  /** Appends the batch; a refusal that one file can cause is tried again file by file, in order. */
  private async appendSplittingRefusals(pageId: string, requests: Ready[], again: Ready[]): Promise<void> {
    if (requests.length === 0) return;
    const stop = batchStop(requests);
    try {
      await this.appendOnce(pageId, requests, again, stop.signal);
    } catch (error) {
      if (stop.signal.aborted) {
        // No new append after a stop: what the request under way left is all there is to say.
        for (const request of requests) request.reject(this.knownNotAttached.has(request) ? stoppedNotAttached() : mayHaveLanded(error) ? stoppedUnknown(error) : asAttachFailure(error));
        return;
      }
      if (requests.length > 1 && mayBeOneFilesFault(error)) {
        for (const request of requests) await this.appendSplittingRefusals(pageId, [request], again);
        return;
      }
      for (const request of requests) request.reject(asAttachFailure(error));
    } finally {
      stop.release();
      for (const request of requests) this.knownNotAttached.delete(request);
    }
  }

  /** One append of the batch's blocks; settles every request in it, or puts it in `again` (known not to be attached). */
  private async appendOnce(pageId: string, requests: Ready[], again: Ready[], stop: AbortSignal): Promise<void> {
    const client = this.options.client();
    const since = this.options.now() - CREATED_TIME_MARGIN_MS;
    // What the last read-back found, when the call's result came from one rather than from Notion's answer.
    let readBack: { attached: Map<Ready, BlockSummary | undefined>; notAttached: Ready[] } | undefined;
    const findExisting = async (): Promise<BlockSummary[] | undefined> => {
      readBack = undefined;
      // What an earlier read-back of this append found no longer holds once the append was sent again.
      for (const request of requests) this.knownNotAttached.delete(request);
      const attached: Ready[] = [];
      const notAttached: Ready[] = [];
      await runPool(requests, CHECKS_IN_FLIGHT, async (request) => {
        ((await client.retrieveFileUpload(request.uploadId)).attached ? attached : notAttached).push(request);
      });
      for (const request of notAttached) this.knownNotAttached.add(request);
      if (attached.length === 0) return undefined; // nothing landed: the same append may go again
      const readPage = (startCursor: string | undefined) => client.listBlockChildren(pageId, { startCursor });
      const found = await findUploadBlocks(readPage, attached.map((request) => ({ plan: request.plan, uploadId: request.uploadId })), since);
      readBack = { attached: new Map(attached.map((request, index) => [request, found[index]])), notAttached };
      return found.filter((block): block is BlockSummary => block !== undefined);
    };
    const blocks = await client.appendBlockChildren(pageId, requests.map((request) => fileBlockFor(request.plan, request.uploadId)), { findExisting, stop });
    const settled = readBack;
    if (settled) {
      for (const request of requests) {
        if (settled.notAttached.includes(request)) {
          if (stop.aborted) request.reject(stoppedNotAttached());
          else again.push(request);
          continue;
        }
        const block = settled.attached.get(request);
        if (block) request.resolve(block);
        else request.reject(new UploadFailure('attach_unconfirmed', 'Notion attached the file, but its block was not found on the page.', 'Open the page in Notion: the file is there; do not upload it again.'));
      }
      return;
    }
    if (requests.length === 1) {
      try {
        requests[0].resolve(attachedBlock(blocks, requests[0].plan, requests[0].uploadId));
      } catch (error) {
        requests[0].reject(error);
      }
      return;
    }
    if (blocks.length !== requests.length) {
      const failure = new UploadFailure('attach_unconfirmed',
        `Notion's answer to adding ${requests.length} files to the page holds ${blocks.length} blocks.`,
        'Open the page in Notion to see which files are there before uploading any again.');
      for (const request of requests) request.reject(failure);
      return;
    }
    // Notion answers with the new blocks in the order they were sent.
    requests.forEach((request, index) => {
      try {
        request.resolve(attachedBlock([blocks[index]], request.plan, request.uploadId));
      } catch (error) {
        request.reject(error);
      }
    });
  }
}

/**
 * A failed append in a file's words: the page Notion cannot find, as the page the user chose; the client's failure for
 * an append whose 200 answer did not show the blocks sent (notionClient.ts): whether the file is on the page is not
 * known, or it is known not to be there.
 */
function asAttachFailure(error: unknown): unknown {
  if (isPageNotFound(error)) {
    // Notion's words ("Could not find block with ID: … Make sure the relevant pages and databases are shared with your
    // integration") name a block and give advice of their own; the user chose a page, and can choose another or share it.
    return new NotionApiError({
      status: error.status, code: error.code, requestId: error.requestId, errorObject: error.errorObject, additionalData: error.additionalData,
      message: 'The target page was not found in Notion, or it is not shared with the integration.',
      hint: 'Choose another target page, or share this one with the integration in Notion (page menu → Connections).',
    });
  }
  if (!(error instanceof UploadFailure)) return error;
  if (error.code === APPEND_UNCONFIRMED) {
    return new UploadFailure('attach_unconfirmed', error.message, 'Open the page in Notion to see whether the file is there before uploading it again.');
  }
  if (error.code === APPEND_NOT_SHOWN) {
    return new UploadFailure(ATTACH_NOT_SHOWN, `${error.message} The file is uploaded but not on the page.`,
      'Upload it again to add it to the page (a resume only adds it); if it happens again, check that the API base URL leads to Notion (a proxy may be answering).');
  }
  return error;
}

/** Notion's 404 to appending to the page: the page itself is gone or not shared (a file's upload it names is not). */
function isPageNotFound(error: unknown): error is NotionApiError {
  return error instanceof NotionApiError && error.status === 404 && !/file.?upload/i.test(error.message);
}

/**
 * A refusal of a whole append that a single block can cause: Notion validates every child before it adds any, so
 * nothing was added and each file may go on its own. Not the block limit, which every file would meet.
 */
function mayBeOneFilesFault(error: unknown): boolean {
  if (!(error instanceof NotionApiError) || isWorkspaceBlockLimit(error)) return false;
  return error.status === 400 || (error.status === 404 && /file.?upload/i.test(error.message));
}

/** A failure after which an append may or may not have been saved (no answer, a conflict, server trouble). */
function mayHaveLanded(error: unknown): boolean {
  return error instanceof NotionNetworkError || (error instanceof NotionApiError && (error.status === 409 || error.status >= 500));
}
