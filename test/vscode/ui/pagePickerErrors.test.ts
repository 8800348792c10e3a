// A page link Notion refuses, typed into the page picker: the whole reason is shown, not a row cut off mid-sentence.
import * as assert from 'node:assert/strict';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

describe('the page picker with a link Notion refuses', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows Notion\'s whole reason and the hint under the link, and keeps the link for correcting', async () => {
    const hiddenPage = uiSession().emulator.addPage('Never shared', { sharedWith: [] });
    await workbench.runCommand('Notion: Choose Target Page');
    const input = await workbench.quickInputBox();
    await input.fill(hiddenPage);
    await workbench.quickInputRow('Use this page link').waitFor();
    await workbench.page.keyboard.press('Enter');

    const message = workbench.quickInputMessage().filter({ hasText: 'shared with your integration' });
    await message.waitFor();
    await workbench.screenshot('page-picker-refused-link');
    const text = await message.innerText();
    assert.match(text, /Could not find page with ID: .+\. Make sure the relevant pages and databases are shared with your integration \(404 object_not_found\)\. Notion cannot see it: share the page with the integration/);
    assert.equal(await (await workbench.quickInputBox()).inputValue(), hiddenPage);
    const { width } = (await message.boundingBox()) ?? { width: 0 };
    const scrollWidth = await message.evaluate((element) => element.scrollWidth);
    assert.ok(scrollWidth <= Math.ceil(width) + 1, `the message is cut off: ${scrollWidth} px of text in ${width} px`);
    await workbench.page.keyboard.press('Escape');
  });
});
