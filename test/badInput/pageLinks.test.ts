import { strict as assert } from 'node:assert';
import { PageLinkError, parsePageId } from '../../src/core';
import { writeRandomFile } from '../core/support/randomFile';
import { UploadHarness } from '../core/support/uploadHarness';

// Forms and mistakes test/core/pageLink.test.ts does not already cover.
const hex = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const dashed = '1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988';
const view = '2'.repeat(32);

const accepted = [
  `http://www.notion.so/Plan-${hex}`,
  `https://www.notion.so/Plan-${hex}/`,
  `https://WWW.NOTION.SO/Plan-${hex.toUpperCase()}`,
  `https://www.notion.so/acme/Caf%C3%A9-Plan-${hex}`,
  `https://www.notion.so/acme/Café-Plan-${hex}`,
  `https://notion.so/${hex}`,
  `https://app.notion.com/p/acme/Plan-${hex}`,
  `app.notion.com/p/${hex}`,
  `https://acme.notion.site/${'3'.repeat(32)}?p=${hex}&pm=c`,
  `https://www.notion.so/${hex}#${'3'.repeat(32)}`,
  `https://www.notion.so/Plan-${hex}?pvs=21&t=abc`,
  `${hex}\n`,
];

const refused: Array<[string, RegExp]> = [
  [`www.notion.so/${hex}?v=${view}`, /link to a database view, not a page/],
  [`https://app.notion.com/p/${hex}?v=${view}`, /link to a database view/],
  [`https://acme.notion.site/${hex}?v=${view}`, /link to a database view/],
  [`https://www.notion.so/acme/${hex}?v=`, /link to a database view/],
  [`https://www.notion.so/${hex}?p=xyz`, /"p" parameter "xyz" is not a page ID/],
  [`https://notion.so.evil.com/${hex}`, /"notion\.so\.evil\.com" is not a Notion address/],
  [`https://evilnotion.so/${hex}`, /"evilnotion\.so" is not a Notion address/],
  [`https://notion.so@evil.com/${hex}`, /"evil\.com" is not a Notion address/],
  [`javascript:alert(1)//${hex}`, /neither a Notion link nor a page ID/],
  [`file:///etc/${hex}`, /is not a Notion address/],
  [hex.slice(1), /neither a Notion link nor a page ID \(32 hex digits\)/],
  [`${hex}a`, /neither a Notion link nor a page ID/],
  [`g${hex.slice(1)}`, /neither a Notion link nor a page ID/],
  ['1f2e3d4c-5b6a-7988-1f2e3d4c5b6a7988', /neither a Notion link nor a page ID/],
  [`https://www.notion.so/Plan-${hex}extra`, /does not end in a page ID/],
  ['https://www.notion.so/', /does not end in a page ID/],
  ['https://www.notion.so/%E0%A4%A', /damaged \(a broken %-escape\)/],
  ['   \t ', /No page given/],
];

describe('bad input: page links', () => {
  it('accepts the further link forms of notion-api.md §8 as the dashed lowercase id', () => {
    for (const form of accepted) assert.equal(parsePageId(form), dashed, JSON.stringify(form));
  });

  it('refuses database links, look-alike hosts, other schemes and damaged ids, each with its reason', () => {
    for (const [input, reason] of refused) {
      assert.throws(() => parsePageId(input), (error: unknown) => error instanceof PageLinkError && reason.test(error.reason), JSON.stringify(input));
    }
  });

  it('keeps its message short when a whole paragraph is pasted instead of a link', () => {
    const pasted = 'x'.repeat(100_000);
    assert.throws(() => parsePageId(pasted), (error: unknown) => error instanceof PageLinkError && error.reason.length < 200);
  });

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
