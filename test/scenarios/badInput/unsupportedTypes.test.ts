import { strict as assert } from 'node:assert';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRandomFile } from '../../core/support/randomFile';
import { UploadHarness } from '../../core/support/uploadHarness';
import { jsonReports, runCli } from '../../support/cliProcess';

/** How a type fares: refused with this reason, or sent under this name, content type and block type. */
type Outcome = RegExp | { name: string; contentType: string; block: string };

const types: Array<{ file: string; refuse: Outcome; asText: Outcome }> = [
  { file: 'archive.zip', refuse: /\.zip files/, asText: /\.zip files/ },
  { file: 'bundle.tar.gz', refuse: /\.gz files/, asText: /\.gz files/ },
  { file: 'tool.exe', refuse: /\.exe files/, asText: /\.exe files/ },
  { file: 'notes.md', refuse: /\.md files/, asText: { name: 'notes.md.txt', contentType: 'text/plain', block: 'file' } },
  { file: 'table.CSV', refuse: /\.csv files/, asText: { name: 'table.CSV.txt', contentType: 'text/plain', block: 'file' } },
  { file: 'main.py', refuse: /\.py files/, asText: { name: 'main.py.txt', contentType: 'text/plain', block: 'file' } },
  { file: 'REPORT.PDF', refuse: { name: 'REPORT.PDF', contentType: 'application/pdf', block: 'pdf' }, asText: { name: 'REPORT.PDF', contentType: 'application/pdf', block: 'pdf' } },
  { file: 'logo.svg', refuse: { name: 'logo.svg', contentType: 'image/svg+xml', block: 'image' }, asText: { name: 'logo.svg', contentType: 'image/svg+xml', block: 'image' } },
  { file: 'page.html', refuse: { name: 'page.html', contentType: 'text/html', block: 'file' }, asText: { name: 'page.html', contentType: 'text/html', block: 'file' } },
];

describe('bad input: unsupported types, with and without asText', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  for (const setting of ['refuse', 'asText'] as const) {
    it(`${setting === 'asText' ? 'asked to send text as .txt' : 'not asked'}: allowed types go as they are, text goes as .txt only when asked, the rest is refused unsent`, async () => {
      const manager = harness.manager();
      for (const type of types) {
        harness.reset();
        const file = await writeRandomFile(harness.dir, type.file, 777);
        const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId, { asText: setting === 'asText' }).id);
        const expected = type[setting];
        if (expected instanceof RegExp) {
          assert.deepEqual([settled.state, settled.error?.code, settled.uploadId], ['failed', 'unsupported_type', null], type.file);
          assert.match(settled.error?.message ?? '', expected);
          assert.ok(settled.error?.hint, `${type.file}: says what to do`);
          assert.deepEqual(harness.emulator.requestLog().filter((entry) => entry.call !== 'usersMe'), [], `${type.file}: nothing sent`);
        } else {
          assert.equal(settled.state, 'done', `${type.file}: ${JSON.stringify(settled.error)}`);
          const upload = harness.emulator.upload(settled.uploadId!)!;
          assert.deepEqual([upload.filename, upload.contentType, upload.sha256], [expected.name, expected.contentType, file.sha256], type.file);
          assert.deepEqual(harness.emulator.blocks(harness.emulator.pageId).filter((b) => b.uploadId === upload.id).map((b) => b.type), [expected.block]);
        }
      }
    });
  }

  it('the CLI with --as-text --markdown text over a mixed folder: text as .txt, binaries refused by name, exit 1', async () => {
    const folder = join(harness.dir, 'mixed');
    await mkdir(folder, { recursive: true });
    const markdown = await writeRandomFile(folder, 'readme.md', 300);
    const zip = await writeRandomFile(folder, 'data.zip', 300);
    const png = await writeRandomFile(folder, 'shot.png', 300);
    const run = await runCli({ args: [folder, '--page', harness.emulator.pageId, '--api-base', harness.emulator.url, '--as-text', '--markdown', 'text', '--json'], env: { NOTION_TOKEN: harness.emulator.token }, cwd: harness.dir });
    assert.equal(run.code, 1, run.stderr);
    const byPath = new Map(jsonReports(run).map((report) => [report.path, report]));
    assert.equal(byPath.get(markdown.path)?.sha256, markdown.sha256);
    assert.equal(harness.emulator.upload(byPath.get(markdown.path)?.uploadId)?.filename, 'readme.md.txt');
    assert.equal(byPath.get(png.path)?.state, 'done');
    assert.deepEqual([byPath.get(zip.path)?.state, byPath.get(zip.path)?.error?.code], ['failed', 'unsupported_type']);
  });
});
