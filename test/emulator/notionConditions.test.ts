// Conditions Notion documents that the emulator reproduces on request: 409 for overlapping writes, the 60-second
// request limit, personal access tokens, the Free workspace block limit and the wider type list.
import { APIResponseError, Client } from '@notionhq/client';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { start, type Emulator, type EmulatorOptions } from './index';

const paragraph = (text: string) => ({ object: 'block' as const, type: 'paragraph' as const, paragraph: { rich_text: [{ type: 'text' as const, text: { content: text } }] } });

async function withEmulator(options: EmulatorOptions, body: (emulator: Emulator, notion: Client) => Promise<void>): Promise<void> {
  const emulator = await start(options);
  try {
    await body(emulator, new Client({ auth: emulator.token, baseUrl: emulator.url, notionVersion: '2026-03-11', retry: false }));
  } finally {
    await emulator.stop();
  }
}

function settledErrors(results: PromiseSettledResult<unknown>[]): Array<{ status: number; code: string; message: string }> {
  return results.flatMap((result) => (result.status === 'rejected' && APIResponseError.isAPIResponseError(result.reason)
    ? [{ status: result.reason.status, code: result.reason.code, message: result.reason.message }] : []));
}

describe('emulator: conditions Notion documents', () => {
  describe('409 conflict_error for overlapping writes to one page', () => {
    it('answers 409 to an append that arrives while another append to the page is handled; the first one lands', async () => {
      await withEmulator({ conflictOnOverlappingWrites: true, appendHandlingDelayMs: 300 }, async (emulator, notion) => {
        const first = notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('first')] });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const second = notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('second')] });
        const results = await Promise.allSettled([first, second]);
        assert.equal(results[0].status, 'fulfilled');
        assert.deepEqual(settledErrors(results), [{ status: 409, code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' }]);
        assert.equal(emulator.blocks(emulator.pageId).length, 1, 'the refused append wrote nothing');
        await notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('second, again')] });
        assert.equal(emulator.blocks(emulator.pageId).length, 2, 'one after the other, both land');
      });
    });

    it('lets appends to different pages overlap, and every append overlap when the switch is off', async () => {
      await withEmulator({ conflictOnOverlappingWrites: true, appendHandlingDelayMs: 200 }, async (emulator, notion) => {
        const other = emulator.addPage('Other');
        await Promise.all([
          notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('a')] }),
          notion.blocks.children.append({ block_id: other, children: [paragraph('b')] }),
        ]);
      });
      await withEmulator({ appendHandlingDelayMs: 200 }, async (emulator, notion) => {
        await Promise.all([1, 2, 3].map((n) => notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph(`p${n}`)] })));
        assert.equal(emulator.blocks(emulator.pageId).length, 3);
      });
    });
  });

  describe('the request time limit (Notion: 503 after 60 seconds)', () => {
    it('answers 503 service_unavailable to a request whose answer is not ready by the limit', async () => {
      await withEmulator({ requestLimitMs: 700 }, async (emulator, notion) => {
        emulator.addFault({ call: 'usersMe', action: { kind: 'delay', ms: 3000 } });
        const started = Date.now();
        await assert.rejects(notion.users.me({}), (error: unknown) => APIResponseError.isAPIResponseError(error) && error.status === 503 && error.code === 'service_unavailable');
        const took = Date.now() - started;
        assert.ok(took >= 650 && took < 2500, `cut off at the limit (${took} ms)`);
        assert.equal((await notion.users.me({})).object, 'user', 'the next request is answered as usual');
      });
    });

    it('cuts off a send whose body is still arriving at the limit, and keeps nothing of it', async () => {
      await withEmulator({ requestLimitMs: 800 }, async (emulator, notion) => {
        const upload = await notion.fileUploads.create({ mode: 'single_part', filename: 'slow.txt', content_type: 'text/plain' });
        const boundary = 'slowboundary';
        const started = Date.now();
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(`${emulator.url}/v1/file_uploads/${upload.id}/send`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${emulator.token}`, 'notion-version': '2026-03-11', 'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(1024 * 1024),
            },
          }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', reject);
          req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\nContent-Type: text/plain\r\n\r\n`);
          const trickle = setInterval(() => req.write('x'.repeat(1000)), 100);
          req.on('close', () => clearInterval(trickle));
        });
        assert.equal(answer.status, 503);
        assert.equal(JSON.parse(answer.body).code, 'service_unavailable');
        assert.ok(Date.now() - started < 2500, 'answered at the limit, not when the body ended');
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual([emulator.upload(upload.id)?.status, emulator.upload(upload.id)?.partsSent], ['pending', 0]);
      });
    });
  });

  describe('personal access tokens', () => {
    it('users/me answers as a person (no bot, no workspace limits); pages need no sharing', async () => {
      await withEmulator({ tokenKind: 'pat' }, async (emulator, notion) => {
        const me = await notion.users.me({});
        assert.equal(me.type, 'person');
        assert.ok(me.type === 'person' && typeof me.person === 'object');
        assert.equal('bot' in me, false);
        const unshared = emulator.addPage('Private notes', { sharedWith: [] });
        assert.equal((await notion.pages.retrieve({ page_id: unshared })).id, unshared);
        await notion.blocks.children.append({ block_id: unshared, children: [paragraph('mine')] });
        const found = await notion.search({ query: 'private', filter: { property: 'object', value: 'page' } });
        assert.deepEqual(found.results.map((page) => page.id), [unshared]);
      });
    });

    it('an integration still needs the page shared', async () => {
      await withEmulator({}, async (emulator, notion) => {
        const unshared = emulator.addPage('Private notes', { sharedWith: [] });
        await assert.rejects(notion.pages.retrieve({ page_id: unshared }), (error: unknown) => APIResponseError.isAPIResponseError(error) && error.status === 404);
      });
    });
  });

  describe('the Free workspace block limit', () => {
    it('refuses writes that create blocks once the limit is reached, with a 400 naming the block limit; reads still work', async () => {
      await withEmulator({ blockLimit: 2 }, async (emulator, notion) => {
        await notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('one')] });
        await notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('two'), paragraph('three')] });
        const refused = await Promise.allSettled([notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('four')] })]);
        const [error] = settledErrors(refused);
        assert.deepEqual([error?.status, error?.code], [400, 'validation_error']);
        assert.match(error?.message ?? '', /block limit/);
        assert.equal((await notion.blocks.children.list({ block_id: emulator.pageId })).results.length, 3, 'the write that reached the limit went through; reads work');
      });
    });

    it('does not limit a personal access token', async () => {
      await withEmulator({ blockLimit: 0, tokenKind: 'pat' }, async (emulator, notion) => {
        await notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('mine')] });
        assert.equal(emulator.blocks(emulator.pageId).length, 1);
      });
    });
  });
});
