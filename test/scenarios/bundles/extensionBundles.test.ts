// The extension ships as three bundles (see esbuild.mjs): what activation loads must not pull in the network stack,
// the lazily loaded core must share the light surface's classes rather than carry copies, and the VSIX must ship every
// file the bundles require. Built here into a temporary folder, in production mode, as the VSIX gets them.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { projectRoot } from '../../support/projectPaths';
import { startTinyproxy, tinyproxyBinary, TINYPROXY_MISSING } from '../../support/tinyproxy';
import { start } from '../../emulator/index';
import { writeRandomFile } from '../../core/support/randomFile';

/** Runs a script in a fresh Node process (nothing preloaded) and returns what it prints as JSON. */
function inFreshNode(script: string, cwd: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' }));
}

/** The data a bundle carries brotli-compressed (see esbuild.mjs), expanded. */
function compressedPayloads(bundle: string): Buffer[] {
  return [...bundle.matchAll(/brotliDecompressSync\(Buffer\.from\("([A-Za-z0-9+/=]+)","base64"\)\)/g)].map((match) => brotliDecompressSync(Buffer.from(match[1], 'base64')));
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

// The production build's sizes are the same on every machine. The issue's target is 450,000 bytes; this budget holds
// what has been reached, with room for a little more code, so that a new dependency or a package entry imported whole
// fails here. Lower it as the bundles shrink.
const SHIPPED_BUDGET = 525_000;

/** The bundles .vscodeignore lets into the VSIX (its `!dist/...` lines). */
function shippedBundles(): string[] {
  return readFileSync(join(projectRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!dist/'))
    .map((line) => line.slice('!dist/'.length).trim());
}

function relativeRequires(bundle: string): string[] {
  return [...new Set([...readFileSync(bundle, 'utf8').matchAll(/require\("\.\/([^"]+)"\)/g)].map((match) => match[1]))].sort();
}

describe('extension bundles', function () {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'extension-bundles-'));
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', dir], { cwd: projectRoot, stdio: 'inherit' });
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('splits the extension: extension.js requires coreLight.js, onFirstUse.js and core.js; only the publish command requires markdown.js', () => {
    assert.deepEqual(relativeRequires(join(dir, 'extension.js')), ['core.js', 'coreLight.js', 'onFirstUse.js']);
    assert.deepEqual(relativeRequires(join(dir, 'onFirstUse.js')), ['coreLight.js', 'markdown.js']);
    assert.deepEqual(relativeRequires(join(dir, 'core.js')), ['coreLight.js']);
    assert.deepEqual(relativeRequires(join(dir, 'markdown.js')), ['coreLight.js']);
    const files = ['extension.js', 'coreLight.js', 'onFirstUse.js', 'core.js', 'markdown.js'];
    const sizes = files.map((file) => statSync(join(dir, file)).size);
    // Printed; the total is asserted against a budget below.
    console.log(
      `      production sizes: ${files.map((file, index) => `${file} ${sizes[index]} B`).join(', ')}; up to the first upload ${sizes.slice(0, 4).reduce((a, b) => a + b, 0)} B, total ${sizes.reduce((a, b) => a + b, 0)} B`,
    );
  });

  it(`keeps the bundles the VSIX ships within ${SHIPPED_BUDGET.toLocaleString('en')} bytes in all`, () => {
    const shipped = shippedBundles();
    const sizes = shipped.map((file) => `${file} ${statSync(join(dir, file)).size}`);
    const total = shipped.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
    assert.ok(shipped.length >= 5, `.vscodeignore ships ${shipped.join(', ')}`);
    assert.ok(total <= SHIPPED_BUDGET, `the VSIX's bundles add up to ${total} bytes (${sizes.join(', ')}), over the budget of ${SHIPPED_BUDGET}`);
  });

  it('keeps the glob and .gitignore matchers out of what activation loads', () => {
    const atActivation = readFileSync(join(dir, 'extension.js'), 'utf8') + readFileSync(join(dir, 'coreLight.js'), 'utf8');
    const onFirstUse = readFileSync(join(dir, 'onFirstUse.js'), 'utf8');
    // Phrases from picomatch's and ignore's own code, which minifying keeps (strings).
    for (const phrase of ['Expected pattern to be a non-empty string', 'path must be a string']) {
      assert.ok(onFirstUse.includes(phrase), `onFirstUse.js lacks “${phrase}”: the check no longer finds the library`);
      assert.ok(!atActivation.includes(phrase), `“${phrase}” is in what activation loads`);
    }
  });

  it('takes the vscode module over once, not once per source module', () => {
    for (const file of ['extension.js', 'onFirstUse.js']) {
      assert.equal(readFileSync(join(dir, file), 'utf8').match(/require\("vscode"\)/g)?.length, 1, file);
    }
  });

  it("leaves undici's FormData bodies and the SIMD build of its parser out of core.js (every upload test runs through the bundles without them)", () => {
    const core = readFileSync(join(dir, 'core.js'), 'utf8');
    // Strings of undici's own code, which minifying keeps: its web IDL checks, its FormData parser, a WebAssembly header.
    assert.ok(!core.includes('Failed to parse body as FormData'), 'core.js carries the FormData parser');
    assert.ok(!core.includes('Illegal invocation'), "core.js carries undici's web IDL checks");
    assert.equal(compressedPayloads(core).length, 1, 'core.js should carry one build of llhttp');
  });

  it("carries llhttp's WebAssembly compressed, byte for byte the installed undici's", () => {
    const core = readFileSync(join(dir, 'core.js'), 'utf8');
    assert.ok(!core.includes('AGFzbQ'), 'core.js carries WebAssembly as plain base64');
    const [wasm] = compressedPayloads(core);
    assert.equal(sha256(wasm), sha256(require('undici/lib/llhttp/llhttp-wasm.js') as Buffer));
  });

  it('decodes every HTML character reference in Markdown as the character-entities package does, from its compressed copy', () => {
    const table = (require('character-entities') as typeof import('character-entities')).characterEntities;
    const names = Object.keys(table);
    assert.ok(names.length > 2000);
    const bundled = require(join(dir, 'markdown.js')) as typeof import('../../../src/core/markdown/index');
    // One reference per table cell keeps a decoded newline or tab from being read as Markdown.
    const markdown = `| name | decoded |\n| - | - |\n${names.map((name) => `| ${name} | x&${name};x |`).join('\n')}\n`;
    const root = bundled.parseMarkdown(markdown) as import('mdast').Root;
    const table0 = root.children[0];
    assert.equal(table0.type, 'table');
    const decoded = table0.children.slice(1).map((row) => row.children[1].children.map((node) => ('value' in node ? node.value : '')).join(''));
    assert.deepEqual(decoded, names.map((name) => `x${table[name]}x`));
    assert.equal(compressedPayloads(readFileSync(join(dir, 'markdown.js'), 'utf8')).length, 1);
  });

  it("leaves undici's HTTP/2 client, SOCKS5 agent and stream/pipeline APIs out of core.js, with stand-ins that fail loudly", () => {
    const core = readFileSync(join(dir, 'core.js'), 'utf8');
    // Strings of that code, which minifying keeps: an HTTP/2 GOAWAY error, a SOCKS5 timeout, the stream and pipeline checks.
    for (const phrase of ['GOAWAY', 'SOCKS5 connection timeout', 'expected Writable', 'expected Readable']) {
      assert.ok(!core.includes(phrase), `core.js carries “${phrase}”`);
    }
    for (const standIn of ['the HTTP/2 client of undici is not bundled', 'the SOCKS5 proxy agent of undici is not bundled']) {
      assert.ok(core.includes(standIn), `core.js lacks the stand-in that says “${standIn}”`);
    }
  });

  it("keeps of llhttp's constants only the tables undici's HTTP/1.1 client reads, with the installed undici's values", () => {
    const core = readFileSync(join(dir, 'core.js'), 'utf8');
    const constants = require('undici/lib/llhttp/constants.js') as Record<string, Record<string, number>>;
    for (const table of ['METHODS_RTSP', 'HTAB_SP_VCHAR_OBS_TEXT', 'SPECIAL_HEADERS']) assert.ok(!core.includes(table), `core.js carries llhttp's ${table}`);
    for (const table of ['TYPE', 'ERROR']) {
      for (const [name, code] of Object.entries(constants[table])) assert.ok(core.includes(`${name}:${code}`), `core.js lacks ${table}.${name} = ${code}`);
    }
  });

  it('uploads through an HTTP proxy with the bundled core.js (the CONNECT tunnel uses what is left of undici)', async function () {
    if (!tinyproxyBinary()) {
      console.log(`      ${TINYPROXY_MISSING}`);
      this.skip();
    }
    const { UploadManager } = require(join(dir, 'core.js')) as typeof import('../../../src/core');
    const [emulator, proxy] = await Promise.all([start({ tls: true }), startTinyproxy()]);
    const manager = new UploadManager({
      token: emulator.token, settings: { apiBase: emulator.url, partSize: 5 },
      connection: { httpsProxy: proxy.url, extraCaCertificates: [emulator.caCertificate!] },
    });
    try {
      const file = await writeRandomFile(dir, 'through-the-proxy.pdf', 6 * 1024 * 1024 + 7);
      const status = await manager.whenSettled(manager.add(file.path, emulator.pageId).id);
      assert.equal(status.state, 'done', JSON.stringify(status.error));
      assert.equal(emulator.upload(status.uploadId!)?.sha256, file.sha256);
      assert.deepEqual([...new Set(await proxy.connectTargets())], [new URL(emulator.url).host]);
    } finally {
      await manager.dispose();
      await Promise.all([proxy.stop(), emulator.stop()]);
    }
  });

  it('loads coreLight.js without any network module', () => {
    const loaded = inFreshNode(
      `require('./coreLight.js'); console.log(JSON.stringify(process.moduleLoadList.filter((name) => /^NativeModule (net|tls|http|https|http2|dns)$/.test(name))))`,
      dir,
    );
    assert.deepEqual(loaded, []);
  });

  it('gives core.js the same error classes as coreLight.js, so describeError recognises what the client throws', () => {
    const shared = inFreshNode(
      `const light = require('./coreLight.js'); const core = require('./core.js');
       console.log(JSON.stringify(['UploaderError', 'NotionApiError', 'NotionNetworkError', 'UploadFailure', 'PageLinkError', 'SettingsError', 'describeError'].filter((name) => core[name] !== light[name])))`,
      dir,
    );
    assert.deepEqual(shared, []);
  });

  it('ships every file the bundles require in the VSIX', () => {
    const shipped = shippedBundles();
    const needed = ['extension.js', ...relativeRequires(join(dir, 'extension.js')), ...relativeRequires(join(dir, 'core.js'))];
    for (const file of needed) {
      assert.ok(existsSync(join(dir, file)), `${file} is required but not built`);
      assert.ok(shipped.includes(file), `${file} is required but .vscodeignore leaves it out of the VSIX`);
    }
  });
});
