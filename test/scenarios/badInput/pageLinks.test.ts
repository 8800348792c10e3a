import { strict as assert } from 'node:assert';
import { PageLinkError } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { UploadHarness } from '../../core/support/uploadHarness';

// The parser's own cases are in test/core/rules/pageLink.test.ts; here links are used as the upload manager gets them.
const hex = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const view = '2'.repeat(32);

describe('bad input: page links', () => {
  describe('against the emulator', () => {
    const harness = new UploadHarness();
    before(() => harness.setUp());
    after(() => harness.tearDown());

    it('a file sent with each newer link form lands on that page', async () => {
      const compact = harness.emulator.pageId.replace(/-/g, '');
      const links = [`https://app.notion.com/p/acme/Uploads-${compact}`, `https://acme.notion.site/${view}?p=${compact}&pm=s`, `https://www.notion.so/acme/%C3%9Cbersicht-${compact.toUpperCase()}/`];
      const manager = harness.manager();
      for (const [index, link] of links.entries()) {
        const file = await writeRandomFile(harness.dir, `link-${index}.png`, 100);
        const settled = await manager.whenSettled(manager.add(file.path, link).id);
        assert.equal(settled.state, 'done', `${link}: ${JSON.stringify(settled.error)}`);
        assert.equal(settled.pageId, harness.emulator.pageId);
        assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === settled.uploadId).length, 1);
      }
    });

    it('refuses a database link in add(), before anything is queued or sent', () => {
      const manager = harness.manager();
      harness.reset();
      assert.throws(() => manager.add(__filename, `https://www.notion.so/${hex}?v=${view}`), PageLinkError);
      assert.deepEqual(manager.list(), []);
      assert.deepEqual(harness.emulator.requestLog(), []);
    });
  });
});
