import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { UploadManager } from '../../../src/core';
import { start, type Emulator } from '../../emulator/index';
import { writeRandomFile } from '../../core/support/randomFile';
import { CLI, jsonReports, runCli, type CliLaunch } from '../../support/cliProcess';

const NOBODY = { uid: 65534, gid: 65534 };

/** Root reads any file whatever its mode: run the CLI as `nobody` then, if that user can load it at all. */
function unprivilegedUser(cwd: string): { user?: CliLaunch['user']; skipReason?: string } {
  if (process.getuid?.() !== 0) return {};
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(dirname(CLI), '../core/index.js'))})`], { cwd, ...NOBODY });
  if (probe.error || probe.status !== 0) {
    return { skipReason: `running as root, and user nobody cannot load the CLI (${probe.error?.message ?? probe.stderr.toString().trim()}), so no user is denied a file` };
  }
  return { user: NOBODY };
}

describe('bad input: files that are not plain readable files', function () {
  let emulator: Emulator;
  let dir: string;
  const cli = (args: string[], extra: Partial<CliLaunch> = {}) =>
    runCli({ args: [...args, '--page', emulator.pageId, '--api-base', emulator.url], env: { NOTION_TOKEN: emulator.token }, cwd: dir, timeoutMs: 20_000, ...extra });
  const calls = () => emulator.requestLog().map((entry) => entry.call);

  before(async () => {
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'bad-files-'));
    await chmod(dir, 0o755); // other users (nobody) must reach the files below
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
  });

  describe('a file or folder the user may not read', () => {
    it('a file is refused before any upload request (file_unreadable: permission denied); the readable one beside it goes', async function () {
      const { user, skipReason } = unprivilegedUser(dir);
      if (skipReason) {
        console.log(`      skipped: ${skipReason}`);
        this.skip();
      }
      const locked = await writeRandomFile(dir, 'locked.pdf', 1000);
      const readable = await writeRandomFile(dir, 'readable.pdf', 1000);
      await chmod(locked.path, 0o000);
      await chmod(readable.path, 0o644);
      const run = await cli([locked.path, readable.path, '--json'], { user });
      assert.equal(run.code, 1, run.stderr);
      const reports = jsonReports(run);
      const refused = reports.find((report) => report.path === locked.path)!;
      assert.equal(refused.state, 'failed');
      assert.equal(refused.error.code, 'file_unreadable');
      assert.match(refused.error.message, /permission denied/);
      assert.equal(refused.uploadId, null);
      assert.equal(reports.find((report) => report.path === readable.path)?.sha256, readable.sha256);
      assert.equal(calls().filter((call) => call === 'create').length, 1, 'only the readable file was created at Notion');
    });

    it('a folder inside a walked folder is reported, and the walk goes on past it', async function () {
      const { user, skipReason } = unprivilegedUser(dir);
      if (skipReason) {
        console.log(`      skipped: ${skipReason}`);
        this.skip();
      }
      const folder = join(dir, 'walk-denied');
      await mkdir(join(folder, 'b-locked'), { recursive: true });
      await chmod(folder, 0o755);
      const before = await writeRandomFile(folder, 'a.png', 100);
      const after = await writeRandomFile(folder, 'c.png', 100);
      await writeRandomFile(join(folder, 'b-locked'), 'hidden.png', 100);
      await chmod(join(folder, 'b-locked'), 0o000);
      const run = await cli([folder, '--json'], { user });
      assert.equal(run.code, 1, 'a folder it could not read counts as a failure');
      assert.match(run.stderr, /b-locked: folder not readable \(EACCES\)/);
      assert.deepEqual(jsonReports(run).map((report) => [report.path, report.state]).sort(), [[before.path, 'done'], [join(folder, 'b-locked'), 'failed'], [after.path, 'done']]);
    });
  });

  describe('symbolic links: followed to files everywhere, linked folders not entered while walking', () => {
    it('a link named on the command line uploads the target\'s bytes under the link\'s name', async () => {
      const target = await writeRandomFile(dir, 'target.pdf', 3000);
      const link = join(dir, 'link-to-target.pdf');
      await symlink(target.path, link);
      const run = await cli([link, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const [report] = jsonReports(run);
      assert.equal(report.sha256, target.sha256);
      const upload = emulator.upload(report.uploadId)!;
      assert.deepEqual([upload.filename, upload.sha256], ['link-to-target.pdf', target.sha256]);
    });

    it('inside a folder: a link to a file goes, a linked folder (even a loop) and a dangling link do not', async () => {
      const folder = join(dir, 'links');
      await mkdir(join(folder, 'real'), { recursive: true });
      const outside = await writeRandomFile(dir, 'outside.png', 500);
      const inside = await writeRandomFile(join(folder, 'real'), 'inside.png', 600);
      await symlink(outside.path, join(folder, 'linked-file.png'));
      await symlink(folder, join(folder, 'loop'));
      await symlink(join(dir, 'elsewhere'), join(folder, 'linked-folder'));
      await mkdir(join(dir, 'elsewhere'), { recursive: true });
      await writeRandomFile(join(dir, 'elsewhere'), 'not-walked.png', 10);
      await symlink(join(dir, 'missing.png'), join(folder, 'dangling.png'));
      const run = await cli([folder, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const reports = jsonReports(run);
      assert.deepEqual(reports.map((report) => [report.path, report.sha256]).sort(),
        [[join(folder, 'linked-file.png'), outside.sha256], [inside.path, inside.sha256]].sort());
    });

    it('the core follows a link too, and a dangling one fails as a missing file before any request', async () => {
      const target = await writeRandomFile(dir, 'core-target.json', 700);
      await symlink(target.path, join(dir, 'core-link.json'));
      await symlink(join(dir, 'nowhere.json'), join(dir, 'core-dangling.json'));
      const manager = new UploadManager({ token: emulator.token, settings: { apiBase: emulator.url } });
      try {
        const followed = await manager.whenSettled(manager.add(join(dir, 'core-link.json'), emulator.pageId).id);
        assert.equal(followed.state, 'done', JSON.stringify(followed.error));
        assert.equal(emulator.upload(followed.uploadId!)?.sha256, target.sha256);
        emulator.clearLog();
        const dangling = await manager.whenSettled(manager.add(join(dir, 'core-dangling.json'), emulator.pageId).id);
        assert.deepEqual([dangling.state, dangling.error?.code], ['failed', 'file_unreadable']);
        assert.match(dangling.error?.message ?? '', /does not exist/);
        assert.deepEqual(calls(), []);
      } finally {
        await manager.dispose();
      }
    });
  });

  describe('a FIFO and a device', () => {
    let fifo: string;
    before(() => {
      fifo = join(dir, 'pipe.txt');
      execFileSync('mkfifo', [fifo]);
    });

    it('the core refuses both up front (not_a_file) without opening them, so nothing hangs and nothing is sent', async () => {
      const manager = new UploadManager({ token: emulator.token, settings: { apiBase: emulator.url } });
      try {
        for (const path of [fifo, '/dev/null']) {
          const started = Date.now();
          const settled = await manager.whenSettled(manager.add(path, emulator.pageId).id);
          assert.deepEqual([settled.state, settled.error?.code], ['failed', 'not_a_file'], path);
          assert.match(settled.error?.message ?? '', /is not a regular file/);
          assert.ok(Date.now() - started < 2000, `${path} settled in ${Date.now() - started} ms`);
        }
        assert.deepEqual(calls(), []);
      } finally {
        await manager.dispose();
      }
    });

    it('the CLI names them as not regular files and leaves a FIFO inside a folder out', async () => {
      const named = await cli([fifo, '/dev/null']);
      assert.equal(named.timedOut, false);
      assert.equal(named.code, 2);
      assert.match(named.stderr, /pipe\.txt: not a regular file or folder/);
      assert.match(named.stderr, /\/dev\/null: not a regular file or folder/);
      assert.match(named.stderr, /nothing to upload/);

      const folder = join(dir, 'with-fifo');
      await mkdir(folder, { recursive: true });
      execFileSync('mkfifo', [join(folder, 'stream.txt')]);
      const regular = await writeRandomFile(folder, 'regular.txt', 50);
      const walked = await cli([folder, '--json']);
      assert.equal(walked.timedOut, false);
      assert.equal(walked.code, 0, walked.stderr);
      assert.deepEqual(jsonReports(walked).map((report) => report.path), [regular.path]);
      assert.deepEqual(calls().filter((call) => call === 'create').length, 1);
    });
  });
});
