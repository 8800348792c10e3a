// What the Settings editor shows for this extension: keys that title-case into plain words ("Part Size", not
// "Part Size Mi B") and labels for the choices of Unsupported Types rather than raw values.
import * as assert from 'node:assert/strict';
import { Workbench } from './workbench';

describe('the extension in the Settings editor', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  it('names each setting in words and labels the choices', async () => {
    await workbench.runCommand('Preferences: Open Settings (UI)');
    const editor = workbench.page.locator('.settings-editor');
    const search = editor.locator('.settings-header .suggest-input-container textarea, .settings-header .suggest-input-container input').first();
    await search.waitFor();
    await search.fill('@ext:notion-stream-upload.notion-stream-upload');
    const labels = editor.locator('.setting-item-label');
    await labels.filter({ hasText: 'Part Size' }).first().waitFor();
    const shown = (await labels.allInnerTexts()).map((text) => text.trim());
    for (const expected of ['Part Size', 'Files In Parallel', 'Parts In Flight', 'Max Upload Speed', 'Requests Per Minute']) {
      assert.ok(shown.includes(expected), `"${expected}" in ${shown.join(', ')}`);
    }
    assert.deepEqual(shown.filter((text) => /Mi B|Mi Bps/.test(text)), [], 'a unit split into words');
    // The editor renders only the rows in view; this one is further down.
    await search.fill('notionUpload.unsupportedTypes');
    await editor.locator('.setting-item-label', { hasText: 'Unsupported Types' }).waitFor();
    const choice = await editor.locator('.settings-body select').first().evaluate((element) => {
      const select = element as unknown as { options: ArrayLike<{ text: string }>; selectedIndex: number };
      return { shown: select.options[select.selectedIndex]?.text, all: Array.from(select.options, (option) => option.text) };
    });
    assert.deepEqual(choice, { shown: 'Ask each time', all: ['Ask each time', 'Skip them', 'Upload text files as .txt'] });
    await workbench.screenshot('settings-editor');
  });
});
