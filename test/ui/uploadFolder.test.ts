import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFiles } from '../host/sampleWorkspace';
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

  it('asks first with the file count and size, then uploads every file as its own block', async () => {
    const blocksBefore = targetPageBlocks().length;
    const totalBytes = folderFiles.reduce((sum, path) => sum + statSync(join(uiSession().workspaceFolder, path)).size, 0);

    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(folder);
    await workbench.clickContextMenuItem('Upload to Notion');

    const dialog = workbench.dialog();
    await dialog.waitFor();
    const question = await dialog.innerText();
    assert.match(question, new RegExp(`Upload ${folderFiles.length} files \\(${(totalBytes / 1024).toFixed(1)} KiB\\) to “`));
    for (const path of folderFiles) assert.ok(question.includes(path.slice(folder.length + 1)), `${path} listed in: ${question}`);
    assert.equal(targetPageBlocks().length, blocksBefore, 'something was uploaded before the confirmation');
    await workbench.screenshot('folder-confirmation');
    await workbench.clickDialogButton('Upload');

    await workbench.notification(`Uploaded ${folderFiles.length} files to`).waitFor();
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
