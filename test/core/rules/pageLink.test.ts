import { strict as assert } from 'node:assert';
import { PageLinkError, pageUrl, parsePageId } from '../../../src/core';

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

  it('accepts more link forms (trailing slash, upper case, escaped titles, ?p= and #fragment) as the dashed lowercase id', () => {
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
});
