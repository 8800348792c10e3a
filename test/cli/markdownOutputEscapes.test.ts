// Terminal escapes in a Markdown file's name, title or image paths print as visible text in every publish line and
// warning (a raw ESC could clear the screen, retitle the window, or write the clipboard through OSC 52).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../emulator/index';
import { CLI, finish, launch } from '../support/cliProcess';

const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('notion-upload publish output with terminal escapes in names', function () {
  let emulator: Emulator;
  let dir: string;
  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start({ rateLimit: false });
    dir = await mkdtemp(join(tmpdir(), 'cli-md-escapes-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const name = 'x\x1b[2J\x1b]0;pwned\x07y.md';
  const image = './m\x1b]52;c;cHduZWQ=\x07.png';

  for (const json of [false, true]) {
    it(`the published line and the missing-file warning escape ESC, BEL and OSC 52${json ? ' (--json)' : ''}`, async () => {
      const file = join(dir, json ? `j${name}` : name);
      await writeFile(file, `# Title\x1b[31m red\n\n![a](<${image}>)\n`);
      const result = await finish(launch([file, '--page', emulator.pageId, '--api-base', emulator.url, ...(json ? ['--json'] : [])],
        { NOTION_TOKEN: emulator.token }, dir), 60_000);
      assert.equal(result.code, 0, result.stderr);
      assert.doesNotMatch(result.stdout, RAW, JSON.stringify(result.stdout));
      assert.doesNotMatch(result.stderr, RAW, JSON.stringify(result.stderr));
      assert.match(result.stderr, /m\\x1b\]52;c;cHduZWQ=\\x07\.png: no such file/);
      if (json) {
        const report = JSON.parse(result.stdout.trim()) as { path: string };
        assert.equal(report.path, file, 'the JSON still parses back to the real name');
      } else {
        assert.match(result.stdout, /^x\\x1b\[2J\\x1b\]0;pwned\\x07y\.md → published "Title\\x1b\[31m red"/);
      }
    });
  }

  it('a failure line escapes the name too', async () => {
    const file = join(dir, `f${name}`);
    await writeFile(file, '# Refused\n\nText.\n');
    emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'status', status: 400 } });
    const result = await finish(launch([file, '--page', emulator.pageId, '--api-base', emulator.url], { NOTION_TOKEN: emulator.token }, dir), 60_000);
    emulator.clearFaults();
    assert.equal(result.code, 1, result.stderr);
    assert.doesNotMatch(result.stderr, RAW, JSON.stringify(result.stderr));
    assert.match(result.stderr, /fx\\x1b\[2J.*: not published:/);
  });
});
