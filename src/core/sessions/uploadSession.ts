import { basename } from 'node:path';
import { findUploadBlock } from '../rules/attachBlock';
import type { BandwidthLimiter } from '../pacing/bandwidthLimiter';
import { NotionApiError, NotionNetworkError, UploadFailure } from '../errors/errors';
import { assertUnchanged, readFileIdentity, type FileIdentity } from '../transfer/fileIdentity';
import { decideResume, reasonToStartOver, withinLifetime } from './resumeDecision';
import type { FileUploadObject } from '../notion/fileUploadObject';
import type { SessionFigures } from '../rules/progressText';
import { fileRangeBody, socketReadBuffers } from '../transfer/multipartBody';
import { UPLOAD_LIFETIME_MS } from '../notion/notionLimits';
import type { BlockSummary, NotionClient, WorkspaceLimits } from '../notion/notionClient';
import { ProgressMeter } from './progressMeter';
import { insertPart, type SessionStore, type StoredSession } from './sessionStore';
import type { SessionError, SessionStatus } from './sessionStatus';
import { assertMove, isTransferring, type SessionState } from './sessionStates';
import { maxBytesPerSecond, partSizeBytes, type UploaderSettings } from '../settings/settings';
import { sha256File } from '../transfer/sha256File';
import { PartHasher, type PartAttempt } from '../transfer/partHasher';
import { partRange, planUpload, type UploadPlan } from '../rules/uploadPlan';
import { extensionOf } from '../rules/fileType';
import { runPool } from '../pacing/workerPool';
import { abortableSleep } from '../pacing/abortableSleep';
import { BLOCK_LIMIT_HINT, isWorkspaceBlockLimit } from '../notion/blockLimit';
import { FileTooLargeError, fileSizeRefusal } from '../notion/fileSizeRefusal';
import { UploaderError } from '../errors/uploaderError';
import { redactFields, redactSecrets } from '../errors/redact';
import { checkStoredLength, notUploaded, saysUploaded } from './answerChecks';
import { preferredPartSize } from '../rules/partSizeForLink';
import type { LinkSpeedMeter } from '../transfer/linkSpeedMeter';
import { ATTACH_NOT_SHOWN, ATTACH_STOPPED_NOT_ATTACHED, type AttachRequest } from './attachBatcher';

/** What a session needs from its manager. */
export interface SessionContext {
  client(): NotionClient;
  bandwidth: BandwidthLimiter;
  settings(): UploaderSettings;
  workspaceLimits(signal: AbortSignal): Promise<WorkspaceLimits>;
  store: SessionStore;
  now(): number;
  /** The link speed sends measured so far, shared by the manager's sessions (later files' part sizes come from it). */
  linkSpeed?: LinkSpeedMeter;
  changed(session: UploadSession, kind: 'state' | 'progress'): void;
  /** Attaches the upload to the session's page with other files (attachBatcher.ts); resolves with its block. */
  attach(session: UploadSession, request: Omit<AttachRequest, 'sessionId' | 'pageId'>): Promise<BlockSummary>;
  /** How many earlier files of its page a session ready to attach waits for, to keep the page in order. */
  waitingBehind(session: UploadSession): number;
  /**
   * With the per-file limit unknown (users/me did not say): resolves when a file of `sizeBytes` may be sent
   * (unknownSizeLimitGate.ts). Absent: it may at once.
   */
  sizeLimitTurn?(session: UploadSession, sizeBytes: number, signal: AbortSignal): Promise<void>;
  /** Notion refused a file and named the workspace's per-file limit: later lookups answer with it. */
  fileSizeLimitLearnt?(limitBytes: number): void;
}

interface PartSets {
  inFlightBytes: Map<number, number>;
  acknowledged: Set<number>;
  uncertainParts: Set<number>;
  resentUnsure: Set<number>;
}

class CancelledError extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'AbortError';
  }
}

