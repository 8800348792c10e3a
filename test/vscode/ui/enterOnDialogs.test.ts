// Enter pressed on every dialog that comes up, the way a hurried person clears them, must never upload a .env or a folder.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFiles } from '../launch/sampleWorkspace';
import { targetPageBlocks } from './targetPageChecks';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

const ENV_FILE = '.env';
/** A folder of the sample workspace, and how many files it holds. */
const FOLDER = 'docs';
const FOLDER_FILES = Object.values(sampleFiles).filter((path) => path.startsWith(`${FOLDER}/`)).length;
/** How long to wait for a further dialog after one closed; the next question follows within milliseconds. */
const NEXT_DIALOG_MS = 3_000;

describe('Enter on the upload dialogs', () => {
  let workbench: Workbench;

  before(async () => {
    writeFileSync(join(uiSession().workspaceFolder, ENV_FILE), 'API_TOKEN=not-a-real-one\n');
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    await workbench?.close();
    rmSync(join(uiSession().workspaceFolder, ENV_FILE), { force: true });
  });

  it('Enter, Enter on a .env sends nothing: the secrets question comes first and its focused button is Skip It', async () => {
    const { emulator } = uiSession();
    const blocksBefore = targetPageBlocks().length;
    const uploadsLogged = emulator.requestLog().filter((entry) => entry.call === 'create').length;

    await workbench.clearNotifications();
    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(ENV_FILE);
    await workbench.clickContextMenuItem('Upload to Notion');

    const asked = await pressEnterOnEachDialog('enter-on-env', 2);

    assert.equal(targetPageBlocks().length, blocksBefore, `dialogs answered with Enter: ${JSON.stringify(asked)}`);
    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'create').length, uploadsLogged, 'a file upload was created');
    assert.ok(asked.length >= 1, 'no dialog came up');
    assert.match(asked[0].text, /“\.env” matches “\*\*\/\.env” and may hold secrets\. Upload it anyway\?/, asked[0].text);
    assert.equal(asked[0].focused.trim(), 'Skip It', `the button Enter presses: ${JSON.stringify(asked)}`);
  });

  it('Enter on a folder\'s confirmation sends nothing: its focused button is Don\'t Upload', async () => {
    const { emulator } = uiSession();
    const blocksBefore = targetPageBlocks().length;
    const uploadsLogged = emulator.requestLog().filter((entry) => entry.call === 'create').length;

    await workbench.clearNotifications();
    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(FOLDER);
    await workbench.clickContextMenuItem('Upload to Notion');
    const asked = await pressEnterOnEachDialog('enter-on-folder', 1);

    assert.equal(targetPageBlocks().length, blocksBefore, `dialogs answered with Enter: ${JSON.stringify(asked)}`);
    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'create').length, uploadsLogged, 'a file upload was created');
    assert.equal(asked.length, 1, 'no dialog came up');
    assert.match(asked[0].text, new RegExp(`Upload ${FOLDER_FILES} files \\(.+\\) to “${uiSession().targetPage.title}”\\?`), asked[0].text);
    assert.equal(asked[0].focused.trim(), 'Don\'t Upload', `the button Enter presses: ${JSON.stringify(asked)}`);
  });

  /**
   * Presses Enter on each dialog as it comes up, up to `most` of them, and waits long enough afterwards for anything
   * the answers set going to have created its file upload. Resolves with each dialog's text and its focused button.
   */
  async function pressEnterOnEachDialog(name: string, most: number): Promise<Array<{ text: string; focused: string }>> {
    const dialog = workbench.dialog();
    const asked: Array<{ text: string; focused: string }> = [];
    for (let press = 0; press < most; press += 1) {
      const shown = await dialog.waitFor({ timeout: press === 0 ? undefined : NEXT_DIALOG_MS }).then(() => true, () => false);
      if (!shown) break;
      const focused = await dialog.locator(':focus').innerText().catch(() => '(nothing in the dialog has focus)');
      asked.push({ text: await dialog.innerText(), focused });
      await workbench.screenshot(`${name}-dialog-${press + 1}`);
      await workbench.page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    }
    await new Promise((resolve) => setTimeout(resolve, NEXT_DIALOG_MS));
    await workbench.screenshot(`${name}-after`);
    return asked;
  }
});
