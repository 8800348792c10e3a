// The pure rules of Markdown pages: the title, code languages, cutting text without breaking a character, and how a
// deep or long block is cut into what one request may carry.
import { strict as assert } from 'node:assert';
import { BlockConverter, planBlock, batchBlocks, pageTitle, parseMarkdown } from '../../../src/core/markdown/index';
import { notionLanguage } from '../../../src/core/markdown/codeLanguage';
import { cutText, MAX_TEXT_CONTENT } from '../../../src/core/markdown/richText';

const convert = (markdown: string) => new BlockConverter({ markdownPath: '/notes/a.md', placements: new Map() }).convert(parseMarkdown(markdown));

describe('Markdown page rules', () => {
  it('takes the title from front matter, else the first # heading (left out of the body), else the file name', () => {
    assert.equal(pageTitle(parseMarkdown('---\ntitle: From YAML\n---\n# Heading\n'), '/x/file.md').title, 'From YAML');
    const root = parseMarkdown('Intro\n\n# The *Heading*\n\n## Sub\n');
    const { title, titleHeading } = pageTitle(root, '/x/file.md');
    assert.equal(title, 'The Heading');
    const blocks = new BlockConverter({ markdownPath: '/x/file.md', placements: new Map(), skip: titleHeading }).convert(root);
    assert.deepEqual(blocks.map((node) => node.block.type), ['paragraph', 'heading_2']);
    assert.equal(pageTitle(parseMarkdown('---\ntitle: [not, a, string]\n---\nText'), '/x/release-notes.md').title, 'release-notes');
    assert.equal(pageTitle(parseMarkdown('---\n: bad yaml: [\n---\n## Only h2'), '/x/b.markdown').title, 'b');
  });

  it('maps fence info strings to Notion\'s languages and anything unknown to plain text', () => {
    assert.deepEqual(['ts', 'JS', 'sh', 'c++', 'yml', 'python', 'Dockerfile', '', 'brainfuck', 'text'].map(notionLanguage),
      ['typescript', 'javascript', 'shell', 'c++', 'yaml', 'python', 'docker', 'plain text', 'plain text', 'plain text']);
  });

  it('cuts text at 2,000 UTF-16 units without splitting a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_TEXT_CONTENT - 1)}😀${'b'.repeat(10)}`;
    const pieces = cutText(text);
    assert.deepEqual(pieces.map((piece) => piece.length), [MAX_TEXT_CONTENT - 1, 12]);
    assert.equal(pieces.join(''), text);
  });

  it('sends leaf children with their parent, defers deeper levels, and a table carries its first 100 rows', () => {
    const [shallow, deep] = convert('- a\n  - b\n\n---\n\n- c\n  - d\n    - e\n').filter((node) => node.block.type === 'bulleted_list_item');
    assert.deepEqual([planBlock(shallow).inlineChildren, planBlock(shallow).deferred.length], [1, 0]);
    assert.deepEqual([planBlock(deep).inlineChildren, planBlock(deep).deferred.length], [0, 1]);
    const rows = Array.from({ length: 150 }, (_, i) => `| ${i} | x |`).join('\n');
    const [table] = convert(`| n | v |\n| - | - |\n${rows}\n`);
    const planned = planBlock(table);
    assert.deepEqual([planned.inlineChildren, planned.deferred.length], [100, 51]);
    const many = convert(Array.from({ length: 230 }, (_, i) => `p${i}`).join('\n\n')).map(planBlock);
    assert.deepEqual(batchBlocks(many).map((batch) => batch.length), [100, 100, 30]);
  });

  it('keeps a code listing longer than one block holds as several code blocks of at most 100 pieces', () => {
    const blocks = convert(`\`\`\`python\n${'x'.repeat(2000 * 150)}\n\`\`\`\n`);
    assert.deepEqual(blocks.map((node) => node.block.type === 'code' && node.block.code.rich_text.length), [100, 50]);
  });
});