/** One file going to one page: plan, create, stream, complete, attach; resumable from a stored record. */
export class UploadSession {
  readonly id: string;
  readonly filePath: string;
  readonly pageId: string;
  readonly asText: boolean;
  /** False: upload only; the caller places the file_upload id itself (a Markdown page's blocks). */
  readonly attachToPage: boolean;
  /** Sent with its standard MIME type although Notion's documented list lacks it (AddOptions.tryUnknownType). */
  readonly tryUnknownType: boolean;
  computeSha256: boolean;
  private readonly status: SessionStatus;
  private controller: AbortController | null = null;
  private readonly meter: ProgressMeter;
  private acknowledgedBytes = 0;
  private plan: UploadPlan | null = null;
  private identity: FileIdentity | null = null;
  /** The same parts in ascending order, kept as they come, for the stored record (no sort per save). */
  private acknowledgedInOrder: number[] = [];
  /** Whether the store holds this run's record, so that a part can be added to it alone. */
  private recordSaved = false;
  /**
   * What a run keeps about its parts, made when first used: thousands of sessions wait queued, and four empty
   * collections each were a good part of what a queued one held.
   */
  private partSets: PartSets | null = null;
  private uploadCreatedAt: number | null = null;
  /** Its block is in an append under way: cancel and stop let it finish (the file would land all the same). */
  private appendUnderWay = false;
  /** Raised by cancel() while the append is under way: it is let finish, but not repeated. */
  private appendStop: AbortController | null = null;
  /** Why the manager stopped this session (a failure elsewhere that this file would meet too), if it did. */
  private stoppedBecause: SessionError | null = null;
  /** sha256 of the bytes sent, when asked for (computeSha256). */
  private hasher: PartHasher | null = null;
  /** A stored record to resume from on the next run. */
  resumeFrom: StoredSession | null = null;

  constructor(private readonly context: SessionContext, fields: { id: string; filePath: string; pageId: string; asText: boolean; computeSha256: boolean; attach?: boolean; tryUnknownType?: boolean; sizeBytes?: number }) {
    this.id = fields.id;
    this.tryUnknownType = fields.tryUnknownType ?? false;
    this.attachToPage = fields.attach ?? true;
    this.filePath = fields.filePath;
    this.pageId = fields.pageId;
    this.asText = fields.asText;
    this.computeSha256 = fields.computeSha256;
    this.meter = new ProgressMeter(5_000, context.now);
    const now = context.now();
    this.status = {
      id: this.id, filePath: this.filePath, fileName: basename(this.filePath), pageId: this.pageId, state: 'queued',
      bytesSent: 0, bytesTotal: Math.max(0, Math.floor(fields.sizeBytes ?? 0)), partsDone: 0, partsTotal: 0, bytesPerSecond: 0, etaSeconds: null,
      uploadId: null, blockId: null, error: null, notice: null, resumable: false, sha256: null, createdAt: now, updatedAt: now,
    };
  }

  /** A session rebuilt from the store: listed as failed and resumable until retried. */
  static fromStored(context: SessionContext, stored: StoredSession): UploadSession {
    // A type tried off Notion's list was the user's choice when the upload began; the plan it left says so.
    const session = new UploadSession(context, {
      id: stored.id, filePath: stored.filePath, pageId: stored.pageId, asText: stored.asText, computeSha256: false, tryUnknownType: stored.plan.triedUnknownType === true,
    });
    session.resumeFrom = stored;
    const partsDone = stored.partsAcknowledged.length;
    const bytesDone = stored.partsAcknowledged.reduce((sum, part) => sum + partRange(stored.plan, part).length, 0);
    Object.assign(session.status, {
      state: 'failed' as const, bytesTotal: stored.plan.sizeBytes, bytesSent: bytesDone, partsDone, partsTotal: stored.plan.partCount,
      uploadId: stored.uploadId, createdAt: stored.createdAt, updatedAt: stored.updatedAt, resumable: true,
      error: { message: 'The upload was interrupted (the program stopped).', code: 'interrupted', hint: 'Retry to resume: only the parts Notion has not acknowledged are sent.' },
    });
    return session;
  }

  get state(): SessionState {
    return this.status.state;
  }

