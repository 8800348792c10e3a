import { strict as assert } from 'node:assert';
import { PageLinkError, pageUrl, parsePageId } from '../../src/core';

const hex = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const dashed = '1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988';

describe('parsePageId', () => {
  it('accepts every link form of a page', () => {
    const forms = [
      hex, hex.toUpperCase(), dashed, `  ${dashed.toUpperCase()} `,
      `https://www.notion.so/Project-Plan-${hex}`,
      `https://www.notion.so/acme/Project-Plan-${hex}?pvs=4`,
      `notion.so/${hex}`,
      `https://app.notion.com/p/${hex}`,
      `https://app.notion.com/p/Project-Plan-${hex}#a1b2`,
      `https://www.notion.so/${'0'.repeat(32)}?v=${'1'.repeat(32)}&p=${hex}&pm=s`,
      `https://acme.notion.site/Public-${hex}`,
      `https://www.notion.so/${dashed}`,
    ];
    for (const form of forms) assert.equal(parsePageId(form), dashed, form);
  });

  it('refuses a database view link, a foreign host and text without an id, saying why', () => {
    const cases: Array<[string, RegExp]> = [
      [`https://www.notion.so/${hex}?v=${'2'.repeat(32)}`, /database/],
      [`https://example.com/${hex}`, /not a Notion address/],
      ['https://www.notion.so/just-a-title', /does not end in a page ID/],
      ['', /No page given/],
      ['not a link', /neither a Notion link nor a page ID/],
    ];
    for (const [input, reason] of cases) {
      assert.throws(() => parsePageId(input), (error: unknown) => error instanceof PageLinkError && reason.test(error.reason), input);
    }
  });

  it('builds the web link to a page and to a block on it', () => {
    assert.equal(pageUrl(dashed), `https://www.notion.so/${hex}`);
    assert.equal(pageUrl(dashed, 'AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee'), `https://www.notion.so/${hex}#aaaaaaaabbbbccccddddeeeeeeeeeeee`);
  });
});
