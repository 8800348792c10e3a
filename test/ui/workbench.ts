// Drives the VS Code workbench in the browser the way a person does: keyboard, clicks, menus; and takes screenshots.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { projectRoot, testResultsDir } from '../host/paths';
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
  contextMenuItem: '.context-view .action-item',
  activityBarItem: '.part.activitybar .action-item',
  paneBody: '.pane-body',
};

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
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
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

  notification(text: string | RegExp): Locator {
    return this.page.locator(selectors.notification).filter({ hasText: text }).first();
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
    await this.explorerRow(names[names.length - 1] ?? '').click({ button: 'right' });
    await this.page.locator(selectors.contextMenuItem).first().waitFor();
  }

  async clickContextMenuItem(label: string): Promise<void> {
    await this.page.locator(selectors.contextMenuItem).filter({ hasText: label }).first().click();
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`${selectors.activityBarItem} a[aria-label^="${title}"]`).first();
  }

  /** Opens a view container from the activity bar by its title (e.g. "Notion Upload"). */
  async openViewContainer(title: string): Promise<void> {
    await this.activityBarItem(title).click();
  }

  /** The body of a view pane by its header title (e.g. "Uploads"), as a locator for its rows or welcome content. */
  view(title: string): Locator {
    return this.page
      .locator('.pane')
      .filter({ has: this.page.locator('.pane-header', { hasText: title }) })
      .locator(selectors.paneBody);
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
