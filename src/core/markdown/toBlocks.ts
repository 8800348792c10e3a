// An mdast tree to Notion blocks (BlockNode: each block with its children, any depth; requestPlan.ts cuts it to what
// one request may carry). Local images and files come in as placements already uploaded, or as missing.
import type { Blockquote, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { notionLanguage } from './codeLanguage';
import { isLocalReference, localPath } from './markdownDocument';
import type { BlockNode, LeafBlock, NotionColor, RichText } from './notionBlocks';
import { chunkRichText, isWebLink, phrasingToRichText, plainRichText } from './richText';

export type FilePlacement =
  | { kind: 'upload'; uploadId: string; blockType: 'image' | 'pdf' | 'file' | 'video' | 'audio'; name: string }
  | { kind: 'missing'; message: string };

export interface ConvertOptions {
  markdownPath: string;
  /** By absolute path: what each local reference became (localReferences() lists them). */
  placements: ReadonlyMap<string, FilePlacement>;
  /** A node to leave out (the `#` heading that became the title). */
  skip?: Nodes;
}

const ALERTS: Record<string, { emoji: string; color: NotionColor }> = {
  NOTE: { emoji: 'ℹ️', color: 'blue_background' },
  TIP: { emoji: '💡', color: 'green_background' },
  IMPORTANT: { emoji: '❗', color: 'purple_background' },
  WARNING: { emoji: '⚠️', color: 'yellow_background' },
  CAUTION: { emoji: '🛑', color: 'red_background' },
};

const leaf = (block: LeafBlock, children: BlockNode[] = []): BlockNode => ({ block, children });

function textBlocks(type: 'paragraph' | 'heading_1' | 'heading_2' | 'heading_3' | 'quote' | 'bulleted_list_item' | 'numbered_list_item',
  richText: RichText[]): LeafBlock[] {
  return chunkRichText(richText).map((rich_text) => ({ object: 'block', type, [type]: { rich_text } }) as LeafBlock);
}

function caption(text: string): RichText[] {
  return text.trim() === '' ? [] : plainRichText(text.trim());
}

export class BlockConverter {
  constructor(private readonly options: ConvertOptions) {}

  convert(root: Root): BlockNode[] {
    return this.flow(root.children);
  }

  private flow(nodes: readonly RootContent[]): BlockNode[] {
    const out: BlockNode[] = [];
    for (const node of nodes) if (node !== this.options.skip) out.push(...this.block(node));
    return out;
  }

  private block(node: RootContent): BlockNode[] {
    switch (node.type) {
      case 'heading': {
        const type = node.depth === 1 ? 'heading_1' : node.depth === 2 ? 'heading_2' : 'heading_3';
        return [...textBlocks(type, phrasingToRichText(node.children)).map((block) => leaf(block)), ...this.filesIn(node.children)];
      }
      case 'paragraph':
        return this.paragraph(node);
      case 'blockquote':
        return this.blockquote(node);
      case 'list':
        return this.list(node);
      case 'code':
        // A very long listing becomes several code blocks: one holds at most 100 items of 2,000 characters.
        return chunkRichText(plainRichText(node.value)).map((rich_text) => leaf({ object: 'block', type: 'code', code: { rich_text, language: notionLanguage(node.lang) } }));
      case 'math':
        return [leaf({ object: 'block', type: 'equation', equation: { expression: node.value } })];
      case 'thematicBreak':
        return [leaf({ object: 'block', type: 'divider', divider: {} })];
      case 'table':
        return this.table(node);
      case 'html':
        // A comment says nothing on a page; other raw HTML is shown as written.
        return /^\s*<!--[\s\S]*-->\s*$/.test(node.value) ? [] : textBlocks('paragraph', plainRichText(node.value)).map((block) => leaf(block));
      case 'footnoteDefinition': {
        const inner = this.flow(node.children);
        const label: RichText[] = plainRichText(`[^${node.label ?? node.identifier}]: `);
        const first = inner[0];
        if (first && first.block.type === 'paragraph') {
          first.block.paragraph.rich_text = [...label, ...first.block.paragraph.rich_text].slice(0, 100);
          return inner;
        }
        return [...textBlocks('paragraph', label).map((block) => leaf(block)), ...inner];
      }
      case 'yaml':
      case 'definition':
        return [];
      default:
        return 'children' in node ? this.flow(node.children as RootContent[]) : [];
    }
  }

  /** A paragraph's text, then the images and local files it names, each where it was referred to. */
  private paragraph(node: Paragraph): BlockNode[] {
    const onlyImages = node.children.every((child) => child.type === 'image' || (child.type === 'text' && child.value.trim() === ''));
    const text = onlyImages ? [] : textBlocks('paragraph', phrasingToRichText(node.children)).map((block) => leaf(block));
    return [...text, ...this.filesIn(node.children)];
  }

  /** The blocks for images and local-file links inside inline content, in order. */
  private filesIn(nodes: readonly PhrasingContent[]): BlockNode[] {
    const out: BlockNode[] = [];
    const visit = (node: PhrasingContent): void => {
      if (node.type === 'image') {
        out.push(this.imageBlock(node.url, node.alt ?? ''));
        return;
      }
      if (node.type === 'link' && isLocalReference(node.url)) {
        const placement = this.options.placements.get(localPath(node.url, this.options.markdownPath));
        if (placement) out.push(this.fileBlock(placement, phrasingToRichText(node.children).map((item) => (item.type === 'text' ? item.text.content : '')).join('')));
      }
      if ('children' in node) for (const child of node.children) visit(child as PhrasingContent);
    };
    for (const node of nodes) visit(node);
    return out;
  }

  private imageBlock(url: string, alt: string): BlockNode {
    if (!isLocalReference(url)) {
      if (isWebLink(url) && /^https?:/i.test(url.trim())) {
        return leaf({ object: 'block', type: 'image', image: { type: 'external', external: { url: url.trim() }, caption: caption(alt) } });
      }
      return leaf(textBlocks('paragraph', plainRichText(`[Image not shown: ${url}]`))[0]);
    }
    const placement = this.options.placements.get(localPath(url, this.options.markdownPath));
    return this.fileBlock(placement ?? { kind: 'missing', message: `Image not published: ${url}` }, alt);
  }

  private fileBlock(placement: FilePlacement, label: string): BlockNode {
    if (placement.kind === 'missing') return leaf(textBlocks('paragraph', [{ type: 'text', text: { content: placement.message }, annotations: { italic: true } }])[0]);
    const source = { type: 'file_upload' as const, file_upload: { id: placement.uploadId }, caption: caption(label) };
    switch (placement.blockType) {
      case 'file':
        return leaf({ object: 'block', type: 'file', file: { ...source, name: placement.name } });
      case 'image':
        return leaf({ object: 'block', type: 'image', image: source });
      case 'pdf':
        return leaf({ object: 'block', type: 'pdf', pdf: source });
      case 'video':
        return leaf({ object: 'block', type: 'video', video: source });
      case 'audio':
        return leaf({ object: 'block', type: 'audio', audio: source });
    }
  }

  /** `> [!NOTE]` and its kin (GitHub alerts) become callouts; any other quote a quote block. */
  private blockquote(node: Blockquote): BlockNode[] {
    const [first, ...rest] = node.children;
    if (first?.type === 'paragraph') {
      const head = first.children[0];
      const match = head?.type === 'text' ? /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*(?:\n|$)/i.exec(head.value) : null;
      if (match && head?.type === 'text') {
        const alert = ALERTS[match[1].toUpperCase()];
        const remaining: PhrasingContent[] = [{ ...head, value: head.value.slice(match[0].length) }, ...first.children.slice(1)];
        const chunks = chunkRichText(phrasingToRichText(remaining));
        const callout = leaf({ object: 'block', type: 'callout', callout: { rich_text: chunks[0], icon: { type: 'emoji', emoji: alert.emoji }, color: alert.color } });
        callout.children = [...chunks.slice(1).map((rich_text) => leaf({ object: 'block', type: 'paragraph', paragraph: { rich_text } })),
          ...this.filesIn(remaining), ...this.flow(rest)];
        return [callout];
      }
      const chunks = chunkRichText(phrasingToRichText(first.children));
      const quote = leaf({ object: 'block', type: 'quote', quote: { rich_text: chunks[0] } });
      quote.children = [...chunks.slice(1).map((rich_text) => leaf({ object: 'block', type: 'paragraph', paragraph: { rich_text } })),
        ...this.filesIn(first.children), ...this.flow(rest)];
      return [quote];
    }
    const quote = leaf({ object: 'block', type: 'quote', quote: { rich_text: [] } });
    quote.children = this.flow(node.children);
    return [quote];
  }

  private list(node: List): BlockNode[] {
    return node.children.map((item) => this.listItem(item, node.ordered === true));
  }

  private listItem(item: ListItem, ordered: boolean): BlockNode {
    const [first, ...rest] = item.children;
    const lead = first?.type === 'paragraph' ? first : undefined;
    const chunks = chunkRichText(lead ? phrasingToRichText(lead.children) : []);
    const children = [
      ...chunks.slice(1).map((rich_text) => leaf({ object: 'block', type: 'paragraph', paragraph: { rich_text } })),
      ...(lead ? this.filesIn(lead.children) : []),
      ...this.flow(lead ? rest : item.children),
    ];
    if (typeof item.checked === 'boolean') return leaf({ object: 'block', type: 'to_do', to_do: { rich_text: chunks[0], checked: item.checked } }, children);
    const type = ordered ? 'numbered_list_item' : 'bulleted_list_item';
    return leaf({ object: 'block', type, [type]: { rich_text: chunks[0] } } as LeafBlock, children);
  }

  /** A table; images inside cells show their alt text there and follow the table as blocks (a cell holds text only). */
  private table(node: Table): BlockNode[] {
    const width = Math.max(1, ...node.children.map((row) => row.children.length));
    const rows = node.children.map((row): BlockNode => {
      const cells = Array.from({ length: width }, (_, index) => {
        const cell = row.children[index];
        return cell ? phrasingToRichText(cell.children).slice(0, 100) : [];
      });
      return leaf({ object: 'block', type: 'table_row', table_row: { cells } });
    });
    const files = node.children.flatMap((row) => row.children.flatMap((cell) => this.filesIn(cell.children)));
    return [{ block: { object: 'block', type: 'table', table: { table_width: width, has_column_header: true, has_row_header: false } }, children: rows }, ...files];
  }
}
