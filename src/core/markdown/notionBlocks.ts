// The block objects a Markdown page is made of, typed as Notion's create-page and append-children requests take
// them: a test assigns them to the official SDK's BlockObjectRequest, so a shape Notion would refuse does not compile.
import type { NotionLanguage } from './codeLanguage';

export type NotionColor = 'default' | 'gray' | 'brown' | 'orange' | 'yellow' | 'green' | 'blue' | 'purple' | 'pink' | 'red'
  | 'gray_background' | 'brown_background' | 'orange_background' | 'yellow_background' | 'green_background'
  | 'blue_background' | 'purple_background' | 'pink_background' | 'red_background';

export interface Annotations {
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}

export type RichText =
  | { type: 'text'; text: { content: string; link?: { url: string } | null }; annotations?: Annotations }
  | { type: 'equation'; equation: { expression: string }; annotations?: Annotations };

interface TextContent { rich_text: RichText[]; color?: NotionColor }
type FileSource = { type: 'file_upload'; file_upload: { id: string } } | { type: 'external'; external: { url: string } };
type Media = FileSource & { caption?: RichText[] };

type Shape<T extends string, C> = { object: 'block'; type: T } & { [K in T]: C };

/** A block as sent, without children of its own. */
export type LeafBlock =
  | Shape<'paragraph', TextContent>
  | Shape<'heading_1', TextContent>
  | Shape<'heading_2', TextContent>
  | Shape<'heading_3', TextContent>
  | Shape<'bulleted_list_item', TextContent>
  | Shape<'numbered_list_item', TextContent>
  | Shape<'quote', TextContent>
  | Shape<'to_do', TextContent & { checked?: boolean }>
  | Shape<'callout', TextContent & { icon?: { type: 'emoji'; emoji: string } }>
  | Shape<'code', { rich_text: RichText[]; language: NotionLanguage; caption?: RichText[] }>
  | Shape<'equation', { expression: string }>
  | Shape<'divider', Record<string, never>>
  | Shape<'image', Media>
  | Shape<'pdf', Media>
  | Shape<'video', Media>
  | Shape<'audio', Media>
  | Shape<'file', Media & { name?: string }>
  | Shape<'table_row', { cells: RichText[][] }>;

export type TableRowBlock = Shape<'table_row', { cells: RichText[][] }>;
export type TableBlock = Shape<'table', { table_width: number; has_column_header?: boolean; has_row_header?: boolean; children: TableRowBlock[] }>;

type Nesting<T extends string, C> = Shape<T, C & { children?: LeafBlock[] }>;

/** A block as one request may carry it: at most one level of children below it (Notion's nesting limit). */
export type RequestBlock =
  | LeafBlock
  | TableBlock
  | Nesting<'paragraph', TextContent>
  | Nesting<'bulleted_list_item', TextContent>
  | Nesting<'numbered_list_item', TextContent>
  | Nesting<'quote', TextContent>
  | Nesting<'to_do', TextContent & { checked?: boolean }>
  | Nesting<'callout', TextContent & { icon?: { type: 'emoji'; emoji: string } }>;

/** The converted document: each block with its children, to any depth; the request planner cuts it to Notion's limits. */
export interface BlockNode {
  block: LeafBlock | Shape<'table', { table_width: number; has_column_header?: boolean; has_row_header?: boolean }>;
  children: BlockNode[];
}

/** The types whose blocks take children in a request. */
export const NESTING_TYPES: readonly string[] = ['paragraph', 'bulleted_list_item', 'numbered_list_item', 'quote', 'to_do', 'callout', 'table'];