  /** The figures a summary adds up, without copying the whole status. */
  figures(): SessionFigures {
    const { state, bytesSent, bytesTotal } = this.status;
    return { state, bytesSent, bytesTotal, bytesPerSecond: this.isActive() ? this.meter.bytesPerSecond() : 0, etaSeconds: null };
  }

  /**
   * A copy of the status, written field by field: a spread of it with fields overridden made an object four times
   * the size (about 800 bytes against 200), and views keep one per session, thousands of them.
   */
  snapshot(): SessionStatus {
    const status = this.status;
    const active = this.isActive();
    return {
      id: status.id, filePath: status.filePath, fileName: status.fileName, pageId: status.pageId, state: status.state,
      bytesSent: status.bytesSent, bytesTotal: status.bytesTotal, partsDone: status.partsDone, partsTotal: status.partsTotal,
      bytesPerSecond: active ? Math.round(this.meter.bytesPerSecond()) : 0,
      etaSeconds: active ? this.meter.etaSeconds(status.bytesTotal - status.bytesSent) : null,
      uploadId: status.uploadId, blockId: status.blockId,
      error: status.error ? { ...status.error } : null,
      notice: status.notice === null ? null : redactSecrets(status.notice),
      resumable: status.resumable,
      waiting: active || status.state === 'attaching' ? this.waitingFor() : null,
      sha256: status.sha256, createdAt: status.createdAt, updatedAt: status.updatedAt,
    };
  }

  /** Moves a finished session back to the queue (retry); it resumes from its last record when it can. */
  requeue(record: StoredSession | null): void {
    if (record) this.resumeFrom = record;
    Object.assign(this.status, { error: null, notice: null, resumable: false, blockId: null, sha256: null });
    this.setState('queued');
  }

  /** Ends a queued session as failed without sending anything. */
  failUnsent(error: SessionError): void {
    if (this.status.state !== 'queued') return;
    Object.assign(this.status, { error: { ...error }, resumable: false });
    this.setState('failed');
  }

  markCancelled(): void {
    this.setState('cancelled');
  }

  /**
   * Stops every request of this session; nothing more is sent. An append already under way is let finish: stopping
   * it could leave the file on the page while the session says cancelled.
   */
  cancel(): void {
    if (this.status.state === 'attaching' && this.appendUnderWay) {
      this.status.notice = 'It was already being added to the page when you cancelled: that request was let finish, and is not repeated.';
      this.appendStop?.abort();
      return;
    }
    this.controller?.abort(new CancelledError());
  }

  /**
   * Stops a running session because of a failure another file met that this one would meet too: it ends failed with
   * `error`, sending no more bytes. An append already under way is let finish, as with cancel().
   */
  stopWith(error: SessionError): void {
    if (!this.controller || (this.status.state === 'attaching' && this.appendUnderWay)) return;
    this.stoppedBecause = { ...error };
    this.controller.abort(new CancelledError());
  }

  storedRecord(): StoredSession | null {
    if (!this.plan || !this.identity) return this.resumeFrom;
    return {
      id: this.id, filePath: this.filePath, file: { ...this.identity }, pageId: this.pageId, asText: this.asText, plan: this.plan,
      uploadId: this.status.uploadId, partsAcknowledged: [...this.acknowledgedInOrder], uploadCreatedAt: this.uploadCreatedAt,
      blockId: this.status.blockId, state: this.status.state, createdAt: this.status.createdAt, updatedAt: this.status.updatedAt,
    };
  }

