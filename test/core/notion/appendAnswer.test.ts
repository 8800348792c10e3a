// The rule for whether a 200 answer to an append accounts for the blocks sent (the whole flow is tested over HTTP in
// test/core/sessions/appendAnswerReadBack.test.ts and test/scenarios/hostile/answersThatDoNotAddUp.test.ts).
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { unaccountedFor } from '../../../src/core/notion/appendAnswer';
import type { BlockSummary } from '../../../src/core/notion/notionClient';

const pdfBlock = (uploadId: string): Record<string, unknown> => ({ object: 'block', type: 'pdf', pdf: { type: 'file_upload', file_upload: { id: uploadId }, caption: [] } });
const answered = (type: string, content: Record<string, unknown>, id: string = randomUUID()): BlockSummary => ({ id, type, raw: { object: 'block', id, type, [type]: content } });
const hosted = (): Record<string, unknown> => ({ type: 'file', file: { url: 'https://files.example/a.pdf', expiry_time: null }, caption: [] });

describe('does an append answer account for the blocks sent', () => {
  const [first, second] = [randomUUID(), randomUUID()];
  const sent = [pdfBlock(first), pdfBlock(second)];

  it('takes one block per child, in order, of the type sent, shown as hosted files or naming the same uploads (dashes aside)', () => {
    assert.equal(unaccountedFor(sent, [answered('pdf', hosted()), answered('pdf', hosted())]), undefined);
    const same = [answered('pdf', { type: 'file_upload', file_upload: { id: first.replace(/-/g, '').toUpperCase() } }), answered('pdf', { type: 'file_upload', file_upload: { id: second } })];
    assert.equal(unaccountedFor(sent, same), undefined);
  });

  it('refuses fewer or more results than blocks sent', () => {
    assert.equal(unaccountedFor(sent, []), '0 blocks for the 2 sent');
    assert.equal(unaccountedFor(sent, [answered('pdf', hosted())]), '1 block for the 2 sent');
    assert.equal(unaccountedFor(sent, [answered('pdf', hosted()), answered('pdf', hosted()), answered('pdf', hosted())]), '3 blocks for the 2 sent');
  });

  it('refuses another type, a missing id, or another upload, saying where', () => {
    assert.equal(unaccountedFor(sent, [answered('pdf', hosted()), answered('image', hosted())]), 'an image block at position 2 where a pdf block was sent');
    assert.equal(unaccountedFor(sent, [answered('pdf', hosted(), 'not-an-id'), answered('pdf', hosted())]), 'a block without a valid id at position 1');
    assert.equal(unaccountedFor([sent[0]], [answered('pdf', { type: 'file_upload', file_upload: { id: second } })]), 'another file upload than the one sent');
  });

  it('holds a child sent without a type to the count and the id only', () => {
    assert.equal(unaccountedFor([{ paragraph: { rich_text: [] } }], [answered('paragraph', { rich_text: [] })]), undefined);
    assert.equal(unaccountedFor([{ paragraph: { rich_text: [] } }], [answered('paragraph', { rich_text: [] }, '')]), 'a block without a valid id');
  });
});
