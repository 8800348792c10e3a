// A Markdown table so wide that 100 of its rows pass Notion's 500 KB payload limit: the table is sent with only the
// rows that fit, the rest follow in appends of their own, and every row reads back in order.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient } from '../../src/core';
import { start, type Emulator } from '../emulator/index';
import { readTree } from '../core/markdown/support/pageTree';
import { CLI, jsonReports, runCli } from '../support/cliProcess';

const COLUMNS = 200;
const ROWS = 60;

describe('notion-upload CLI: publishing a very wide Markdown table', function () {
  let emulator: Emulator;
  let client: NotionClient;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    client = new NotionClient({ token: emulator.token, apiBase: emulator.url });
    dir = await mkdtemp(join(tmpdir(), 'cli-wide-table-'));
  });
  after(async () => {
    await client.close();
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it(`${COLUMNS} columns by ${ROWS} rows: published whole, each request under 500 KB, rows in order`, async () => {
    const cell = (row: number, column: number) => `r${row}c${column}-${'w'.repeat(20)}`;
    const header = Array.from({ length: COLUMNS }, (_, column) => `h${column}`);
    const lines = [`# Wide`, '', `| ${header.join(' | ')} |`, `|${' --- |'.repeat(COLUMNS)}`];
    for (let row = 0; row < ROWS; row++) lines.push(`| ${Array.from({ length: COLUMNS }, (_, column) => cell(row, column)).join(' | ')} |`);
    const path = join(dir, 'wide.md');
    await writeFile(path, `${lines.join('\n')}\n`);
    const result = await runCli({ args: [path, '--page', emulator.pageId, '--api-base', emulator.url, '--json', '--rate', '100000/60'], env: { NOTION_TOKEN: emulator.token }, cwd: dir, timeoutMs: 90_000 });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const [report] = jsonReports(result);
    assert.deepEqual([report.state, report.error], ['done', null]);
    const page = (await readTree(client, emulator.pageId)).find((block) => block.type === 'child_page' && block.text === 'Wide');
    assert.ok(page, 'the page was made');
    const table = page.children?.find((block) => block.type === 'table');
    assert.ok(table, 'the table is on the page');
    const rows = table.children ?? [];
    assert.equal(rows.length, ROWS + 1, 'the header row and every body row');
    assert.equal(rows[0].text, header.join(' | '));
    for (let row = 0; row < ROWS; row++) assert.equal(rows[row + 1].text, Array.from({ length: COLUMNS }, (_, column) => cell(row, column)).join(' | '), `row ${row}`);
  });
});
