import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { acquireStateFileLock, StateFileUnusableError, type StateFileLock } from './stateFileLock';
import { insertPart, type SessionStore, type StoredSession } from './sessionStore';
import { storedSessionProblem } from './storedSessionCheck';

/** The first line of a journal; an older state file is one JSON object `{ version: 1, sessions: [...] }`. */
const HEADER = '{"notionUploadState":2}\n';
/** The journal is rewritten to its live records once it is this many times larger than they are… */
const COMPACT_RATIO = 4;
/** …and larger than this, so a handful of records is not rewritten on every save. */
const COMPACT_MIN_BYTES = 64 * 1024;

/** A part acknowledged since the record's last put: its number and the record's new updatedAt. */
type PartEntry = { id: string; number: number; at: number };
type JournalEntry = { put: StoredSession } | { delete: string } | { part: PartEntry };

/** A live record: its last put line, and the parts acknowledged since (applied when the line is next needed). */
interface LiveRecord {
  line: string;
  laterParts: PartEntry[];
  /** The line's bytes, plus an estimate of what the later parts add to it. */
  bytes: number;
}

export interface OpenOptions {
  /** Take the lock beside the file, so a second run on the same file is refused instead of sending parts twice. */
  exclusive?: boolean;
}

/**
 * Sessions in a journal file: a header line, then one JSON line per save (`{"put": record}`), acknowledged part
 * (`{"part": {id, number, at}}`) or removal (`{"delete": id}`), appended, so a save costs the size of one record
 * whatever the number of records, and a part the size of a part entry whatever the parts before it. When the
 * journal has grown several times larger than the records it describes it is rewritten to them atomically (temp file
 * + rename). An old whole-file state is read and rewritten as a journal on open. Lines that are damaged or hold a
 * record with missing or wrong fields are skipped and named in `problems`, and a copy of the file is kept beside it.
 * Operations are serialised; records live in memory between open and close.
 */
export class JsonFileSessionStore implements SessionStore {
  private queue: Promise<unknown> = Promise.resolve();
  private opening: Promise<void> | undefined;
  private handle: FileHandle | undefined;
  private lock: StateFileLock | undefined;
  /** Each live record, by id. */
  private readonly records = new Map<string, LiveRecord>();
  private liveBytes = 0;
  private journalBytes = 0;
  /** What was wrong with the file when it was opened, one sentence each. */
  readonly problems: string[] = [];

  constructor(readonly filePath: string) {}

