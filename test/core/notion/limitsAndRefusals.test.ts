import { strict as assert } from 'node:assert';
import { MiB } from '../../../src/core';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('uploads against the emulator: bandwidth and request budget', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('never goes more than 10 % over the bandwidth limit, and does not hold the upload far below it', async () => {
    const file = await writeRandomFile(harness.dir, 'limited.pdf', 21 * MiB);
    const limit = 8 * MiB;
    const manager = harness.manager({ maxUploadSpeed: limit / MiB, partsInFlight: 3 });
    const started = Date.now();
    const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(settled.state, 'done');
    const expected = file.size / limit;
    // Faster than the cap is the limiter's fault; slower can also be a busy machine, so that side is looser.
    assert.ok(seconds >= expected / 1.1, `took ${seconds.toFixed(2)} s: faster than the limit allows (${expected.toFixed(2)} s)`);
    assert.ok(seconds <= expected * 1.5, `took ${seconds.toFixed(2)} s for ${expected.toFixed(2)} s at the limit`);
  });

  it('keeps a batch inside the server\'s request window: no 429 at all', async () => {
    harness.emulator.setRateLimit({ requests: 20, windowMs: 2000 });
    try {
      const files = await Promise.all(Array.from({ length: 10 }, (_, i) => writeRandomFile(harness.dir, `budget-${i}.json`, 200)));
      const manager = harness.manager({ requestsPerMinute: 600, rateWindowMs: 2000, filesInParallel: 5 });
      const started = Date.now();
      const settled = await Promise.all(files.map((file) => manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id)));
      assert.ok(settled.every((status) => status.state === 'done'));
      assert.equal(harness.emulator.counters().rateLimited, 0);
      const requests = harness.emulator.requestLog().length;
      assert.equal(requests, 22, 'users/me once, then create and send per file, and one append for the ten');
      assert.ok(Date.now() - started >= 2000, `22 requests at 20 per 2 s wait out one full window (${Date.now() - started} ms)`);
    } finally {
      harness.emulator.setRateLimit({ requests: 180, windowMs: 60_000 });
    }
  });
});

describe('uploads against the emulator: refusals in the plan step', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp({ plan: 'free' }));
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  const refusals: Array<{ name: string; size: number; code: string; reason: RegExp; remedy: RegExp }> = [
    { name: 'too-big.png', size: 5 * MiB + 1, code: 'too_large', reason: /accepts files up to 5\.0 MiB/, remedy: /Free workspaces/ },
    { name: 'archive.zip', size: 100, code: 'unsupported_type', reason: /does not accept \.zip/, remedy: /convert/ },
    { name: 'notes.md', size: 100, code: 'unsupported_type', reason: /does not accept \.md/, remedy: /--as-text/ },
  ];
  for (const { name, size, code, reason, remedy } of refusals) {
    // (a name over 900 bytes cannot exist on common file systems, 255 bytes at most: the plan's unit test covers it)
    it(`${code}: ${name} is refused before any upload request`, async () => {
      const file = await writeRandomFile(harness.dir, name, size);
      const manager = harness.manager();
      const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
      assert.equal(settled.state, 'failed');
      assert.equal(settled.error?.code, code);
      assert.match(settled.error?.message ?? '', reason);
      assert.match(settled.error?.hint ?? '', remedy);
      assert.equal(settled.resumable, false);
      assert.deepEqual(harness.emulator.requestLog().map((entry) => entry.call).filter((call) => call !== 'usersMe'), []);
    });
  }

  it('sends a text file Notion refuses as <name>.txt (text/plain) when asked', async () => {
    const file = await writeRandomFile(harness.dir, 'script.py', 2048);
    const manager = harness.manager();
    const settled = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId, { asText: true }).id);
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    const upload = harness.emulator.upload(settled.uploadId!);
    assert.deepEqual([upload?.filename, upload?.contentType, upload?.sha256], ['script.py.txt', 'text/plain', file.sha256]);
    assert.deepEqual(harness.emulator.blocks(harness.emulator.pageId).filter((b) => b.uploadId === settled.uploadId).map((b) => [b.type, b.name]), [['file', 'script.py.txt']]);
    assert.match(settled.notice ?? '', /Sent as script\.py\.txt/);
  });

  it('asks users/me once per token for all files', async () => {
    const files = await Promise.all([0, 1, 2].map((i) => writeRandomFile(harness.dir, `cached-${i}.txt`, 10)));
    const manager = harness.manager();
    await Promise.all(files.map((file) => manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id)));
    assert.equal(harness.emulator.requestLog().filter((entry) => entry.call === 'usersMe').length, 1);
  });
});
