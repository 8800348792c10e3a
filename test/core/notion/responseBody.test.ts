import { strict as assert } from 'node:assert';
import { NotionApiError, redactSecrets } from '../../../src/core';
import { errorFromResponse, parseJsonResponse } from '../../../src/core/notion/responseBody';

describe('response parsing', () => {
  it('turns an HTML error page, a cut-off body and an empty body into clear errors', () => {
    const html = () => parseJsonResponse('<html><head><title>502 Bad Gateway</title></head></html>', 200, 'text/html', 'r1');
    assert.throws(html, (error: unknown) => error instanceof NotionApiError && error.code === 'invalid_response' && /HTML page \("502 Bad Gateway"\)/.test(error.message));
    assert.throws(() => parseJsonResponse('{"object":"file_upload","id":"ab', 200, 'application/json', undefined), /cut off/);
    assert.throws(() => parseJsonResponse('', 200, 'application/json', undefined), /empty body/);
  });

  it('keeps unknown fields of a good answer', () => {
    assert.deepEqual(parseJsonResponse('{"id":"x","brand_new":1}', 200, 'application/json', undefined), { id: 'x', brand_new: 1 });
  });

  it('reads a Notion error with its code, request id, Retry-After and rate-limit reason, and says what to do', () => {
    const error = errorFromResponse(429, JSON.stringify({
      object: 'error', status: 429, code: 'rate_limited', message: 'You have been rate limited.', request_id: 'req-1',
      additional_data: { retry_after: 7, rate_limit_reason: 'public_api_request_rate_limit' },
    }), { retryAfter: '2', requestId: 'hdr' });
    assert.deepEqual([error.status, error.code, error.requestId, error.retryAfterSeconds, error.rateLimitReason], [429, 'rate_limited', 'req-1', 2, 'public_api_request_rate_limit']);
    assert.match(error.hint, /request limit/);
    const noHeader = errorFromResponse(429, '{"code":"rate_limited","message":"m","additional_data":{"retry_after":7}}', {});
    assert.equal(noHeader.retryAfterSeconds, 7);
    const gateway = errorFromResponse(502, '<html>Bad gateway</html>', { contentType: 'text/html' });
    assert.deepEqual([gateway.status, gateway.code], [502, 'bad_gateway']);
    assert.match(errorFromResponse(401, '{"code":"unauthorized","message":"API token is invalid."}', {}).hint, /token is wrong or was revoked/);
  });
});

describe('redactSecrets', () => {
  it('masks token-shaped text and the known token', () => {
    const text = 'Bearer ntn_abcdefghijklmnop and secret_ZYXWVUT123 and custom-token-value';
    const redacted = redactSecrets(text, 'custom-token-value');
    assert.doesNotMatch(redacted, /abcdefghijklmnop|ZYXWVUT123|custom-token-value/);
    assert.match(redacted, /ntn_\[redacted\]/);
  });
});
