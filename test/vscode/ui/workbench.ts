// Drives the VS Code workbench in the browser the way a person does: keyboard, clicks, menus; and takes screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot, testResultsDir } from '../launch/paths';
import { uiSession } from './uiSession';

export const screenshotsDir = join(testResultsDir, 'screenshots');

const selectors = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  notification: '.notification-list-item',
  notificationMessage: '.notification-list-item-message',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  contextMenu: '.context-view.monaco-menu-container',
  contextMenuItem: '.context-view .action-item',
  contextMenuLabel: '.action-menu-item',
  activityBarItem: '.part.activitybar .action-item',
  paneBody: '.pane-body',
  listRow: '.monaco-list-row',
  rowLabel: '.label-name',
  rowDescription: '.label-description',
  rowInlineAction: '.actions .action-label',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  dialog: '.monaco-dialog-box',
};

/** The size screenshots are taken at (the README's pictures). */
const VIEWPORT = { width: 1280, height: 800 };
/** How long a wait for a workbench element may take on a busy two-core machine. */
const UI_TIMEOUT_MS = 45_000;
const ROW_POLL_INTERVAL_MS = 250;
const CONTEXT_MENU_CLICK_ATTEMPTS = 3;
const CONTEXT_MENU_SETTLE_MS = 5_000;

export class Workbench {
  /** Workbenches not yet closed, so the runner can photograph them when a test fails. */
  static readonly unclosed = new Set<Workbench>();

  private constructor(
    private readonly context: BrowserContext,
    readonly page: Page,
  ) {
    Workbench.unclosed.add(this);
  }

  /**
   * A fresh browser profile (no stored token, no UI state) on the session's workspace. Resolves once the Explorer
   * lists it and the extension's contributions are registered (its activity-bar entry is there): a context menu
   * opened before that lacks the extension's items.
   */
  static async open(): Promise<Workbench> {
    const { browser, codeServer } = uiSession();
    const context = await browser.newContext({ viewport: VIEWPORT });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    const page = await context.newPage();
    await page.goto(codeServer.workbenchUrl());
    const workbench = new Workbench(context, page);
    await page.locator(selectors.explorerRow).first().waitFor();
    await workbench.activityBarItem(extensionViewContainerTitle()).waitFor();
    return workbench;
  }

  async close(): Promise<void> {
    Workbench.unclosed.delete(this);
    await this.context.close();
  }

  async openCommandPalette(): Promise<Locator> {
    await this.page.locator(selectors.workbench).focus();
    await this.page.keyboard.press('F1');
    const input = this.page.locator(selectors.quickInputBox);
    await input.waitFor();
    return input;
  }

  /** Runs a command from the palette by its title as the palette shows it, e.g. "Notion: Set Notion Token". */
  async runCommand(title: string): Promise<void> {
    const input = await this.openCommandPalette();
    await input.fill(`>${title}`);
    await this.quickInputRow(title).click();
  }

  /** A row of the open quick input (palette, QuickPick) whose label contains the text. */
  quickInputRow(text: string | RegExp): Locator {
    return this.page.locator(selectors.quickInputRow).filter({ hasText: text }).first();
  }

  async quickInputBox(): Promise<Locator> {
    const input = this.page.locator(selectors.quickInputBox);
    await input.waitFor();
    return input;
  }

  /** The validation message under the quick input box. */
  quickInputMessage(): Locator {
    return this.page.locator(selectors.quickInputMessage);
  }

  /** Notion: Set Notion Token, typed into its password box; resolves once the extension says it saved the token. */
  async setToken(token: string): Promise<void> {
    await this.runCommand('Notion: Set Notion Token');
    const input = await this.quickInputBox();
    await input.fill(token);
    await input.press('Enter');
    await this.notification('Notion token saved').waitFor();
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator(selectors.notification).filter({ hasText: text }).first();
  }

  /** A button of a notification, e.g. "Open in Notion" or "Cancel". */
  notificationButton(notification: Locator, label: string): Locator {
    return notification.getByRole('button', { name: label, exact: true });
  }

  /** Notifications: Clear All Notifications, so a screenshot shows only what comes next. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator(selectors.notification).first().waitFor({ state: 'detached' });
  }

  async notificationMessages(): Promise<string[]> {
    return this.page.locator(selectors.notificationMessage).allInnerTexts();
  }

  explorerRow(name: string): Locator {
    return this.page.locator(selectors.explorerRow).filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
    });
  }

  async explorerRowNames(): Promise<string[]> {
    return this.page.locator(`${selectors.explorerRow} .label-name`).allInnerTexts();
  }

  /** Opens the Explorer context menu on one row, or on several selected with Ctrl-click. */
  async rightClickExplorerRows(...names: string[]): Promise<void> {
    if (names.length > 1) {
      for (const [index, name] of names.entries()) {
        await this.explorerRow(name).click({ modifiers: index === 0 ? [] : ['Control'] });
      }
    }
    await this.openContextMenu(this.explorerRow(names[names.length - 1] ?? ''));
  }