  async run(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    this.appendUnderWay = false;
    const signal = controller.signal;
    try {
      this.setState('preparing');
      this.identity = await readFileIdentity(this.filePath);
      const identity = this.identity;
      const settings = this.context.settings();
      let limits = await this.context.workspaceLimits(signal);
      if (limits.maxFileUploadSizeBytes === null && this.context.sizeLimitTurn) {
        await this.context.sizeLimitTurn(this, identity.size, signal);
        limits = await this.context.workspaceLimits(signal); // a refusal of another file meanwhile may have named the limit
      }
      const planned = planUpload({
        fileName: basename(this.filePath), sizeBytes: identity.size, maxFileUploadSizeBytes: limits.maxFileUploadSizeBytes,
        partSizeBytes: preferredPartSize({
          preferredPartBytes: partSizeBytes(settings), linkBytesPerSecond: this.context.linkSpeed?.bytesPerSecond() ?? null,
          requestsPerMinute: settings.requestsPerMinute, resumedPartBytes: this.resumeFrom?.plan.partSizeBytes,
        }),
        asText: this.asText, htmlAs: settings.htmlBlock,
        requestTime: { bytesPerSecond: maxBytesPerSecond(settings), requestLimitMs: settings.serverRequestLimitMs },
        tryUnknownTypes: settings.tryUnknownTypes || this.tryUnknownType,
      });
      if (!planned.ok) throw new UploadFailure(planned.refusal.code, planned.refusal.reason, planned.refusal.remedy);
      const plan = planned.plan;
      this.plan = plan;
      this.hasher = this.computeSha256 ? new PartHasher((part) => partRange(plan, part).length) : null;
      Object.assign(this.status, { bytesTotal: plan.sizeBytes, partsTotal: plan.partCount, bytesSent: 0, partsDone: 0 });
      if (plan.triedUnknownType) this.status.notice = `Sent as ${plan.contentType}, a type outside Notion's documented list: Notion decides whether it takes it.`;
      if (plan.sentAsText) this.status.notice = `Sent as ${plan.uploadName} (text/plain): Notion does not accept .${extensionOf(plan.fileName)} files.`;

      const client = this.context.client();
      let upload = await this.resumeIfPossible(client, plan, identity, signal);
      // A resumed upload that Notion already shows attached: the interrupted run's append landed after its last record.
      const landedAfter = upload?.attached ? this.resumeFrom?.updatedAt : undefined;
      if (!upload) {
        this.setAcknowledged([]);
        this.acknowledgedBytes = 0;
        upload = await client.createFileUpload({
          mode: plan.mode, filename: plan.uploadName, contentType: plan.contentType,
          numberOfParts: plan.mode === 'multi_part' ? plan.partCount : undefined,
        }, { signal });
        this.uploadCreatedAt = this.context.now();
      }
      this.resumeFrom = null;
      this.status.uploadId = upload.id;
      this.refreshProgress();
      await this.persist();

      if (upload.status !== 'uploaded') {
        this.setState('uploading');
        const missing = Array.from({ length: plan.partCount }, (_, index) => index + 1).filter((part) => !this.acknowledged.has(part));
        const partsInFlight = plan.mode === 'multi_part' ? settings.partsInFlight : 1;
        await runPool(missing, partsInFlight, (part) => this.sendPart(client, upload!.id, plan, part, signal));
        await assertUnchanged(this.filePath, identity);
        if (plan.mode === 'multi_part') {
          this.setState('completing');
          const completed = await client.completeFileUpload(upload.id, { signal });
          if (!saysUploaded(completed)) throw notUploaded(completed, plan, 'completing the upload');
          checkStoredLength(completed, plan, 'completing the upload');
        }
      }

      if (this.hasher) {
        // Parts an interrupted run sent were not streamed here: only then is the file read a second time.
        this.status.sha256 = this.hasher.digest(plan.partCount) ?? (await sha256File(this.filePath, signal)).sha256;
        await assertUnchanged(this.filePath, identity);
      }

      if (!this.attachToPage) {
        await this.finish('done');
        return;
      }
      this.setState('attaching');
      if (this.uploadCreatedAt !== null && this.context.now() > this.uploadCreatedAt + UPLOAD_LIFETIME_MS) {
        throw new UploadFailure('upload_expired', 'The upload is older than one hour, so Notion has discarded it.', 'Upload the file again.');
      }
      this.status.blockId = await this.attach(client, plan, upload.id, signal, landedAfter);
      await this.finish('done');
    } catch (caught) {
      let error = caught;
      const refusal = fileSizeRefusal(caught);
      if (refusal && !signal.aborted) {
        this.context.fileSizeLimitLearnt?.(refusal.limitBytes);
        error = new FileTooLargeError(this.status.fileName, this.plan?.sizeBytes ?? refusal.sizeBytes, caught as NotionApiError, refusal.limitBytes);
      }
      if (signal.aborted && this.stoppedBecause) {
        await this.finish('failed', { error: this.stoppedBecause, resumable: this.canResume() });
      } else if (signal.aborted) {
        await this.finish('cancelled', { resumable: this.canResume() });
      } else {
        // Its append known not to have landed (stopped, or answered without its block and not on the page): a resume
        // attaches it, nothing is sent again.
        const resumable = !(error instanceof UploadFailure) || error.code === ATTACH_STOPPED_NOT_ATTACHED || error.code === ATTACH_NOT_SHOWN;
        await this.finish('failed', { error: toSessionError(error), resumable: this.canResume() && resumable });
      }
    } finally {
      this.inFlightBytes.clear();
      this.appendUnderWay = false;
      this.appendStop = null;
      this.controller = null;
      this.stoppedBecause = null;
    }
  }

