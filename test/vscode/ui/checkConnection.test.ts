// Notion: Check Connection against a Notion that is slow to answer: the check shows that it is under way, then what it found.
import * as assert from 'node:assert/strict';
import { uiSession } from './uiSession';
import { Workbench } from './workbench';

describe('Check Connection while Notion is slow to answer', () => {
  let workbench: Workbench;

  before(async () => {
    workbench = await Workbench.open();
    await workbench.setToken(uiSession().emulator.token);
  });

  after(async () => {
    uiSession().emulator.clearFaults();
    await workbench?.close();
  });

  it('shows a notification that the check is under way until Notion answers, then the result in its place', async () => {
    await workbench.clearNotifications();
    uiSession().emulator.addFault({ call: 'usersMe', action: { kind: 'delay', ms: 4000 } });
    await workbench.runCommand('Notion: Check Connection');
    const underWay = workbench.page.getByText('Notion: checking the connection…', { exact: true });
    await underWay.waitFor({ timeout: 3000 });
    // The toast slides in: the picture is taken once it has.
    await workbench.page.waitForTimeout(800);
    await workbench.screenshot('check-connection-under-way');
    const result = workbench.page.locator('.notification-list-item-message').filter({ hasText: /Target page .* Proxy:/ });
    await result.waitFor({ timeout: 30_000 });
    await underWay.waitFor({ state: 'detached', timeout: 5000 });
    assert.deepEqual((await workbench.notificationMessages()).filter((text) => text.includes('checking the connection')), []);
  });
});
