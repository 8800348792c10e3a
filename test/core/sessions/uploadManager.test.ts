import { strict as assert } from 'node:assert';
import { MemorySessionStore, MiB, PageLinkError, SettingsError, summarizeBatch, type SessionStatus, type StoredSession } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('UploadManager', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('walks the states in order and throttles progress events to one per 200 ms per session', async () => {
    const file = await writeRandomFile(harness.dir, 'states.pdf', 21 * MiB);
    const manager = harness.manager({ maxUploadSpeed: 30 });
    const states: string[] = [];
    const progress: SessionStatus[] = [];
    const progressAt: number[] = [];
    manager.onStateChange((s) => states.push(s.state));
    manager.onProgress((s) => {
      progress.push(s);
      progressAt.push(Date.now());
    });
    const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
    assert.deepEqual(states, ['queued', 'preparing', 'uploading', 'completing', 'attaching', 'done']);
    assert.ok(progress.length >= 2, `${progress.length} progress events`);
    for (let i = 1; i < progressAt.length; i++) assert.ok(progressAt[i] - progressAt[i - 1] >= 195, 'events at least 200 ms apart');
    const moving = progress.filter((s) => s.state === 'uploading' && s.bytesPerSecond > 0);
    assert.ok(moving.length > 0 && moving.every((s) => s.bytesPerSecond < 40 * MiB && s.etaSeconds !== null), 'speed and ETA while uploading');
    assert.equal(settled.bytesPerSecond, 0);
  });

  it('activeSummary adds up the queued and running sessions as summarizeBatch does over their snapshots', async () => {
    const files = await Promise.all([0, 1, 2].map((i) => writeRandomFile(harness.dir, `summary-${i}.pdf`, (i + 1) * 1000)));
    const manager = harness.manager({ filesInParallel: 1 });
    const done = manager.add(files[0].path, harness.emulator.pageId);
    await manager.whenSettled(done.id);
    const running = manager.add(files[1].path, harness.emulator.pageId);
    const queued = manager.add(files[2].path, harness.emulator.pageId);
    const summary = manager.activeSummary();
    const expected = summarizeBatch(manager.list().filter((session) => !['done', 'failed', 'cancelled'].includes(session.state)));
    assert.equal(summary.filesTotal, 2, 'the finished session is not counted');
    assert.deepEqual(manager.activeCounts(), { queued: 1, underWay: 1 }, 'one waits its turn behind the one under way');
    assert.deepEqual({ ...summary, bytesPerSecond: 0, etaSeconds: null }, { ...expected, bytesPerSecond: 0, etaSeconds: null });
    await Promise.all([manager.whenSettled(running.id), manager.whenSettled(queued.id)]);
    assert.equal(manager.activeSummary().filesTotal, 0);
    assert.deepEqual(manager.activeCounts(), { queued: 0, underWay: 0 });
  });

  it('counts a queued file with the size its caller saw, until the size read at its start replaces it', async () => {
    const files = await Promise.all([0, 1].map((i) => writeRandomFile(harness.dir, `sized-${i}.pdf`, 4000)));
    const manager = harness.manager({ filesInParallel: 1 });
    const running = manager.add(files[0].path, harness.emulator.pageId, { sizeBytes: 4000 });
    // The caller's figure is older than the file: the upload goes by what it reads when it starts.
    const queued = manager.add(files[1].path, harness.emulator.pageId, { sizeBytes: 3000 });
    assert.equal(manager.status(queued.id)?.state, 'queued');
    assert.equal(manager.status(queued.id)?.bytesTotal, 3000);
    const summary = summarizeBatch(manager.list());
    assert.equal(summary.bytesTotal, 7000, 'a batch with a file still queued is not done by its bytes');
    assert.ok(summary.bytesSent < summary.bytesTotal);
    await manager.whenSettled(running.id);
    const settled = await manager.whenSettled(queued.id);
    assert.equal(settled.state, 'done');
    assert.equal(settled.bytesTotal, 4000);
  });

  it('cancels a queued session without sending anything for it', async () => {
    const files = await Promise.all([0, 1].map((i) => writeRandomFile(harness.dir, `queued-${i}.json`, 100)));
    const manager = harness.manager({ filesInParallel: 1 });
    const first = manager.add(files[0].path, harness.emulator.pageId);
    const second = manager.add(files[1].path, harness.emulator.pageId);
    manager.cancel(second.id);
    assert.equal((await manager.whenSettled(second.id)).state, 'cancelled');
    assert.equal((await manager.whenSettled(first.id)).state, 'done');
    assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'create').length, 1);
  });

  it('prunes finished sessions after the retention time', async () => {
    const file = await writeRandomFile(harness.dir, 'pruned.json', 100);
    const manager = harness.manager({ finishedRetentionMs: 300 });
    const id = manager.add(file.path, harness.emulator.pageId).id;
    await manager.whenSettled(id);
    assert.ok(manager.status(id));
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(manager.status(id), undefined);
  });

  it('drops stored sessions past the one-hour expiry and finished ones; lists the rest as resumable', async () => {
    const store = new MemorySessionStore();
    const base: StoredSession = {
      id: 'fresh', filePath: '/nowhere/fresh.pdf', file: { size: 30 * MiB, mtimeMs: 1 }, pageId: harness.emulator.pageId, asText: false,
      plan: { mode: 'multi_part', fileName: 'fresh.pdf', uploadName: 'fresh.pdf', contentType: 'application/pdf', blockType: 'pdf', sentAsText: false, sizeBytes: 30 * MiB, partSizeBytes: 5 * MiB, partCount: 6 },
      uploadId: 'u1', partsAcknowledged: [1, 2], uploadCreatedAt: Date.now() - 60_000, blockId: null, state: 'uploading', createdAt: Date.now(), updatedAt: Date.now(),
    };
    await store.save(base);
    await store.save({ ...base, id: 'stale', uploadCreatedAt: Date.now() - 2 * 3600_000 });
    await store.save({ ...base, id: 'finished', state: 'done', blockId: 'b1' });
    const manager = harness.manager({}, store);
    const restored = await manager.resumeStored();
    assert.deepEqual(restored.map((s) => [s.id, s.state, s.resumable, s.partsDone, s.bytesSent]), [['fresh', 'failed', true, 2, 10 * MiB]]);
    assert.deepEqual((await store.load()).map((s) => s.id), ['fresh']);
  });

  it('refuses a database link and out-of-range settings up front', () => {
    const manager = harness.manager();
    assert.throws(() => manager.add('x.png', `https://www.notion.so/${'a'.repeat(32)}?v=${'b'.repeat(32)}`), PageLinkError);
    assert.throws(() => manager.updateSettings({ partSize: 4 }), SettingsError);
    assert.throws(() => manager.updateSettings({ apiBase: 'http://10.0.0.1' }), SettingsError);
    assert.equal(manager.currentSettings().partSize, 5, 'a refused change leaves the settings as they were');
  });
});