  private canResume(): boolean {
    return this.status.uploadId !== null && withinLifetime(this.uploadCreatedAt, this.context.now());
  }

  /** Continues a stored upload when the file is unchanged and Notion still holds it pending within its hour. */
  private async resumeIfPossible(client: NotionClient, plan: UploadPlan, identity: FileIdentity, signal: AbortSignal): Promise<FileUploadObject | null> {
    const stored = this.resumeFrom;
    if (!stored?.uploadId) return null;
    const startOver = (why: string): null => {
      this.status.notice = `Started over: ${why}`;
      return null;
    };
    const early = reasonToStartOver(stored, plan, identity, this.context.now());
    if (early) return startOver(early);
    let upload: FileUploadObject;
    try {
      upload = await client.retrieveFileUpload(stored.uploadId, { signal });
    } catch (error) {
      if (error instanceof NotionApiError && (error.status === 404 || error.status === 400)) return startOver('Notion no longer knows the interrupted upload.');
      throw error;
    }
    const decision = decideResume(stored, plan, upload.status);
    if (!decision.resume) return startOver(decision.why);
    this.uploadCreatedAt = stored.uploadCreatedAt;
    let acknowledged = decision.acknowledged;
    let notice = decision.notice;
    // Parts whose answers the interrupted run never got may be in: when Notion holds as many parts beyond the
    // recorded ones as are missing from the record, all of them are; otherwise each is sent again, and a refusal of
    // one is read against the upload (refusedBecauseIn).
    const held = upload.status === 'pending' && plan.mode === 'multi_part' ? upload.numberOfParts?.sent : undefined;
    const unrecorded = Array.from({ length: plan.partCount }, (_, index) => index + 1).filter((part) => !acknowledged.includes(part));
    if (held !== undefined && unrecorded.length > 0 && held - acknowledged.length === unrecorded.length) {
      acknowledged = [...acknowledged, ...unrecorded].sort((a, b) => a - b);
      notice = 'Resumed: Notion already held every part; completing.';
    } else if (held !== undefined && held > acknowledged.length) {
      for (const part of unrecorded) this.resentUnsure.add(part);
    }
    this.setAcknowledged(acknowledged);
    if (acknowledged.length > 0) this.hasher?.missed();
    this.acknowledgedBytes = acknowledged.reduce((sum, part) => sum + partRange(plan, part).length, 0);
    this.status.notice = notice;
    return upload;
  }

