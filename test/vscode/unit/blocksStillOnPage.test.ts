import { strict as assert } from 'node:assert';
import type { BlockSummary } from '../../../src/core';
import { blocksStillOnPage, type BlockLister } from '../../../src/vscode/blocksStillOnPage';

const block = (id: string): BlockSummary => ({ id, type: 'file', raw: {} } as unknown as BlockSummary);

/** A lister that counts its calls and answers with `answer(call)`. */
function lister(answer: (call: number, cursor: string | undefined) => { blocks: BlockSummary[]; nextCursor: string | null }): BlockLister & { calls: number } {
  const list = Object.assign(async (_pageId: string, cursor: string | undefined) => answer(list.calls++, cursor), { calls: 0 });
  return list;
}

describe('blocksStillOnPage: what the duplicate question reads of the page', () => {
  it('lists the blocks of every listing page, ids without dashes', async () => {
    const list = lister((call) => (call === 0
      ? { blocks: [block('AAAA-1111'), block('bbbb-2222')], nextCursor: 'c1' }
      : { blocks: [block('cccc-3333')], nextCursor: null }));
    assert.deepEqual([...(await blocksStillOnPage('p', list)) ?? []], ['aaaa1111', 'bbbb2222', 'cccc3333']);
    assert.equal(list.calls, 2);
  });

  it('gives up (cannot tell) on a listing that repeats its cursor, after reading it twice', async () => {
    const list = lister(() => ({ blocks: [], nextCursor: 'same' }));
    assert.equal(await blocksStillOnPage('p', list), undefined);
    assert.equal(list.calls, 2);
  });

  it('gives up on a listing that says more follow for ever with new cursors and no blocks', async () => {
    const list = lister((call) => ({ blocks: [], nextCursor: `c${call}` }));
    assert.equal(await blocksStillOnPage('p', list), undefined);
    assert.ok(list.calls <= 51, `${list.calls} listing pages read`);
  });
});
