// The one build script: the extension and CLI bundles, and the plain transpile of src/ and test/ into out/ for mocha.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

const argv = process.argv.slice(2);
const args = new Set(argv);
const production = args.has('--production');
const watch = args.has('--watch');
// --outdir <dir>: write the bundles there instead of dist/ (the bundle-layout test builds into a temporary folder).
const outdirIndex = argv.indexOf('--outdir');
const distDir = outdirIndex >= 0 ? argv[outdirIndex + 1] : 'dist';
if (!distDir) throw new Error('--outdir wants a folder');

function tsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

// Parts of undici this project never runs, left out of the bundles, each replaced by a stand-in that fails loudly if it
// is ever reached:
// - the HTTP/2 client (and with it node:http2, which costs CPU to load in every CLI run and extension activation,
//   docs/measurements.md): undici speaks HTTP/2 only when allowH2 is set, and src/core/notion/connection.ts never sets it;
// - the SOCKS5 proxy agent: connection.ts refuses a socks:// proxy before undici sees it;
// - FormData request bodies: our multipart bodies are streams of our own; the FormData code pulls in most of undici's fetch;
// - the SIMD build of its HTTP parser: undici tries it first and falls back to the plain build, which parses our few
//   small answers as well.
// (undici's other request APIs, stream, pipeline and upgrade, are not required at all: see undiciAgent.ts.)
const undiciStandIns = [
  { file: /dispatcher\/client-h2\.js$/, contents: "module.exports = () => { throw new Error('the HTTP/2 client of undici is not bundled'); };" },
  {
    file: /dispatcher\/socks5-proxy-agent\.js$/,
    contents: "module.exports = class { constructor() { throw new Error('the SOCKS5 proxy agent of undici is not bundled'); } };",
  },
  { file: /web\/fetch\/body\.js$/, contents: "exports.extractBody = () => { throw new Error('FormData request bodies are not bundled'); };" },
  { file: /llhttp_simd-wasm\.js$/, contents: "throw new Error('the SIMD build of llhttp is not bundled');" },
];
const withoutUnusedUndici = {
  name: 'without-unused-undici',
  setup(build) {
    build.onResolve({ filter: /(client-h2|socks5-proxy-agent|llhttp_simd-wasm|web\/fetch\/body)(\.js)?$/ }, (args) => {
      if (!args.resolveDir.includes('undici')) return undefined;
      const file = resolve(args.resolveDir, args.path).replaceAll('\\', '/');
      const index = undiciStandIns.findIndex((standIn) => standIn.file.test(file.endsWith('.js') ? file : `${file}.js`));
      return index >= 0 ? { path: String(index), namespace: 'without-unused-undici' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'without-unused-undici' }, (args) => ({ contents: undiciStandIns[Number(args.path)].contents, loader: 'js' }));
  },
};

// The CLI owns its process, and each of Node's modules it loads stays in its memory (docs/measurements.md). undici's
// client loads node:http (Node's whole HTTP client and server) for two values it reads at load: the class
// IncomingMessage, which it compares a stream it destroys with (our request bodies are generators, never an
// IncomingMessage), and the default limit on response headers. In the CLI bundle undici gets this stand-in, and
// node:http loads only if the limit was changed on Node's command line.
const nodeHttpStandIn = [
  // Node's limit is 16 KiB unless set with --max-http-header-size, on the command line or in NODE_OPTIONS.
  "const limitSet = /--max-http-header-size/.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`);",
  'exports.IncomingMessage = class IncomingMessageNotLoaded {};',
  "Object.defineProperty(exports, 'maxHeaderSize', { enumerable: true, get: () => (limitSet ? require('node:http').maxHeaderSize : 16 * 1024) });",
].join('\n');
const withoutNodeHttpForUndici = {
  name: 'without-node-http-for-undici',
  setup(build) {
    build.onResolve({ filter: /^node:http$/ }, (args) => (/[\\/]undici[\\/]/.test(args.importer) ? { path: 'http', namespace: 'node-http-stand-in' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'node-http-stand-in' }, () => ({ contents: nodeHttpStandIn, loader: 'js' }));
  },
};

// Two tables of data in bundled packages are most of their bundle's bytes written as text: undici's HTTP parser
// (llhttp's WebAssembly, 54 KB written as 72 KB of base64) and the HTML character references Markdown decodes (2,125
// names, 36 KB). The bundles carry them brotli-compressed instead (20 and 13 KB as base64), taken from the installed
// package at build time, so they are the package's own bytes and follow its version. Node's zlib expands each the first
// time it is needed: about a millisecond each, and about a millisecond more to load zlib, once per process.
const compressedData = {
  name: 'compressed-data',
  setup(build) {
    const requireHere = createRequire(import.meta.url);
    const packed = (bytes) => JSON.stringify(brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64'));
    const unpacked = (bytes) => `require("node:zlib").brotliDecompressSync(Buffer.from(${packed(bytes)}, "base64"))`;
    build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp-wasm\.js$/ }, (args) => {
      const wasm = requireHere(args.path);
      if (!Buffer.isBuffer(wasm) || wasm.subarray(0, 4).toString('latin1') !== '\0asm') throw new Error(`${args.path} no longer exports WebAssembly bytes`);
      return { contents: `let wasm; Object.defineProperty(module, "exports", { get: () => wasm ??= ${unpacked(wasm)} });`, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]character-entities[\\/]index\.js$/ }, async (args) => {
      const { characterEntities } = await import(pathToFileURL(args.path).href);
      if (Object.keys(characterEntities ?? {}).length < 2000) throw new Error(`${args.path} no longer exports the character references`);
      const json = Buffer.from(JSON.stringify(characterEntities), 'utf8');
      return { contents: `export const characterEntities = JSON.parse(${unpacked(json)}.toString("utf8"));`, loader: 'js' };
    });
  },
};

// The CLI carries llhttp's WebAssembly as plain base64 instead (its bundle is not in the VSIX, so its size matters less
// than its memory): expanding brotli loads Node's zlib and touches brotli's dictionary, more resident memory than the
// 50 KB of source the plain text adds (docs/measurements.md). undici reads the bytes once, to compile them; they are
// not kept after.
const plainLlhttpWasm = {
  name: 'plain-llhttp-wasm',
  setup(build) {
    const requireHere = createRequire(import.meta.url);
    build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]llhttp[\\/]llhttp-wasm\.js$/ }, (args) => {
      const wasm = requireHere(args.path);
      if (!Buffer.isBuffer(wasm) || wasm.subarray(0, 4).toString('latin1') !== '\0asm') throw new Error(`${args.path} no longer exports WebAssembly bytes`);
      return { contents: `Object.defineProperty(module, "exports", { get: () => Buffer.from(${JSON.stringify(wasm.toString('base64'))}, "base64") });`, loader: 'js' };
    });
  },
};