  private async sendPart(client: NotionClient, uploadId: string, plan: UploadPlan, partNumber: number, signal: AbortSignal): Promise<void> {
    const range = partRange(plan, partNumber);
    const bandwidth = this.context.bandwidth;
    let hashed: PartAttempt | undefined;
    let measuring = false;
    const openBody = () => {
      if (!measuring) this.context.linkSpeed?.started();
      measuring = true;
      this.inFlightBytes.set(partNumber, 0); // a new attempt: roll back what the previous one counted
      this.refreshProgress();
      const attempt = this.hasher?.attempt(partNumber);
      hashed = attempt;
      const body = fileRangeBody({
        filePath: this.filePath, start: range.start, length: range.length, uploadName: plan.uploadName, contentType: plan.contentType,
        expected: this.identity ?? undefined,
        partNumber: plan.mode === 'multi_part' ? partNumber : undefined,
        reuseReadBuffers: socketReadBuffers,
        beforeChunk: (bytes) => bandwidth.take(bytes, signal),
        onData: attempt ? (chunk) => attempt.add(chunk) : undefined,
        onChunk: (bytes) => {
          this.inFlightBytes.set(partNumber, (this.inFlightBytes.get(partNumber) ?? 0) + bytes);
          this.refreshProgress();
        },
      });
      return { ...body, minBytesPerSecond: this.slowestFairShare() };
    };
    // With the hash wanted, a part streams once the one before it has been streamed (it may still await its answer).
    await this.hasher?.ready(partNumber, signal);
    try {
      let answer = await client.sendFileUpload(uploadId, openBody, {
        partNumber: plan.mode === 'multi_part' ? partNumber : undefined, signal,
        onAttemptFailed: (error) => {
          this.inFlightBytes.delete(partNumber);
          if (mayHaveLanded(error)) this.uncertainParts.add(partNumber);
          else this.uncertainParts.delete(partNumber);
          this.refreshProgress();
        },
        partLanded: (upload) => this.partLanded(client, uploadId, partNumber, upload, signal),
      });
      if (plan.mode === 'single_part') {
        // A single-part send finishes the upload; an answer that says otherwise is asked once more before it counts.
        if (!saysUploaded(answer)) answer = await client.retrieveFileUpload(uploadId, { signal });
        if (!saysUploaded(answer)) throw notUploaded(answer, plan, 'sending the file');
        checkStoredLength(answer, plan, 'sending the file');
      }
      // A read-back that found the single part in acknowledges the last attempt, which streamed it whole or is counted short.
      hashed?.acknowledged();
      if (measuring) this.context.linkSpeed?.ended(range.length);
      measuring = false;
    } catch (error) {
      if (measuring) this.context.linkSpeed?.ended(0);
      measuring = false;
      this.inFlightBytes.delete(partNumber);
      this.uncertainParts.delete(partNumber);
      this.refreshProgress();
      if (!(await this.refusedBecauseIn(client, uploadId, partNumber, error, signal))) {
        this.hasher?.missed(); // the run fails: parts waiting for this one to stream are let go
        throw error;
      }
      this.hasher?.missed(); // Notion holds the part from an attempt whose answer was lost
    }
    this.resentUnsure.delete(partNumber);
    this.uncertainParts.delete(partNumber);
    this.inFlightBytes.delete(partNumber);
    this.acknowledged.add(partNumber);
    insertPart(this.acknowledgedInOrder, partNumber);
    this.acknowledgedBytes += range.length;
    this.refreshProgress();
    await this.persistPart(partNumber);
  }

  /**
   * Whether a part whose answer was lost is in, read from the upload's state rather than from refusing a repeat:
   * Notion counts the parts it holds (number_of_parts.sent) without naming them, so the parts held beyond the
   * acknowledged ones are matched against the parts that may have landed. While other parts are still in flight the
   * count cannot tell them apart, so it is read again once they answer; when it still cannot, the part goes again.
   */
  private async partLanded(client: NotionClient, uploadId: string, partNumber: number, retrieved: FileUploadObject, signal: AbortSignal): Promise<boolean> {
    // Whatever is decided here, a re-send refused later is read against the upload again (refusedBecauseIn): the
    // first attempt may still have been finishing on Notion's side when the upload was read.
    this.resentUnsure.add(partNumber);
    let upload = retrieved;
    for (let look = 1; ; look++) {
      if (upload.status === 'uploaded') return true;
      const sent = upload.numberOfParts?.sent;
      if (sent === undefined) return false;
      const unexplained = sent - this.acknowledged.size;
      const otherUncertain = [...this.uncertainParts].filter((part) => part !== partNumber && !this.inFlightBytes.has(part)).length;
      const mayHaveLanded = 1 + this.inFlightBytes.size + otherUncertain;
      if (unexplained <= 0) return false;
      if (unexplained >= mayHaveLanded) return true;
      if (this.inFlightBytes.size === 0 || look >= MAX_PART_LOOKS) return false;
      await abortableSleep(PART_LOOK_INTERVAL_MS, signal);
      upload = await client.retrieveFileUpload(uploadId, { signal });
    }
  }

