import { strict as assert } from 'node:assert';
import { NotionApiError, NotionNetworkError } from '../../../src/core';
import { decideRetry, type CallKind } from '../../../src/core/notion/retryPolicy';

const options = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, random: () => 1, maxRateLimitedWaitMs: 10_000 };
const apiError = (status: number, extra: Partial<ConstructorParameters<typeof NotionApiError>[0]> = {}): NotionApiError =>
  new NotionApiError({ status, code: 'x', message: 'm', ...extra });
const reset = new NotionNetworkError('reset', 'network_error');

describe('decideRetry (docs/notion-api.md §6)', () => {
  it('waits out Retry-After on a 429 and pauses every session; backs off when it is missing; 529 alike', () => {
    assert.deepEqual(decideRetry('create', apiError(429, { retryAfterSeconds: 3 }), 1, options), { action: 'retry', delayMs: 3000, pauseEveryone: true });
    assert.deepEqual(decideRetry('sendPart', apiError(429), 2, options), { action: 'retry', delayMs: 200, pauseEveryone: true });
    assert.deepEqual(decideRetry('append', apiError(529, { retryAfterSeconds: 1 }), 1, options), { action: 'retry', delayMs: 1000, pauseEveryone: true });
  });

  it('goes on retrying 429 and 529 past the attempt budget while the rate-limited waits fit their own budget', () => {
    assert.deepEqual(decideRetry('sendPart', apiError(429, { retryAfterSeconds: 2 }), 9, options, 7_000), { action: 'retry', delayMs: 2000, pauseEveryone: true });
    assert.equal(decideRetry('sendPart', apiError(429, { retryAfterSeconds: 2 }), 9, options, 8_001).action, 'fail');
    assert.equal(decideRetry('append', apiError(529), 4, options, 9_500).action, 'fail', 'a backoff of 800 ms would pass 10 s');
    assert.equal(decideRetry('append', apiError(529), 4, { ...options, maxRateLimitedWaitMs: 0 }).action, 'fail', '0: the attempt budget alone');
    assert.equal(decideRetry('read', apiError(500), 4, options, 0).action, 'fail', 'other failures keep the attempt budget');
    assert.deepEqual(decideRetry('create', apiError(429, { retryAfterSeconds: 0 }), 3, options), { action: 'retry', delayMs: 400, pauseEveryone: true },
      'a Retry-After of 0 backs off instead of retrying at once');
  });

  it('never retries a connection failure that would fail the same way again (an untrusted certificate, proxy credentials)', () => {
    for (const code of ['tls_certificate', 'proxy_authentication']) {
      const refused = new NotionNetworkError('refused', code, { retryable: false });
      for (const kind of ['read', 'create', 'sendSingle', 'sendPart', 'complete', 'append'] as CallKind[]) {
        assert.deepEqual(decideRetry(kind, refused, 1, options), { action: 'fail' }, `${code} ${kind}`);
      }
    }
    assert.equal(decideRetry('read', reset, 1, options).action, 'retry', 'a reset still is retried');
  });

  it('never retries public_api_request_blocked, client errors, or past the attempt budget', () => {
    assert.equal(decideRetry('read', apiError(429, { rateLimitReason: 'public_api_request_blocked', retryAfterSeconds: 1 }), 1, options).action, 'fail');
    assert.equal(decideRetry('create', apiError(429, { retryAfterSeconds: 1e9 }), 1, options).action, 'fail', 'a Retry-After of years fails instead of waiting');
    assert.equal(decideRetry('create', apiError(429, { retryAfterSeconds: 600 }), 1, { ...options, maxRateLimitedWaitMs: 600_000 }).action, 'retry');
    for (const status of [400, 401, 403, 404]) assert.equal(decideRetry('read', apiError(status), 1, options).action, 'fail');
    assert.equal(decideRetry('read', apiError(500), 4, options).action, 'fail');
    assert.equal(decideRetry('create', new Error('bug'), 1, options).action, 'fail');
  });

  it('after a 5xx or a reset: repeats only what is safe, checks the rest first', () => {
    const expected: Record<CallKind, string> = {
      read: 'retry', create: 'retry', sendPart: 'verifyThenRetry', sendSingle: 'verifyThenRetry', complete: 'verifyThenRetry', append: 'verifyThenRetry',
    };
    for (const [kind, action] of Object.entries(expected) as Array<[CallKind, string]>) {
      for (const error of [apiError(500), apiError(502), apiError(503), apiError(504), reset]) {
        assert.equal(decideRetry(kind, error, 1, options).action, action, `${kind} after ${error.message}`);
      }
    }
  });

  it('tries a 409 conflict_error again on every call, checking first whether a write landed', () => {
    const expected: Record<CallKind, string> = {
      read: 'retry', create: 'retry', sendPart: 'verifyThenRetry', sendSingle: 'verifyThenRetry', complete: 'verifyThenRetry', append: 'verifyThenRetry',
    };
    for (const [kind, action] of Object.entries(expected) as Array<[CallKind, string]>) {
      assert.equal(decideRetry(kind, apiError(409, { code: 'conflict_error' }), 1, options).action, action, kind);
    }
    assert.equal(decideRetry('append', apiError(409), 4, options).action, 'fail', 'within the attempt budget');
  });

  it('reads back an append whose 503 says it was saved, even on the last attempt', () => {
    const saved = apiError(503, { additionalData: { retry_guidance: 'The change was saved before this error. Do not retry this request.' } });
    assert.deepEqual(decideRetry('append', saved, 1, options), { action: 'readBack' });
    assert.deepEqual(decideRetry('append', saved, 4, options), { action: 'readBack' });
    const notSaved = apiError(503, { additionalData: { retry_guidance: 'The change was not saved.' } });
    assert.equal(decideRetry('append', notSaved, 1, options).action, 'verifyThenRetry');
  });
});
