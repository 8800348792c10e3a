import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { PartHasher } from '../../../src/core/transfer/partHasher';

describe('PartHasher: the sha256 of parts sent concurrently, some more than once', () => {
  const parts = [randomBytes(3000), randomBytes(3000), randomBytes(3000), randomBytes(1234)];
  const whole = createHash('sha256').update(Buffer.concat(parts)).digest('hex');
  const length = (part: number): number => parts[part - 1].length;
  /** Streams a part in chunks through a reused buffer, as the request body does. */
  const stream = (hasher: PartHasher, part: number, upTo = length(part), bytes = parts[part - 1]) => {
    const attempt = hasher.attempt(part);
    const reused = Buffer.alloc(1000);
    for (let at = 0; at < upTo; at += 1000) {
      const size = Math.min(1000, upTo - at);
      bytes.copy(reused, 0, at, at + size);
      attempt.add(reused.subarray(0, size));
      reused.fill(0xee); // the buffer is reused once the socket has it
    }
    return attempt;
  };
  const settled = async (promise: Promise<void>): Promise<boolean> => {
    let done = false;
    void promise.then(() => (done = true), () => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('a part may stream once the part before it has been streamed whole, before that part is acknowledged', async () => {
    const hasher = new PartHasher(length);
    assert.equal(await settled(hasher.ready(1)), true, 'the first part streams at once');
    const second = hasher.ready(2);
    const third = hasher.ready(3);
    stream(hasher, 1, 2000); // failed half-way: part 2 must not start, its bytes would have to be held
    assert.deepEqual([await settled(second), await settled(third)], [false, false]);
    stream(hasher, 1); // a second attempt streams it whole
    assert.deepEqual([await settled(second), await settled(third)], [true, false], 'part 2 may go while part 1 awaits its answer');
  });

  it('answers in any order and failed attempts: the file hash, from hashing each chunk once as it streams', async () => {
    const hasher = new PartHasher(length);
    const first = stream(hasher, 1);
    await hasher.ready(2);
    const second = stream(hasher, 2, 1500); // failed half-way
    const secondAgain = stream(hasher, 2);
    await hasher.ready(3);
    stream(hasher, 3).acknowledged(); // answered first
    await hasher.ready(4);
    stream(hasher, 4).acknowledged();
    secondAgain.acknowledged();
    assert.equal(hasher.digest(4), null, 'part 1 is not in yet');
    void second;
    first.acknowledged();
    assert.equal(hasher.digest(4), whole);
  });

  it('a part streamed whole twice counts only when both attempts sent the same bytes', async () => {
    const same = new PartHasher(length);
    stream(same, 1);
    for (const part of [1, 2, 3, 4]) stream(same, part).acknowledged(); // part 1 sent again after its answer was lost
    assert.equal(same.digest(4), whole);

    const changed = new PartHasher(length);
    stream(changed, 1);
    stream(changed, 2); // hashed on part 1's first bytes
    stream(changed, 1, length(1), randomBytes(length(1))).acknowledged(); // the file changed before part 1 went again
    for (const part of [2, 3, 4]) stream(changed, part).acknowledged();
    assert.equal(changed.digest(4), null);
  });

  it('no hash when a part counts as sent without a whole attempt here; parts waiting are let go', async () => {
    const short = new PartHasher(length);
    stream(short, 1, 2000).acknowledged();
    assert.equal(await settled(short.ready(2)), true, 'with no hash to take, nothing waits');
    for (const part of [2, 3, 4]) stream(short, part).acknowledged();
    assert.equal(short.digest(4), null);

    const missed = new PartHasher(length);
    const waiting = missed.ready(2);
    missed.missed();
    assert.equal(await settled(waiting), true);
    for (const part of [1, 2, 3]) stream(missed, part).acknowledged();
    assert.equal(missed.digest(4), null);
  });

  it('a wait ends with the signal when the upload is cancelled', async () => {
    const hasher = new PartHasher(length);
    const controller = new AbortController();
    const waiting = hasher.ready(3, controller.signal);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
  });

  it('keeps a bounded number of hash states, whatever the number of parts', async () => {
    const many = Array.from({ length: 300 }, () => randomBytes(100));
    const hasher = new PartHasher((part) => many[part - 1].length);
    let most = 0;
    const inFlight: Array<{ acknowledged(): void }> = [];
    for (let part = 1; part <= many.length; part += 1) {
      await hasher.ready(part);
      const attempt = hasher.attempt(part);
      attempt.add(many[part - 1]);
      inFlight.push(attempt);
      if (inFlight.length === 3) inFlight.shift()!.acknowledged();
      most = Math.max(most, hasher.statesKept);
    }
    for (const attempt of inFlight) attempt.acknowledged();
    assert.ok(most <= 5, `${most} states kept`);
    assert.equal(hasher.digest(many.length), createHash('sha256').update(Buffer.concat(many)).digest('hex'));
  });
});
