import * as assert from 'node:assert/strict';
import { sampleFiles } from '../launch/sampleWorkspace';
import { assertBlocksHoldFiles, targetPageBlocks } from './targetPageChecks';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

describe('uploading a file from the Explorer context menu', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    await workbench?.close();
  });

  it('adds one block holding the file, shows the row Done, and offers Open in Notion for that block', async () => {
    const { emulator, targetPage } = uiSession();
    const blocksBefore = targetPageBlocks().length;

    await workbench.clearNotifications();
    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(sampleFiles.text);
    await workbench.screenshot('explorer-context-menu');
    await workbench.clickContextMenuItem('Upload to Notion');

    const success = workbench.notification(`Uploaded “${sampleFiles.text}” to`);
    await success.waitFor();
    await workbench.notification(`Uploading “${sampleFiles.text}” to Notion`).waitFor({ state: 'detached' });
    const added = targetPageBlocks().slice(blocksBefore);
    assert.equal(added.length, 1, `blocks added: ${JSON.stringify(added)}`);
    assertBlocksHoldFiles(added, [sampleFiles.text]);
    assert.equal(emulator.upload(added[0]?.uploadId ?? '')?.filename, sampleFiles.text);

    await workbench.openViewContainer('Notion Upload');
    const row = workbench.viewRow('Uploads', sampleFiles.text);
    assert.equal(await workbench.waitForRowDescription(row, /^Done$/), 'Done');
    await workbench.screenshot('upload-done');

    // Notion is not reachable from the test machine: the opened tab gets a stand-in page, so its address stays put.
    await workbench.page.context().route('https://www.notion.so/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Notion</title>' }));
    const opened = workbench.page.waitForEvent('popup');
    await workbench.notificationButton(success, 'Open in Notion').click();
    await workbench.dialog().getByRole('button', { name: 'Open', exact: true }).click();
    const popup = await opened;
    await popup.waitForLoadState();
    const blockId = (added[0]?.id ?? '').replace(/-/g, '');
    assert.equal(popup.url(), `https://www.notion.so/${targetPage.id.replace(/-/g, '')}#${blockId}`);
    await popup.close();
  });
});
