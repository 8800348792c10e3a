import { strict as assert } from 'node:assert';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileSessionStore, MiB, type StoredSession } from '../../../src/core';

function record(id: string, parts: number[]): StoredSession {
  return {
    id, filePath: `/tmp/${id}.bin`, file: { size: 30 * MiB, mtimeMs: 1 }, pageId: 'p', asText: false,
    plan: { mode: 'multi_part', fileName: `${id}.pdf`, uploadName: `${id}.pdf`, contentType: 'application/pdf', blockType: 'pdf', sentAsText: false, sizeBytes: 30 * MiB, partSizeBytes: 5 * MiB, partCount: 6 },
    uploadId: `u-${id}`, partsAcknowledged: parts, uploadCreatedAt: 2, blockId: null, state: 'uploading', createdAt: 1, updatedAt: 2,
  };
}

describe('JsonFileSessionStore', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'session-store-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps concurrent saves of many sessions without losing one, and leaves no temp files', async () => {
    const store = new JsonFileSessionStore(join(dir, 'nested', 'sessions.json'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(record(`s${i}`, [i]))));
    await store.save(record('s3', [1, 2, 3]));
    await store.delete('s4');
    const reopened = await new JsonFileSessionStore(join(dir, 'nested', 'sessions.json')).load();
    assert.equal(reopened.length, 19);
    assert.deepEqual(reopened.find((s) => s.id === 's3')?.partsAcknowledged, [1, 2, 3]);
    assert.deepEqual(await readdir(join(dir, 'nested')), ['sessions.json']);
  });

  it('starts empty without a file, and sets a damaged file aside instead of failing', async () => {
    const path = join(dir, 'sessions.json');
    assert.deepEqual(await new JsonFileSessionStore(path).load(), []);
    await writeFile(path, '{"sessions":[{"id":');
    const store = new JsonFileSessionStore(path);
    assert.deepEqual(await store.load(), []);
    await store.save(record('a', []));
    assert.equal(JSON.parse(await readFile(path, 'utf8')).sessions.length, 1);
    assert.equal((await readdir(dir)).filter((name) => name.includes('damaged')).length, 1);
  });
});
