import { strict as assert } from 'node:assert';
import { EndlessListing, readWholeListing, type ListingPage } from '../../../src/core/notion/wholeListing';

/** A listing whose page `n` is `answer(n, cursor)`; it counts the pages asked for. */
function listing(answer: (call: number, cursor: string | undefined) => ListingPage<number>) {
  const cursors: Array<string | undefined> = [];
  const read = async (cursor: string | undefined): Promise<ListingPage<number>> => answer(cursors.push(cursor) - 1, cursor);
  return { read, cursors };
}

describe('readWholeListing', () => {
  it('reads every page in order, each from the cursor the one before gave', async () => {
    const { read, cursors } = listing((call) => ({ blocks: [call * 2, call * 2 + 1], nextCursor: call < 2 ? `c${call + 1}` : null }));
    assert.deepEqual(await readWholeListing(read, 10), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(cursors, [undefined, 'c1', 'c2']);
  });

  it('stops a listing that gives a cursor again, after the second page', async () => {
    const { read, cursors } = listing(() => ({ blocks: [1], nextCursor: 'same' }));
    await assert.rejects(readWholeListing(read, 10), (error: unknown) => error instanceof EndlessListing && error.repeatedCursor && error.pages === 2 && error.items === 2);
    assert.equal(cursors.length, 2);
  });

  it('stops a listing of new cursors and no items at the most pages asked for', async () => {
    const { read, cursors } = listing((call) => ({ blocks: [], nextCursor: `c${call + 1}` }));
    await assert.rejects(readWholeListing(read, 7), (error: unknown) => error instanceof EndlessListing && !error.repeatedCursor && error.pages === 7);
    assert.equal(cursors.length, 7);
  });

  it('runs beforeNextPage before each page after the first; what it throws ends the reading', async () => {
    const { read, cursors } = listing((call) => ({ blocks: [call], nextCursor: `c${call + 1}` }));
    let calls = 0;
    const stop = new Error('stopped');
    await assert.rejects(readWholeListing(read, 100, () => {
      calls += 1;
      if (calls === 3) throw stop;
    }), (error: unknown) => error === stop);
    assert.equal(cursors.length, 3);
  });
});
