// A target page moved to Notion's trash: the error's Choose Target Page must not offer that page again as a recent
// one, the first row and so the one Enter picks.
import * as assert from 'node:assert/strict';
import { LATEST_NOTION_VERSION } from '../../../src/core/notion/notionLimits';
import { sampleFiles } from '../launch/sampleWorkspace';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

const DOOMED_TITLE = 'Soon in the trash';

describe('a target page moved to the trash', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    // The later suites upload to the session's page: it becomes the target again.
    await workbench?.page.keyboard.press('Escape');
    if (workbench) await choosePage(uiSession().targetPage.title);
    await workbench?.close();
  });

  it('is not offered again as a recent page by the error\'s Choose Target Page', async () => {
    const { emulator } = uiSession();
    const doomed = emulator.addPage(DOOMED_TITLE);
    // Two recent pages: the one that stays is still offered.
    await choosePage(uiSession().targetPage.title);
    await choosePage(DOOMED_TITLE);
    await trashPage(doomed);

    await workbench.clearNotifications();
    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(sampleFiles.text);
    await workbench.clickContextMenuItem('Upload to Notion');
    const error = workbench.notification(`The target page “${DOOMED_TITLE}” is in Notion's trash`);
    await error.waitFor();
    await workbench.notificationButton(error, 'Choose Target Page').click();

    await workbench.quickInputRow('Paste a page link').waitFor();
    await workbench.screenshot('trashed-target-picker');
    const recentRows = await workbench.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'recently used' }).allInnerTexts();
    assert.ok(recentRows.some((row) => row.includes(uiSession().targetPage.title)), `the page still usable is not offered: ${JSON.stringify(recentRows)}`);
    assert.ok(!recentRows.some((row) => row.includes(DOOMED_TITLE)), `the trashed page is offered as a recent one: ${JSON.stringify(recentRows)}`);
    await workbench.page.keyboard.press('Escape');
  });

  /** Notion: Choose Target Page, the page found by its title, kept in the user settings. */
  async function choosePage(title: string): Promise<void> {
    await workbench.runCommand('Notion: Choose Target Page');
    const input = await workbench.quickInputBox();
    await input.fill(title);
    await workbench.quickInputRow(new RegExp(`${title}.*[0-9a-f]{8}-`)).click();
    await workbench.clickDialogButton('All Workspaces');
    await workbench.notification(`Uploads go to “${title}” now.`).waitFor();
  }

  /** Moves a page to Notion's trash as a person deleting it in Notion does. */
  async function trashPage(pageId: string): Promise<void> {
    const { emulator } = uiSession();
    const response = await fetch(`${emulator.url}/v1/pages/${pageId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': LATEST_NOTION_VERSION, 'content-type': 'application/json' },
      body: JSON.stringify({ in_trash: true }),
    });
    assert.equal(response.status, 200, await response.text());
  }
});
