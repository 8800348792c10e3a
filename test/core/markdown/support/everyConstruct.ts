// fixtures/every-construct: a Markdown file with every construct the converter knows, and the tree its page must
// read back as (pageTree.ts), with the upload of each local file in its place.
import { join } from 'node:path';
import { projectRoot } from '../../../support/projectPaths';
import type { ReadBlock } from './pageTree';

export const fixture = join(projectRoot, 'test', 'core', 'markdown', 'fixtures', 'every-construct');

/** What fixtures/every-construct/notes.md must read back as, with the uploads' files in place of their ids. */
export function expectedTree(uploads: Record<string, string>): ReadBlock[] {
  const p = (text: string): ReadBlock => ({ type: 'paragraph', text });
  return [
    { type: 'heading_1', text: 'A heading that is not the title' },
    p('Plain text with bold, italic, struck, code and a link.'),
    { type: 'heading_2', text: 'Lists' },
    { type: 'bulleted_list_item', text: 'first' },
    { type: 'bulleted_list_item', text: 'second with bold', children: [
      { type: 'bulleted_list_item', text: 'nested once', children: [
        { type: 'bulleted_list_item', text: 'nested twice', children: [{ type: 'bulleted_list_item', text: 'nested three times' }] }] }] },
    { type: 'bulleted_list_item', text: 'third' },
    { type: 'numbered_list_item', text: 'one' },
    { type: 'numbered_list_item', text: 'two', children: [{ type: 'numbered_list_item', text: 'two point one' }] },
    { type: 'to_do', text: 'open task', extra: { checked: false } },
    { type: 'to_do', text: 'done task', extra: { checked: true } },
    { type: 'heading_3', text: 'Quotes and alerts' },
    { type: 'quote', text: 'A plain quote\nover two lines.' },
    { type: 'callout', text: 'Useful information.', extra: { icon: 'ℹ️' } },
    { type: 'callout', text: 'Careful now.', extra: { icon: '⚠️' } },
    { type: 'code', text: 'const answer: number = 42;', extra: { language: 'typescript' } },
    { type: 'code', text: '+++.', extra: { language: 'plain text' } },
    { type: 'table', children: [{ type: 'table_row', text: 'Name | Value' }, { type: 'table_row', text: 'a | 1' }, { type: 'table_row', text: 'b | 2' }] },
    { type: 'divider' },
    { type: 'equation', text: 'E = mc^2' },
    p('Inline math $a^2 + b^2$ inside text.'),
    { type: 'image', text: 'A screenshot', uploadId: uploads['img/shot.png'] },
    p('Again, the same picture: same shot'),
    { type: 'image', text: 'same shot', uploadId: uploads['img/shot.png'] },
    { type: 'image', text: 'Diagram', uploadId: uploads['img/diagram.png'] },
    p('See the spec for details.'),
    { type: 'pdf', text: 'spec', uploadId: uploads['docs/spec.pdf'] },
    { type: 'image', text: 'Remote logo', url: 'https://example.com/logo.png' },
    p('Missing file: ./img/missing.png'),
    p('Another note stays text.'),
  ];
}

