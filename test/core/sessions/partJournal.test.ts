// An acknowledged part costs the state file one short line, whatever the parts before it: saving the whole record
// after each part (with its growing list of parts) cost the square of the part count.
import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileSessionStore, MiB, type StoredSession } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

function record(id: string, partCount: number): StoredSession {
  return {
    id, filePath: `/tmp/${id}.bin`, file: { size: partCount * 5 * MiB, mtimeMs: 1 }, pageId: 'p', asText: false,
    plan: { mode: 'multi_part', fileName: `${id}.pdf`, uploadName: `${id}.pdf`, contentType: 'application/pdf', blockType: 'pdf', sentAsText: false, sizeBytes: partCount * 5 * MiB, partSizeBytes: 5 * MiB, partCount },
    uploadId: `u-${id}`, partsAcknowledged: [], uploadCreatedAt: 2, blockId: null, state: 'uploading', createdAt: 1, updatedAt: 2,
  };
}

async function journalLines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').slice(1, -1);
}

describe('acknowledged parts in the state file', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'part-journal-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('adds each part as a line of its own size, read back in order with the last updatedAt; a removed record takes none', async () => {
    const path = join(dir, 'sessions.json');
    const store = new JsonFileSessionStore(path);
    await store.save(record('big', 1000));
    await store.save(record('gone', 4));
    await store.delete('gone');
    const order = [...Array.from({ length: 998 }, (_, i) => i + 3), 2, 1, 2];
    for (const [index, part] of order.entries()) await store.acknowledgePart('big', part, 100 + index);
    await store.acknowledgePart('gone', 1, 5000);
    await store.acknowledgePart('never-saved', 1, 5000);

    const lines = await journalLines(path);
    const partLines = lines.filter((line) => line.startsWith('{"part"'));
    assert.ok(partLines.length > 0);
    const longest = Math.max(...partLines.map((line) => line.length));
    assert.ok(longest < 100, `a part line of ${longest} characters`);
    const records = await JsonFileSessionStore.readRecords(path);
    assert.deepEqual(records.map((stored) => stored.id), ['big']);
    assert.deepEqual(records[0].partsAcknowledged, Array.from({ length: 1000 }, (_, i) => i + 1));
    assert.equal(records[0].updatedAt, 100 + order.length - 1);
    assert.deepEqual(await store.load(), records);
    await store.close();
    // Closing folds the parts into the record's own line.
    const closed = await journalLines(path);
    assert.equal(closed.length, 1);
    assert.deepEqual((JSON.parse(closed[0]) as { put: StoredSession }).put, records[0]);
  });

  it('an upload of 12 parts writes its record once, then a short line per part, then its final record', async () => {
    const harness = new UploadHarness();
    await harness.setUp();
    try {
      const path = join(dir, 'sessions.json');
      const store = new JsonFileSessionStore(path);
      const file = await writeRandomFile(harness.dir, 'twelve.mp3', 57 * MiB + 4321);
      const manager = harness.manager({ partSize: 5, partsInFlight: 3 }, store);
      const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      const kinds = (await journalLines(path)).map((line) => Object.keys(JSON.parse(line) as object)[0]);
      assert.deepEqual(kinds, ['put', ...Array<string>(12).fill('part'), 'put']);
      await manager.dispose();
    } finally {
      await harness.tearDown();
    }
  });
});
