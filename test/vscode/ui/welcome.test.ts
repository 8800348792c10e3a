import * as assert from 'node:assert/strict';
import { sampleFiles } from '../launch/sampleWorkspace';
import { Workbench } from './workbench';

describe('workbench with the packaged extension and no token', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
  });

  after(async () => {
    await workbench?.close();
  });

  it('lists the workspace files in the Explorer', async () => {
    await workbench.explorerRow(sampleFiles.text).waitFor();
    const names = await workbench.explorerRowNames();
    for (const name of ['docs', 'src', 'build', sampleFiles.text]) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    await workbench.screenshot('explorer');
  });

  it('shows the Notion view welcome content asking for a token', async () => {
    await workbench.openViewContainer('Notion Upload');
    const uploads = workbench.view('Uploads');
    const setToken = uploads.getByRole('button', { name: 'Set Notion Token' });
    await setToken.waitFor();
    const text = await uploads.innerText();
    assert.match(text, /give this extension a Notion token/);
    assert.match(text, /personal access token .* acts as you and needs no page sharing/);
    assert.equal(await workbench.page.locator('[aria-label="Clear Finished Uploads"]').count(), 0, 'Clear Finished shows on an empty view');
    await workbench.screenshot('welcome-without-token');
  });
});
