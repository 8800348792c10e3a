import * as vscode from 'vscode';
import { mayAddWithoutReading, PageLinkError, pageUrl, parsePageId, refuseTrashedPage } from '../core/light';
import { readTargetPage, writeTargetPage } from './configuration';
import type { PageChoice, PageSource } from './targetPagePicker';
import type { UiHolder } from './ui';
import type { UploadService } from './uploadService';

const RECENT_KEY = 'notionUpload.recentTargets';
const MAX_RECENT = 8;

/** The page uploads go to: choosing it (picker or a given link), remembering recent ones, opening it. */
export class TargetPages {
  constructor(
    private readonly state: vscode.Memento,
    private readonly service: UploadService,
    private readonly ui: UiHolder,
  ) {}

  recent(): PageChoice[] {
    return this.state.get<PageChoice[]>(RECENT_KEY, []);
  }

  /**
   * Lets the user pick the target page and stores it in the settings. With `link`, that page is checked and stored
   * without any picker (the tests and other extensions use this).
   */
  async choose(token: string, link?: string): Promise<PageChoice | undefined> {
    const page = link !== undefined
      ? await this.resolveLink(token, link)
      : await this.ui.current.pickTargetPage(this.pageSource(token));
    if (!page) return undefined;
    if (link !== undefined) await writeTargetPage(page.id);
    else if (!(await this.saveWhereAsked(page))) return undefined;
    await this.remember(page);
    return page;
  }

  /**
   * Stores a page picked by hand in the user settings or, when the user says so, in this workspace's
   * .vscode/settings.json. Enter picks the user settings: nothing is written into the workspace without a yes.
   */
  private async saveWhereAsked(page: PageChoice): Promise<boolean> {
    const config = vscode.workspace.getConfiguration('notionUpload');
    if (!vscode.workspace.workspaceFolders?.length || !vscode.workspace.isTrusted) {
      await config.update('targetPage', page.id, vscode.ConfigurationTarget.Global);
      return true;
    }
    const everywhere = 'All Workspaces';
    const here = 'This Workspace Only';
    const workspaceNamesOne = config.inspect<string>('targetPage')?.workspaceValue !== undefined;
    const answer = await this.ui.current.ask(
      `Upload to “${page.title || page.id}” from all workspaces, or only from this one?`,
      'All Workspaces keeps it in your user settings. This Workspace Only writes it to .vscode/settings.json, which anyone sharing the folder sees.'
        + (workspaceNamesOne ? ' This workspace already names a page there, which wins over your user settings; All Workspaces removes that entry.' : ''),
      everywhere,
      here,
    );
    if (answer === here) await config.update('targetPage', page.id, vscode.ConfigurationTarget.Workspace);
    else if (answer === everywhere) {
      await config.update('targetPage', page.id, vscode.ConfigurationTarget.Global);
      if (workspaceNamesOne) await config.update('targetPage', undefined, vscode.ConfigurationTarget.Workspace);
    } else return false;
    return true;
  }

  /** The configured target page for a resource, as a dashed page id; throws PageLinkError when the setting is unusable. */
  configuredPageId(resource?: vscode.Uri): string | undefined {
    const configured = readTargetPage(resource);
    return configured ? parsePageId(configured) : undefined;
  }

  /**
   * The target page, read from Notion before each upload or publish (one request): a page deleted, moved to the trash
   * or no longer shared since it was chosen is reported before anything is sent, not after every file was, and
   * messages name it by its current title. An integration that may add to the page without reading it goes on.
   */
  async checkConfigured(token: string, pageId: string): Promise<string> {
    try {
      await this.remember(await this.resolveLink(token, pageId));
    } catch (error) {
      if (!mayAddWithoutReading(error)) throw error;
    }
    return pageId;
  }

  titleOf(pageId: string): string {
    return this.service.pageTitle(pageId) ?? this.recent().find((page) => page.id === pageId)?.title ?? pageId;
  }

  urlOf(pageId: string): string {
    return this.recent().find((page) => page.id === pageId)?.url ?? pageUrl(pageId);
  }

  async remember(page: PageChoice): Promise<void> {
    this.service.rememberPageTitle(page.id, page.title);
    const recent = [page, ...this.recent().filter((known) => known.id !== page.id)].slice(0, MAX_RECENT);
    await this.state.update(RECENT_KEY, recent);
  }

  private async forget(pageId: string): Promise<void> {
    const recent = this.recent();
    if (recent.some((known) => known.id === pageId)) await this.state.update(RECENT_KEY, recent.filter((known) => known.id !== pageId));
  }

  private async resolveLink(token: string, link: string): Promise<PageChoice> {
    const id = parsePageId(link);
    const page = await this.service.withClient(token, (client) => client.retrievePage(id));
    // Offered as a recent page, the first row of the picker, it would be what Enter picks again.
    if (page.inTrash) await this.forget(page.id);
    refuseTrashedPage(page);
    return { id: page.id, title: page.title, url: page.url || pageUrl(page.id) };
  }

  private pageSource(token: string): PageSource {
    return {
      recent: this.recent(),
      search: (query, signal) => this.service.withClient(token, (client) => client.searchPages(query, { signal })),
      resolveLink: (text) => this.resolveLink(token, text),
      looksLikeLink: (text) => /^https?:\/\//i.test(text) || parsesAsPageId(text),
    };
  }
}

function parsesAsPageId(text: string): boolean {
  try {
    parsePageId(text);
    return true;
  } catch (error) {
    if (error instanceof PageLinkError) return false;
    throw error;
  }
}
