// compileGlobs decides as picomatch's own matcher does (with the options the extension gives it), without building
// an object per test.
import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import { compileGlobs } from '../../../src/vscode/globs';

const patterns = ['**/.env*', '**/*.pem', '*.key', '**/id_rsa*', '**/.git', 'node_modules', '**/{dist,out}/**', 'a?c.txt', '[ab]*.md', '**/*credentials*', '  spaced/**  ', ''];
const paths = [
  '.env', 'config/.env.local', 'deep/a/b/key.pem', 'x.key', 'sub/x.key', 'home/id_rsa.pub', '.git', 'pkg/.git', 'node_modules',
  'src/node_modules', 'dist/a.js', 'a/out/b/c.js', 'abc.txt', 'abbc.txt', 'a.md', 'bee.md', 'c.md', 'my-credentials.json',
  'spaced/x', 'spaced', '', 'plain.txt', '.hidden/x.pem', '**/*.pem',
];

describe('compileGlobs', () => {
  it('matches exactly what picomatch matches, pattern by pattern and all together', () => {
    const options = { dot: true, nocase: process.platform === 'win32' };
    for (const pattern of patterns) {
      const ours = compileGlobs([pattern]);
      const trimmed = pattern.trim();
      const theirs = trimmed ? picomatch(trimmed, options) : () => false;
      for (const path of paths) assert.equal(ours(path), theirs(path), `${JSON.stringify(pattern)} against ${JSON.stringify(path)}`);
    }
    const all = compileGlobs(patterns);
    const any = picomatch(patterns.map((pattern) => pattern.trim()).filter(Boolean), options);
    for (const path of paths) assert.equal(all(path), any(path), JSON.stringify(path));
    assert.equal(compileGlobs([])('anything'), false);
  });
});
