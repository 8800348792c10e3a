// What the CLI bundle keeps in memory: the code a process loads stays resident, so an upload without Markdown must not
// load the Markdown parser, and the bundles' text must stay Latin-1 (V8 holds a script's source twice as large
// otherwise). Checked on dist/ as users run it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { MiB } from '../../src/core';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { finish } from '../support/cliProcess';
import { bundledCli } from '../support/projectPaths';

describe('CLI bundle footprint', function () {
  let emulator: Emulator;
  let dir: string;

  before(async () => {
    assert.ok(existsSync(bundledCli), `${bundledCli} is missing: run node esbuild.mjs first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'cli-footprint-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs dist/cli.js with a preload that records the files Node loaded, by base name, and Node's own modules it loaded. */
  async function loadedFiles(args: string[]): Promise<{ code: number | null; stderr: string; files: string[]; nodeModules: string[] }> {
    const list = join(dir, `loaded-${Date.now()}.json`);
    const preload = join(dir, 'record-files.js');
    await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify({ files: Object.keys(require.cache), nodeModules: process.moduleLoadList })));`);
    const child = spawn(process.execPath, ['--require', preload, bundledCli, ...args, '--page', emulator.pageId, '--api-base', emulator.url], {
      cwd: dir, env: { PATH: process.env.PATH, NOTION_TOKEN: emulator.token }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await finish(child);
    const loaded = JSON.parse(await readFile(list, 'utf8')) as { files: string[]; nodeModules: string[] };
    const files = loaded.files.filter((file) => dirname(file) === dirname(bundledCli)).map((file) => basename(file));
    const nodeModules = loaded.nodeModules.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
    return { code: result.code, stderr: result.stderr, files, nodeModules };
  }

  it('uploads a multi-part file without loading the Markdown parser', async () => {
    const file = await writeRandomFile(dir, 'plain.mp4', 21 * MiB);
    const run = await loadedFiles([file.path]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.files.includes('cli.js'), `the record holds the bundle itself: ${run.files.join(', ')}`);
    assert.ok(!run.files.includes('markdown.js'), `loaded: ${run.files.join(', ')}`);
    assert.ok(!run.files.some((name) => /markdown|micromark|yaml/i.test(name) && name !== 'markdown.js'), `loaded: ${run.files.join(', ')}`);
    const bundle = await readFile(bundledCli, 'utf8');
    assert.ok(!/micromark|mdast-util/.test(bundle), 'dist/cli.js itself carries no Markdown parser');
  });

  it("uploads over http without loading Node's HTTP, TLS, zlib or os modules", async () => {
    const file = await writeRandomFile(dir, 'plain.mp4', 21 * MiB);
    const run = await loadedFiles([file.path, '--json']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.nodeModules.includes('net'), `the record holds the modules an upload needs: ${run.nodeModules.join(', ')}`);
    // undici's client reads node:http for two values (esbuild.mjs gives it a stand-in); TLS is for https; zlib would
    // expand a compressed copy of llhttp's WebAssembly; os names the host in a state file's lock.
    const unneeded = run.nodeModules.filter((name) => ['http', '_http_client', 'https', 'tls', '_tls_wrap', 'zlib', 'os'].includes(name));
    assert.deepEqual(unneeded, []);
  });

  it("carries llhttp's WebAssembly byte for byte the installed undici's", async () => {
    const bundle = await readFile(bundledCli, 'latin1');
    const copies = [...bundle.matchAll(/Buffer\.from\(\s*"(AGFzbQ[A-Za-z0-9+/=]+)",\s*"base64"\s*\)/g)].map((match) => Buffer.from(match[1], 'base64'));
    assert.equal(copies.length, 1, 'cli.js should carry one build of llhttp');
    const installed = require('undici/lib/llhttp/llhttp-wasm.js') as Buffer;
    assert.equal(createHash('sha256').update(copies[0]).digest('hex'), createHash('sha256').update(installed).digest('hex'));
  });

  it('loads the Markdown bundle when a .md file is published', async () => {
    const note = join(dir, 'note.md');
    await writeFile(note, '# A note\n\nSome *text*.\n');
    const run = await loadedFiles([note, '--state', join(dir, 'state.json')]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.files.includes('markdown.js'), `loaded: ${run.files.join(', ')}`);
  });

  it('keeps every CLI bundle Latin-1, so V8 stores its source one byte per character', async () => {
    const bundles = (await readdir(dirname(bundledCli))).filter((name) => name.endsWith('.js'));
    for (const name of ['cli.js', 'coreLight.js', 'markdown.js']) {
      assert.ok(bundles.includes(name), `dist/${name} is built`);
      const text = await readFile(join(dirname(bundledCli), name), 'utf8');
      const wide = /[^\u0000-\u00ff]/.exec(text);
      assert.equal(wide, null, `dist/${name} holds ${JSON.stringify(wide?.[0])} at ${wide?.index}`);
    }
  });
});
