// Enter pressed on every dialog that comes up, the way a hurried person clears them, must never upload a .env.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { targetPageBlocks } from './targetPageChecks';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

const ENV_FILE = '.env';
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

    const dialog = workbench.dialog();
    const asked: Array<{ text: string; focused: string }> = [];
    for (let press = 0; press < 2; press += 1) {
      const shown = await dialog.waitFor({ timeout: press === 0 ? undefined : NEXT_DIALOG_MS }).then(() => true, () => false);
      if (!shown) break;
      const focused = await dialog.locator(':focus').innerText().catch(() => '(nothing in the dialog has focus)');
      asked.push({ text: await dialog.innerText(), focused });
      await workbench.screenshot(`enter-on-env-dialog-${press + 1}`);
      await workbench.page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    }
    // Whatever the answers set going would have created its file upload by now.
    await new Promise((resolve) => setTimeout(resolve, NEXT_DIALOG_MS));
    await workbench.screenshot('enter-on-env-after');

    assert.equal(targetPageBlocks().length, blocksBefore, `dialogs answered with Enter: ${JSON.stringify(asked)}`);
    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'create').length, uploadsLogged, 'a file upload was created');
    assert.ok(asked.length >= 1, 'no dialog came up');
    assert.match(asked[0].text, /“\.env” matches “\*\*\/\.env” and may hold secrets\. Upload it anyway\?/, asked[0].text);
    assert.equal(asked[0].focused.trim(), 'Skip It', `the button Enter presses: ${JSON.stringify(asked)}`);
  });
});