  /** The records a state file holds, read without opening it for writing (another run may be using it). */
  static async readRecords(filePath: string): Promise<StoredSession[]> {
    const text = await readFile(filePath, 'utf8').catch((error: { code?: string }) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const reader = new JsonFileSessionStore(filePath);
    reader.parse(text);
    return reader.liveRecords();
  }

  /**
   * Reads the file and makes sure it can be written, before any upload relies on it; with `exclusive`, takes the lock
   * first. Without a call to open the store opens itself, unlocked, on first use. Returns the problems found.
   */
  async open(options: OpenOptions = {}): Promise<string[]> {
    if (options.exclusive && !this.lock && !this.opening) this.lock = await acquireStateFileLock(this.filePath);
    try {
      await this.ensureOpen();
    } catch (error) {
      await this.lock?.release();
      this.lock = undefined;
      throw error;
    }
    return [...this.problems];
  }

  load(): Promise<StoredSession[]> {
    return this.enqueue(async () => {
      await this.ensureOpen();
      return this.liveRecords();
    });
  }

  private liveRecords(): StoredSession[] {
    return [...this.records.values()].map((live) => recordOf(live));
  }

  save(session: StoredSession): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureOpen();
      const line = `${JSON.stringify({ put: session } satisfies JournalEntry)}\n`;
      await this.append(line);
      this.setLive(session.id, line);
      await this.compactIfLarge();
    });
  }

  acknowledgePart(id: string, partNumber: number, updatedAt: number): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureOpen();
      const live = this.records.get(id);
      if (!live) return;
      const part: PartEntry = { id, number: partNumber, at: updatedAt };
      await this.append(`${JSON.stringify({ part } satisfies JournalEntry)}\n`);
      this.addPart(live, part);
      await this.compactIfLarge();
    });
  }

  delete(id: string): Promise<void> {
    return this.enqueue(async () => {
      await this.ensureOpen();
      if (!this.records.has(id)) return;
      await this.append(`${JSON.stringify({ delete: id } satisfies JournalEntry)}\n`);
      this.setLive(id, undefined);
      await this.compactIfLarge();
    });
  }

  /** Waits for pending writes, leaves the file holding only live records, and releases the lock. */
  close(): Promise<void> {
    return this.enqueue(async () => {
      try {
        if (this.handle && this.journalBytes > Buffer.byteLength(HEADER) + this.liveBytes) await this.compact();
      } finally {
        await this.handle?.close().catch(() => undefined);
        this.handle = undefined;
        this.opening = undefined;
        this.records.clear();
        this.liveBytes = 0;
        await this.lock?.release();
        this.lock = undefined;
      }
    });
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private ensureOpen(): Promise<void> {
    this.opening ??= this.read();
    return this.opening;
  }

  private setLive(id: string, line: string | undefined): void {
    const previous = this.records.get(id);
    if (previous !== undefined) this.liveBytes -= previous.bytes;
    if (line === undefined) {
      this.records.delete(id);
    } else {
      const bytes = Buffer.byteLength(line);
      this.records.set(id, { line, laterParts: [], bytes });
      this.liveBytes += bytes;
    }
  }

  private addPart(live: LiveRecord, part: PartEntry): void {
    live.laterParts.push(part);
    // The record's line grows by the number and a comma.
    const grows = String(part.number).length + 1;
    live.bytes += grows;
    this.liveBytes += grows;
  }

  private async append(line: string): Promise<void> {
    const bytes = Buffer.from(line, 'utf8');
    await this.handle!.write(bytes);
    this.journalBytes += bytes.length;
  }

  private async compactIfLarge(): Promise<void> {
    if (this.journalBytes > COMPACT_MIN_BYTES && this.journalBytes > COMPACT_RATIO * (this.liveBytes + HEADER.length)) await this.compact();
  }

  /** Rewrites the journal to the live records (atomically) and reopens it for appending. */
  private async compact(): Promise<void> {
    const text = HEADER + [...this.records.values()].map((live) => lineOf(live)).join('');
    await this.handle?.close();
    this.handle = undefined;
    const temp = `${this.filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, text, 'utf8');
      await rename(temp, this.filePath);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.journalBytes = Buffer.byteLength(text);
    this.liveBytes = this.journalBytes - Buffer.byteLength(HEADER);
    this.handle = await open(this.filePath, 'a');
  }

  private async read(): Promise<void> {
    let text = '';
    try {
      await mkdir(dirname(this.filePath), { recursive: true });
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw new StateFileUnusableError(this.filePath, error);
    }
    const parsed = this.parse(text);
    try {
      if (parsed.damaged) {
        const copy = `${this.filePath}.damaged-${Date.now()}`;
        await writeFile(copy, text, 'utf8');
        this.problems.push(`the damaged file was copied to ${copy}`);
      }
      if (parsed.rewrite || text === '') {
        await this.compact();
      } else {
        this.journalBytes = Buffer.byteLength(text);
        this.handle = await open(this.filePath, 'a');
        await this.compactIfLarge();
      }
    } catch (error) {
      await this.handle?.close().catch(() => undefined);
      this.handle = undefined;
      throw error instanceof StateFileUnusableError ? error : new StateFileUnusableError(this.filePath, error);
    }
  }

  /** Fills the live records from the file's text; says whether it needs rewriting and whether something was lost. */
  private parse(text: string): { rewrite: boolean; damaged: boolean } {
    if (text === '') return { rewrite: true, damaged: false };
    const keep = (value: unknown, where: string): void => {
      const problem = storedSessionProblem(value);
      if (problem) {
        const record = value as { id?: unknown; filePath?: unknown };
        const named = typeof record?.filePath === 'string' ? ` (${record.filePath})` : typeof record?.id === 'string' ? ` (id ${record.id})` : '';
        this.problems.push(`${where}${named} was skipped: ${problem}`);
        return;
      }
      const session = value as StoredSession;
      this.setLive(session.id, `${JSON.stringify({ put: session } satisfies JournalEntry)}\n`);
    };

    if (!text.startsWith(HEADER)) {
      let whole: unknown;
      try {
        whole = JSON.parse(text);
      } catch {
        whole = undefined;
      }
      const sessions = (whole as { sessions?: unknown } | undefined)?.sessions;
      if (!Array.isArray(sessions)) {
        this.problems.push('it is not a state file this tool can read, so no upload was resumed from it');
        return { rewrite: true, damaged: true };
      }
      const before = this.problems.length;
      sessions.forEach((value, index) => keep(value, `record ${index + 1}`));
      return { rewrite: true, damaged: this.problems.length > before };
    }

    const lines = text.slice(HEADER.length).split('\n');
    // A crash in the middle of an append leaves a last line without its newline: that save never finished.
    const torn = lines.pop() !== '';
    let damaged = false;
    lines.forEach((line, index) => {
      if (line === '') return;
      const where = `line ${index + 2}`;
      let entry: Partial<{ put: unknown; delete: unknown }>;
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        this.problems.push(`${where} was skipped: it is not JSON`);
        damaged = true;
        return;
      }
      if (typeof entry?.delete === 'string') {
        this.setLive(entry.delete, undefined);
      } else if (entry && 'part' in entry) {
        const part = entry.part as Partial<PartEntry> | undefined;
        if (typeof part?.id !== 'string' || !Number.isInteger(part.number) || (part.number as number) < 1 || typeof part.at !== 'number') {
          this.problems.push(`${where} was skipped: it is not a part acknowledgement this tool can read`);
          damaged = true;
          return;
        }
        // A part of a record removed since (or never kept) has nothing to add to.
        const live = this.records.get(part.id);
        if (live) this.addPart(live, part as PartEntry);
      } else if (entry && 'put' in entry) {
        const before = this.problems.length;
        keep(entry.put, where);
        damaged ||= this.problems.length > before;
      } else {
        this.problems.push(`${where} was skipped: it is neither a record nor a removal`);
        damaged = true;
      }
    });
    return { rewrite: torn || damaged, damaged };
  }
}

/** The record as its put line and the parts acknowledged since leave it. */
function recordOf(live: LiveRecord): StoredSession {
  const record = (JSON.parse(live.line) as { put: StoredSession }).put;
  for (const part of live.laterParts) {
    insertPart(record.partsAcknowledged, part.number);
    record.updatedAt = part.at;
  }
  return record;
}

/** The record's line with the later parts in it (kept as its line from then on). */
function lineOf(live: LiveRecord): string {
  if (live.laterParts.length > 0) {
    live.line = `${JSON.stringify({ put: recordOf(live) } satisfies JournalEntry)}\n`;
    live.laterParts = [];
    live.bytes = Buffer.byteLength(live.line);
  }
  return live.line;
}
