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

  it('acknowledged in order, out of order, and after failed attempts: the file hash', async () => {
    const inOrder = new PartHasher(length);
    for (const part of [1, 2, 3, 4]) stream(inOrder, part).acknowledged();
    assert.equal(await inOrder.digest(4), whole);

    const mixed = new PartHasher(length);
    const third = stream(mixed, 3);
    const second = stream(mixed, 2);
    stream(mixed, 1, 1500); // an attempt that failed half-way
    third.acknowledged();
    const first = stream(mixed, 1);
    second.acknowledged();
    stream(mixed, 4).acknowledged();
    assert.equal(await mixed.digest(4), null, 'part 1 is not in yet');
    first.acknowledged();
    assert.equal(await mixed.digest(4), whole);
  });

  it('no hash when a part counts as sent without a whole attempt here', async () => {
    const short = new PartHasher(length);
    stream(short, 1, 2000).acknowledged();
    for (const part of [2, 3, 4]) stream(short, part).acknowledged();
    assert.equal(await short.digest(4), null);
    const missed = new PartHasher(length);
    for (const part of [1, 2, 3]) stream(missed, part).acknowledged();
    missed.missed();
    assert.equal(await missed.digest(4), null);
  });

  it('hashes held parts a slice per turn of the event loop, not all at once when the part before them lands', async () => {
    const MiB = 1024 * 1024;
    const big = [randomBytes(8 * MiB), randomBytes(8 * MiB), randomBytes(8 * MiB)];
    const bigLength = (part: number): number => big[part - 1].length;
    const hasher = new PartHasher(bigLength);
    const send = (part: number) => {
      const attempt = hasher.attempt(part);
      for (let at = 0; at < big[part - 1].length; at += 512 * 1024) attempt.add(big[part - 1].subarray(at, at + 512 * 1024));
      return attempt;
    };
    const first = send(1);
    send(3).acknowledged();
    send(2).acknowledged();
    first.acknowledged();
    // Part 1 was hashed as it streamed; parts 2 and 3 (16 MiB) are still to hash, and go over many turns.
    assert.equal(hasher.pendingBytes, 16 * MiB);
    let turns = 0;
    while (hasher.pendingBytes > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
    assert.ok(turns >= 8, `16 MiB hashed in ${turns} turns`);
    assert.equal(await hasher.digest(3), createHash('sha256').update(Buffer.concat(big)).digest('hex'));
  });

  it('a part next in line after held ones waits for them: it is not hashed ahead of bytes still in the backlog', async () => {
    const hasher = new PartHasher(length);
    const first = stream(hasher, 1);
    stream(hasher, 2).acknowledged();
    first.acknowledged(); // part 2 is now in the backlog
    const third = stream(hasher, 3); // started before part 2 was hashed
    third.acknowledged();
    stream(hasher, 4).acknowledged();
    assert.equal(await hasher.digest(4), whole);
  });
});
