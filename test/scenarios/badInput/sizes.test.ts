import { strict as assert } from 'node:assert';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GiB, MAX_PARTS, MiB, NotionClient, UploadManager, planUpload, type PlanResult } from '../../../src/core';
import { start, type Emulator, type EmulatorOptions } from '../../emulator/index';
import { writeRandomFile } from '../../core/support/randomFile';

// 0 bytes, exactly 20 MiB and 20 MiB + 1 go through test/core/roundTrip.test.ts; 5 MiB + 1 on the free plan through
// test/core/limitsAndRefusals.test.ts. Here: the plan limits at their edges, with sizes far beyond the disk made as sparse files.

/** A file that reports `size` bytes but holds no data blocks. */
async function sparseFile(dir: string, name: string, size: number): Promise<string> {
  const path = join(dir, name);
  const file = await open(path, 'w');
  try {
    await file.truncate(size);
  } finally {
    await file.close();
  }
  return path;
}

const plan = (sizeBytes: number, partSizeBytes = 5 * MiB, maxFileUploadSizeBytes = Number.MAX_SAFE_INTEGER): PlanResult =>
  planUpload({ fileName: 'big.mp4', sizeBytes, maxFileUploadSizeBytes, partSizeBytes });

describe('bad input: sizes at the plan limits', function () {
  let dir: string;
  const emulators: Emulator[] = [];
  const managers: UploadManager[] = [];
  const emulator = async (options: EmulatorOptions): Promise<Emulator> => {
    const started = await start(options);
    emulators.push(started);
    return started;
  };
  const manager = (target: Emulator): UploadManager => {
    const made = new UploadManager({ token: target.token, settings: { apiBase: target.url } });
    managers.push(made);
    return made;
  };

  before(async () => (dir = await mkdtemp(join(tmpdir(), 'bad-sizes-'))));
  after(async () => {
    await Promise.all(managers.map((made) => made.dispose()));
    await Promise.all(emulators.map((started) => started.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('free plan: exactly 5 MiB goes in one part; one byte more is refused before any upload request', async () => {
    const free = await emulator({ plan: 'free' });
    const upload = manager(free);
    const at = await writeRandomFile(dir, 'free-at-limit.png', 5 * MiB);
    const done = await upload.whenSettled(upload.add(at.path, free.pageId).id);
    assert.equal(done.state, 'done', JSON.stringify(done.error));
    assert.equal(free.upload(done.uploadId!)?.sha256, at.sha256);
    free.clearLog();
    const over = await sparseFile(dir, 'free-over.png', 5 * MiB + 1);
    const refused = await upload.whenSettled(upload.add(over, free.pageId).id);
    assert.deepEqual([refused.state, refused.error?.code], ['failed', 'too_large']);
    assert.deepEqual(free.requestLog().map((entry) => entry.call), []);
  });

  it('paid plan: 5 GiB + 1 byte is refused before any upload request, naming the limit', async () => {
    const paid = await emulator({ plan: 'paid' });
    const path = await sparseFile(dir, 'paid-over.mp4', 5 * GiB + 1);
    const upload = manager(paid);
    const refused = await upload.whenSettled(upload.add(path, paid.pageId).id);
    assert.deepEqual([refused.state, refused.error?.code, refused.resumable], ['failed', 'too_large', false]);
    assert.match(refused.error?.message ?? '', /this workspace accepts files up to 5\.00 GiB/);
    assert.match(refused.error?.hint ?? '', /Split or compress/);
    assert.deepEqual(paid.requestLog().map((entry) => entry.call), ['usersMe']);
  });

  it('paid plan: exactly 5 GiB is planned in 854 parts of 6 MiB, and Notion accepts that many', async () => {
    const paid = await emulator({ plan: 'paid' });
    const planned = plan(5 * GiB, 5 * MiB, 5 * GiB);
    assert.ok(planned.ok);
    assert.deepEqual([planned.plan.mode, planned.plan.partSizeBytes, planned.plan.partCount], ['multi_part', 6 * MiB, 854]);
    const client = new NotionClient({ token: paid.token, apiBase: paid.url });
    try {
      const created = await client.createFileUpload({ mode: 'multi_part', filename: 'big.mp4', contentType: planned.plan.contentType, numberOfParts: planned.plan.partCount });
      assert.deepEqual([created.status, created.numberOfParts?.total], ['pending', 854]);
    } finally {
      await client.close();
    }
  });

  it('over 1,000 parts at 5 MiB: the part size grows in whole MiB; past 1,000 parts of 20 MiB the plan refuses', () => {
    const cases: Array<[number, number, number | 'too_many_parts']> = [
      // size, preferred part size, resulting part count (or refusal)
      [MAX_PARTS * 5 * MiB, 5 * MiB, 1000],
      [MAX_PARTS * 5 * MiB + 1, 5 * MiB, 834],
      [MAX_PARTS * 20 * MiB, 5 * MiB, 1000],
      [MAX_PARTS * 20 * MiB, 20 * MiB, 1000],
      [MAX_PARTS * 20 * MiB + 1, 5 * MiB, 'too_many_parts'],
      [MAX_PARTS * 20 * MiB + 1, 20 * MiB, 'too_many_parts'],
    ];
    for (const [size, partSize, expected] of cases) {
      const result = plan(size, partSize);
      if (expected === 'too_many_parts') {
        assert.ok(!result.ok && result.refusal.code === 'too_many_parts', `${size}: ${JSON.stringify(result)}`);
        assert.match(result.refusal.reason, /at most 1000 parts of up to 20\.0 MiB/);
      } else {
        assert.ok(result.ok, `${size}: ${JSON.stringify(result)}`);
        assert.equal(result.plan.partCount, expected, String(size));
        assert.ok(result.plan.partSizeBytes % MiB === 0 && result.plan.partSizeBytes <= 20 * MiB);
        assert.ok((result.plan.partCount - 1) * result.plan.partSizeBytes < size && result.plan.partCount * result.plan.partSizeBytes >= size);
      }
    }
  });

  it('a real file past 1,000 parts of 20 MiB, where the workspace would take it, is refused before any upload request', async () => {
    const roomy = await emulator({ plan: 'paid', maxFileSizeBytes: 64 * GiB });
    const path = await sparseFile(dir, 'too-many-parts.mp4', MAX_PARTS * 20 * MiB + 1);
    const upload = manager(roomy);
    const refused = await upload.whenSettled(upload.add(path, roomy.pageId).id);
    assert.deepEqual([refused.state, refused.error?.code], ['failed', 'too_many_parts']);
    assert.deepEqual(roomy.requestLog().map((entry) => entry.call), ['usersMe']);
  });
});
