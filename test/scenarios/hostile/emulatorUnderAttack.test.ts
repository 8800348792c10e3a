import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { start, type Emulator } from '../../emulator/index';

// The emulator meets clients that go away mid-request (a cancelled upload, a request deadline). It must treat that
// as the end of the request, never throw outside a handler (its "request failed" log).
describe('hostile clients against the emulator: a client gone mid-body', function () {
  let emulator: Emulator;
  const logged: string[] = [];
  const consoleError = console.error;

  before(async () => {
    emulator = await start({ rateLimit: false });
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  });
  after(async () => {
    console.error = consoleError;
    await emulator.stop();
  });

  const call = (method: string, path: string, body: string): Promise<Record<string, any>> => new Promise((resolve, reject) => {
    const sent = request(`${emulator.url}${path}`, {
      method, agent: false, headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': '2026-03-11', 'content-type': 'application/json' },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(JSON.parse(text) as Record<string, any>));
    });
    sent.on('error', reject);
    sent.end(body);
  });

  it('a send abandoned after part of its body leaves nothing in the error log, and the emulator answers the next request', async () => {
    for (let round = 0; round < 5; round++) {
      const upload = await call('POST', '/v1/file_uploads', JSON.stringify({ mode: 'single_part', filename: 'a.pdf', content_type: 'application/pdf' }));
      await new Promise<void>((resolve) => {
        const boundary = 'x-boundary';
        const sent = request(`${emulator.url}/v1/file_uploads/${upload.id}/send`, {
          method: 'POST', agent: false,
          headers: {
            authorization: `Bearer ${emulator.token}`, 'notion-version': '2026-03-11',
            'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(4 * 1024 * 1024),
          },
        });
        sent.on('error', () => resolve());
        sent.on('close', () => resolve());
        sent.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
        sent.write(Buffer.alloc(64 * 1024, 1));
        setTimeout(() => sent.destroy(), 30 + round * 10);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(logged, [], 'the emulator logged a failure outside its handlers');
    assert.equal((await call('GET', '/v1/users/me', '')).object, 'user');
  });

  it('a send whose form is malformed in a body larger than what was read gets an answer or a closed connection, never a thrown error', async () => {
    const early = `--x-boundary\r\n${'Malformed-Header-Without-Colon'.repeat(400)}\r\n\r\nabc`; // busboy fails at once
    for (const garbage of [early, 'not a form at all', '--x-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc']) {
      const upload = await call('POST', '/v1/file_uploads', JSON.stringify({ mode: 'single_part', filename: 'a.pdf', content_type: 'application/pdf' }));
      const status = await new Promise<number | 'closed'>((resolve) => {
        const sent = request(`${emulator.url}/v1/file_uploads/${upload.id}/send`, {
          method: 'POST', agent: false,
          headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': '2026-03-11', 'content-type': 'multipart/form-data; boundary=x-boundary' },
        }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        sent.on('error', () => resolve('closed'));
        // a malformed start, then a megabyte more: the parser fails while the body is still coming
        sent.write(garbage);
        sent.end(Buffer.alloc(1024 * 1024, 0x41));
      });
      assert.ok(status === 'closed' || status === 400, String(status));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(logged, [], 'the emulator logged a failure outside its handlers');
  });
});
