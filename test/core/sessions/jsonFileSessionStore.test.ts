import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFileSessionStore, MiB, StateFileBusyError, StateFileUnusableError, UploadManager, type StoredSession } from '../../../src/core';

function record(id: string, parts: number[]): StoredSession {
  return {
    id, filePath: `/tmp/${id}.bin`, file: { size: 30 * MiB, mtimeMs: 1 }, pageId: 'p', asText: false,
    plan: { mode: 'multi_part', fileName: `${id}.pdf`, uploadName: `${id}.pdf`, contentType: 'application/pdf', blockType: 'pdf', sentAsText: false, sizeBytes: 30 * MiB, partSizeBytes: 5 * MiB, partCount: 6 },
    uploadId: `u-${id}`, partsAcknowledged: parts, uploadCreatedAt: 2, blockId: null, state: 'uploading', createdAt: 1, updatedAt: 2,
  };
}

/** Bytes this process has written and read through system calls so far (Linux). */
function processIo(): { written: number; read: number } {
  const text = readFileSync('/proc/self/io', 'utf8');
  return { written: Number(/wchar: (\d+)/.exec(text)![1]), read: Number(/rchar: (\d+)/.exec(text)![1]) };
}

describe('JsonFileSessionStore', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'session-store-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps concurrent saves of many sessions without losing one, and leaves no temp files', async () => {
    const store = new JsonFileSessionStore(join(dir, 'nested', 'sessions.json'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(record(`s${i}`, [i + 1]))));
    await store.save(record('s3', [1, 2, 3]));
    await store.delete('s4');
    const reader = new JsonFileSessionStore(join(dir, 'nested', 'sessions.json'));
    const reopened = await reader.load();
    await reader.close();
    assert.equal(reopened.length, 19);
    assert.deepEqual(reopened.find((s) => s.id === 's3')?.partsAcknowledged, [1, 2, 3]);
    await store.close();
    assert.deepEqual(await readdir(join(dir, 'nested')), ['sessions.json']);
    assert.equal((await JsonFileSessionStore.readRecords(join(dir, 'nested', 'sessions.json'))).length, 19);
  });

  it('a save writes about one record, not the whole file, however many records there are', async function () {
    if (!existsSync('/proc/self/io')) this.skip(); // the count comes from Linux's per-process I/O counters
    const path = join(dir, 'sessions.json');
    const store = new JsonFileSessionStore(path);
    const count = 300;
    for (let i = 0; i < count; i++) await store.save(record(`s${i}`, [1]));
    const recordBytes = Buffer.byteLength(JSON.stringify({ put: record('s100', [1, 2]) }));
    const before = processIo();
    const rounds = 3 * count;
    for (let i = 0; i < rounds; i++) await store.save(record(`s${i % count}`, [1, 2]));
    const after = processIo();
    const writtenPerSave = (after.written - before.written) / rounds;
    const readPerSave = (after.read - before.read) / rounds;
    // A whole-file rewrite would be ~300 records per save; the journal appends one and now and then compacts.
    assert.ok(writtenPerSave < 4 * recordBytes, `${Math.round(writtenPerSave)} bytes written per save; one record is ${recordBytes}`);
    assert.ok(readPerSave < recordBytes, `${Math.round(readPerSave)} bytes read per save`);
    // Compaction keeps the journal within a few times the live records.
    assert.ok((await stat(path)).size < 5 * count * recordBytes, `journal of ${(await stat(path)).size} bytes`);
    const reopened = await JsonFileSessionStore.readRecords(path);
    assert.equal(reopened.length, count);
    assert.ok(reopened.every((s) => s.partsAcknowledged.length === 2));
    await store.close();
  });

  it('starts empty without a file, and sets a damaged file aside instead of failing', async () => {
    const path = join(dir, 'sessions.json');
    const empty = new JsonFileSessionStore(path);
    assert.deepEqual(await empty.load(), []);
    await empty.close();
    await rm(path);
    await writeFile(path, '{"sessions":[{"id":');
    const store = new JsonFileSessionStore(path);
    assert.deepEqual(await store.load(), []);
    assert.match(store.problems.join('\n'), /not a state file this tool can read/);
    await store.save(record('a', []));
    await store.close();
    assert.deepEqual((await JsonFileSessionStore.readRecords(path)).map((s) => s.id), ['a']);
    const copies = (await readdir(dir)).filter((name) => name.includes('damaged'));
    assert.equal(copies.length, 1);
    assert.equal(await readFile(join(dir, copies[0]), 'utf8'), '{"sessions":[{"id":');
  });

  it('migrates an old whole-file state, naming and skipping hand-edited records instead of failing on them', async () => {
    const path = join(dir, 'sessions.json');
    const edited = { ...record('c', [1]), file: undefined };
    const badParts = { ...record('d', [1]), partsAcknowledged: '1,2' };
    await writeFile(path, JSON.stringify({ version: 1, sessions: [record('a', [1, 2]), record('b', []), edited, badParts, 7] }, null, 2));
    const store = new JsonFileSessionStore(path);
    const problems = await store.open();
    assert.deepEqual((await store.load()).map((s) => [s.id, s.partsAcknowledged]), [['a', [1, 2]], ['b', []]]);
    assert.match(problems.join('\n'), /record 3 \(\/tmp\/c\.bin\) was skipped: "file" needs a size and mtimeMs/);
    assert.match(problems.join('\n'), /record 4 \(\/tmp\/d\.bin\) was skipped: "partsAcknowledged" is not a list of part numbers/);
    assert.match(problems.join('\n'), /record 5 was skipped: not an object/);
    assert.match(problems.join('\n'), /copied to .*damaged/);
    assert.ok((await readFile(path, 'utf8')).startsWith('{"notionUploadState":2}\n'), 'rewritten as a journal');
    await store.save(record('e', []));
    await store.close();
    assert.deepEqual((await JsonFileSessionStore.readRecords(path)).map((s) => s.id), ['a', 'b', 'e']);
  });

  it('names damaged journal lines and skips them; a torn last line (a crash mid-append) is dropped quietly', async () => {
    const path = join(dir, 'sessions.json');
    const put = (session: unknown): string => `${JSON.stringify({ put: session })}\n`;
    await writeFile(path, [
      '{"notionUploadState":2}\n', put(record('a', [1])), 'not json at all\n', put({ ...record('b', [1]), plan: null }),
      put(record('c', [1])), `${JSON.stringify({ delete: 'c' })}\n`, '{"something":"else"}\n', put(record('d', [2])).slice(0, 40),
    ].join(''));
    const store = new JsonFileSessionStore(path);
    const problems = await store.open();
    assert.deepEqual((await store.load()).map((s) => s.id), ['a']);
    assert.deepEqual(problems.slice(0, 3), [
      'line 3 was skipped: it is not JSON',
      'line 4 (/tmp/b.bin) was skipped: "plan" is missing',
      'line 7 was skipped: it is neither a record nor a removal',
    ]);
    await store.close();
    const again = new JsonFileSessionStore(path);
    assert.deepEqual(await again.open(), [], 'the rewritten file is clean');
    await again.close();
  });

  it('an exclusive open refuses a second holder by pid, takes over a lock left by a dead process, and releases on close', async () => {
    const path = join(dir, 'sessions.json');
    const first = new JsonFileSessionStore(path);
    await first.open({ exclusive: true });
    assert.deepEqual(JSON.parse(await readFile(`${path}.lock`, 'utf8')).pid, process.pid);
    await assert.rejects(new JsonFileSessionStore(path).open({ exclusive: true }), (error: unknown) => {
      assert.ok(error instanceof StateFileBusyError);
      assert.equal(error.message, `another run (pid ${process.pid}) is using this state file ${path}; wait for it or pass another --state`);
      return true;
    });
    await first.close();
    assert.ok(!existsSync(`${path}.lock`));

    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
    await writeFile(`${path}.lock`, JSON.stringify({ pid: gone, hostname: hostname(), token: 'old' }));
    const next = new JsonFileSessionStore(path);
    await next.open({ exclusive: true });
    assert.equal(JSON.parse(await readFile(`${path}.lock`, 'utf8')).pid, process.pid);
    await next.close();
    assert.deepEqual(await readdir(dir), ['sessions.json']);
  });

  it('an upload manager closes its store when disposed: no descriptor left open on the file', async function () {
    if (!existsSync('/proc/self/fd')) this.skip();
    const path = join(dir, 'sessions.json');
    const openOnPath = async (): Promise<number> => {
      const fds = await readdir('/proc/self/fd');
      return fds.filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === path;
        } catch {
          return false;
        }
      }).length;
    };
    const store = new JsonFileSessionStore(path);
    const manager = new UploadManager({ token: 'ntn_notUsedForAnyRequest1234567890', store });
    await store.save(record('a', [1]));
    assert.equal(await openOnPath(), 1);
    await manager.dispose();
    assert.equal(await openOnPath(), 0);
    assert.deepEqual((await JsonFileSessionStore.readRecords(path)).map((s) => s.id), ['a']);
  });

  it('a state path that cannot be written is refused on open, and nothing is left locked', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const path = join(dir, 'a-file', 'sessions.json');
    await assert.rejects(new JsonFileSessionStore(path).open({ exclusive: true }), (error: unknown) => {
      assert.ok(error instanceof StateFileUnusableError);
      assert.match(error.message, /cannot write the state file .*a-file\/sessions\.json \(E[A-Z]+: a file stands where a folder of its path should be\)/);
      assert.match(error.hint, /--state/);
      return true;
    });
    const folder = join(dir, 'a-folder');
    await rm(folder, { force: true });
    await mkdir(folder);
    await assert.rejects(new JsonFileSessionStore(folder).open({ exclusive: true }), StateFileUnusableError);
    assert.deepEqual((await readdir(dir)).sort(), ['a-file', 'a-folder']);
  });
});
