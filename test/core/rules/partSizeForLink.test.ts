import { strict as assert } from 'node:assert';
import { MiB, PART_MAX_BYTES } from '../../../src/core';
import { BUDGET_HEADROOM, partSizeForLink, preferredPartSize } from '../../../src/core/rules/partSizeForLink';

describe('partSizeForLink', () => {
  const base = { preferredPartBytes: 5 * MiB, requestsPerMinute: 180 };

  it('keeps the preferred size before anything is measured', () => {
    assert.equal(partSizeForLink({ ...base, linkBytesPerSecond: null }), 5 * MiB);
  });

  it('keeps 5 MiB parts while the budget (15 MiB/s at 180 a minute) is above the link with headroom', () => {
    // 100 Mbit/s is 11.9 MiB/s; ×1.25 is 14.9 MiB/s, below what 180 parts of 5 MiB a minute carry.
    assert.equal(partSizeForLink({ ...base, linkBytesPerSecond: 100e6 / 8 }), 5 * MiB);
  });

  it('grows parts in whole MiB until the budget carries the link with headroom', () => {
    const link = 30 * MiB; // a 250 Mbit/s link: needs 30 × 1.25 / 3 = 12.5 MiB parts
    const size = partSizeForLink({ ...base, linkBytesPerSecond: link });
    assert.equal(size, 13 * MiB);
    assert.ok((size * base.requestsPerMinute) / 60 >= link * BUDGET_HEADROOM);
    assert.ok(((size - MiB) * base.requestsPerMinute) / 60 < link * BUDGET_HEADROOM, 'the smallest whole MiB that does');
  });

  it("stops at Notion's 20 MiB however fast the link", () => {
    assert.equal(partSizeForLink({ ...base, linkBytesPerSecond: 1000 * MiB }), PART_MAX_BYTES);
  });

  it('follows the budget: a tighter one needs larger parts for the same link', () => {
    assert.equal(partSizeForLink({ ...base, requestsPerMinute: 60, linkBytesPerSecond: 8 * MiB }), 10 * MiB);
  });

  it('never goes below a preferred size larger than the link needs', () => {
    assert.equal(partSizeForLink({ ...base, preferredPartBytes: 16 * MiB, linkBytesPerSecond: 20 * MiB }), 16 * MiB);
  });

  it('ignores figures that are not a speed', () => {
    for (const linkBytesPerSecond of [0, -1, Number.NaN]) assert.equal(partSizeForLink({ ...base, linkBytesPerSecond }), 5 * MiB);
    assert.equal(partSizeForLink({ ...base, requestsPerMinute: 0, linkBytesPerSecond: 30 * MiB }), 5 * MiB);
  });

  it('lets a resumed upload keep its part size when this run could have chosen it, so it is not started over', () => {
    const fast = { ...base, linkBytesPerSecond: 30 * MiB };
    assert.equal(preferredPartSize({ ...fast, resumedPartBytes: 5 * MiB }), 5 * MiB);
    assert.equal(preferredPartSize({ ...base, linkBytesPerSecond: null, resumedPartBytes: 13 * MiB }), 5 * MiB, 'not a size this run would choose');
    assert.equal(preferredPartSize({ ...fast, resumedPartBytes: 13 * MiB }), 13 * MiB);
    assert.equal(preferredPartSize(fast), 13 * MiB);
  });
});
