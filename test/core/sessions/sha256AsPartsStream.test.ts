import { strict as assert } from 'node:assert';
import { open, type FileHandle } from 'node:fs/promises';
import { MiB } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

// The sha256 of a file whose parts go concurrently is taken in file order as the bytes stream. A part read ahead of
// the hash would have to be held in memory until the parts before it are hashed; so with the hash wanted, the file
// is read front to back, once, each part starting when the one before it has been read (it may still await its answer).
describe('sha256 while parts stream concurrently: the file read once, in order, nothing held', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  /** Every FileHandle read in this process while `run` runs: [position, bytes asked]. */
  async function recordReads<T>(probePath: string, run: () => Promise<T>): Promise<{ result: T; reads: Array<[number, number]> }> {
    const probe = await open(probePath, 'r');
    const prototype = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const original = prototype.read;
    const reads: Array<[number, number]> = [];
    (prototype as { read: unknown }).read = function (this: FileHandle, ...args: unknown[]) {
      if (typeof args[0] === 'object' && Buffer.isBuffer(args[0])) reads.push([Number(args[3]), Number(args[2])]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    try {
      return { result: await run(), reads };
    } finally {
      prototype.read = original;
    }
  }

  it('6 parts, 3 in flight, part 1 answered last: the sha256 of the bytes, every read after the one before it', async () => {
    const file = await writeRandomFile(harness.dir, 'ordered.pdf', 26 * MiB + 3);
    harness.emulator.addFault({ call: 'send', partNumber: 1, action: { kind: 'delay', ms: 1000 } });
    const manager = harness.manager({ partSize: 5, partsInFlight: 3 });
    const { result: settled, reads } = await recordReads(file.path, () =>
      manager.whenSettled(manager.add(file.path, harness.emulator.pageId, { computeSha256: true }).id));
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.equal(settled.sha256, file.sha256);
    assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, file.sha256, 'the emulator holds the same bytes');

    let next = 0;
    for (const [position, bytes] of reads) {
      assert.equal(position, next, `a read at ${position} while the hash had reached ${next}: its bytes would have to be held`);
      next = position + bytes;
    }
    assert.equal(next, file.size, 'the whole file, read once');

    // Parts still overlap: 2 and 3 were sent and answered while part 1 awaited its answer.
    const completions = harness.emulator.requestLog().filter((entry) => entry.call === 'send').map((entry) => entry.partNumber);
    assert.ok(completions.indexOf(1) > completions.indexOf(2) && completions.indexOf(1) > completions.indexOf(3), `completion order ${completions}`);
  });

  for (const [name, fault] of [
    ['part 2 cut off half-way, so streamed again', { call: 'send', partNumber: 2, action: { kind: 'resetAfterBytes', bytes: MiB } }],
    ['part 1 answered 500 after it was streamed whole, so sent again', { call: 'send', partNumber: 1, action: { kind: 'status', status: 500 } }],
  ] as const) {
    it(`${name}: still the sha256 of the file, the other parts read once`, async () => {
      const file = await writeRandomFile(harness.dir, 'again.pdf', 21 * MiB + 5);
      harness.emulator.addFault(fault);
      const manager = harness.manager({ partSize: 5, partsInFlight: 3 });
      const { result: settled, reads } = await recordReads(file.path, () =>
        manager.whenSettled(manager.add(file.path, harness.emulator.pageId, { computeSha256: true }).id));
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      assert.ok(harness.sends().length > 5, `sends ${harness.sends()}`);
      assert.equal(settled.sha256, file.sha256);
      assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, file.sha256);
      const readBytes = reads.reduce((sum, [, bytes]) => sum + bytes, 0);
      assert.ok(readBytes <= file.size + 5 * MiB, `${readBytes} bytes read for ${file.size}`);
    });
  }

  it('without the hash, parts still stream side by side', async () => {
    const file = await writeRandomFile(harness.dir, 'side-by-side.pdf', 21 * MiB + 10);
    // Part 1 received slowly, so the others are surely read while it streams.
    harness.emulator.addFault({ call: 'send', partNumber: 1, action: { kind: 'throttle', bytesPerSecond: 10 * MiB } });
    const manager = harness.manager({ partSize: 5, partsInFlight: 3 });
    const { result: settled, reads } = await recordReads(file.path, () => manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id));
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, file.sha256);
    const outOfOrder = reads.filter(([position], index) => index > 0 && position < reads[index - 1][0]).length;
    assert.ok(outOfOrder > 0, 'reads of several parts interleave');
  });
});
