import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFiles } from '../launch/sampleWorkspace';
import { assertBlocksHoldFiles, targetPageBlocks } from './targetPageChecks';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

const folder = 'docs';
const folderFiles = [sampleFiles.json, sampleFiles.nestedText, sampleFiles.svg];

describe('uploading a folder from the Explorer context menu', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    await workbench?.close();
  });

  it('chooses the target page in the palette\'s page picker, fed by Notion search as the title is typed', async () => {
    const { emulator, targetPage } = uiSession();
    const logStart = emulator.requestLog().length;
    await workbench.clearNotifications();
    await workbench.runCommand('Notion: Choose Target Page');
    const input = await workbench.quickInputBox();
    await input.fill(targetPage.title);
    await workbench.quickInputRow(targetPage.id).click();
    // Where to keep the choice: the focused button keeps it in the user settings and writes nothing into the folder.
    const where = workbench.dialog();
    await where.waitFor();
    assert.match(await where.innerText(), /from all workspaces, or only from this one\?/);
    await workbench.page.keyboard.press('Enter');
    await workbench.notification(`Uploads go to “${targetPage.title}” now.`).waitFor();
    const searches = emulator.requestLog().slice(logStart).filter((entry) => entry.call === 'search');
    assert.ok(searches.length > 0 && searches.every((entry) => entry.status === 200), `search requests: ${JSON.stringify(searches)}`);
  });

  it('asks first with the file count and size, then uploads every file as its own block', async () => {
    const { targetPage } = uiSession();
    const blocksBefore = targetPageBlocks().length;
    const totalBytes = folderFiles.reduce((sum, path) => sum + statSync(join(uiSession().workspaceFolder, path)).size, 0);

    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(folder);
    await workbench.clickContextMenuItem('Upload to Notion');

    const dialog = workbench.dialog();
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert.ok(question.includes(`Upload ${folderFiles.length} files (${(totalBytes / 1024).toFixed(1)} KiB) to “${targetPage.title}”?`), question);
    for (const path of folderFiles) assert.ok(question.includes(`• ${path}`), `${path} listed in: ${question}`);
    assert.equal(targetPageBlocks().length, blocksBefore, 'something was uploaded before the confirmation');
    // Enter would press Don't Upload (enterOnDialogs.test.ts): sending takes the button that names the count.
    // The order on screen is the platform's (the DOM's differs); VS Code adds Cancel and the close button.
    const buttons = await dialog.getByRole('button').allInnerTexts();
    assert.deepEqual(buttons.filter((label) => label && label !== 'Cancel').sort(), ['Don\'t Upload', `Upload ${folderFiles.length} Files`].sort(), `buttons: ${JSON.stringify(buttons)}`);
    await workbench.screenshot('folder-confirmation');
    await workbench.clickDialogButton(`Upload ${folderFiles.length} Files`);

    await workbench.notification(`Uploaded ${folderFiles.length} files to “${targetPage.title}”.`).waitFor();
    await workbench.notification(`Uploading ${folderFiles.length} files to Notion`).waitFor({ state: 'detached' });
    const added = targetPageBlocks().slice(blocksBefore);
    assert.equal(added.length, folderFiles.length, `blocks added: ${JSON.stringify(added)}`);
    assertBlocksHoldFiles(added, folderFiles);

    await workbench.openViewContainer('Notion Upload');
    for (const path of folderFiles) {
      const name = path.split('/').pop() ?? path;
      assert.equal(await workbench.waitForRowDescription(workbench.viewRow('Uploads', name), /^Done$/), 'Done', name);
    }
    await workbench.screenshot('folder-done');
  });
});
