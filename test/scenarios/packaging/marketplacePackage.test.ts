// Packages the extension the way `npm run package` does and holds the result to what the Marketplace needs: vsce
// prints no warning, and every file the README shows (screenshots) or the Marketplace lists (CHANGELOG) is inside.
// Needs dist/extension.js (`node esbuild.mjs`), as `npm test` builds before mocha.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../support/projectPaths';

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  description: string;
  categories: string[];
  keywords: string[];
  icon: string;
  license: string;
};
const vsce = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** The arguments `npm run package` gives `vsce package`. */
function packageScriptArguments(): string[] {
  const match = /vsce package([^&|;]*)/.exec(manifest.scripts.package);
  assert.ok(match, 'the package script runs vsce package');
  return match[1].trim().split(/\s+/).filter(Boolean);
}

function runVsce(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [vsce, ...args], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('Marketplace package', () => {
  it('packages with the package script\'s arguments and vsce prints no warning', function () {
    if (!existsSync(join(projectRoot, 'dist', 'extension.js'))) assert.fail('dist/extension.js is missing: run `node esbuild.mjs` first');
    const dir = mkdtempSync(join(tmpdir(), 'vsix-'));
    try {
      const { status, output } = runVsce(['package', ...packageScriptArguments(), '-o', join(dir, 'test.vsix')]);
      assert.equal(status, 0, output);
      assert.deepEqual(output.split('\n').filter((line) => /WARNING/i.test(line)), [], output);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ships every image the README shows, the CHANGELOG and the LICENSE', () => {
    const { status, output } = runVsce(['ls', '--no-dependencies']);
    assert.equal(status, 0, output);
    const shipped = new Set(output.split('\n').map((line) => line.trim()).filter(Boolean));
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((target) => !/^https?:/.test(target));
    assert.ok(images.length > 0, 'the README shows screenshots');
    assert.deepEqual(images.filter((image) => !shipped.has(image)), [], 'README images missing from the VSIX');
    for (const file of ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/extension.js', manifest.icon]) assert.ok(shipped.has(file), `${file} is shipped`);
  });

  it('has what a Marketplace listing shows: description, categories, keywords, icon, license', () => {
    assert.ok(manifest.description.length > 20);
    assert.ok(manifest.categories.length > 0);
    assert.ok(manifest.keywords.length >= 3 && manifest.keywords.length <= 30, 'the Marketplace takes up to 30 keywords');
    assert.ok(existsSync(join(projectRoot, manifest.icon)));
    assert.equal(manifest.license, 'MIT');
  });
});
