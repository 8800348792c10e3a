import { strict as assert } from 'node:assert';
import { MiB, NotionApiError, NotionClient, UploaderError, describeError, type SessionStatus, type UploaderSettings } from '../../../src/core';
import { defaultRateLimit, type CallName, type FaultAction, type FaultRule, type LogEntry } from '../../emulator/index';
import { writeRandomFile } from '../support/randomFile';
import { UploadHarness } from '../support/uploadHarness';

describe('uploads against the emulator: faults on every call', function () {
  const harness = new UploadHarness();
  let small: { path: string; sha256: string };
  let large: { path: string; sha256: string };

  before(async () => {
    await harness.setUp();
    small = await writeRandomFile(harness.dir, 'small.txt', 3000);
    large = await writeRandomFile(harness.dir, 'large.pdf', 21 * MiB + 99); // 5 parts of 5 MiB, the last 1 MiB + 99
  });
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  async function uploadWith(rules: FaultRule[], file: { path: string; sha256: string }, settings: Partial<UploaderSettings> = {}): Promise<{ status: SessionStatus; log: LogEntry[] }> {
    for (const rule of rules) harness.emulator.addFault(rule);
    const manager = harness.manager(settings);
    const status = await manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id);
    const log = harness.emulator.requestLog().sort((a, b) => a.at - b.at);
    return { status, log };
  }

  function assertUploadedOnce(status: SessionStatus, file: { sha256: string }): void {
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.equal(harness.emulator.upload(status.uploadId!)?.sha256, file.sha256);
    assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === status.uploadId).length, 1, 'exactly one block');
  }

  const calls = (log: LogEntry[]): string[] => log.map((entry) => `${entry.call}${entry.partNumber && entry.partNumber > 1 ? `#${entry.partNumber}` : ''}:${entry.status}`);
  const sendsOfPart = (log: LogEntry[], part: number): number => log.filter((entry) => entry.call === 'send' && entry.partNumber === part).length;

  const rateFaults: Array<[string, FaultAction]> = [
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfterSeconds: 1 }],
    ['429 without Retry-After', { kind: 'status', status: 429 }],
    ['529', { kind: 'status', status: 529 }],
  ];
  for (const [label, action] of rateFaults) {
    it(`${label}: every call is simply repeated after the wait`, async () => {
      const started = Date.now();
      const targets: CallName[] = ['usersMe', 'create', 'send', 'append'];
      const { status, log } = await uploadWith(targets.map((call) => ({ call, action })), small);
      assertUploadedOnce(status, small);
      assert.deepEqual(calls(log), [
        `usersMe:${action.kind === 'status' ? action.status : 0}`, 'usersMe:200', `create:${(action as { status: number }).status}`, 'create:200',
        `send:${(action as { status: number }).status}`, 'send:200', `append:${(action as { status: number }).status}`, 'append:200',
      ]);
      if ((action as { retryAfterSeconds?: number }).retryAfterSeconds) assert.ok(Date.now() - started >= 4 * 950, 'Retry-After honoured each time');
    });
  }

  for (const serverStatus of [500, 502, 503, 504] as const) {
    it(`${serverStatus}: create is repeated, a single-part send and an append are checked first, then repeated`, async () => {
      const action: FaultAction = { kind: 'status', status: serverStatus };
      const { status, log } = await uploadWith([{ call: 'create', action }, { call: 'send', action }, { call: 'append', action }], small);
      assertUploadedOnce(status, small);
      assert.deepEqual(calls(log), [
        'usersMe:200', `create:${serverStatus}`, 'create:200', `send:${serverStatus}`, 'retrieve:200', 'send:200',
        `append:${serverStatus}`, 'retrieve:200', 'append:200',
      ]);
    });

    it(`${serverStatus}: on one part only that part goes again; complete is checked first`, async () => {
      const action: FaultAction = { kind: 'status', status: serverStatus };
      const { status, log } = await uploadWith([{ call: 'send', partNumber: 3, action }, { call: 'complete', action }], large);
      assertUploadedOnce(status, large);
      assert.deepEqual([1, 2, 3, 4, 5].map((part) => sendsOfPart(log, part)), [1, 1, 2, 1, 1]);
      assert.deepEqual(calls(log).slice(-4), [`complete:${serverStatus}`, 'retrieve:200', 'complete:200', 'append:200']);
    });
  }

  it('409 on a send (storage conflict) is retried, for a single part and for one part of many', async () => {
    const conflict: FaultAction = { kind: 'status', status: 409 };
    const single = await uploadWith([{ call: 'send', action: conflict }], small);
    assertUploadedOnce(single.status, small);
    assert.deepEqual(calls(single.log).filter((c) => c.startsWith('send')), ['send:409', 'send:200']);
    harness.reset();
    const multi = await uploadWith([{ call: 'send', partNumber: 2, action: conflict }], large);
    assertUploadedOnce(multi.status, large);
    assert.deepEqual([1, 2, 3, 4, 5].map((part) => sendsOfPart(multi.log, part)), [1, 2, 1, 1, 1]);
  });

  it('a part whose answer is lost after Notion stored it is found in the upload\'s state, not sent again', async () => {
    const { status, log } = await uploadWith([{ call: 'send', partNumber: 3, action: { kind: 'delay', ms: 3000 } }], large, { requestTimeoutMs: 1000 });
    assertUploadedOnce(status, large);
    assert.deepEqual([1, 2, 3, 4, 5].map((part) => sendsOfPart(log, part)), [1, 1, 1, 1, 1], 'every part went once: no re-send refused as a duplicate');
    assert.ok(log.some((entry) => entry.call === 'retrieve'), 'the upload was retrieved to see whether the part is in');
    assert.equal(status.partsDone, 5);
  });

  it('a connection reset mid-part re-sends that part only, and progress rolls back honestly', async () => {
    harness.emulator.addFault({ call: 'send', partNumber: 4, action: { kind: 'resetAfterBytes', bytes: 2 * MiB } });
    const manager = harness.manager();
    const seen: number[] = [];
    manager.onProgress((s) => seen.push(s.bytesSent));
    const status = await manager.whenSettled(manager.add(large.path, harness.emulator.pageId).id);
    assertUploadedOnce(status, large);
    const log = harness.emulator.requestLog();
    assert.deepEqual([1, 2, 3, 4, 5].map((part) => sendsOfPart(log, part)), [1, 1, 1, 2, 1]);
    assert.ok(log.some((entry) => entry.call === 'send' && entry.partNumber === 4 && entry.status === 0), 'the reset is in the log');
    assert.equal(status.bytesSent, status.bytesTotal);
    assert.ok(seen.every((bytes) => bytes <= status.bytesTotal), 'never counted more than the file');
  });

  it('a reset on a single-part send and on an append is checked before repeating', async () => {
    const { status, log } = await uploadWith([
      { call: 'send', action: { kind: 'resetAfterBytes', bytes: 1000 } },
      { call: 'append', action: { kind: 'resetAfterBytes', bytes: 0 } },
    ], small);
    assertUploadedOnce(status, small);
    assert.deepEqual(calls(log), ['usersMe:200', 'create:200', 'send:0', 'retrieve:200', 'send:200', 'append:0', 'retrieve:200', 'append:200']);
  });

  it('an append that Notion saved before answering 503 is read back, never written twice', async () => {
    const { status, log } = await uploadWith([{ call: 'append', action: { kind: 'appendSavedThen503' } }], small);
    assertUploadedOnce(status, small);
    assert.deepEqual(calls(log).slice(-3), ['append:503', 'retrieve:200', 'listChildren:200']);
    assert.equal(harness.emulator.blocks(harness.emulator.pageId).find((block) => block.uploadId === status.uploadId)?.id, status.blockId);
  });

  it('an append whose answer is lost after Notion applied it leaves one block, found by name when URLs do not name uploads', async () => {
    const { status, log } = await uploadWith([{ call: 'append', action: { kind: 'delay', ms: 4000 } }], small, { requestTimeoutMs: 1000 });
    assertUploadedOnce(status, small);
    assert.deepEqual(calls(log).slice(-3), ['append:0', 'retrieve:200', 'listChildren:200']);
    assert.equal(harness.emulator.blocks(harness.emulator.pageId).find((block) => block.uploadId === status.uploadId)?.id, status.blockId);
  });

  it('a stalled answer times out, aborts, and the create is repeated', async () => {
    const started = Date.now();
    const { status, log } = await uploadWith([{ call: 'create', action: { kind: 'delay', ms: 4000 } }], small, { requestTimeoutMs: 1000 });
    assertUploadedOnce(status, small);
    assert.ok(Date.now() - started < 3500, `gave up on the stalled request in time (${Date.now() - started} ms)`);
    assert.deepEqual(calls(log).slice(0, 3), ['usersMe:200', 'create:0', 'create:200']);
  });

  it('gives up after maxAttempts with the status, code, request id and a hint', async () => {
    const { status, log } = await uploadWith([{ call: 'create', times: Infinity, action: { kind: 'status', status: 502 } }], small, { maxAttempts: 3 });
    assert.equal(status.state, 'failed');
    assert.equal(log.filter((entry) => entry.call === 'create').length, 3);
    assert.equal(status.error?.status, 502);
    assert.equal(status.error?.code, 'bad_gateway');
    assert.match(status.error?.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(status.error?.hint ?? '', /server problem/);
    assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === status.uploadId).length, 0);
  });

  it('429s past maxAttempts are waited out while their waits fit maxRateLimitedWaitMs, then fail with what to do', async () => {
    // Only the injected 429s: the emulator's own per-minute budget would answer with a Retry-After of its own.
    harness.emulator.setRateLimit(false);
    try {
      const fast = { maxAttempts: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 20 };
      const through = await uploadWith([{ call: 'send', times: 6, action: { kind: 'status', status: 429 } }], small, { ...fast, maxRateLimitedWaitMs: 2000 });
      assertUploadedOnce(through.status, small);
      assert.equal(through.log.filter((entry) => entry.call === 'send').length, 7, 'six 429s, then the send that went through');

      harness.reset();
      const started = Date.now();
      const storm = await uploadWith([{ call: 'send', times: Infinity, action: { kind: 'status', status: 429 } }], small, { ...fast, maxRateLimitedWaitMs: 300 });
      assert.equal(storm.status.state, 'failed');
      assert.equal(storm.status.error?.status, 429);
      assert.match(storm.status.error?.hint ?? '', /request limit/);
      const sends = storm.log.filter((entry) => entry.call === 'send').length;
      assert.ok(sends > 2 && sends <= 300 / 5 + 2, `${sends} sends: more than maxAttempts, bounded by the wait budget (waits of 5 ms at least)`);
      assert.ok(Date.now() - started >= 250, `it waited about the budget: ${Date.now() - started} ms, ${sends} sends`);
      assert.equal(harness.emulator.blocks(harness.emulator.pageId).filter((block) => block.uploadId === storm.status.uploadId).length, 0);
    } finally {
      harness.emulator.setRateLimit(defaultRateLimit);
    }
  });

  it('a 429 with Retry-After makes every session wait, not only the one that got it', async () => {
    const files = await Promise.all([0, 1, 2].map((i) => writeRandomFile(harness.dir, `shared-${i}.json`, 500)));
    harness.emulator.addFault({ call: 'create', nth: 2, action: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const manager = harness.manager({ filesInParallel: 3 });
    const settled = await Promise.all(files.map((file) => manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id)));
    assert.ok(settled.every((s) => s.state === 'done'));
    const log = harness.emulator.requestLog().sort((a, b) => a.at - b.at);
    const limited = log.find((entry) => entry.status === 429)!;
    // Each of the two other sessions may have had one request on the wire when the 429 came back; nothing after that.
    const during = log.filter((entry) => entry.at > limited.at && entry.at < limited.at + 950);
    assert.ok(during.length <= 2, `requests during the Retry-After: ${during.map((entry) => entry.call)}`);
  });

  it('Notion\'s 404 hint speaks of an upload\'s expiry only for an upload, not for a page it cannot see', async () => {
    const client = new NotionClient({ token: harness.emulator.token, apiBase: harness.emulator.url });
    try {
      const hidden = harness.emulator.addPage('Private too', { sharedWith: [] });
      const page = await client.retrievePage(hidden).then(() => undefined, (error: unknown) => error as NotionApiError);
      assert.equal(page?.status, 404);
      assert.equal(page?.hint, 'Notion cannot see it: share the page with the integration (page menu → Connections), or check the link.');
      const upload = await client.retrieveFileUpload('0b6d1c3e-5f7a-4b2c-9d8e-1f2a3b4c5d6e').then(() => undefined, (error: unknown) => error as NotionApiError);
      assert.equal(upload?.status, 404);
      assert.match(upload?.hint ?? '', /Notion no longer has this upload \(one not attached within an hour of being made is discarded\).*Upload the file again\./);
      assert.doesNotMatch(upload?.hint ?? '', /share the page/);
    } finally {
      await client.close();
    }
  });

  it('refuses the page at attach saying plainly that the target page was not found or not shared, and what to do, without an upload\'s expiry', async () => {
    const hidden = harness.emulator.addPage('Private', { sharedWith: [] });
    const manager = harness.manager();
    const status = await manager.whenSettled(manager.add(small.path, hidden).id);
    assert.equal(status.state, 'failed');
    assert.deepEqual([status.error?.status, status.error?.code], [404, 'object_not_found']);
    assert.equal(status.error?.message, 'The target page was not found in Notion, or it is not shared with the integration.');
    assert.equal(status.error?.hint, 'Choose another target page, or share this one with the integration in Notion (page menu → Connections).');
    const shown = describeError(new UploaderError({ code: status.error!.code!, message: status.error!.message, hint: status.error!.hint! }));
    assert.doesNotMatch(shown, /block|expired|one hour|Make sure the relevant pages/i, 'no block, no expiry, Notion\'s advice not repeated');
    assert.ok(harness.emulator.requestLog().some((entry) => entry.call === 'append' && entry.status === 404), 'met at attach');
  });
});
