// Markdown inline content to Notion rich text, within Notion's limits: `text.content` at most 2,000 characters
// (longer runs are cut into several items) and at most 100 items per array (callers split the block).
import type { PhrasingContent } from 'mdast';
import type { Annotations, RichText } from './notionBlocks';

export const MAX_TEXT_CONTENT = 2000;
export const MAX_RICH_TEXT_ITEMS = 100;

/** Only absolute links Notion can open become links; a relative one (another Markdown file) stays plain text. */
export function isWebLink(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url.trim());
}

interface Style extends Annotations {
  link?: string;
}

/** Cuts a string into pieces of at most `max` UTF-16 units, never inside a surrogate pair. */
export function cutText(text: string, max = MAX_TEXT_CONTENT): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function textItem(content: string, style: Style): RichText {
  const annotations: Annotations = {};
  if (style.bold) annotations.bold = true;
  if (style.italic) annotations.italic = true;
  if (style.strikethrough) annotations.strikethrough = true;
  if (style.code) annotations.code = true;
  return {
    type: 'text',
    text: style.link ? { content, link: { url: style.link } } : { content },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
}

function sameStyle(a: RichText, b: RichText): boolean {
  if (a.type !== 'text' || b.type !== 'text') return false;
  return JSON.stringify(a.annotations ?? {}) === JSON.stringify(b.annotations ?? {}) && (a.text.link?.url ?? '') === (b.text.link?.url ?? '');
}

/** Joins neighbours of one style (fewer items), then cuts any item over 2,000 characters. */
export function normalizeRichText(items: RichText[]): RichText[] {
  const merged: RichText[] = [];
  for (const item of items) {
    const last = merged[merged.length - 1];
    if (item.type === 'text' && item.text.content === '') continue;
    if (last && last.type === 'text' && item.type === 'text' && sameStyle(last, item)) {
      merged[merged.length - 1] = { ...last, text: { ...last.text, content: last.text.content + item.text.content } };
    } else {
      merged.push(item);
    }
  }
  const cut: RichText[] = [];
  for (const item of merged) {
    if (item.type !== 'text' || item.text.content.length <= MAX_TEXT_CONTENT) {
      cut.push(item);
      continue;
    }
    for (const piece of cutText(item.text.content)) cut.push({ ...item, text: { ...item.text, content: piece } });
  }
  return cut;
}

/** Groups of at most 100 items; an empty array gives one empty group (an empty paragraph is still a paragraph). */
export function chunkRichText(items: RichText[]): RichText[][] {
  if (items.length === 0) return [[]];
  const chunks: RichText[][] = [];
  for (let start = 0; start < items.length; start += MAX_RICH_TEXT_ITEMS) chunks.push(items.slice(start, start + MAX_RICH_TEXT_ITEMS));
  return chunks;
}

/** Plain text as rich text items (for code blocks: no merging, just cut). */
export function plainRichText(text: string): RichText[] {
  return text === '' ? [] : cutText(text).map((piece) => textItem(piece, {}));
}

/**
 * Inline nodes to rich text. `inlineImage` says what an image inside the text reads as (its alt text); the block-level
 * converter places the image itself.
 */
export function phrasingToRichText(nodes: readonly PhrasingContent[], style: Style = {}): RichText[] {
  const out: RichText[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(textItem(node.value, style));
        break;
      case 'strong':
        out.push(...phrasingToRichText(node.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        out.push(...phrasingToRichText(node.children, { ...style, italic: true }));
        break;
      case 'delete':
        out.push(...phrasingToRichText(node.children, { ...style, strikethrough: true }));
        break;
      case 'inlineCode':
        out.push(textItem(node.value, { ...style, code: true }));
        break;
      case 'break':
        out.push(textItem('\n', style));
        break;
      case 'link':
        out.push(...phrasingToRichText(node.children, isWebLink(node.url) ? { ...style, link: node.url.trim() } : style));
        break;
      case 'image':
        if (node.alt) out.push(textItem(node.alt, style));
        break;
      case 'inlineMath':
        out.push({ type: 'equation', equation: { expression: node.value } });
        break;
      case 'html':
        out.push(textItem(node.value, style));
        break;
      case 'footnoteReference':
        out.push(textItem(`[^${node.label ?? node.identifier}]`, style));
        break;
      default:
        if ('children' in node && Array.isArray(node.children)) out.push(...phrasingToRichText(node.children as PhrasingContent[], style));
        else if ('value' in node && typeof node.value === 'string') out.push(textItem(node.value, style));
    }
  }
  return normalizeRichText(out);
}
