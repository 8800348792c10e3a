import * as vscode from 'vscode';
import { describeError } from '../core/light';

export interface PageChoice {
  id: string;
  title: string;
  url: string;
}

/** Where the picker gets its pages from; built by the target-page commands around the core's Notion client. */
export interface PageSource {
  recent: readonly PageChoice[];
  search(query: string, signal: AbortSignal): Promise<PageChoice[]>;
  /** Parses a pasted link or ID and checks that the integration can see the page; throws with a plain reason. */
  resolveLink(text: string): Promise<PageChoice>;
  /** True when `text` parses as a page link or ID (no network). */
  looksLikeLink(text: string): boolean;
}

type PickItem = vscode.QuickPickItem & { page?: PageChoice; action?: 'useLink' | 'pasteLink' };

const SEARCH_DEBOUNCE_MS = 250;

function pageItem(page: PageChoice, detail?: string): PickItem {
  return { label: `$(file) ${page.title || 'Untitled'}`, description: page.id, detail, page, alwaysShow: true };
}

/** QuickPick fed by Notion search as the user types (debounced, earlier searches aborted), plus recent targets and links. */
export function showTargetPagePicker(source: PageSource): Promise<PageChoice | undefined> {
  const pick = vscode.window.createQuickPick<PickItem>();
  pick.title = 'Choose the Notion page to upload to';
  pick.placeholder = 'Type to search the pages this token can see, or paste a page link';
  pick.matchOnDescription = true;
  const pasteItem: PickItem = { label: '$(link) Paste a page link…', action: 'pasteLink', alwaysShow: true };

  let results: PickItem[] = [];
  let status: PickItem | undefined;
  let searchController: AbortController | undefined;
  let debounce: NodeJS.Timeout | undefined;

  const render = (): void => {
    const value = pick.value.trim();
    const items: PickItem[] = [];
    if (value && source.looksLikeLink(value)) items.push({ label: '$(arrow-right) Use this page link', description: value, action: 'useLink', alwaysShow: true });
    if (!value && source.recent.length > 0) {
      items.push({ label: 'Recent', kind: vscode.QuickPickItemKind.Separator });
      items.push(...source.recent.map((page) => pageItem(page, 'recently used')));
    }
    items.push({ label: value ? 'Search results' : 'Pages this token can see', kind: vscode.QuickPickItemKind.Separator });
    if (status) items.push(status);
    items.push(...results);
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, pasteItem);
    pick.items = items;
  };

  const search = (query: string): void => {
    searchController?.abort();
    const controller = new AbortController();
    searchController = controller;
    pick.busy = true;
    source.search(query, controller.signal).then(
      (pages) => {
        if (controller.signal.aborted) return;
        results = pages.map((page) => pageItem(page));
        status = pages.length ? undefined : { label: '$(info) No pages found', detail: 'Search matches titles of the pages this token can see: with an integration\'s secret, those shared with it (Notion\'s index may lag behind new pages).', alwaysShow: true };
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        results = [];
        status = { label: `$(error) Search failed: ${error instanceof Error ? error.message : String(error)}`, alwaysShow: true };
      },
    ).finally(() => {
      if (controller !== searchController) return;
      pick.busy = false;
      render();
    });
  };

  return new Promise((resolve) => {
    let chosen: PageChoice | undefined;
    let settled = false;
    let handedOver = false;
    const finish = (page: PageChoice | undefined): void => {
      chosen = page;
      pick.hide();
    };

    pick.onDidChangeValue((value) => {
      clearTimeout(debounce);
      render();
      if (source.looksLikeLink(value.trim())) return;
      debounce = setTimeout(() => search(value.trim()), SEARCH_DEBOUNCE_MS);
    });

    pick.onDidAccept(async () => {
      const [selected] = pick.selectedItems;
      if (!selected) return;
      if (selected.page) return finish(selected.page);
      if (selected.action === 'pasteLink') return handOverToLinkBox('', undefined);
      const link = pick.value.trim();
      pick.busy = true;
      try {
        finish(await source.resolveLink(link));
      } catch (error) {
        // A quick pick row cuts a long reason off; the link box shows it whole under the link, which stays editable.
        handOverToLinkBox(link, errorText(error));
      } finally {
        pick.busy = false;
      }
    });

    const handOverToLinkBox = (link: string, message: string | undefined): void => {
      handedOver = true;
      pick.hide();
      void showPageLinkBox(source, link, message).then(resolve);
    };

    pick.onDidHide(() => {
      if (settled) return;
      settled = true;
      clearTimeout(debounce);
      searchController?.abort();
      pick.dispose();
      if (!handedOver) resolve(chosen);
    });

    render();
    pick.show();
    search('');
  });
}

function errorText(error: unknown): string {
  return describeError(error);
}

/** An input box for a page link; a link Notion refuses keeps the box open with the whole reason as its message. */
function showPageLinkBox(source: PageSource, link: string, message: string | undefined): Promise<PageChoice | undefined> {
  const box = vscode.window.createInputBox();
  box.title = 'Choose the Notion page to upload to';
  box.prompt = 'Paste the page link (Notion: Share → Copy link) and press Enter';
  box.placeholder = 'https://www.notion.so/…';
  box.ignoreFocusOut = true;
  box.value = link;
  if (message) box.validationMessage = { message, severity: vscode.InputBoxValidationSeverity.Error };
  return new Promise((resolve) => {
    let chosen: PageChoice | undefined;
    box.onDidChangeValue(() => {
      box.validationMessage = undefined;
    });
    box.onDidAccept(async () => {
      const text = box.value.trim();
      if (!text) {
        box.validationMessage = 'Paste a page link first.';
        return;
      }
      if (!source.looksLikeLink(text)) {
        box.validationMessage = { message: 'That is not a Notion page link or page ID. In Notion: Share → Copy link.', severity: vscode.InputBoxValidationSeverity.Error };
        return;
      }
      box.busy = true;
      box.enabled = false;
      try {
        chosen = await source.resolveLink(text);
        box.hide();
      } catch (error) {
        box.validationMessage = { message: errorText(error), severity: vscode.InputBoxValidationSeverity.Error };
      } finally {
        box.busy = false;
        box.enabled = true;
      }
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(chosen);
    });
    box.show();
  });
}
