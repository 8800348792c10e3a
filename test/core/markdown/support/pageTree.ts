// A page read back through the API as a small tree (type, text, children), for comparing with what a Markdown file
// should have become; file blocks also carry the upload their hosted URL names (emulator switch hostedUrlNamesUpload).
import type { NotionClient } from '../../../../src/core';

export interface ReadBlock {
  type: string;
  text?: string;
  uploadId?: string;
  url?: string;
  extra?: Record<string, unknown>;
  children?: ReadBlock[];
}

function plain(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return items.map((item: { type?: string; text?: { content?: string }; equation?: { expression?: string } }) =>
    item.type === 'equation' ? `$${item.equation?.expression ?? ''}$` : item.text?.content ?? '').join('');
}

export async function readTree(client: NotionClient, id: string): Promise<ReadBlock[]> {
  const out: ReadBlock[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listBlockChildren(id, { startCursor: cursor });
    for (const block of page.blocks) {
      const content = (block.raw[block.type] ?? {}) as Record<string, unknown>;
      const read: ReadBlock = { type: block.type };
      if (Array.isArray(content.rich_text)) read.text = plain(content.rich_text);
      if (Array.isArray(content.caption) && ['image', 'pdf', 'file', 'video', 'audio'].includes(block.type)) read.text = plain(content.caption);
      if (block.type === 'code') read.extra = { language: content.language };
      if (block.type === 'to_do') read.extra = { checked: content.checked };
      if (block.type === 'callout') read.extra = { icon: (content.icon as { emoji?: string } | undefined)?.emoji };
      if (block.type === 'equation') read.text = String(content.expression);
      if (block.type === 'table_row') read.text = (content.cells as unknown[]).map(plain).join(' | ');
      if (block.type === 'child_page') read.text = String(content.title);
      const hosted = content.file as { url?: string } | undefined;
      if (hosted?.url) read.uploadId = new URL(hosted.url).pathname.split('/')[2];
      const external = content.external as { url?: string } | undefined;
      if (external?.url) read.url = external.url;
      if (block.raw.has_children === true) read.children = await readTree(client, block.id);
      out.push(read);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
