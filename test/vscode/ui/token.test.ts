import * as assert from 'node:assert/strict';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

describe('setting the Notion token from the Command Palette', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  it('keeps the password box open on a refused token, then saves a valid one and names the integration', async () => {
    const { emulator } = uiSession();
    await workbench.openViewContainer('Notion Upload');
    const uploads = workbench.view('Uploads');
    await uploads.getByRole('button', { name: 'Set Notion Token' }).waitFor();
    const logStart = emulator.requestLog().length;

    await workbench.runCommand('Notion: Set Notion Token');
    const input = await workbench.quickInputBox();
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill('ntn_not_a_token_this_workspace_knows');
    await input.press('Enter');
    await workbench.quickInputMessage().filter({ hasText: 'API token is invalid' }).waitFor();
    assert.ok(await input.isVisible(), 'the password box closed on a refused token');

    await input.fill(emulator.token);
    await input.press('Enter');
    const saved = workbench.notification('Notion token saved');
    await saved.waitFor();
    await input.waitFor({ state: 'hidden' });
    assert.match(await saved.innerText(), /connected as “Notion Emulator” \(integration\) in Emulated Workspace\. Files up to \d+(\.\d+)? [KMG]iB each\./);

    // "listed" once an earlier suite of this session has uploaded from the workspace.
    await uploads.getByText(/No uploads (yet|listed)\./).waitFor();
    assert.equal(await uploads.getByRole('button', { name: 'Set Notion Token' }).count(), 0, 'the no-token welcome is still shown');
    await workbench.screenshot('token-set');

    const checks = emulator.requestLog().slice(logStart).filter((entry) => entry.call === 'usersMe').map((entry) => entry.status);
    assert.deepEqual(checks, [401, 200], 'users/me checks: the refused token, then the saved one');
  });
});
