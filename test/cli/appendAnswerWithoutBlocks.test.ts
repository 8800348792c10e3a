// The CLI, as a user runs it, when Notion answers the append of a folder's files 200 without all of their blocks:
// the page is read back, each file reported with the block that is really on the page, none added twice; and when
// the read-back cannot tell, the file fails with what to do instead of being reported attached.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, jsonReports, runCli, type CliRun } from '../support/cliProcess';

describe('notion-upload CLI: an append answered 200 without the blocks sent', function () {
  let emulator: Emulator;
  let dir: string;
  const run = (args: string[]): Promise<CliRun> => runCli({ args: [...args, '--api-base', emulator.url], env: { NOTION_TOKEN: emulator.token }, cwd: dir, timeoutMs: 60_000 });
  const appends = (): number[] => emulator.requestLog().filter((entry) => entry.call === 'append').map((entry) => entry.status);

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-append-answer-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
  });

  it('a folder whose append Notion saved but answered with one block of three: all three done, each with its own block, none twice', async () => {
    const folder = join(dir, 'three');
    await mkdir(folder);
    const files = [await writeRandomFile(folder, 'a.pdf', 1200), await writeRandomFile(folder, 'b.pdf', 1300), await writeRandomFile(folder, 'c.pdf', 1400)];
    const pageId = emulator.addPage('three');
    emulator.addFault({ call: 'append', action: { kind: 'appendResultsDropped', saved: true, keep: 1 } });
    const result = await run([folder, '--page', pageId, '--json']);
    assert.equal(result.code, 0, result.stderr);
    const reports = jsonReports(result);
    const blocks = emulator.blocks(pageId);
    assert.deepEqual(blocks.map((block) => block.uploadId), files.map((file) => reports.find((report) => report.path === file.path)!.uploadId), 'one block per file, in order');
    for (const file of files) {
      const report = reports.find((entry) => entry.path === file.path)!;
      assert.deepEqual([report.state, report.error], ['done', null]);
      assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
      assert.equal(report.blockId, blocks.find((block) => block.uploadId === report.uploadId)?.id, 'the block really on the page');
    }
    assert.deepEqual(appends(), [200], 'never appended again');
  });

  it('a file whose append was answered empty and whose read-back is refused fails with what to do, exit 1, not "uploaded"', async () => {
    const file = await writeRandomFile(dir, 'unknown.pdf', 2000);
    const pageId = emulator.addPage('unknown');
    emulator.addFault({ call: 'append', action: { kind: 'appendResultsDropped', saved: true } });
    emulator.addFault({ call: 'retrieve', action: { kind: 'status', status: 400 } });
    const result = await run([file.path, '--page', pageId]);
    assert.equal(result.code, 1, result.stdout);
    assert.doesNotMatch(result.stdout, /^uploaded /m);
    const output = result.stdout + result.stderr;
    assert.match(output, /reading the page back to see whether it is there failed/);
    assert.match(output, /Open the page in Notion to see whether the file is there before uploading it again/);
    assert.equal(emulator.blocks(pageId).length, 1, 'the block Notion added stays the only one');
    assert.deepEqual(appends(), [200]);
  });
});