  /** Right-clicks the target and resolves once its context menu has finished fading in. */
  async openContextMenu(target: Locator): Promise<void> {
    await target.click({ button: 'right' });
    await this.page.locator(selectors.contextMenuItem).first().waitFor();
    await this.page.locator(selectors.contextMenu).evaluate((menu) =>
      Promise.all(menu.getAnimations({ subtree: true }).map((animation: { finished: Promise<unknown> }) => animation.finished)));
  }

  /**
   * Clicks a context-menu entry and waits for the menu to close. A click on a menu still fading in is lost (the menu
   * stays open with the entry highlighted); openContextMenu waits for the fade-in, and a lost click is repeated.
   */
  async clickContextMenuItem(label: string): Promise<void> {
    const menuItems = this.page.locator(selectors.contextMenuItem);
    const entry = menuItems.filter({ hasText: label }).first().locator(selectors.contextMenuLabel);
    await entry.waitFor();
    for (let attempt = 1; attempt <= CONTEXT_MENU_CLICK_ATTEMPTS; attempt += 1) {
      await entry.click({ timeout: CONTEXT_MENU_SETTLE_MS }).catch(() => undefined);
      const closed = await menuItems.first().waitFor({ state: 'detached', timeout: CONTEXT_MENU_SETTLE_MS }).then(() => true, () => false);
      if (closed) return;
    }
    throw new Error(`The context menu stayed open after ${CONTEXT_MENU_CLICK_ATTEMPTS} clicks on "${label}"`);
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`${selectors.activityBarItem} a[aria-label^="${title}"]`).first();
  }

  /**
   * Shows a view container from the activity bar by its title (e.g. "Notion Upload", "Explorer"). Clicking the entry
   * of the container already shown would hide the side bar, so it is clicked only when another one is showing.
   */
  async openViewContainer(title: string): Promise<void> {
    const link = this.page.locator(`a[aria-label^="${title}"]`);
    const entry = this.page.locator(selectors.activityBarItem).filter({ has: link }).first();
    if ((await entry.getAttribute('aria-selected')) !== 'true') await this.activityBarItem(title).click();
    await this.page.locator(`${selectors.activityBarItem}[aria-selected="true"]`).filter({ has: link }).waitFor();
    // The pointer leaves the activity bar, or the entry's tooltip would cover the side bar in screenshots.
    await this.page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
  }

  /** The body of a view pane by its header title (e.g. "Uploads"), as a locator for its rows or welcome content. */
  view(title: string): Locator {
    return this.page
      .locator('.pane')
      .filter({ has: this.page.locator('.pane-header', { hasText: title }) })
      .locator(selectors.paneBody);
  }

  /** A row of a tree view by its exact label, e.g. the "dataset.txt" row of "Uploads". */
  viewRow(viewTitle: string, label: string): Locator {
    return this.view(viewTitle).locator(selectors.listRow).filter({
      has: this.page.locator(selectors.rowLabel, { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  /** Resolves once the row's description (the text after its label) matches, and returns that description. */
  async waitForRowDescription(row: Locator, description: RegExp | ((text: string) => boolean)): Promise<string> {
    if (description instanceof RegExp) {
      const matching = row.filter({ has: this.page.locator(selectors.rowDescription, { hasText: description }) });
      await matching.waitFor();
      return matching.locator(selectors.rowDescription).innerText();
    }
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let text = '';
    while (Date.now() < deadline) {
      text = await row.locator(selectors.rowDescription).innerText();
      if (description(text)) return text;
      await this.page.waitForTimeout(ROW_POLL_INTERVAL_MS);
    }
    throw new Error(`The row's description never matched; last: "${text}"`);
  }

  /** Clicks one of the action icons a tree row shows on hover, by its title (e.g. "Cancel"). */
  async clickRowInlineAction(row: Locator, title: string): Promise<void> {
    await row.hover();
    await row.locator(`${selectors.rowInlineAction}[aria-label="${title}"]`).click();
  }

  /** The open modal dialog (showWarningMessage with modal: true). */
  dialog(): Locator {
    return this.page.locator(selectors.dialog);
  }

  async clickDialogButton(label: string): Promise<void> {
    await this.dialog().getByRole('button', { name: label, exact: true }).click();
    await this.dialog().waitFor({ state: 'detached' });
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotsDir, { recursive: true });
    const path = join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

function extensionViewContainerTitle(): string {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    contributes: { viewsContainers: { activitybar: Array<{ title: string }> } };
  };
  const title = manifest.contributes.viewsContainers.activitybar[0]?.title;
  if (!title) throw new Error('package.json contributes no activity-bar view container');
  return title;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
