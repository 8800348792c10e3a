import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB } from '../../src/core';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, finish, jsonReports, launch } from '../support/cliProcess';
import { waitFor } from '../support/waitFor';

describe('notion-upload CLI: a file replaced while its parts are sent', function () {
  let emulator: Emulator;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-swapped-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a file replaced by a FIFO mid-upload fails as a changed file at once, and the run ends', async () => {
    const file = await writeRandomFile(dir, 'swap.mp4', 26 * MiB); // 6 parts
    emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 8 * MiB } });
    const child = launch([file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--parts-in-flight', '1', '--timeout', '10', '--json'],
      { NOTION_TOKEN: emulator.token }, dir);
    const exited = finish(child, 45_000);
    await waitFor('the first part to be sent', () => emulator.requestLog().some((entry) => entry.call === 'send'));
    // Swapped in one step (a FIFO made beside it, renamed over it), so no part finds the path missing in between.
    const fifo = `${file.path}.fifo`;
    execFileSync('mkfifo', [fifo]);
    await rename(fifo, file.path);
    const startedWaiting = Date.now();
    const run = await exited;
    assert.equal(run.timedOut, false, `the run hung with the file replaced by a FIFO\n${run.stderr}`);
    assert.ok(Date.now() - startedWaiting < 30_000, 'the run took longer than the parts it had left');
    assert.equal(run.code, 1, run.stderr);
    const [report] = jsonReports(run);
    assert.equal(report.state, 'failed');
    assert.equal(report.error.code, 'file_changed', `${JSON.stringify(report)}\n${run.stderr}`);
    assert.match(report.error.message, /changed during the upload \(it is no longer a regular file\)/);
    assert.equal(emulator.blocks(emulator.pageId).length, 0, 'nothing attached');
  });
});
