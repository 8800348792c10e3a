// What a publish leaves behind for the next one: which page a Markdown file became under a target page, and which
// file_upload holds each local file's bytes (by sha256). Notion lets an attached upload be attached again ("upload
// once, attach many times"), so an unchanged image is not sent twice.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface PublishedFile {
  sha256: string;
  uploadId: string;
}

export interface PublishedPage {
  pageId: string;
  title: string;
  /** By absolute path of the local file. */
  files: Record<string, PublishedFile>;
  publishedAt: number;
}

export interface PublishStore {
  get(key: string): Promise<PublishedPage | undefined>;
  set(key: string, page: PublishedPage): Promise<void>;
}

/** One record per Markdown file and target page. */
export function publishKey(markdownPath: string, targetPageId: string): string {
  return `${targetPageId.replace(/-/g, '').toLowerCase()} ${markdownPath}`;
}

export class MemoryPublishStore implements PublishStore {
  private readonly pages = new Map<string, PublishedPage>();
  async get(key: string): Promise<PublishedPage | undefined> {
    return this.pages.get(key);
  }
  async set(key: string, page: PublishedPage): Promise<void> {
    this.pages.set(key, page);
  }
}

/** A small JSON file of records (the CLI keeps it beside its state file); written whole through a temporary file. */
export class JsonFilePublishStore implements PublishStore {
  constructor(readonly path: string) {}

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
    const pages = await this.readAll();
    pages[key] = page;
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ version: 1, pages }, null, 2)}\n`);
    await rename(temporary, this.path);
  }
}
