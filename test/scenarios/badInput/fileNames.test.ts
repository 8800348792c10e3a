import { strict as assert } from 'node:assert';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILENAME_MAX_UTF8_BYTES, MiB, NotionClient, planUpload, type UploadPlan } from '../../../src/core';
import { fileRangeBody } from '../../../src/core/transfer/multipartBody';
import { writeRandomFile } from '../../core/support/randomFile';
import { UploadHarness } from '../../core/support/uploadHarness';

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('bad input: file names', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('uploads Unicode and awkward names byte-exact, with the name Notion shows intact', async () => {
    const names = [
      'Résumé – 日本語 🎉.pdf',
      'Cafe\u0301 (decomposed).txt',
      'say "hi"; x\\y = 1.png',
      `${'é'.repeat(123)}.txt`, // 250 bytes, near the 255-byte limit of the file system
    ];
    const manager = harness.manager();
    for (const name of names) {
      const file = await writeRandomFile(harness.dir, name, 1234);
      const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(settled.state, 'done', `${JSON.stringify(name)}: ${JSON.stringify(settled.error)}`);
      const upload = harness.emulator.upload(settled.uploadId!)!;
      assert.deepEqual([upload.filename, upload.sha256], [name, file.sha256], JSON.stringify(name));
      const [block] = harness.emulator.blocks(harness.emulator.pageId).filter((b) => b.uploadId === settled.uploadId);
      if (block.type === 'file') assert.equal(block.name, name);
    }
  });

  it('refuses a name with a line break or an escape sequence before any request, showing it escaped', async () => {
    const manager = harness.manager();
    const cases: Array<[name: string, shown: string]> = [
      ['line\nbreak.json', 'line\\nbreak.json'],
      ['clear\x1b[2Jscreen.png', 'clear\\x1b[2Jscreen.png'],
      ['bell\x07.pdf', 'bell\\x07.pdf'],
      ['c1\u009b31m.png', 'c1\\x9b31m.png'],
    ];
    for (const [name, shown] of cases) {
      const file = await writeRandomFile(harness.dir, name, 100);
      harness.emulator.clearLog();
      const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(settled.state, 'failed', JSON.stringify(name));
      assert.equal(settled.error?.code, 'name_has_control_characters');
      assert.ok(settled.error!.message.includes(`"${shown}"`), settled.error!.message);
      assert.ok(!/[\u0000-\u001f\u007f-\u009f]/.test(settled.error!.message + settled.error!.hint), 'the message holds a raw control character');
      assert.match(settled.error!.hint ?? '', /Rename the file/);
      assert.deepEqual(harness.emulator.requestLog().filter((entry) => entry.call === 'create'), []);
    }
  });

  describe('exactly 900 bytes of UTF-8 is the limit', () => {
    // No file system stores a 900-byte name, so the plan is checked directly and its upload made by hand.
    const at = `${'ü'.repeat(400)}${'a'.repeat(96)}.pdf`;
    const over = `${'ü'.repeat(400)}${'a'.repeat(97)}.pdf`;

    it('plans a 900-byte name and Notion takes it, bytes and all', async () => {
      assert.equal(utf8Bytes(at), FILENAME_MAX_UTF8_BYTES);
      const planned = planUpload({ fileName: at, sizeBytes: 4096, maxFileUploadSizeBytes: 5 * 1024 * MiB, partSizeBytes: 5 * MiB });
      assert.ok(planned.ok, JSON.stringify(planned));
      const plan: UploadPlan = planned.plan;
      const file = await writeRandomFile(harness.dir, 'long-name-source.pdf', plan.sizeBytes);
      const client = new NotionClient({ token: harness.emulator.token, apiBase: harness.emulator.url });
      try {
        const created = await client.createFileUpload({ mode: plan.mode, filename: plan.uploadName, contentType: plan.contentType });
        const sent = await client.sendFileUpload(created.id, () => fileRangeBody({
          filePath: file.path, start: 0, length: plan.sizeBytes, uploadName: plan.uploadName, contentType: plan.contentType,
        }));
        assert.equal(sent.status, 'uploaded');
        const stored = harness.emulator.upload(created.id)!;
        assert.deepEqual([stored.filename, stored.sha256], [at, file.sha256]);
      } finally {
        await client.close();
      }
    });

    it('refuses 901 bytes locally, with the count and what to do', () => {
      assert.equal(utf8Bytes(over), FILENAME_MAX_UTF8_BYTES + 1);
      const refused = planUpload({ fileName: over, sizeBytes: 4096, maxFileUploadSizeBytes: 5 * 1024 * MiB, partSizeBytes: 5 * MiB });
      assert.ok(!refused.ok);
      assert.equal(refused.refusal.code, 'name_too_long');
      assert.match(refused.refusal.reason, /901 bytes in UTF-8; Notion allows at most 900/);
      assert.match(refused.refusal.remedy, /Rename/);
    });
  });

  describe('names without an extension, or with a leading dot', () => {
    const cases: Array<{ name: string; refuse: RegExp | string; asText: RegExp | string }> = [
      // name on disk -> outcome without and with "upload as text" (a RegExp is the refusal reason; a string the name Notion gets)
      { name: 'Makefile', refuse: /extensionless files/, asText: 'Makefile.txt' },
      { name: 'blob', refuse: /extensionless files/, asText: /extensionless files/ },
      { name: 'trailing.', refuse: /extensionless files/, asText: /extensionless files/ },
      { name: '.gitignore', refuse: /\.gitignore files/, asText: '.gitignore.txt' },
      { name: '.env', refuse: /\.env files/, asText: '.env.txt' },
      { name: '.png', refuse: '.png', asText: '.png' }, // a dotfile whose whole name is an allowed extension
    ];

    for (const asText of [false, true]) {
      it(`${asText ? 'with' : 'without'} upload-as-text: each is sent under the name shown or refused before any upload request`, async () => {
        const manager = harness.manager();
        for (const { name, refuse, asText: textOutcome } of cases) {
          harness.reset();
          const path = join(harness.dir, name);
          await writeFile(path, `contents of ${name}\n`);
          const expected = asText ? textOutcome : refuse;
          const settled = await manager.whenSettled(manager.add(path, harness.emulator.pageId, { asText }).id);
          if (typeof expected === 'string') {
            assert.equal(settled.state, 'done', `${name}: ${JSON.stringify(settled.error)}`);
            assert.equal(harness.emulator.upload(settled.uploadId!)?.filename, expected, name);
          } else {
            assert.deepEqual([settled.state, settled.error?.code], ['failed', 'unsupported_type'], name);
            assert.match(settled.error?.message ?? '', expected, name);
            assert.deepEqual(harness.emulator.requestLog().filter((entry) => entry.call !== 'usersMe'), [], `${name}: nothing sent`);
          }
        }
      });
    }
  });
});
