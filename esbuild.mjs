// The one build script: the extension and CLI bundles, and the plain transpile of src/ and test/ into out/ for mocha.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

function tsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

// undici loads node:http2 when its Agent module loads, for HTTP/2 connections this project never opens (allowH2 is
// off). Node's http2 costs about 15 ms of CPU to load, in every CLI run and every extension activation; undici
// already copes with a Node built without http2, so the bundles get that empty stand-in instead.
const withoutHttp2 = {
  name: 'without-http2',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http2$/ }, () => ({ path: 'http2', namespace: 'without-http2' }));
    build.onLoad({ filter: /.*/, namespace: 'without-http2' }, () => ({ contents: 'module.exports = { constants: {} };', loader: 'js' }));
  },
};

const bundles = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
].map((bundle) => ({
  ...bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  plugins: [withoutHttp2],
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
