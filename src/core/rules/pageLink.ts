import { UploaderError } from '../errors/uploaderError';

// Page links in every form of docs/notion-api.md §8, normalised to the dashed lowercase UUID.
export class PageLinkError extends UploaderError {
  constructor(readonly input: string, readonly reason: string) {
    super({ code: 'invalid_page_link', message: reason, hint: 'Paste the page\'s link from Notion (⋯ → Copy link) or its 32-character ID.' });
  }
}

const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRAILING_ID = /(?:^|[-/])([0-9a-f]{32})$/i;
const NOTION_HOSTS = /(^|\.)(notion\.so|notion\.com|notion\.site)$/i;

export function dashUuid(hex32: string): string {
  const h = hex32.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function idFromBare(text: string): string | undefined {
  if (HEX32.test(text)) return dashUuid(text);
  if (DASHED_UUID.test(text)) return text.toLowerCase();
  return undefined;
}

export function parsePageId(input: string): string {
  const text = input.trim();
  if (!text) throw new PageLinkError(input, 'No page given: paste a Notion page link or its ID.');
  const bare = idFromBare(text);
  if (bare) return bare;

  const neither = (): PageLinkError => new PageLinkError(input, `"${shorten(text)}" is neither a Notion link nor a page ID (32 hex digits).`);
  if (!/[./]/.test(text)) throw neither();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw neither();
  }
  if (!NOTION_HOSTS.test(url.hostname)) {
    throw new PageLinkError(input, `"${shorten(url.hostname)}" is not a Notion address; copy the link from Notion (Share → Copy link).`);
  }

  const rowId = url.searchParams.get('p');
  if (rowId) {
    const id = idFromBare(rowId);
    if (!id) throw new PageLinkError(input, `The link's "p" parameter "${shorten(rowId)}" is not a page ID.`);
    return id;
  }

  let lastSegment: string;
  try {
    lastSegment = decodeURIComponent(url.pathname.replace(/\/+$/, '').split('/').pop() ?? '');
  } catch {
    throw new PageLinkError(input, 'The link is damaged (a broken %-escape); copy it from Notion again.');
  }
  const match = TRAILING_ID.exec(lastSegment) ?? (DASHED_UUID.test(lastSegment) ? [lastSegment, lastSegment.replace(/-/g, '')] : null);
  if (!match) {
    throw new PageLinkError(input, 'The link does not end in a page ID; open the page in Notion and copy its link again.');
  }
  if (url.searchParams.has('v')) {
    throw new PageLinkError(input, 'This is a link to a database view, not a page. Open the page (or a row) and copy its link, or pick a page inside the database.');
  }
  return dashUuid(match[1]);
}

/** Long input is cut in messages, so a stray paste does not flood them. */
function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Web link to a page, optionally pointing at one block on it. */
export function pageUrl(pageId: string, blockId?: string): string {
  const compact = (id: string): string => id.replace(/-/g, '').toLowerCase();
  return `https://www.notion.so/${compact(pageId)}${blockId ? `#${compact(blockId)}` : ''}`;
}
