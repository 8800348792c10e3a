// What a publish leaves behind for the next one: which page a Markdown file became under a target page, and which
// file_upload holds each local file's bytes (by sha256). Notion lets an attached upload be attached again ("upload
// once, attach many times"), so an unchanged image is not sent twice.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UploaderError } from '../errors/uploaderError';
import { abortableSleep } from '../pacing/abortableSleep';
import type { PageCreationIntent } from './pageCreation';
import { acquireStateFileLock, StateFileBusyError, type StateFileLock } from '../sessions/stateFileLock';

export interface PublishedFile {
  sha256: string;
  uploadId: string;
}

export interface PublishedPage {
  /** Empty while `creating`: the page is being made and its id not known yet. */
  pageId: string;
  title: string;
  /** By absolute path of the local file. */
  files: Record<string, PublishedFile>;
  publishedAt: number;
  /**
   * False from the moment Notion made the page (or an earlier one began to be emptied) until every block landed: a
   * publish stopped half-way leaves the page recorded, so the next one rewrites it instead of making a second page.
   * Absent in records written before this field existed, which were only written once complete.
   */
  complete?: boolean;
  /**
   * Written just before Notion is asked to make the page: a run that dies before it learns the page's id leaves this,
   * and the next one takes over the page that create made instead of making another.
   */
  creating?: PageCreationIntent;
}

export interface PublishLock {
  release(): Promise<void>;
}

export interface PublishStore {
  get(key: string): Promise<PublishedPage | undefined>;
  set(key: string, page: PublishedPage): Promise<void>;
  /**
   * Held for a whole publish of one Markdown file to one target page: a second publish of the same file at the same
   * time would not see the first one's page yet and would make another. Refuses (PublishBusyError) rather than waits.
   */
  lock?(key: string, markdownPath: string): Promise<PublishLock>;
}

/** Another publish of the same Markdown file to the same page is under way. */
export class PublishBusyError extends UploaderError {
  constructor(markdownPath: string, holderPid: number | null) {
    super({
      code: 'publish_busy',
      message: `another publish of ${markdownPath} to this page is under way${holderPid === null ? '' : ` (pid ${holderPid})`}`,
      hint: 'Wait for it to finish; publish again afterwards if the file changed since.',
    });
  }
}

/** One record per Markdown file and target page. */
export function publishKey(markdownPath: string, targetPageId: string): string {
  return `${targetPageId.replace(/-/g, '').toLowerCase()} ${markdownPath}`;
}

export class MemoryPublishStore implements PublishStore {
  private readonly pages = new Map<string, PublishedPage>();
  private readonly publishing = new Set<string>();
  async lock(key: string, markdownPath: string): Promise<PublishLock> {
    if (this.publishing.has(key)) throw new PublishBusyError(markdownPath, process.pid);
    this.publishing.add(key);
    return { release: async () => void this.publishing.delete(key) };
  }
  async get(key: string): Promise<PublishedPage | undefined> {
    return this.pages.get(key);
  }
  async set(key: string, page: PublishedPage): Promise<void> {
    this.pages.set(key, page);
  }
}

/** How long a write of the records file waits for another process's write of it (each takes milliseconds). */
const RECORDS_WRITE_WAIT_MS = 10_000;

/**
 * A small JSON file of records (the CLI keeps it beside its state file); written whole through a temporary file, under
 * a short lock so that two runs publishing different files do not lose each other's record.
 */
export class JsonFilePublishStore implements PublishStore {
  constructor(readonly path: string) {}

  /** One lock file per Markdown file and target page beside the records (`<records>.<hash>.lock`), as the state file has. */
  async lock(key: string, markdownPath: string): Promise<PublishLock> {
    const name = `${this.path}.${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    try {
      return await acquireStateFileLock(name);
    } catch (error) {
      if (error instanceof StateFileBusyError) throw new PublishBusyError(markdownPath, error.holderPid);
      throw error;
    }
  }

  private async readAll(): Promise<Record<string, PublishedPage>> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as { pages?: Record<string, PublishedPage> };
      return typeof parsed.pages === 'object' && parsed.pages !== null ? parsed.pages : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return {};
      throw error;
    }
  }

  async get(key: string): Promise<PublishedPage | undefined> {
    return (await this.readAll())[key];
  }

  async set(key: string, page: PublishedPage): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const lock = await this.writeLock();
    try {
      const pages = await this.readAll();
      pages[key] = page;
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ version: 1, pages }, null, 2)}\n`);
      await rename(temporary, this.path);
    } finally {
      await lock.release();
    }
  }

  private async writeLock(): Promise<StateFileLock> {
    const deadline = Date.now() + RECORDS_WRITE_WAIT_MS;
    for (;;) {
      try {
        return await acquireStateFileLock(this.path);
      } catch (error) {
        if (!(error instanceof StateFileBusyError) || Date.now() > deadline) throw error;
        await abortableSleep(20 + Math.random() * 30);
      }
    }
  }
}
