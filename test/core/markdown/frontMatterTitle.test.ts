// The page title read from a Markdown file's YAML front matter: the YAML forms a title is written in, and front matter
// that is no title (invalid, not a string, hostile) falling back to the first # heading. Hostile YAML is parsed in a
// worker with a small heap: a parser that expands or recurses without bound runs out of it instead of passing.
import { strict as assert } from 'node:assert';
import { Worker } from 'node:worker_threads';
import { pageTitle, parseMarkdown } from '../../../src/core/markdown/index';
import { transpiledSource } from '../../support/projectPaths';

const titleOf = (frontMatter: string) => pageTitle(parseMarkdown(`---\n${frontMatter}\n---\n# From the heading\n\nBody\n`), '/x/file.md').title;

/** A billion-laughs document: ten levels, each a list of ten aliases of the level before (10^10 strings expanded). */
function aliasBomb(): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 10; level += 1) lines.push(`l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(', ')}]`);
  return `title: Laughs\n${lines.join('\n')}`;
}

const hostile = {
  'an alias-expansion bomb': aliasBomb(),
  'flow collections nested 100,000 deep': `title: Deep\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  'block mappings nested 3,000 deep': `title: Deep\n${Array.from({ length: 3000 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n')} v`,
};

/** Each hostile front matter's title, from a worker whose heap is far smaller than any expansion of it. */
function titlesInSmallHeap(): Promise<{ titles: Record<string, string>; cpuMs: Record<string, number> }> {
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { pageTitle, parseMarkdown } = require(workerData.markdown);
    const titles = {}, cpuMs = {};
    for (const [name, yaml] of Object.entries(workerData.hostile)) {
      const before = process.cpuUsage();
      titles[name] = pageTitle(parseMarkdown('---\\n' + yaml + '\\n---\\n# From the heading\\n'), '/x/file.md').title;
      const used = process.cpuUsage(before);
      cpuMs[name] = (used.user + used.system) / 1000;
    }
    parentPort.postMessage({ titles, cpuMs });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      eval: true,
      workerData: { markdown: transpiledSource('core/markdown/index'), hostile },
      resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 16 },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) without an answer`)));
  });
}

describe('the page title from front matter', () => {
  it('reads plain, quoted, escaped, unicode and block-scalar titles', () => {
    assert.equal(titleOf('title: Release notes'), 'Release notes');
    assert.equal(titleOf('title: "Notes: part 2 # not a comment"'), 'Notes: part 2 # not a comment');
    assert.equal(titleOf("title: 'It''s here'"), "It's here");
    assert.equal(titleOf('title: "Tab\\tand \\u00e9"'), 'Tab\tand é');
    assert.equal(titleOf('title: Überschrift 😀 日本語'), 'Überschrift 😀 日本語');
    assert.equal(titleOf('title: >\n  Folded over\n  two lines\n'), 'Folded over two lines');
    assert.equal(titleOf('title: |\n  Literal\n'), 'Literal');
    assert.equal(titleOf('author: me\ntags: [a, b]\ntitle:   Padded   \ndate: 2024-01-01'), 'Padded');
    assert.equal(titleOf('base: &name Shared\ntitle: *name\nalso: *name'), 'Shared', 'a few aliases are ordinary YAML');
  });

  it('falls back to the first heading when the front matter has no usable title', () => {
    for (const frontMatter of [
      '', 'title:', 'title: ""', 'title: "   "', 'title: 2024', 'title: true', 'title: ~', 'title: [a, b]', 'title: {a: 1}',
      '- a list', 'just text', ': bad yaml: [', 'title: "unterminated', 'title: A\ntitle: B',
    ]) assert.equal(titleOf(frontMatter), 'From the heading', JSON.stringify(frontMatter));
  });

  it('falls back to the first heading on hostile YAML, within a small heap and little CPU', async () => {
    const { titles, cpuMs } = await titlesInSmallHeap();
    for (const name of Object.keys(hostile)) {
      assert.equal(titles[name], 'From the heading', name);
      // Generous: a linear parse takes milliseconds; an exponential or quadratic one takes seconds.
      assert.ok(cpuMs[name] < 1500, `${name}: ${cpuMs[name].toFixed(0)} ms of CPU`);
    }
  });
});
