import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { appendFile, open, truncate, unlink } from 'node:fs/promises';
import { MiB } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { UploadHarness } from '../../core/support/uploadHarness';
import { waitFor } from '../../support/waitFor';

interface Change {
  name: string;
  apply: (path: string, size: number) => Promise<void>;
  code: 'file_changed' | 'file_unreadable';
  /** Whether what was read before the change is still exactly the planned bytes (appending and unlinking leave them be). */
  bytesReadIntact: boolean;
}

const changes: Change[] = [
  { name: 'grows', apply: (path) => appendFile(path, randomBytes(4096)), code: 'file_changed', bytesReadIntact: true },
  { name: 'shrinks', apply: (path, size) => truncate(path, Math.floor(size / 4)), code: 'file_changed', bytesReadIntact: false },
  { name: 'is deleted', apply: (path) => unlink(path), code: 'file_unreadable', bytesReadIntact: true },
  {
    name: 'is rewritten in place (same size)',
    apply: async (path, size) => {
      const file = await open(path, 'r+');
      try {
        await file.write(randomBytes(size), 0, size, 0);
      } finally {
        await file.close();
      }
    },
    code: 'file_changed',
    bytesReadIntact: false,
  },
];

// Client-side bandwidth caps make the read from disk take about a second, so the change lands mid-read.
const shapes = [
  { mode: 'single_part', size: 4 * MiB, extension: 'pdf', bytesPerSecond: 6 * MiB },
  { mode: 'multi_part', size: 21 * MiB, extension: 'mp4', bytesPerSecond: 24 * MiB },
] as const;

describe('bad input: a file that changes while it is uploaded', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  for (const shape of shapes) {
    for (const change of changes) {
      it(`${shape.mode}: a file that ${change.name} mid-upload fails clearly, is never completed or attached, and nothing is re-sent`, async () => {
        const file = await writeRandomFile(harness.dir, `${shape.mode}-${change.name.replace(/\W+/g, '-')}.${shape.extension}`, shape.size);
        const manager = harness.manager({ maxUploadSpeed: shape.bytesPerSecond / MiB, partsInFlight: 2 });
        const id = manager.add(file.path, harness.emulator.pageId).id;
        await waitFor('a third of the file sent', () => (manager.status(id)?.bytesSent ?? 0) > shape.size / 3);
        await change.apply(file.path, shape.size);
        const settled = await manager.whenSettled(id);

        assert.equal(settled.state, 'failed');
        assert.equal(settled.error?.code, change.code, JSON.stringify(settled.error));
        assert.ok(settled.error?.message.includes(file.path), `the message names the file: ${settled.error?.message}`);
        assert.match(settled.error?.hint ?? '', /exists and is readable|no longer being written/);
        assert.equal(settled.resumable, false, 'a changed file is never resumed into a mixed upload');

        const log = harness.emulator.requestLog();
        assert.deepEqual(log.filter((entry) => entry.call === 'complete' || entry.call === 'append'), [], 'neither completed nor attached');
        assert.deepEqual(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === settled.uploadId), []);
        // Sends of this upload only (a cut-off send of an earlier test may be logged late). A send cut off before its
        // part_number field (the file could not be opened any more) carries no part number and no file bytes.
        const sends = log.filter((entry) => entry.call === 'send' && settled.uploadId !== null && entry.path.includes(settled.uploadId));
        const described = JSON.stringify(sends.map((entry) => [entry.partNumber, entry.status, entry.bodyBytes]));
        if (shape.mode === 'single_part') assert.ok(sends.length <= 1, `sent once at most: ${described}`);
        const numbered = sends.filter((entry) => entry.partNumber !== undefined).map((entry) => entry.partNumber);
        assert.equal(new Set(numbered).size, numbered.length, `no part sent twice: ${described}`);
        assert.ok(sends.every((entry) => shape.mode === 'single_part' || entry.partNumber !== undefined || (entry.status === 0 && entry.bodyBytes < 1024)), described);

        const upload = harness.emulator.upload(settled.uploadId!);
        if (shape.mode === 'multi_part') assert.equal(upload?.status, 'pending', 'the parts never become a file');
        else if (upload?.status === 'uploaded' && change.bytesReadIntact) assert.equal(upload.sha256, file.sha256, 'what Notion holds is the file as planned');
      });
    }
  }
});
