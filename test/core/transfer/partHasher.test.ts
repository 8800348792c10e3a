import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { PartHasher } from '../../../src/core/transfer/partHasher';

describe('PartHasher: the sha256 of parts sent in any order, some more than once', () => {
  const parts = [randomBytes(3000), randomBytes(3000), randomBytes(3000), randomBytes(1234)];
  const whole = createHash('sha256').update(Buffer.concat(parts)).digest('hex');
  const length = (part: number): number => parts[part - 1].length;
  /** Streams a part in chunks through a reused buffer, as the request body does. */
  const stream = (hasher: PartHasher, part: number, upTo = length(part)) => {
    const attempt = hasher.attempt(part);
    const reused = Buffer.alloc(1000);
    for (let at = 0; at < upTo; at += 1000) {
      const size = Math.min(1000, upTo - at);
      parts[part - 1].copy(reused, 0, at, at + size);
      attempt.add(reused.subarray(0, size));
      reused.fill(0xee); // the buffer is reused once the socket has it
    }
    return attempt;
  };

  it('acknowledged in order, out of order, and after failed attempts: the file hash', () => {
    const inOrder = new PartHasher(length);
    for (const part of [1, 2, 3, 4]) stream(inOrder, part).acknowledged();
    assert.equal(inOrder.digest(4), whole);

    const mixed = new PartHasher(length);
    const third = stream(mixed, 3);
    const second = stream(mixed, 2);
    stream(mixed, 1, 1500); // an attempt that failed half-way
    third.acknowledged();
    const first = stream(mixed, 1);
    second.acknowledged();
    stream(mixed, 4).acknowledged();
    assert.equal(mixed.digest(4), null, 'part 1 is not in yet');
    first.acknowledged();
    assert.equal(mixed.digest(4), whole);
  });

  it('no hash when a part counts as sent without a whole attempt here', () => {
    const short = new PartHasher(length);
    stream(short, 1, 2000).acknowledged();
    for (const part of [2, 3, 4]) stream(short, part).acknowledged();
    assert.equal(short.digest(4), null);
    const missed = new PartHasher(length);
    for (const part of [1, 2, 3]) stream(missed, part).acknowledged();
    missed.missed();
    assert.equal(missed.digest(4), null);
  });
});
