// A .md file that is not published gets a --json line a program can act on: the error's code (and Notion's status and
// the hint when there is one), as an upload's line has; one stopped by Ctrl-C is "cancelled", not "failed".
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_MARKDOWN_BYTES } from '../../src/core/markdown/markdownSizeLimit';
import { start, type Emulator } from '../emulator/index';
import { CLI, finish, jsonReports, launch } from '../support/cliProcess';
import { waitFor } from '../support/waitFor';

describe('notion-upload CLI: --json lines of Markdown files not published', function () {
  let emulator: Emulator;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start({ rateLimit: false });
    dir = await mkdtemp(join(tmpdir(), 'cli-markdown-json-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
  });

  const run = (name: string) => {
    const child = launch([join(dir, name), '--page', emulator.pageId, '--api-base', emulator.url, '--json'], { NOTION_TOKEN: emulator.token }, dir);
    return { child, result: finish(child, 60_000) };
  };

  it('a page creation Notion refuses: state failed, with the code, status and hint', async () => {
    await writeFile(join(dir, 'refused.md'), '# Refused\n\nText.\n');
    emulator.addFault({ call: 'createPage', action: { kind: 'status', status: 400 } });
    const result = await run('refused.md').result;
    assert.equal(result.code, 1, result.stderr);
    const [report] = jsonReports(result);
    assert.equal(report.state, 'failed');
    assert.equal(typeof report.error.code, 'string', JSON.stringify(report.error));
    assert.equal(report.error.status, 400, JSON.stringify(report.error));
    assert.equal(typeof report.error.hint, 'string', JSON.stringify(report.error));
  });

  it('a Markdown file larger than a page is published from: refused before any request, saying what to do', async () => {
    // Ordinary paragraphs, just over the limit: the parser would take them, but past the limit some shapes hold the
    // process for minutes, and the size is what can be told before parsing.
    const paragraph = `${'word '.repeat(60)}\n\n`;
    const text = `# Big\n\n${paragraph.repeat(Math.ceil((MAX_MARKDOWN_BYTES + 1) / paragraph.length))}`;
    await writeFile(join(dir, 'big.md'), text);
    const result = await run('big.md').result;
    assert.equal(result.code, 1, result.stderr);
    const [report] = jsonReports(result);
    assert.deepEqual([report.state, report.error?.code], ['failed', 'markdown_too_large'], JSON.stringify(report));
    assert.match(report.error.message, /^big\.md is 1,04\d,\d{3} bytes of Markdown; pages are published from files of up to 1\.0 MiB \(1,048,576 bytes\)\./);
    assert.match(report.error.hint, /--markdown text/);
    assert.deepEqual(emulator.requestLog().filter((entry) => entry.call === 'createPage' || entry.call === 'create'), [], 'a request that makes something was sent');
  });

  it('Ctrl-C while the page is created: state cancelled, code publish_stopped', async () => {
    // More blocks than three requests carry: appends must follow the page creation, and Ctrl-C stops them. The
    // emulator logs a call once it has answered, so the appends are held too: the Ctrl-C below, sent once the page
    // creation is logged, then comes while the first append is still under way, however loaded the machine.
    await writeFile(join(dir, 'stopped.md'), `# Stopped\n\n${Array.from({ length: 250 }, (_, i) => `Paragraph ${i}`).join('\n\n')}\n`);
    emulator.addFault({ call: 'createPage', action: { kind: 'delay', ms: 3000 } });
    emulator.addFault({ call: 'append', times: Infinity, action: { kind: 'delay', ms: 3000 } });
    const { child, result } = run('stopped.md');
    await waitFor('the page creation to arrive', () => emulator.requestLog().some((entry) => entry.call === 'createPage') || undefined, 20_000);
    child.kill('SIGINT');
    const done = await result;
    const [report] = jsonReports(done);
    assert.deepEqual([report.state, report.error?.code], ['cancelled', 'publish_stopped'], JSON.stringify(report));
  });
});
