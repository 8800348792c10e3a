// Notion answers 409 conflict_error when writes to one page collide. A folder of 50 files, 3 at a time, against an
// emulator that refuses every append overlapping another append to the page: the CLI appends to a page one batch at a
// time, so it never collides with itself; a 409 from elsewhere (injected on its first append) is checked and retried,
// and every file lands exactly once, in the folder's order.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../../emulator/index';
import { writeRandomFile } from '../../core/support/randomFile';
import { finish, jsonReports, launch } from '../../support/cliProcess';

describe('a folder upload while Notion answers 409 to overlapping appends', function () {
  let emulator: Emulator;
  let dir: string;

  before(async () => {
    // Handling an append takes 150 ms here, so files finishing close together collide.
    emulator = await start({ conflictOnOverlappingWrites: true, appendHandlingDelayMs: 150 });
    dir = await mkdtemp(join(tmpdir(), 'overlapping-appends-'));
  });
  after(async () => {
    await emulator?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('50 files, 3 in parallel: 50 blocks in order, each upload attached exactly once, sha256 equal', async function () {
    this.timeout(180_000);
    const folder = join(dir, 'fifty');
    await mkdir(folder);
    const files = await Promise.all(Array.from({ length: 50 }, (_, index) => writeRandomFile(folder, `f${String(index).padStart(2, '0')}.png`, 2048 + index)));
    emulator.addFault({ call: 'append', action: { kind: 'status', status: 409 } });
    const run = await finish(launch([folder, '--page', emulator.pageId, '--json', '--concurrency', '3', '--api-base', emulator.url],
      { NOTION_TOKEN: emulator.token }, dir), 170_000);
    const reports = jsonReports(run);
    const appends = emulator.requestLog().filter((entry) => entry.call === 'append');
    const conflicts = appends.filter((entry) => entry.status === 409).length;
    assert.equal(conflicts, 1, 'the injected 409, and no append of the CLI overlapping another');
    assert.ok(appends.length <= 3, `${appends.length} appends for 50 files`);
    assert.equal(run.code, 0, `${run.stderr}\n${reports.filter((r) => r.state !== 'done').map((r) => JSON.stringify(r.error)).join('\n')}`);
    const blocks = emulator.blocks(emulator.pageId);
    assert.equal(blocks.length, 50);
    for (const file of files) {
      const report = reports.find((candidate) => candidate.path === file.path);
      assert.ok(report, `${file.path} reported`);
      assert.equal(report.state, 'done');
      assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
      assert.deepEqual(blocks.filter((block) => block.uploadId === report.uploadId).map((block) => block.id), [report.blockId], 'exactly one block');
    }
    const names = blocks.map((block) => reports.find((report) => report.uploadId === block.uploadId)?.path);
    assert.deepEqual(names, files.map((file) => file.path), 'blocks in the folder\'s order');
    console.log(`      ${conflicts} appends answered 409; ${emulator.requestLog().length} requests in all`);
  });
});
