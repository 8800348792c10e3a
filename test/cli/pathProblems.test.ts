import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, jsonReports, runCli } from '../support/cliProcess';

describe('notion-upload CLI: paths it cannot upload say what to do', function () {
  let emulator: Emulator;
  let dir: string;
  const cli = (args: string[]) => runCli({ args: [...args, '--page', emulator.pageId, '--api-base', emulator.url], env: { NOTION_TOKEN: emulator.token }, cwd: dir, timeoutMs: 20_000 });

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-paths-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a link loop, a pipe and a device are named with what to do, and each gets a --json line', async () => {
    const loop = join(dir, 'loop.png');
    await symlink('loop.png', loop);
    const pipe = join(dir, 'pipe.bin');
    execFileSync('mkfifo', [pipe]);
    const good = await writeRandomFile(dir, 'good.png', 500);
    const run = await cli([loop, pipe, '/dev/null', join(dir, 'missing.png'), good.path, '--json']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /loop\.png: it is a symbolic link that leads round in a loop \(ELOOP\): point the link at a real file or folder, or name that one\n/);
    assert.match(run.stderr, /pipe\.bin: not a regular file or folder \(it is a FIFO \(named pipe\)\): only files and folders are uploaded; save what it gives to a file named for its content first/);
    assert.match(run.stderr, /\/dev\/null: not a regular file or folder \(it is a device\)/);
    assert.match(run.stderr, /missing\.png: no such file or folder: check the path/);
    assert.doesNotMatch(run.stderr, /ELOOP: too many|, stat '/, 'no raw system error');
    const reports = jsonReports(run);
    assert.deepEqual(reports.map((report) => [report.path, report.state, report.error?.code ?? null]).sort(), [
      ['/dev/null', 'failed', 'path_refused'], [good.path, 'done', null], [join(dir, 'missing.png'), 'failed', 'path_refused'],
      [loop, 'failed', 'path_refused'], [pipe, 'failed', 'path_refused'],
    ].sort());
    assert.match(reports.find((report) => report.path === loop)!.error.message, /leads round in a loop/);
  });

  it('nothing to upload says why and what to name instead', async () => {
    const empty = join(dir, 'empty');
    await mkdir(join(empty, 'node_modules'), { recursive: true });
    const run = await cli([empty]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^notion-upload: nothing to upload: the paths given hold no files \(inside folders, hidden entries and node_modules are skipped\)\. Name a file, or a folder with files in it\.\n$/);
    const missing = await cli([join(dir, 'nope.png')]);
    assert.match(missing.stderr, /nope\.png: no such file or folder: check the path\nnotion-upload: nothing to upload: fix the paths above, then run again\.\n$/);
  });
});