// undici's HTTP/1.1 client reads two tables of llhttp's constants module (the parser's error codes and message types);
// the module also builds some thirty character and method tables for llhttp's own build, 11 KB of the bundle. The
// bundles get just the tables the client reads, taken from the installed module at build time; a new reader of the
// module fails the build, so a later undici cannot miss a table.
const llhttpConstantsReadByTheClient = {
  name: 'llhttp-constants-read-by-the-client',
  setup(build) {
    const requireHere = createRequire(import.meta.url);
    build.onResolve({ filter: /llhttp[\\/]constants(\.js)?$/ }, (args) => {
      if (!args.resolveDir.includes('undici')) return undefined;
      if (!/[\\/]dispatcher[\\/]client-h1\.js$/.test(args.importer)) throw new Error(`${args.importer} reads llhttp's constants too: update esbuild.mjs`);
      return { path: resolve(args.resolveDir, args.path), namespace: 'llhttp-constants' };
    });
    build.onLoad({ filter: /.*/, namespace: 'llhttp-constants' }, (args) => {
      const client = readFileSync(join(args.path, '..', '..', 'dispatcher', 'client-h1.js'), 'utf8');
      const names = [...new Set([...client.matchAll(/(?<![\w/.])constants\.(\w+)/g)].map((match) => match[1]))];
      const constants = requireHere(args.path);
      const missing = names.filter((name) => constants[name] === undefined);
      if (names.length === 0 || missing.length > 0) throw new Error(`llhttp's constants: client-h1.js reads ${names.join(', ') || 'nothing'}; missing ${missing.join(', ')}`);
      return { contents: `module.exports = ${JSON.stringify(Object.fromEntries(names.map((name) => [name, constants[name]])))};`, loader: 'js' };
    });
  },
};

// Each `import * as vscode from 'vscode'` becomes its own copy of the whole vscode API object (esbuild's __toESM copies
// every property of a CommonJS module it imports as a namespace), once per importing module, at load. Every module
// imports this one ES module instead, which takes the API over once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/** The .ts file an import names, if it is a relative import of a file of ours. */
function sourceFileOf(args) {
  if (!args.path.startsWith('.')) return undefined;
  const base = resolve(args.resolveDir, args.path);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

// V8 keeps a script's source for the life of the process, as one-byte characters only if every character fits in
// Latin-1; one comment with an arrow or an ellipsis (bundled packages have them) doubles the CLI bundle's source in
// memory. With esbuild's default ASCII charset every string, template and regular expression is already escaped, so
// what is left outside ASCII is comment text, which this replaces character for character (source maps stay right).
const latin1Output = {
  name: 'latin1-output',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      const file = build.initialOptions.outfile;
      const text = await readFile(file, 'utf8');
      const narrowed = text.replace(/[^\u0000-\u00ff]/g, '?');
      if (narrowed !== text) await writeFile(file, narrowed);
    });
  },
};

