// --try-unknown-types: a type outside Notion's documented list goes with its standard MIME type, and Notion decides.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArguments } from '../../src/cli/cliArguments';
import { start, type Emulator } from '../emulator/index';
import { writeRandomFile } from '../core/support/randomFile';
import { finish, jsonReports, launch } from '../support/cliProcess';

describe('notion-upload --try-unknown-types', () => {
  let dir: string;
  const emulators: Emulator[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-unknown-types-'));
  });
  after(async () => {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('is a setting the flag turns on, off by default', () => {
    assert.equal(parseCliArguments(['x.md', '--page', '1f2e3d4c5b6a79881f2e3d4c5b6a7988', '--try-unknown-types']).settings.tryUnknownTypes, true);
    assert.equal(parseCliArguments(['x.md', '--page', '1f2e3d4c5b6a79881f2e3d4c5b6a7988']).settings.tryUnknownTypes, undefined);
  });

  it('sends .csv as text/csv: refused at create where Notion does not take it, uploaded where it does', async () => {
    const file = await writeRandomFile(dir, 'table.csv', 2000);
    const narrow = await start();
    const wide = await start({ switches: { wideTypeList: true } });
    emulators.push(narrow, wide);
    const run = (emulator: Emulator) => finish(launch([file.path, '--page', emulator.pageId, '--json', '--try-unknown-types', '--api-base', emulator.url],
      { NOTION_TOKEN: emulator.token }, dir));

    const refused = await run(narrow);
    assert.equal(refused.code, 1, refused.stderr);
    const [report] = jsonReports(refused);
    assert.equal(report.state, 'failed');
    assert.match(report.error.message, /not supported/);
    assert.deepEqual(narrow.requestLog().map((entry) => entry.call), ['retrievePage', 'usersMe', 'create'], 'no byte sent');

    const taken = await run(wide);
    assert.equal(taken.code, 0, taken.stderr);
    const [done] = jsonReports(taken);
    assert.equal(wide.upload(done.uploadId)?.contentType, 'text/csv');
    assert.equal(wide.upload(done.uploadId)?.sha256, file.sha256);
  });
});
