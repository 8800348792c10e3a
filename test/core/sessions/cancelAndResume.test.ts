import { strict as assert } from 'node:assert';
import { copyFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonFileSessionStore, MiB, type UploadManager } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';
import { waitFor } from '../../support/waitFor';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));


describe('uploads against the emulator: cancel and resume', function () {
  const harness = new UploadHarness();
  let large: { path: string; sha256: string };

  before(async () => {
    await harness.setUp();
    large = await writeRandomFile(harness.dir, 'resume.mp4', 21 * MiB + 7); // 5 parts
  });
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('cancel stops every request of the session within a second, and nothing more is sent', async () => {
    harness.emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 4 * MiB } });
    const manager = harness.manager({ partsInFlight: 3 });
    const id = manager.add(large.path, harness.emulator.pageId).id;
    await waitFor('the upload to get there', () => (manager.status(id)?.bytesSent ?? 0) > 2 * MiB);
    const cancelAt = Date.now();
    manager.cancel(id);
    const settled = await manager.whenSettled(id);
    assert.equal(settled.state, 'cancelled');
    assert.ok(Date.now() - cancelAt < 1000, `settled ${Date.now() - cancelAt} ms after cancel`);
    const requestsAtCancel = harness.emulator.counters().requests;
    await sleep(1200);
    assert.equal(harness.emulator.counters().requests, requestsAtCancel);
    const log = harness.emulator.requestLog();
    assert.deepEqual(log.filter((entry) => entry.at > cancelAt + 5), [], 'no request arrived after the cancel');
    assert.ok(log.filter((entry) => entry.call === 'send').every((entry) => entry.status === 0), 'the sends in flight were cut off');
    assert.equal(harness.emulator.upload(settled.uploadId!)?.status, 'pending');
    assert.equal(settled.resumable, true);
  });

  it('a cancel that comes while the file is being added to the page lets that append finish: done, one block, said so', async () => {
    const small = await writeRandomFile(harness.dir, 'attaching.pdf', 2048);
    harness.emulator.addFault({ call: 'append', action: { kind: 'delay', ms: 800 } });
    const manager = harness.manager();
    const id = manager.add(small.path, harness.emulator.pageId).id;
    await waitFor('the upload to get there', () => manager.status(id)?.state === 'attaching');
    manager.cancel(id);
    const settled = await manager.whenSettled(id);
    assert.equal(settled.state, 'done');
    assert.match(settled.notice ?? '', /already being added to the page/);
    assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, small.sha256);
    assert.deepEqual(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === settled.uploadId).map((block) => block.id), [settled.blockId]);
  });

  it('after a crash, resumes from the state file and sends only the parts Notion had not acknowledged', async () => {
    const statePath = join(harness.dir, 'sessions.json');
    const crashImage = join(harness.dir, 'sessions-at-crash.json');
    harness.emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 25 * MiB } });
    const first = harness.manager({ partsInFlight: 1 }, new JsonFileSessionStore(statePath));
    const id = first.add(large.path, harness.emulator.pageId).id;
    await waitFor('the upload to get there', () => (first.status(id)?.partsDone ?? 0) >= 2);
    await copyFile(statePath, crashImage); // the state file as a crash would leave it
    await first.dispose();
    const atCrash = (await JsonFileSessionStore.readRecords(crashImage))[0];
    assert.ok(atCrash.partsAcknowledged.length >= 1 && atCrash.partsAcknowledged.length < 5, `acknowledged at crash: ${atCrash.partsAcknowledged}`);

    harness.emulator.clearFaults();
    harness.emulator.clearLog();
    const second = harness.manager({}, new JsonFileSessionStore(crashImage));
    const restored = await second.resumeStored();
    assert.deepEqual(restored.map((s) => [s.id, s.state, s.resumable]), [[id, 'failed', true]]);
    const settled = await second.whenSettled(second.retry(id).id);
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.equal(settled.uploadId, atCrash.uploadId);
    assert.match(settled.notice ?? '', /^Resumed: sending \d of 5 parts/);
    const resent = harness.emulator.requestLog().filter((entry) => entry.call === 'send').map((entry) => entry.partNumber);
    const missing = [1, 2, 3, 4, 5].filter((part) => !atCrash.partsAcknowledged.includes(part));
    assert.deepEqual([...new Set(resent)].sort(), missing, 'only the unacknowledged parts went again');
    assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'create').length, 0);
    assert.equal(harness.emulator.upload(settled.uploadId!)?.sha256, large.sha256);
    assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === settled.uploadId).length, 1);
  });

  it('a type tried off Notion\'s list resumes after a crash as it was tried, not refused on the way back', async () => {
    const wide = new UploadHarness();
    await wide.setUp({ switches: { wideTypeList: true } });
    try {
      const file = await writeRandomFile(wide.dir, 'bundle.zip', 21 * MiB); // 5 parts
      const statePath = join(wide.dir, 'sessions.json');
      const crashImage = join(wide.dir, 'sessions-at-crash.json');
      wide.emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 10 * MiB } });
      const first = wide.manager({ partsInFlight: 1 }, new JsonFileSessionStore(statePath));
      const id = first.add(file.path, wide.emulator.pageId, { tryUnknownType: true }).id;
      await waitFor('a part acknowledged in the state file', async () => {
        const records = await JsonFileSessionStore.readRecords(statePath).catch(() => []);
        return records.some((record) => record.id === id && record.partsAcknowledged.length >= 1);
      });
      await copyFile(statePath, crashImage);
      await first.dispose();

      wide.emulator.clearFaults();
      const second = wide.manager({}, new JsonFileSessionStore(crashImage));
      await second.resumeStored();
      const settled = await second.whenSettled(second.retry(id).id);
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      const upload = wide.emulator.upload(settled.uploadId!);
      assert.deepEqual([upload?.contentType, upload?.sha256], ['application/zip', file.sha256]);
      assert.equal(wide.emulator.blocks(wide.emulator.pageId).filter((block) => block.uploadId === settled.uploadId).length, 1);
    } finally {
      await wide.tearDown();
    }
  });

  async function interruptedSession(fileName: string): Promise<{ manager: UploadManager; id: string; path: string; uploadId: string }> {
    const file = await writeRandomFile(harness.dir, fileName, 21 * MiB);
    const manager = harness.manager({ partsInFlight: 1, maxAttempts: 1 });
    harness.emulator.addFault({ call: 'send', partNumber: 2, times: Infinity, action: { kind: 'status', status: 500 } });
    const failed = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.resumable, true);
    harness.emulator.clearFaults();
    harness.emulator.clearLog();
    return { manager, id: failed.id, path: file.path, uploadId: failed.uploadId! };
  }

  it('retry after a failure resumes the same upload; a changed file starts over and says why', async () => {
    const resumed = await interruptedSession('retry-same.pdf');
    const done = await resumed.manager.whenSettled(resumed.manager.retry(resumed.id).id);
    assert.equal(done.state, 'done');
    assert.equal(done.uploadId, resumed.uploadId);
    assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'send').length, 4, 'parts 2..5');

    const changed = await interruptedSession('retry-changed.pdf');
    await writeFile(changed.path, Buffer.alloc(21 * MiB, 7));
    await utimes(changed.path, new Date(), new Date(Date.now() + 5000));
    const restarted = await changed.manager.whenSettled(changed.manager.retry(changed.id).id);
    assert.equal(restarted.state, 'done');
    assert.notEqual(restarted.uploadId, changed.uploadId);
    assert.match(restarted.notice ?? '', /Started over: the file changed/);
  });

  it('an upload Notion has let expire is started over, with the reason', async () => {
    const expired = await interruptedSession('retry-expired.pdf');
    harness.emulator.advanceClock(61 * 60 * 1000);
    const restarted = await expired.manager.whenSettled(expired.manager.retry(expired.id).id);
    assert.equal(restarted.state, 'done', JSON.stringify(restarted.error));
    assert.notEqual(restarted.uploadId, expired.uploadId);
    assert.match(restarted.notice ?? '', /Started over: the interrupted upload is expired at Notion/);
  });

  it('fails the session clearly when the file changes while it is being sent', async () => {
    const file = await writeRandomFile(harness.dir, 'changing.pdf', 21 * MiB);
    harness.emulator.addFault({ call: 'send', times: Infinity, action: { kind: 'throttle', bytesPerSecond: 20 * MiB } });
    const manager = harness.manager({ partsInFlight: 1 });
    const id = manager.add(file.path, harness.emulator.pageId).id;
    await waitFor('the upload to get there', () => (manager.status(id)?.partsDone ?? 0) >= 1);
    await writeFile(file.path, Buffer.alloc(1024, 1));
    const settled = await manager.whenSettled(id);
    assert.equal(settled.state, 'failed');
    assert.equal(settled.error?.code, 'file_changed');
    assert.match(settled.error?.hint ?? '', /no longer being written/);
    assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === settled.uploadId).length, 0);
  });
});
