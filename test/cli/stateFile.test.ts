import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, type Stats } from 'node:fs';
import { link, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileSessionStore, MiB } from '../../src/core';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, finish, jsonReports, launch } from '../support/cliProcess';
import { waitFor } from '../support/waitFor';

describe('notion-upload CLI: the state file', function () {
  let emulator: Emulator;
  let dir: string;
  const env = (): Record<string, string> => ({ NOTION_TOKEN: emulator.token });

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-state-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
  });

  it('two runs on one state file: one refuses with who holds it, nothing reaches Notion twice', async () => {
    const folder = join(dir, 'shared');
    await mkdir(folder);
    const files = await Promise.all(Array.from({ length: 12 }, (_, i) => writeRandomFile(folder, `f${String(i).padStart(2, '0')}.png`, 200_000 + i)));
    const pageId = emulator.addPage('Two runs', { sharedWith: [emulator.token] });
    const statePath = join(dir, 'shared-state.json');
    // Slow enough that the first run still holds the file when the second starts.
    emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 1 * MiB } });
    const args = [folder, '--page', pageId, '--api-base', emulator.url, '--state', statePath, '--json'];
    const [a, b] = await Promise.all([finish(launch(args, env(), dir)), finish(launch(args, env(), dir))]);
    const [winner, refused] = a.code === 2 ? [b, a] : [a, b];
    assert.equal(refused.code, 2, `exit codes ${a.code} and ${b.code}\n${a.stderr}\n${b.stderr}`);
    assert.equal(winner.code, 0, winner.stderr);
    assert.match(refused.stderr, new RegExp(`another run \\(pid \\d+\\) is using this state file ${statePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; wait for it or pass another --state`));
    // Nothing sent by the refused run; its --json says so of each file, with the code a script can wait on.
    assert.deepEqual(jsonReports(refused).map((report) => [report.state, report.uploadId, report.error.code]), files.map(() => ['failed', null, 'state_file_busy']));

    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'create').length, files.length, 'one upload per file');
    const blocks = emulator.blocks(pageId);
    assert.equal(blocks.length, files.length, 'one block per file');
    for (const report of jsonReports(winner)) {
      const file = files.find((f) => f.path === report.path)!;
      assert.equal(blocks.filter((block) => block.uploadId === report.uploadId).length, 1);
      assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
    }
    assert.ok(!existsSync(`${statePath}.lock`), 'the lock is released');
  });

  it('a state path that cannot be written stops the run before anything is created at Notion', async () => {
    const file = await writeRandomFile(dir, 'unwritable.png', 1000);
    await writeFile(join(dir, 'plain-file'), 'x');
    const statePath = join(dir, 'plain-file', 'state.json');
    const run = await finish(launch([file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--state', statePath], env(), dir));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /cannot write the state file .*\n  what to do: Pass --state with a file in a folder you can write to/);
    assert.deepEqual(emulator.requestLog().filter((entry) => entry.call === 'create'), []);
  });

  it('a state path that is a FIFO, socket, device or folder is refused before any lock or write, and left as it was', async () => {
    const file = await writeRandomFile(dir, 'odd-state.png', 1000);
    const odd = join(dir, 'odd');
    await mkdir(odd);
    const fifo = join(odd, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const socketPath = join(odd, 'socket');
    const server = createServer();
    await new Promise<void>((listening) => server.listen(socketPath, listening));
    const paths: Array<[string, RegExp, (stats: Stats) => boolean]> = [
      [fifo, /is a FIFO \(named pipe\), not a regular file/, (stats) => stats.isFIFO()],
      [socketPath, /is a socket, not a regular file/, (stats) => stats.isSocket()],
      [odd, /is a folder, not a regular file/, (stats) => stats.isDirectory()],
    ];
    // A device node can be made only by root; /dev/null itself must never be put at risk by a test.
    if (process.getuid?.() === 0) {
      const device = join(odd, 'mynull');
      execFileSync('mknod', [device, 'c', '1', '3']);
      paths.push([device, /is a device, not a regular file/, (stats) => stats.isCharacterDevice()]);
    }
    try {
      for (const [statePath, said, stillThere] of paths) {
        emulator.clearLog();
        const run = await finish(launch([file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--state', statePath], env(), dir), 20_000);
        assert.equal(run.timedOut, false, `${statePath}: the run hung`);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, said);
        assert.match(run.stderr, /what to do: Pass --state with the path of a regular file \(or of one to be created\) in a folder you can write to/);
        assert.deepEqual(emulator.requestLog().filter((entry) => entry.call === 'create'), []);
        assert.ok(stillThere(await lstat(statePath)), `${statePath} was replaced`);
        assert.ok(!existsSync(`${statePath}.lock`), `${statePath}.lock was left`);
      }
    } finally {
      server.close();
    }
  });

  it('a state path through a symbolic link takes the same lock as the file it names, and the link stays a link', async () => {
    const folder = join(dir, 'linked');
    await mkdir(folder);
    const files = await Promise.all(Array.from({ length: 4 }, (_, i) => writeRandomFile(folder, `l${i}.png`, 300_000 + i)));
    const pageId = emulator.addPage('Linked state', { sharedWith: [emulator.token] });
    const realState = join(dir, 'real-state.json');
    const linkState = join(dir, 'link-state.json');
    // Dangling at first: the run through the link writes the file the link names.
    await symlink('real-state.json', linkState);
    emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 512 * 1024 } });
    const args = (statePath: string): string[] => [folder, '--page', pageId, '--api-base', emulator.url, '--state', statePath, '--json'];
    const first = launch(args(linkState), env(), dir);
    const firstDone = finish(first);
    await waitFor('the first run to lock the real state file', () => existsSync(`${realState}.lock`));
    const second = await finish(launch(args(realState), env(), dir));
    const winner = await firstDone;
    assert.equal(winner.code, 0, winner.stderr);
    assert.equal(second.code, 2, second.stderr);
    assert.match(second.stderr, /another run \(pid \d+\) is using this state file/);
    assert.equal(emulator.blocks(pageId).length, files.length, 'one block per file');
    assert.ok((await lstat(linkState)).isSymbolicLink(), 'the link is still a link');
    assert.ok((await lstat(realState)).isFile());
    assert.match(await readFile(realState, 'utf8'), /^\{"notionUploadState":2\}\n/);
    assert.ok(!existsSync(`${realState}.lock`) && !existsSync(`${linkState}.lock`), 'no lock left');
  });

  it('a state file with a second hard link is refused: a run through the other name would take another lock', async () => {
    const file = await writeRandomFile(dir, 'hard.png', 1000);
    const statePath = join(dir, 'hard-state.json');
    await writeFile(statePath, '');
    await link(statePath, join(dir, 'hard-other.json'));
    const run = await finish(launch([file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--state', statePath], env(), dir));
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /has 2 names \(hard links\).*\n  what to do: Pass --state with a file that has only this name/);
    assert.deepEqual(emulator.requestLog().filter((entry) => entry.call === 'create'), []);
    assert.equal((await lstat(statePath)).nlink, 2, 'left as it was');
  });

  it('the same --resume command run again after a partly failed batch uploads only the file that failed', async () => {
    const folder = join(dir, 'batch');
    await mkdir(folder);
    const files = await Promise.all(Array.from({ length: 6 }, (_, i) => writeRandomFile(folder, `b${i}.png`, 5000 + i)));
    const pageId = emulator.addPage('Batch again', { sharedWith: [emulator.token] });
    const statePath = join(dir, 'batch-state.json');
    const args = [folder, '--page', pageId, '--api-base', emulator.url, '--resume', '--state', statePath, '--json'];
    emulator.addFault({ call: 'create', nth: 4, action: { kind: 'status', status: 400 } });
    const first = await finish(launch(args, env(), dir));
    assert.equal(first.code, 1, first.stderr);
    const failed = jsonReports(first).filter((report) => report.state !== 'done');
    assert.equal(failed.length, 1, first.stdout);
    assert.equal(emulator.blocks(pageId).length, 5);

    emulator.clearFaults();
    emulator.clearLog();
    const second = await finish(launch(args, env(), dir));
    assert.equal(second.code, 0, second.stderr);
    const reports = jsonReports(second);
    assert.deepEqual(reports.filter((report) => report.state === 'done').map((report) => report.path), [failed[0].path]);
    const skipped = reports.filter((report) => report.state === 'skipped');
    assert.equal(skipped.length, 5);
    for (const report of skipped) assert.match(report.notice, /already on the page.*--upload-again uploads it again/);
    assert.equal(emulator.requestLog().filter((entry) => entry.call === 'create').length, 1, 'only the failed file is created again');
    const blocks = emulator.blocks(pageId);
    assert.equal(blocks.length, files.length, 'one block per file');
    for (const file of files) assert.equal(blocks.filter((block) => emulator.upload(block.uploadId!)?.sha256 === file.sha256).length, 1, file.path);

    // Without --json: a line per skipped file. A file changed since, and --upload-again, upload again.
    await writeFile(files[0].path, 'changed since');
    const third = await finish(launch(args.filter((arg) => arg !== '--json'), env(), dir));
    assert.equal(third.code, 0, third.stderr);
    assert.equal((third.stdout.match(/^skipped .*: already on the page/gm) ?? []).length, 5, third.stdout);
    assert.match(third.stdout, /^uploaded .*b0\.png/m);
    const again = await finish(launch([...args, '--upload-again'], env(), dir));
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(jsonReports(again).map((report) => report.state), Array(6).fill('done'));
    assert.equal(emulator.blocks(pageId).length, 6 + 1 + 6);
    assert.equal((await JsonFileSessionStore.readRecords(statePath)).length, 6, 'one finished record per file and page');
  });

  it('hand-edited records are named and skipped, the run goes on, and the old whole-file format still opens', async () => {
    const file = await writeRandomFile(dir, 'edited.png', 1000);
    const statePath = join(dir, 'edited-state.json');
    const good = {
      id: 'kept', filePath: join(dir, 'elsewhere.pdf'), file: { size: 10, mtimeMs: 1 }, pageId: emulator.pageId, asText: false,
      plan: { mode: 'single_part', fileName: 'elsewhere.pdf', uploadName: 'elsewhere.pdf', contentType: 'application/pdf', blockType: 'pdf', sentAsText: false, sizeBytes: 10, partSizeBytes: 10, partCount: 1 },
      uploadId: 'u-kept', partsAcknowledged: [], uploadCreatedAt: Date.now(), blockId: null, state: 'failed', createdAt: 1, updatedAt: 2,
    };
    const sessions = [good, { ...good, id: 'no-file', filePath: join(dir, 'edited.png'), file: null }, { ...good, id: 'parts', filePath: join(dir, 'odd\x1b[2J.png'), partsAcknowledged: { 1: true } }];
    await writeFile(statePath, JSON.stringify({ version: 1, sessions }, null, 2));
    const run = await finish(launch([file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--state', statePath], env(), dir));
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!/TypeError/.test(run.stderr), run.stderr);
    assert.match(run.stderr, /state file .*edited-state\.json: record 2 \(.*edited\.png\) was skipped: "file" needs a size and mtimeMs/);
    assert.match(run.stderr, /record 3 \(.*odd\\x1b\[2J\.png\) was skipped: "partsAcknowledged" is not a list of part numbers/);
    assert.match(run.stderr, /copied to .*edited-state\.json\.damaged-\d+/);
    assert.match(run.stdout, /^uploaded .*edited\.png -> /);
    const records = await JsonFileSessionStore.readRecords(statePath);
    assert.deepEqual(records.filter((s) => s.state !== 'done').map((s) => s.id), ['kept'], 'the valid record stays for its own resume');
    assert.deepEqual(records.filter((s) => s.state === 'done').map((s) => s.filePath), [file.path], 'the uploaded file is remembered as on the page');
  });
});