  /**
   * A part sent again while the count could not tell whether it was in, refused: it counts as in only when the upload,
   * read again, holds a part beyond the acknowledged ones (Notion's complete checks that every part is there, so a
   * wrong guess fails the file at complete, never silently).
   */
  private async refusedBecauseIn(client: NotionClient, uploadId: string, partNumber: number, error: unknown, signal: AbortSignal): Promise<boolean> {
    if (!this.resentUnsure.has(partNumber) || !(error instanceof NotionApiError) || error.status !== 400) return false;
    this.resentUnsure.delete(partNumber);
    const upload = await client.retrieveFileUpload(uploadId, { signal });
    const sent = upload.numberOfParts?.sent;
    return upload.status === 'pending' && sent !== undefined && sent - this.acknowledged.size >= 1;
  }

  /**
   * Attaches the upload with other files of the page, in one append (attachBatcher.ts). `landedAfter`: an earlier
   * run's append may have attached it since then; that block is looked for first.
   */
  private async attach(client: NotionClient, plan: UploadPlan, uploadId: string, signal: AbortSignal, landedAfter?: number): Promise<string> {
    if (landedAfter !== undefined && (await client.retrieveFileUpload(uploadId, { signal })).attached) {
      // created_time is rounded to the minute, hence the margin.
      const readPage = (startCursor: string | undefined) => client.listBlockChildren(this.pageId, { startCursor, signal });
      const found = await findUploadBlock(readPage, plan, uploadId, landedAfter - 2 * 60_000);
      if (!found) {
        throw new UploadFailure('attach_unconfirmed', 'Notion attached the file, but its block was not found on the page.', 'Open the page in Notion: the file is there; do not upload it again.');
      }
      return found.id;
    }
    this.appendStop = new AbortController();
    const block = await this.context.attach(this, {
      plan, uploadId, uploadCreatedAt: this.uploadCreatedAt, signal, stop: this.appendStop.signal, onAppendStarted: () => {
        this.appendUnderWay = true;
      },
    });
    return block.id;
  }

  /**
   * Under a bandwidth cap a send may go slower than the request deadline's usual minimum rate: its deadline then
   * allows half of an even share of the cap between every part that may be in flight.
   */
  private slowestFairShare(): number | undefined {
    const settings = this.context.settings();
    const cap = maxBytesPerSecond(settings);
    if (cap <= 0) return undefined;
    return cap / (settings.filesInParallel * settings.partsInFlight) / 2;
  }

  /** A pause long enough to be noticed: every session waits out a 429 together (the rate limiter is shared). */
  private waitingFor(): string | null {
    const pauseMs = this.context.client().rateLimiter.pauseRemainingMs();
    if (pauseMs >= 1000) return `waiting ${Math.ceil(pauseMs / 1000)} s: Notion's rate limit`;
    const behind = this.status.state === 'attaching' && !this.appendUnderWay ? this.context.waitingBehind(this) : 0;
    return behind > 0 ? `waiting for ${behind} earlier file${behind === 1 ? '' : 's'}, to add them to the page in order` : null;
  }

  private isActive(): boolean {
    return isTransferring(this.status.state);
  }

  private refreshProgress(): void {
    let inFlight = 0;
    for (const bytes of this.inFlightBytes.values()) inFlight += bytes;
    this.status.bytesSent = Math.min(this.status.bytesTotal, this.acknowledgedBytes + inFlight);
    this.status.partsDone = this.acknowledged.size;
    this.status.updatedAt = this.context.now();
    this.meter.record(this.status.bytesSent);
    this.context.changed(this, 'progress');
  }

