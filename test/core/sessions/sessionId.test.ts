import { strict as assert } from 'node:assert';
import { newSessionId } from '../../../src/core/sessions/sessionId';
import { collectGarbage } from '../../support/collectGarbage';

describe('newSessionId', () => {
  it('gives 32 hex digits, never the same twice in 20,000', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => newSessionId()));
    assert.equal(ids.size, 20_000);
    for (const id of [...ids].slice(0, 100)) assert.match(id, /^[0-9a-f]{32}$/);
  });

  it('holds no more than its own characters once kept (randomUUID kept about 400 bytes more)', () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 10_000 }, () => newSessionId());
    collectGarbage();
    const perId = (process.memoryUsage().heapUsed - before) / kept.length;
    // 32 one-byte characters and a string header, plus the array's slot: under 100 bytes.
    assert.ok(perId < 100, `${perId.toFixed(0)} bytes per kept id`);
    assert.equal(kept.length, 10_000);
  });
});
