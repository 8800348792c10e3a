// A folder of hundreds of files in the Uploads view as a person meets it: the last row that shows the next page, read at
// the default sidebar width and used with the keyboard and the mouse; Cancel All's and Clear Finished's questions
// answered with Enter and Escape; and a second folder after Clear Finished, listed from one page again.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

const FIRST_FOLDER = { name: 'paging-first', files: 450 };
const SECOND_FOLDER = { name: 'paging-second', files: 250 };
/** Each part sent waits this long for its answer, so that the files stay queued while the test looks at them. */
const SEND_DELAY_MS = 60_000;
/** How long to watch for a change that must not come (an upload cancelled after Enter or Escape). */
const QUIET_MS = 1_500;
/** How long the view may take to draw the next page and move the focus. */
const FOCUS_WAIT_MS = 10_000;

interface DialogSeen {
  text: string;
  /** The buttons from left to right, as VS Code lays them out on this platform. */
  buttons: string[];
  focused: string;
}

describe('the Uploads view with hundreds of files', () => {
  let workbench: Workbench;

  before(async () => {
    for (const { name, files } of [FIRST_FOLDER, SECOND_FOLDER]) {
      const folder = join(uiSession().workspaceFolder, name);
      mkdirSync(folder, { recursive: true });
      for (let n = 0; n < files; n += 1) writeFileSync(join(folder, `f${String(n).padStart(4, '0')}.txt`), `${n}\n`);
    }
    uiSession().emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'delay', ms: SEND_DELAY_MS } });
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    uiSession().emulator.clearFaults();
    if (workbench && (await workbench.dialog().count()) > 0) await workbench.page.keyboard.press('Escape');
    await workbench?.close();
    for (const { name } of [FIRST_FOLDER, SECOND_FOLDER]) rmSync(join(uiSession().workspaceFolder, name), { recursive: true, force: true });
  });

  const uploads = (): Locator => workbench.view('Uploads');
  const rows = (): Locator => uploads().locator('.monaco-list-row');
  const moreRow = (): Locator => rows().filter({ hasText: /^Show [\d,]+ more/ });

  async function uploadFolder(name: string, files: number): Promise<void> {
    await workbench.openViewContainer('Explorer');
    await workbench.rightClickExplorerRows(name);
    await workbench.clickContextMenuItem('Upload to Notion');
    await workbench.dialog().filter({ hasText: `Upload ${files} files` }).waitFor();
    await workbench.clickDialogButton(`Upload ${files} Files`);
    await workbench.openViewContainer('Notion Upload');
    await rows().filter({ hasText: 'Queued' }).first().waitFor();
  }

  /** Moves the keyboard focus into the Uploads list and to its last row, as Home/End do; resolves with that row. */
  async function focusLastRow(): Promise<Locator> {
    if (!(await keyboardFocus()).inList) await rows().first().click();
    await workbench.page.keyboard.press('End');
    const focused = uploads().locator('.monaco-list-row.focused');
    await focused.waitFor();
    return focused;
  }

  async function dialogSeen(): Promise<DialogSeen> {
    const dialog = workbench.dialog();
    await dialog.waitFor();
    return {
      text: await dialog.locator('.dialog-message-text').innerText(),
      buttons: await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts(),
      focused: (await dialog.locator(':focus').innerText().catch(() => '(nothing in the dialog has focus)')).trim(),
    };
  }

  async function press(key: 'Enter' | 'Escape'): Promise<void> {
    await workbench.page.keyboard.press(key);
    await workbench.dialog().waitFor({ state: 'detached' });
  }

  /** The text of the row that has the keyboard focus, and whether the focus is in the Uploads list at all. */
  async function keyboardFocus(): Promise<{ row: string; inList: boolean }> {
    const inList = await uploads().locator('.monaco-list').evaluate((list) => list.contains(list.ownerDocument.activeElement));
    const row = await uploads().locator('.monaco-list-row.focused').innerText().catch(() => '(no row has the focus)');
    return { row: row.replace(/\s+/g, ' ').trim(), inList };
  }

  async function runTitleAction(title: string): Promise<void> {
    // The view is its container's only one: its actions are in the side bar's title.
    await workbench.page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${title}"]`).click();
  }

  it('labels the last row with what a click does, and Enter on it keeps the keyboard focus on the first row it added', async () => {
    await uploadFolder(FIRST_FOLDER.name, FIRST_FOLDER.files);
    const last = await focusLastRow();
    assert.match(await last.innerText(), /^Show 200 more \(250 not listed\)/);
    const label = last.locator('.label-name');
    const description = (await last.locator('.label-description').innerText()).trim();
    const fits = await last.locator('.monaco-icon-label-container').evaluate((box) => box.scrollWidth <= box.clientWidth);
    const labelFits = await label.evaluate((name) => name.getBoundingClientRect().right <= (name.closest('.monaco-list-row')?.getBoundingClientRect().right ?? 0));
    console.log(`      last row at the default sidebar width: "${await label.innerText()}" · "${description}"; label shown whole: ${labelFits}; description shown whole: ${fits}`);
    await workbench.screenshot('paging-more-row');
    assert.ok(labelFits, 'the label is cut at the default sidebar width');
    assert.match(description, /^(all queued|[\d,]+ queued)$/);

    await workbench.page.keyboard.press('Enter');
    let focus = await keyboardFocus();
    for (const deadline = Date.now() + FOCUS_WAIT_MS; Date.now() < deadline && !/^f\d{4}\.txt/.test(focus.row); focus = await keyboardFocus()) {
      await workbench.page.waitForTimeout(QUIET_MS / 5);
    }
    console.log(`      keyboard focus after Enter on the last row: ${JSON.stringify(focus)}`);
    await workbench.screenshot('paging-after-enter');
    assert.ok(focus.inList, 'Enter on the last row took the keyboard focus out of the Uploads list');
    assert.match(focus.row, /^f\d{4}\.txt/, 'the first row Enter added has the focus');

    const second = await focusLastRow();
    assert.match(await second.innerText(), /^Show 50 more \(50 not listed\)/);
    await second.click();
    await workbench.page.waitForTimeout(QUIET_MS);
    await workbench.page.keyboard.press('End');
    await workbench.page.waitForTimeout(QUIET_MS);
    await workbench.screenshot('paging-after-click');
    assert.equal(await moreRow().count(), 0, 'every row shown, no last row left');
  });

  it('Cancel All asks first: Enter and Escape keep every upload going, Stop cancels them all', async () => {
    for (const key of ['Enter', 'Escape'] as const) {
      await workbench.runCommand('Notion: Cancel All Uploads');
      const seen = await dialogSeen();
      console.log(`      Cancel All's question: ${JSON.stringify(seen)}`);
      if (key === 'Enter') await workbench.screenshot('cancel-all-question');
      await press(key);
      await workbench.page.waitForTimeout(QUIET_MS);
      assert.match(seen.text, /^Stop all \d+ uploads\?$/);
      assert.equal(seen.focused, 'Keep Uploading', `the button Enter presses: ${JSON.stringify(seen)}`);
      assert.equal(await rows().filter({ hasText: 'Cancelled' }).count(), 0, `${key} on Cancel All's question cancelled uploads`);
    }
    await workbench.runCommand('Notion: Cancel All Uploads');
    await workbench.dialog().getByRole('button', { name: /^Stop \d+ Uploads$/ }).click();
    await workbench.dialog().waitFor({ state: 'detached' });
    await rows().filter({ hasText: 'Cancelled' }).first().waitFor();
  });

  it('Clear Finished asks about resumable rows (Escape clears nothing), and the next folder is listed from one page', async () => {
    await runTitleAction('Clear Finished Uploads');
    const asked = await workbench.dialog().waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (asked) {
      const seen = await dialogSeen();
      console.log(`      Clear Finished's question: ${JSON.stringify(seen)}`);
      await workbench.screenshot('clear-finished-question');
      assert.match(seen.focused, /^Keep (It|Them)$/, `the button Enter presses: ${JSON.stringify(seen)}`);
      const before = await rows().count();
      await press('Escape');
      await workbench.page.waitForTimeout(QUIET_MS);
      assert.equal(await rows().count(), before, 'Escape on the question cleared rows');
      await runTitleAction('Clear Finished Uploads');
      await workbench.dialog().getByRole('button', { name: /^Clear (It|Them) Too$/ }).click();
      await workbench.dialog().waitFor({ state: 'detached' });
    } else console.log('      Clear Finished asked nothing: no cancelled upload could be resumed');
    await uploads().getByText('No uploads listed.', { exact: false }).waitFor();

    await uploadFolder(SECOND_FOLDER.name, SECOND_FOLDER.files);
    const last = await focusLastRow();
    const text = (await last.innerText()).replace(/\s+/g, ' ');
    console.log(`      last row of the second folder: "${text}"`);
    await workbench.screenshot('paging-second-folder');
    assert.match(text, /^Show 50 more \(50 not listed\)/);

    // Leaves the view empty, as the suites after this one expect it.
    await workbench.runCommand('Notion: Cancel All Uploads');
    await workbench.dialog().getByRole('button', { name: /^Stop \d+ Uploads$/ }).click();
    await workbench.dialog().waitFor({ state: 'detached' });
    await rows().filter({ hasText: 'Cancelled' }).first().waitFor();
    await runTitleAction('Clear Finished Uploads');
    if (await workbench.dialog().waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
      await workbench.dialog().getByRole('button', { name: /^Clear (It|Them) Too$/ }).click();
    }
    await uploads().getByText('No uploads listed.', { exact: false }).waitFor();
  });
});