  /**
   * Ends a run: the record is stored in its final state first (a crash right after still resumes correctly), then
   * the state change is announced, once.
   */
  private async finish(state: 'done' | 'failed' | 'cancelled', outcome: { error?: SessionError; resumable?: boolean } = {}): Promise<void> {
    assertMove(this.status.state, state);
    if (outcome.error) this.status.error = outcome.error;
    if (outcome.resumable !== undefined) this.status.resumable = outcome.resumable;
    const before = this.status.state;
    this.status.state = state;
    try {
      await this.persist();
    } catch (error) {
      if (state === 'done') {
        this.status.state = before;
        throw error;
      }
      // a failed or cancelled run is reported even when its record could not be written
    }
    this.status.updatedAt = this.context.now();
    this.context.changed(this, 'state');
  }

  private setState(state: SessionState): void {
    assertMove(this.status.state, state);
    this.status.state = state;
    this.status.updatedAt = this.context.now();
    if (state === 'uploading') this.meter.reset();
    this.context.changed(this, 'state');
  }

  private async persist(): Promise<void> {
    // An upload kept for a Markdown page is not resumed on its own: publishing the page again sends it again.
    if (!this.attachToPage) return;
    const record = this.storedRecord();
    if (!record?.uploadId) return;
    await this.context.store.save({ ...record, updatedAt: this.context.now() });
    this.recordSaved = record !== this.resumeFrom;
  }

  /** A part acknowledged: added to the stored record alone once the store has this run's record. */
  private async persistPart(partNumber: number): Promise<void> {
    if (!this.attachToPage) return;
    if (this.recordSaved) await this.context.store.acknowledgePart(this.id, partNumber, this.context.now());
    else await this.persist();
  }

  private parts(): PartSets {
    this.partSets ??= { inFlightBytes: new Map(), acknowledged: new Set(), uncertainParts: new Set(), resentUnsure: new Set() };
    return this.partSets;
  }

  /** Bytes of each part in flight, as its body has streamed them. */
  private get inFlightBytes(): Map<number, number> {
    return this.parts().inFlightBytes;
  }

  private get acknowledged(): Set<number> {
    return this.parts().acknowledged;
  }

  /** Parts whose last attempt failed without a clear answer, until the upload's state settles them. */
  private get uncertainParts(): Set<number> {
    return this.parts().uncertainParts;
  }

  /** Parts sent again although the upload's count could not rule out that they were in already. */
  private get resentUnsure(): Set<number> {
    return this.parts().resentUnsure;
  }

  private setAcknowledged(parts: readonly number[]): void {
    this.parts().acknowledged = new Set(parts);
    this.acknowledgedInOrder = [...this.acknowledged].sort((a, b) => a - b);
    this.recordSaved = false;
  }
}

/** A failure after which the part may be in all the same: no answer, or a server error (not a refusal or a 429). */
function mayHaveLanded(error: unknown): boolean {
  return error instanceof NotionNetworkError || (error instanceof NotionApiError && error.status >= 500 && error.status !== 529);
}

/** How often, and how far apart, a lost part's fate is read again while other parts of the upload are in flight. */
const MAX_PART_LOOKS = 20;
const PART_LOOK_INTERVAL_MS = 250;

/** Every field is masked: a server can put the token (or anything token-shaped) into any of them. */
function toSessionError(error: unknown): SessionError {
  if (error instanceof FileTooLargeError) return redactFields({ message: error.message, code: error.code, status: error.status, requestId: error.requestId, hint: error.hint });
  if (isWorkspaceBlockLimit(error)) {
    const refused = error as NotionApiError;
    return { message: refused.message, code: 'workspace_block_limit', status: refused.status, requestId: refused.requestId, hint: BLOCK_LIMIT_HINT };
  }
  if (error instanceof NotionApiError) {
    return redactFields({ message: error.message, code: error.code, status: error.status, requestId: error.requestId, hint: error.hint });
  }
  if (error instanceof UploaderError) return redactFields({ message: error.message, code: error.code, hint: error.hint });
  return { message: redactSecrets(error instanceof Error ? error.message : String(error)), code: 'unexpected' };
}
