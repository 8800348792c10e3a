// Which page each Markdown file became, kept where every VS Code window sees it: a JSON file in the extension's global
// storage (the CLI's record store), with its lock per Markdown file and target page. Two windows publishing one file
// to one page at once would otherwise both make a page, and a window that did not make the page would make another.
import type { Memento } from 'vscode';
import type { PublishedPage, PublishLock, PublishStore } from '../core/markdown/index';

/** The records file, in the extension's global storage folder; its locks lie beside it. */
export const PUBLISH_RECORDS_FILE = 'published-pages.json';

/** Where versions before this one kept the records: in each workspace's own state, seen by its window only. */
export const WORKSPACE_RECORDS_KEY = 'notionUpload.publishedPages';

export class SharedPublishStore implements PublishStore {
  constructor(
    private readonly shared: PublishStore & Required<Pick<PublishStore, 'lock'>>,
    /** Read for records written before they were shared; never written. */
    private readonly workspaceState?: Pick<Memento, 'get'>,
  ) {}

  async get(key: string): Promise<PublishedPage | undefined> {
    return (await this.shared.get(key)) ?? this.workspaceState?.get<Record<string, PublishedPage>>(WORKSPACE_RECORDS_KEY, {})[key];
  }

  set(key: string, page: PublishedPage): Promise<void> {
    return this.shared.set(key, page);
  }

  /**
   * Refuses (PublishBusyError) while another window publishes the file to the page. A window that crashed, or was
   * closed mid-publish, leaves a lock naming a process that is gone: the next publish takes it over.
   */
  lock(key: string, markdownPath: string): Promise<PublishLock> {
    return this.shared.lock(key, markdownPath);
  }
}