const coreIndex = resolve('src/core/index.ts');
const coreLight = resolve('src/core/light.ts');
/** The modules core/light re-exports whole: in the extension they exist once, in coreLight.js. */
const lightMembers = new Set(
  [...readFileSync(coreLight, 'utf8').matchAll(/^export \* from '(\.[^']+)';$/gm)].map((match) => sourceFileOf({ path: match[1], resolveDir: resolve('src/core') })),
);

// The extension ships as four files so that activation loads only what it needs:
// - extension.js: src/vscode's activation, the Uploads view and the session commands, loaded at activation;
// - coreLight.js: core/light (rules, settings, errors, formatting), loaded at activation by extension.js;
// - onFirstUse.js: the upload, publish and connection commands with the folder walk's glob and .gitignore matchers,
//   required on the first of those commands (activate.ts's loadCommands);
// - core.js: the rest of the core with undici under it, required on the first call that talks to Notion
//   (uploadService.ts's loadCore).
// core.js takes light's modules from coreLight.js instead of bundling copies, so an error class is one class for both
// (describeError's instanceof checks see the NotionApiError that the Notion client threw). onFirstUse.js carries its
// own copies of the few small src/vscode modules it shares with extension.js (settings readers, command ids, error
// wording): they hold no state and define no class that is checked with instanceof.
const splitExtension = (redirects) => ({
  name: 'split-extension',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      const file = sourceFileOf(args);
      const target = file && redirects(file);
      return target ? { path: target, external: true } : undefined;
    });
  },
});
// The Markdown parser and YAML (about a third of the code) are markdown.js, loaded only to publish a .md file (the CLI's
// src/cli/markdownPages.ts, the extension's publish command): the code a process has loaded stays in its memory, and
// most runs publish no Markdown. Every bundle takes light's modules from coreLight.js, so an error class is one class.
const markdownIndex = resolve('src/core/markdown/index.ts');
const onFirstUse = resolve('src/vscode/onFirstUse.ts');
const extensionRedirects = (file) => (file === coreIndex ? './core.js' : file === coreLight ? './coreLight.js' : file === onFirstUse ? './onFirstUse.js' : file === markdownIndex ? './markdown.js' : undefined);
const onFirstUseRedirects = (file) => (file === coreIndex ? './core.js' : file === coreLight ? './coreLight.js' : file === markdownIndex ? './markdown.js' : undefined);
const coreRedirects = (file) => (file === coreLight || lightMembers.has(file) ? './coreLight.js' : undefined);
const cliRedirects = (file) => (file === markdownIndex ? './markdown.js' : coreRedirects(file));

const bundles = [
  // import() of core.js becomes require() in a promise: the extension host loads it as CommonJS, beside coreLight.js.
  { entryPoints: ['src/extension.ts'], outfile: join(distDir, 'extension.js'), plugins: [splitExtension(extensionRedirects), vscodeOnce], supported: { 'dynamic-import': false } },
  { entryPoints: ['src/vscode/onFirstUse.ts'], outfile: join(distDir, 'onFirstUse.js'), plugins: [splitExtension(onFirstUseRedirects), vscodeOnce], supported: { 'dynamic-import': false } },
  { entryPoints: ['src/core/light.ts'], outfile: join(distDir, 'coreLight.js'), plugins: [latin1Output] },
  { entryPoints: ['src/core/index.ts'], outfile: join(distDir, 'core.js'), plugins: [splitExtension(coreRedirects)] },
  { entryPoints: ['src/cli/main.ts'], outfile: join(distDir, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [splitExtension(cliRedirects), withoutNodeHttpForUndici, plainLlhttpWasm, latin1Output] },
  { entryPoints: ['src/core/markdown/index.ts'], outfile: join(distDir, 'markdown.js'), plugins: [splitExtension(coreRedirects), latin1Output] },
].map((bundle) => ({
  ...bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  plugins: [...(bundle.plugins ?? []), withoutUnusedUndici, llhttpConstantsReadByTheClient, compressedData],
  logLevel: 'warning',
}));

const transpile = {
  entryPoints: [...tsFilesUnder('src'), ...tsFilesUnder('test')],
  outdir: 'out',
  outbase: '.',
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

const configs = args.has('--tests') ? [transpile] : bundles;

if (watch) {
  for (const config of configs) await (await esbuild.context(config)).watch();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
