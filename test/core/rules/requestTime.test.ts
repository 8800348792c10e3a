import { strict as assert } from 'node:assert';
import { GiB, MiB, planUpload, type PlanInput, type UploadPlan } from '../../../src/core';
import { largestTimelyRequestBytes, speedNeededFor } from '../../../src/core/rules/requestTime';

const minute = 60_000;
const plan = (sizeBytes: number, bytesPerSecond: number, overrides: Partial<PlanInput> = {}): ReturnType<typeof planUpload> =>
  planUpload({ fileName: 'clip.mp4', sizeBytes, maxFileUploadSizeBytes: 5 * GiB, partSizeBytes: 5 * MiB, requestTime: { bytesPerSecond, requestLimitMs: minute }, ...overrides });
const accepted = (result: ReturnType<typeof planUpload>): UploadPlan => {
  assert.ok(result.ok, JSON.stringify(result));
  return result.plan;
};

describe('planning around Notion\'s 60-second request limit', () => {
  it('allows a request the bytes that half the limit carries at the cap, and anything without a cap', () => {
    assert.equal(largestTimelyRequestBytes({ bytesPerSecond: MiB, requestLimitMs: minute }), 30 * MiB);
    assert.equal(largestTimelyRequestBytes({ bytesPerSecond: 0, requestLimitMs: minute }), Number.POSITIVE_INFINITY);
    assert.equal(speedNeededFor(5 * MiB, minute), Math.ceil(5 * MiB / 30));
  });

  it('without a cap, or with a fast one, plans as before: one request up to 20,000,000 bytes', () => {
    assert.equal(accepted(plan(19 * MiB, 0)).mode, 'single_part');
    assert.equal(accepted(plan(19 * MiB, 10 * MiB)).mode, 'single_part');
  });

  it('sends in 5 MiB parts a file that one request would take too long for at the cap', () => {
    // 19 MiB at 512 KiB/s is 38 s in one request, more than half a minute; a 5 MiB part is 10 s.
    const parts = accepted(plan(19 * MiB, 512 * 1024));
    assert.deepEqual([parts.mode, parts.partSizeBytes, parts.partCount], ['multi_part', 5 * MiB, 4]);
    // The preferred 20 MiB part would take 40 s at 512 KiB/s: parts shrink to what fits (15 MiB), never below 5 MiB.
    const big = accepted(plan(100 * MiB, 512 * 1024, { partSizeBytes: 20 * MiB }));
    assert.deepEqual([big.mode, big.partSizeBytes], ['multi_part', 15 * MiB]);
    // A file of 6 MiB: one request would be 6 MiB (36 s at 170 KiB/s); parts of 5 MiB and 1 MiB fit (30 s).
    const six = accepted(plan(6 * MiB, 175 * 1024));
    assert.deepEqual([six.mode, six.partCount], ['multi_part', 2]);
  });

  it('refuses before sending when even a 5 MiB part (or a smaller whole file) cannot fit, saying which cap would do', () => {
    const slow = plan(50 * MiB, 100 * 1024);
    assert.ok(!slow.ok);
    assert.equal(slow.refusal.code, 'too_slow');
    assert.match(slow.refusal.reason, /100\.0 KiB\/s.*5\.0 MiB.*about 52 s.*60 s/);
    assert.match(slow.refusal.remedy, /Raise the upload speed cap .* at least 0\.2 MiB\/s/);
    const small = plan(4 * MiB, 100 * 1024);
    assert.ok(!small.ok && small.refusal.code === 'too_slow', 'a 4 MiB file goes in one request whatever the mode');
    assert.match(small.refusal.reason, /4\.0 MiB/);
    assert.equal(accepted(plan(2 * MiB, 100 * 1024)).mode, 'single_part', '2 MiB at 100 KiB/s is 20 s: fine');
  });

  it('uses parts of at least the size 1,000 parts need, and refuses when those would be too slow', () => {
    // 10 GiB needs parts of 11 MiB; at 300 KiB/s a request may carry 8.8 MiB.
    const result = plan(10 * GiB, 300 * 1024, { maxFileUploadSizeBytes: 20 * GiB });
    assert.ok(!result.ok && result.refusal.code === 'too_slow', JSON.stringify(result));
    assert.match(result.refusal.reason, /11\.0 MiB/);
  });
});
