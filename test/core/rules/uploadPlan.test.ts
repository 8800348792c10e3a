import { strict as assert } from 'node:assert';
import { FILENAME_MAX_UTF8_BYTES, GiB, MiB, choosePartSize, partRange, planUpload, type PlanInput, type UploadPlan } from '../../../src/core';

const paid = 5 * GiB;
const plan = (overrides: Partial<PlanInput>): ReturnType<typeof planUpload> =>
  planUpload({ fileName: 'photo.png', sizeBytes: 1, maxFileUploadSizeBytes: paid, partSizeBytes: 5 * MiB, ...overrides });
const accepted = (overrides: Partial<PlanInput>): UploadPlan => {
  const result = plan(overrides);
  assert.ok(result.ok, `expected a plan, got ${JSON.stringify(result)}`);
  return result.plan;
};

describe('planUpload', () => {
  it('sends one request only up to 20,000,000 bytes (20 MB in either reading) and anything above in parts', () => {
    assert.equal(accepted({ sizeBytes: 20_000_000 }).mode, 'single_part');
    const between = accepted({ sizeBytes: 20_000_001 });
    assert.equal(between.mode, 'multi_part', 'between 20 MB and 20 MiB: parts, right whichever MB Notion means');
    assert.deepEqual([between.partSizeBytes, between.partCount], [5 * MiB, 4]);
    assert.equal(accepted({ sizeBytes: 20 * MiB }).mode, 'multi_part');
    const above = accepted({ sizeBytes: 20 * MiB + 1 });
    assert.equal(above.mode, 'multi_part');
    assert.equal(above.partSizeBytes, 5 * MiB);
    assert.equal(above.partCount, 5);
    assert.deepEqual(partRange(above, 5), { start: 20 * MiB, end: 20 * MiB, length: 1 });
  });

  it('takes a 0-byte file as a single part (the emulator, like Notion, accepts it)', () => {
    const empty = accepted({ sizeBytes: 0 });
    assert.equal(empty.mode, 'single_part');
    assert.equal(empty.partCount, 1);
  });

  it('uses the configured part size and raises it in whole MiB to stay within 1,000 parts', () => {
    assert.equal(accepted({ sizeBytes: 100 * MiB, partSizeBytes: 10 * MiB }).partCount, 10);
    const big = accepted({ sizeBytes: 5 * GiB });
    assert.equal(big.partSizeBytes, 6 * MiB);
    assert.ok(big.partCount <= 1000);
    assert.equal(choosePartSize(5000 * MiB, 5 * MiB), 5 * MiB);
    assert.equal(choosePartSize(5000 * MiB + 1, 5 * MiB), 6 * MiB);
  });

  it('covers every byte exactly once across the part ranges', () => {
    const p = accepted({ sizeBytes: 57 * MiB + 12345, partSizeBytes: 7 * MiB });
    let next = 0;
    for (let part = 1; part <= p.partCount; part++) {
      const range = partRange(p, part);
      assert.equal(range.start, next);
      assert.ok(part === p.partCount || range.length === 7 * MiB);
      next = range.end + 1;
    }
    assert.equal(next, p.sizeBytes);
  });

  it('refuses a file above the workspace limit, with the free plan named in the remedy', () => {
    const result = plan({ sizeBytes: 5 * MiB + 1, maxFileUploadSizeBytes: 5 * MiB });
    assert.ok(!result.ok);
    assert.equal(result.refusal.code, 'too_large');
    assert.match(result.refusal.reason, /5\.0 MiB/);
    assert.match(result.refusal.remedy, /Free workspaces/);
  });

  it('refuses a type Notion does not take, and offers text files as .txt', () => {
    const zip = plan({ fileName: 'archive.zip' });
    assert.ok(!zip.ok);
    assert.equal(zip.refusal.code, 'unsupported_type');
    assert.match(zip.refusal.reason, /\.zip/);
    const markdown = plan({ fileName: 'README.md' });
    assert.ok(!markdown.ok);
    assert.match(markdown.refusal.remedy, /README\.md\.txt/);
    const asText = accepted({ fileName: 'README.md', asText: true });
    assert.deepEqual([asText.uploadName, asText.contentType, asText.blockType, asText.sentAsText], ['README.md.txt', 'text/plain', 'file', true]);
    assert.equal(accepted({ fileName: 'Makefile', asText: true }).uploadName, 'Makefile.txt');
    assert.ok(!plan({ fileName: 'tool.exe', asText: true }).ok, 'a binary type stays refused even with asText');
  });

  it('picks the MIME type and block type from the allow-list', () => {
    const cases: Array<[string, string, string]> = [
      ['a.PNG', 'image/png', 'image'], ['b.mp4', 'video/mp4', 'video'], ['c.mp3', 'audio/mpeg', 'audio'], ['d.pdf', 'application/pdf', 'pdf'],
      ['e.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'file'], ['f.html', 'text/html', 'file'],
      ['g.wav', 'audio/wav', 'audio'], ['h.json', 'application/json', 'file'],
      ['i.mkv', 'video/x-matroska', 'video'], ['j.flv', 'video/x-flv', 'video'], ['k.wmv', 'video/x-ms-wmv', 'video'],
      ['l.m4v', 'video/x-m4v', 'video'], ['m.gifv', 'video/mp4', 'video'], ['n.webm', 'video/webm', 'video'],
    ];
    for (const [fileName, mime, block] of cases) {
      const p = accepted({ fileName });
      assert.deepEqual([p.contentType, p.blockType], [mime, block], fileName);
    }
  });

  it('tries a type outside the list with its standard MIME type only when asked, as a file block', () => {
    assert.ok(!plan({ fileName: 'notes.md' }).ok);
    const md = accepted({ fileName: 'notes.md', tryUnknownTypes: true });
    assert.deepEqual([md.contentType, md.blockType, md.uploadName, md.triedUnknownType], ['text/markdown', 'file', 'notes.md', true]);
    assert.equal(accepted({ fileName: 'data.csv', tryUnknownTypes: true, asText: true }).contentType, 'text/csv', 'its own type before .txt');
    assert.equal(accepted({ fileName: 'a.zip', tryUnknownTypes: true }).contentType, 'application/zip');
    assert.equal(accepted({ fileName: 'photo.png', tryUnknownTypes: true }).triedUnknownType, undefined, 'listed types are unchanged');
    assert.ok(!plan({ fileName: 'tool.exe', tryUnknownTypes: true }).ok, 'no standard type to try: refused as before');
  });

  it('attaches .html as a file block unless an embed is asked for', () => {
    assert.equal(accepted({ fileName: 'page.html' }).blockType, 'file');
    assert.equal(accepted({ fileName: 'page.htm', htmlAs: 'file' }).blockType, 'file');
    assert.equal(accepted({ fileName: 'page.html', htmlAs: 'embed' }).blockType, 'embed');
    assert.equal(accepted({ fileName: 'photo.png', htmlAs: 'embed' }).blockType, 'image', 'only web pages change');
  });

  it('refuses a name over 900 bytes of UTF-8, counting the .txt it would get', () => {
    const longName = `${'é'.repeat(448)}.png`; // 896 + 4 bytes = 900
    assert.ok(plan({ fileName: longName }).ok);
    const tooLong = plan({ fileName: `${'é'.repeat(449)}.png` });
    assert.ok(!tooLong.ok);
    assert.equal(tooLong.refusal.code, 'name_too_long');
    const asText = plan({ fileName: `${'a'.repeat(FILENAME_MAX_UTF8_BYTES - 3)}.md`, asText: true });
    assert.ok(!asText.ok && asText.refusal.code === 'name_too_long');
  });
});
