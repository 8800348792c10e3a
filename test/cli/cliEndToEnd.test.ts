import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileSessionStore, MiB } from '../../src/core';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { CLI, finish, launch, type CliRun } from '../support/cliProcess';
import { bundledCli } from '../support/projectPaths';

describe('notion-upload CLI end to end', function () {
  let emulator: Emulator;
  let dir: string;
  const env = (): Record<string, string> => ({ NOTION_TOKEN: emulator.token });
  const run = (args: string[], extraEnv: Record<string, string | undefined> = env()): Promise<CliRun> =>
    finish(launch([...args, '--api-base', emulator.url], extraEnv, dir));

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-e2e-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
  });

  it('uploads a folder with --json: one object per file with sha256 of what was read, exit 1 when one is refused', async () => {
    const folder = join(dir, 'batch');
    await mkdir(join(folder, 'nested'), { recursive: true });
    await mkdir(join(folder, '.hidden'), { recursive: true });
    const files = [
      await writeRandomFile(folder, 'a.png', 1000),
      await writeRandomFile(join(folder, 'nested'), 'b.pdf', 21 * MiB + 5),
      await writeRandomFile(folder, 'c.zip', 10),
    ];
    await writeRandomFile(join(folder, '.hidden'), 'skipped.png', 10);
    const result = await run([folder, '--page', `https://www.notion.so/Uploads-${emulator.pageId.replace(/-/g, '')}`, '--json']);
    assert.equal(result.code, 1, result.stderr);
    const reports = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
    assert.equal(reports.length, 3);
    for (const file of files.slice(0, 2)) {
      const report = reports.find((r) => r.path === file.path)!;
      assert.equal(report.state, 'done');
      assert.equal(report.sha256, file.sha256);
      assert.equal(report.bytes, file.size);
      assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
      assert.equal(emulator.blocks(emulator.pageId).find((block) => block.uploadId === report.uploadId)?.id, report.blockId);
      assert.equal(report.error, null);
    }
    const refused = reports.find((r) => r.path === files[2].path)!;
    assert.equal(refused.state, 'failed');
    assert.equal(refused.error.code, 'unsupported_type');
    assert.equal(refused.uploadId, null);
    assert.ok(!reports.some((r) => String(r.path).includes('.hidden')));
  });

  it('exits 0 when every file went, printing where each one landed; --markdown text sends a .md as .md.txt', async () => {
    const file = await writeRandomFile(dir, 'notes.md', 321);
    const result = await run([file.path, '--page', emulator.pageId, '--markdown', 'text']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^uploaded .*notes\.md -> https:\/\/www\.notion\.so\/[0-9a-f]{32}#[0-9a-f]{32} \(Sent as notes\.md\.txt/);
    assert.equal(emulator.uploads().find((upload) => upload.filename === 'notes.md.txt')?.sha256, file.sha256);
  });

  it('exits 2 on usage errors, before any request', async () => {
    const file = await writeRandomFile(dir, 'usage.png', 10);
    const cases: Array<[string[], Record<string, string | undefined>, RegExp]> = [
      [[file.path, '--page', emulator.pageId], {}, /set NOTION_TOKEN/],
      [[file.path], env(), /--page is required/],
      [[file.path, '--page', `https://www.notion.so/${'a'.repeat(32)}?v=${'b'.repeat(32)}`], env(), /database/],
      [[join(dir, 'missing.png'), '--page', emulator.pageId], env(), /no such file or folder/],
      [[file.path, '--page', emulator.pageId, '--part-size', '25'], env(), /--part-size/],
    ];
    for (const [args, runEnv, message] of cases) {
      const result = await run(args, runEnv);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    const http = await finish(launch([file.path, '--page', emulator.pageId, '--api-base', 'http://example.com'], env(), dir));
    assert.equal(http.code, 2);
    assert.match(http.stderr, /plain http/);
    assert.equal(emulator.requestLog().length, 0);
  });

  it('reports a rejected token with what to do, and never prints the token', async () => {
    const token = 'ntn_revokedtoken1234567890';
    emulator.addToken(token);
    emulator.revokeToken(token);
    const file = await writeRandomFile(dir, 'denied.png', 10);
    const result = await run([file.path, '--page', emulator.pageId], { NOTION_TOKEN: token });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /API token is invalid.*\n.*what to do: The token is wrong or was revoked/);
    assert.ok(!result.stderr.includes(token) && !result.stdout.includes(token));
  });

  it('--resume after the process was killed mid-upload sends only the parts not acknowledged', async () => {
    const file = await writeRandomFile(dir, 'killed.mp4', 26 * MiB); // 6 parts
    const statePath = join(dir, 'state.json');
    emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 20 * MiB } });
    const child = launch([file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--state', statePath, '--parts-in-flight', '1'], env(), dir);
    const exited = finish(child);
    let acknowledged: number[] = [];
    for (let waited = 0; acknowledged.length < 2; waited += 20) {
      assert.ok(waited < 20_000, 'no parts acknowledged in time');
      await new Promise((r) => setTimeout(r, 20));
      acknowledged = (await JsonFileSessionStore.readRecords(statePath))[0]?.partsAcknowledged ?? [];
    }
    child.kill('SIGKILL');
    await exited;
    const atKill = (await JsonFileSessionStore.readRecords(statePath))[0];
    emulator.clearFaults();
    emulator.clearLog();

    const resumed = await run([file.path, '--page', emulator.pageId, '--state', statePath, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const report = JSON.parse(resumed.stdout.trim()) as { uploadId: string; sha256: string; state: string; notice: string };
    assert.equal(report.uploadId, atKill.uploadId);
    assert.equal(report.sha256, file.sha256);
    assert.match(report.notice, /^Resumed/);
    const sent = new Set(emulator.requestLog().filter((entry) => entry.call === 'send').map((entry) => entry.partNumber));
    for (const part of atKill.partsAcknowledged) assert.ok(!sent.has(part), `part ${part} was acknowledged before the kill but sent again`);
    assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
    assert.equal(emulator.blocks(emulator.pageId).filter((block) => block.uploadId === report.uploadId).length, 1);
    const kept = await JsonFileSessionStore.readRecords(statePath);
    assert.deepEqual(kept.map((record) => [record.state, record.uploadId]), [['done', report.uploadId]], 'a finished upload stays as its finished record, nothing to resume');
    assert.ok(!existsSync(`${statePath}.lock`), 'the run released its lock');
  });

  it('--rate keeps a batch inside a server window shorter than a minute: no 429, every file lands', async () => {
    const files = await Promise.all([1, 2, 3].map((index) => writeRandomFile(dir, `rated-${index}.png`, 2000 + index)));
    emulator.setRateLimit({ requests: 5, windowMs: 1500 });
    const before = emulator.counters().rateLimited;
    const started = Date.now();
    try {
      const result = await run([...files.map((file) => file.path), '--page', emulator.pageId, '--rate', '5/1.5', '--json']);
      assert.equal(result.code, 0, result.stderr);
      for (const line of result.stdout.trim().split('\n')) {
        const report = JSON.parse(line) as { path: string; uploadId: string };
        assert.equal(emulator.upload(report.uploadId)?.sha256, files.find((file) => file.path === report.path)?.sha256);
      }
    } finally {
      emulator.setRateLimit(false);
    }
    assert.equal(emulator.counters().rateLimited - before, 0, 'the emulator answered 429');
    assert.ok(Date.now() - started >= 1500, '10 requests at 5 per 1.5 s cannot all start inside one window');
  });

  it('the bundle users install (dist/cli.js) uploads a multi-part file byte for byte, without loading node:http2', async () => {
    const bundle = bundledCli;
    assert.ok(existsSync(bundle), `${bundle} is missing: run node esbuild.mjs first`);
    const file = await writeRandomFile(dir, 'bundled.mp4', 21 * MiB + 3);
    const loadedList = join(dir, 'loaded-modules.json');
    const preload = join(dir, 'record-modules.js');
    await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loadedList)}, JSON.stringify(process.moduleLoadList)));`);
    const child = spawn(process.execPath, ['--require', preload, bundle, file.path, '--page', emulator.pageId, '--api-base', emulator.url, '--json'], {
      cwd: dir, env: { PATH: process.env.PATH, ...env() }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await finish(child);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { uploadId: string; sha256: string };
    assert.equal(report.sha256, file.sha256);
    assert.equal(emulator.upload(report.uploadId)?.sha256, file.sha256);
    assert.equal(emulator.upload(report.uploadId)?.partsTotal, 5);
    const loaded = JSON.parse(await readFile(loadedList, 'utf8')) as string[];
    assert.ok(loaded.some((name) => / net$/.test(name)), 'the record holds the modules the CLI loaded');
    assert.ok(!loaded.some((name) => / http2$/.test(name)), 'node:http2 was loaded');
  });

  it('prints usage with --help and exits 0', async () => {
    const result = await finish(launch(['--help'], {}, dir));
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: notion-upload <files or folders…> --page/);
  });
});
