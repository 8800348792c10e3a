import { strict as assert } from 'node:assert';
import { MiB } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('uploads against the emulator: byte-exact round trips', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  const cases: Array<{ name: string; size: number; mode: string; parts: number; block: string }> = [
    { name: 'one-byte.txt', size: 1, mode: 'single_part', parts: 1, block: 'file' },
    { name: 'empty.txt', size: 0, mode: 'single_part', parts: 1, block: 'file' },
    { name: 'five.png', size: 5 * MiB, mode: 'single_part', parts: 1, block: 'image' },
    { name: 'twenty-mb.pdf', size: 20_000_000, mode: 'single_part', parts: 1, block: 'pdf' },
    { name: 'twenty.pdf', size: 20 * MiB, mode: 'multi_part', parts: 4, block: 'pdf' },
    { name: 'twenty-plus-one.mp4', size: 20 * MiB + 1, mode: 'multi_part', parts: 5, block: 'video' },
    { name: 'fifty-seven.mp3', size: 57 * MiB + 4321, mode: 'multi_part', parts: 12, block: 'audio' },
  ];

  for (const { name, size, mode, parts, block } of cases) {
    it(`${name}: ${size} bytes as ${mode} in ${parts} part(s), attached as ${block}`, async () => {
      const file = await writeRandomFile(harness.dir, name, size);
      const manager = harness.manager();
      const added = manager.add(file.path, harness.emulator.pageId);
      const settled = await manager.whenSettled(added.id);
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      assert.deepEqual([settled.bytesSent, settled.bytesTotal, settled.partsDone, settled.partsTotal], [size, size, parts, parts]);
      const upload = harness.emulator.upload(settled.uploadId!);
      assert.ok(upload);
      assert.deepEqual([upload.status, upload.mode, upload.size, upload.sha256], ['uploaded', mode, size, file.sha256]);
      const blocks = harness.emulator.blocks(harness.emulator.pageId).filter((b) => b.uploadId === upload.id);
      assert.deepEqual(blocks.map((b) => [b.id, b.type]), [[settled.blockId, block]]);
      const sent = harness.sends().sort((a, b) => a - b);
      assert.deepEqual(sent, Array.from({ length: parts }, (_, i) => i + 1), 'each part sent exactly once');
    });
  }

  it('sends parts concurrently and in any order (part 1 held back finishes after parts 2 and 3)', async () => {
    const file = await writeRandomFile(harness.dir, 'parallel.pdf', 21 * MiB + 10);
    harness.emulator.addFault({ call: 'send', partNumber: 1, action: { kind: 'delay', ms: 1000 } });
    const manager = harness.manager({ partSize: 5, partsInFlight: 3 });
    const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    const sends = harness.emulator.requestLog().filter((entry) => entry.call === 'send');
    const arrivals = [...sends].sort((a, b) => a.at - b.at).map((entry) => entry.partNumber);
    assert.deepEqual(arrivals.slice(0, 3).sort(), [1, 2, 3], 'three parts in flight at once');
    const completions = sends.map((entry) => entry.partNumber); // the emulator logs a request when its answer is done
    assert.ok(completions.indexOf(1) > completions.indexOf(2) && completions.indexOf(1) > completions.indexOf(3), `completion order ${completions}`);
    assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, file.sha256);
  });

  it('takes many files at once, at most filesInParallel in flight, each attached exactly once', async () => {
    const files = await Promise.all(Array.from({ length: 12 }, (_, i) => writeRandomFile(harness.dir, `many-${i}.json`, 1000 + i * 5000)));
    const manager = harness.manager({ filesInParallel: 3 });
    let maxActive = 0;
    manager.onStateChange(() => {
      // A file waiting to be attached with the others sends nothing and leaves its place to the next one.
      maxActive = Math.max(maxActive, manager.list().filter((s) => ['preparing', 'uploading', 'completing'].includes(s.state)).length);
    });
    const ids = files.map((file) => manager.add(file.path, harness.emulator.pageId).id);
    const settled = await Promise.all(ids.map((id) => manager.whenSettled(id)));
    assert.ok(maxActive <= 3 && maxActive >= 2, `max active ${maxActive}`);
    for (const [index, status] of settled.entries()) {
      assert.equal(status.state, 'done');
      assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, files[index].sha256);
      assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((b) => b.uploadId === status.uploadId).length, 1);
    }
  });

  it('never puts the token in the request log', () => {
    assert.ok(harness.allClientLog.length > 20);
    assert.ok(!JSON.stringify(harness.allClientLog).includes(harness.emulator.token));
    for (const entry of harness.allClientLog) assert.ok(entry.method && entry.path.startsWith('/v1/') && entry.attempt >= 1);
  });
});
