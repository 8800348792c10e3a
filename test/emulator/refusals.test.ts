// Every rule of docs/notion-api.md §1–§8 over raw HTTP: what the emulator accepts, and the exact refusal for the rest.
import assert from 'node:assert/strict';
import { start, type Emulator, type EmulatorOptions } from './index';
import { request } from 'undici';
import { multipartBody } from './support/multipartBody';
import { expectError, RawApi, type ApiResponse } from './support/rawApi';

const MiB = 1024 * 1024;
const hour = 60 * 60 * 1000;
const undashed = (id: string): string => id.replace(/-/g, '');

async function withEmulator(options: EmulatorOptions, body: (emulator: Emulator, api: RawApi) => Promise<void>): Promise<void> {
  const emulator = await start(options);
  try {
    await body(emulator, new RawApi(emulator.url, emulator.token));
  } finally {
    await emulator.stop();
  }
}

describe('emulator refusals', () => {
  let emulator: Emulator;
  let api: RawApi;

  beforeEach(async () => {
    emulator = await start();
    api = new RawApi(emulator.url, emulator.token);
  });
  afterEach(async () => {
    await emulator.stop();
  });

  describe('conventions (§1)', () => {
    it('refuses a missing, wrong or revoked token with 401 unauthorized', async () => {
      expectError(await api.call('GET', '/v1/users/me', { token: null }), 401, 'unauthorized', 'API token is invalid.');
      expectError(await api.call('GET', '/v1/users/me', { token: 'ntn_not_a_token' }), 401, 'unauthorized', 'API token is invalid.');
      emulator.addToken('secret_legacy');
      assert.equal((await api.call('GET', '/v1/users/me', { token: 'secret_legacy' })).status, 200);
      emulator.revokeToken('secret_legacy');
      expectError(await api.call('GET', '/v1/users/me', { token: 'secret_legacy' }), 401, 'unauthorized', 'API token is invalid.');
    });

    it('requires Notion-Version and accepts exactly the known values', async () => {
      expectError(
        await api.call('GET', '/v1/users/me', { version: null }),
        400,
        'missing_version',
        'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
      );
      expectError(await api.call('GET', '/v1/users/me', { version: '2024-01-01' }), 400, 'validation_error', /^Notion-Version header failed validation: .*instead was `"2024-01-01"`\.$/);
      for (const version of ['2021-05-11', '2021-05-13', '2021-08-16', '2022-02-22', '2022-06-28', '2025-09-03', '2026-03-11']) {
        assert.equal((await api.call('GET', '/v1/users/me', { version })).status, 200, version);
      }
    });

    it('validates path IDs as UUIDs and takes them with or without dashes', async () => {
      expectError(
        await api.retrieve('abc'),
        400,
        'validation_error',
        'path failed validation: path.file_upload_id should be a valid uuid, instead was `"abc"`.',
      );
      expectError(await api.call('GET', '/v1/pages/xyz'), 400, 'validation_error', 'path failed validation: path.page_id should be a valid uuid, instead was `"xyz"`.');
      expectError(
        await api.call('GET', '/v1/blocks/12/children'),
        400,
        'validation_error',
        'path failed validation: path.block_id should be a valid uuid, instead was `"12"`.',
      );
      const id = (await api.create({ filename: 'a.txt' })).json.id as string;
      assert.equal((await api.retrieve(id)).json.id, id);
      assert.equal((await api.retrieve(undashed(id))).json.id, id);
      assert.equal((await api.retrieve(id.toUpperCase())).json.id, id);
      assert.equal((await api.call('GET', `/v1/pages/${undashed(emulator.pageId)}`)).json.id, emulator.pageId);
    });

    it('answers unknown routes and broken JSON with 400', async () => {
      expectError(await api.call('GET', '/v1/nothing'), 400, 'invalid_request_url', 'Invalid request URL: GET /v1/nothing.');
      expectError(await api.call('PATCH', '/v1/file_uploads'), 400, 'invalid_request_url', 'Invalid request URL: PATCH /v1/file_uploads.');
      expectError(await rawPost(api, '/v1/file_uploads', '{"filename":'), 400, 'invalid_json', 'Error parsing JSON body.');
    });

    it('puts request_id in every body and x-notion-request-id on every response', async () => {
      const id = await api.uploadedText();
      const responses = [
        await api.call('GET', '/v1/users/me'),
        await api.retrieve(id),
        await api.call('GET', '/v1/file_uploads'),
        await api.call('GET', '/v1/users/me', { token: null }),
        await api.call('GET', '/v1/users/me', { version: null }),
        await api.retrieve('abc'),
        await api.call('GET', '/v1/nothing'),
        await api.call('GET', `/v1/pages/${emulator.addPage('Hidden', { sharedWith: [] })}`),
      ];
      for (const response of responses) {
        const header = response.headers['x-notion-request-id'];
        assert.equal(typeof header, 'string');
        assert.equal(response.json.request_id, header);
      }
      assert.equal(new Set(responses.map((response) => response.json.request_id)).size, responses.length);
    });

    it('accepts body-less POSTs for create and complete', async () => {
      const created = await rawPost(api, '/v1/file_uploads', undefined);
      assert.equal(created.status, 200);
      assert.equal(created.json.status, 'pending');
      const multi = await api.create({ mode: 'multi_part', filename: 'tiny.txt', number_of_parts: 1 });
      await api.send(multi.json.id, { size: 10, partNumber: '1', filename: 'tiny.txt' });
      const completed = await rawPost(api, `/v1/file_uploads/${multi.json.id}/complete`, undefined);
      assert.equal(completed.json.status, 'uploaded');
    });
  });

  describe('the file upload object (§2)', () => {
    it('shows archived only before 2026-03-11, in_trash always', async () => {
      const old = await api.create({ filename: 'a.txt' }, { version: '2022-06-28' });
      assert.equal(old.json.archived, false);
      assert.equal(old.json.in_trash, false);
      const current = await api.create({ filename: 'a.txt' });
      assert.equal('archived' in current.json, false);
      assert.equal(current.json.in_trash, false);
      const oldPage = await api.call('GET', `/v1/pages/${emulator.pageId}`, { version: '2025-09-03' });
      assert.equal(oldPage.json.archived, false);
      const page = await api.call('GET', `/v1/pages/${emulator.pageId}`);
      assert.equal('archived' in page.json, false);
      assert.equal(page.json.properties.title.title[0].plain_text, 'Uploads');
    });

    it('carries upload_url, complete_url and number_of_parts only when they apply', async () => {
      const single = await api.create({ filename: 'a.txt' });
      assert.equal(single.json.upload_url, `${emulator.url}/v1/file_uploads/${single.json.id}/send`);
      assert.equal('complete_url' in single.json, false);
      assert.equal('number_of_parts' in single.json, false);
      assert.equal(Date.parse(single.json.expiry_time) - Date.parse(single.json.created_time), hour);
      const sent = await api.send(single.json.id, { size: 100, filename: 'a.txt' });
      assert.equal('upload_url' in sent.json, false);
      assert.equal(sent.json.content_length, 100);

      const multi = await api.create({ mode: 'multi_part', filename: 'big.txt', number_of_parts: 2 });
      assert.ok(multi.json.upload_url);
      assert.equal(multi.json.complete_url, `${emulator.url}/v1/file_uploads/${multi.json.id}/complete`);
      assert.deepEqual(multi.json.number_of_parts, { total: 2, sent: 0 });
      const part = await api.send(multi.json.id, { size: 5 * MiB, partNumber: '1', filename: 'big.txt' });
      assert.deepEqual(part.json.number_of_parts, { total: 2, sent: 1 });
      assert.equal(part.json.content_length, 5 * MiB);
      await api.send(multi.json.id, { size: 7, partNumber: '2', filename: 'big.txt' });
      const done = await api.complete(multi.json.id);
      assert.equal(done.json.status, 'uploaded');
      assert.equal(done.json.content_length, 5 * MiB + 7);
      assert.equal('upload_url' in done.json, false);
      assert.equal('complete_url' in done.json, false);
      assert.deepEqual(done.json.number_of_parts, { total: 2, sent: 2 });
    });

    it('dates objects by the injected clock', async () => {
      const fixed = Date.parse('2030-01-02T03:04:05.000Z');
      await withEmulator({ now: () => fixed }, async (_emulator, fixedApi) => {
        const created = await fixedApi.create({ filename: 'a.txt' });
        assert.equal(created.json.created_time, '2030-01-02T03:04:05.000Z');
        assert.equal(created.json.expiry_time, '2030-01-02T04:04:05.000Z');
      });
    });
  });

  describe('create (§3)', () => {
    it('refuses a filename over 900 bytes of UTF-8', async () => {
      const at900 = `${'é'.repeat(448)}.txt`;
      assert.equal(Buffer.byteLength(at900), 900);
      assert.equal((await api.create({ filename: at900 })).status, 200);
      expectError(
        await api.create({ filename: `${'é'.repeat(448)}a.txt` }),
        400,
        'validation_error',
        'body failed validation: body.filename.length should be ≤ `900`, instead was `901`.',
      );
    });

    it('refuses unsupported extensions and content types, and a type that disagrees with the extension', async () => {
      const extension = 'Provided `filename` has an extension that is not supported for the File Upload API.';
      for (const filename of ['notes.md', 'main.py', 'book.ipynb', 'README']) {
        expectError(await api.create({ filename }), 400, 'validation_error', extension);
      }
      expectError(
        await api.create({ filename: 'sound.wav', content_type: 'audio/x-wav' }),
        400,
        'validation_error',
        'The content type audio/x-wav is not supported for the File Upload API.',
      );
      expectError(
        await api.create({ filename: 'photo.png', content_type: 'video/mp4' }),
        400,
        'validation_error',
        'Provided `content_type` video/mp4 does not match the extension .png of the provided `filename`.',
      );
      const fromType = await api.create({ filename: 'README', content_type: 'text/plain' });
      assert.equal(fromType.json.content_type, 'text/plain');
      const inferred = await api.create({ filename: 'Report.PDF' });
      assert.equal(inferred.json.content_type, 'application/pdf');
      assert.equal((await api.create({ filename: 'sound.wav', content_type: 'audio/wav' })).status, 200);
      assert.equal((await api.create({ filename: 'page.html' })).json.content_type, 'text/html');
      const clip = await api.create({ filename: 'clip.mp4' });
      assert.equal(clip.json.content_type, 'video/mp4');
      const sound = await api.send(clip.json.id, { size: 10, filename: 'clip.mp4', contentType: 'audio/mp4' });
      assert.equal(sound.json.content_type, 'audio/mp4', 'an inferred type yields to a part type that agrees with the extension');
    });

    it('takes the wider type list when that switch is on', async () => {
      await withEmulator({ switches: { wideTypeList: true } }, async (_emulator, wideApi) => {
        assert.equal((await wideApi.create({ filename: 'notes.md' })).json.content_type, 'text/markdown');
        assert.equal((await wideApi.create({ filename: 'main.py' })).status, 200);
      });
    });

    it('validates mode, number_of_parts and the multi_part fields', async () => {
      expectError(
        await api.create({ mode: 'chunked' }),
        400,
        'validation_error',
        'body failed validation: body.mode should be one of "single_part", "multi_part", "external_url", instead was `"chunked"`.',
      );
      expectError(
        await api.create({ mode: 'multi_part', number_of_parts: 2 }),
        400,
        'validation_error',
        'body failed validation: body.filename should be defined, instead was `undefined`.',
      );
      expectError(
        await api.create({ mode: 'multi_part', filename: 'a.txt' }),
        400,
        'validation_error',
        'body failed validation: body.number_of_parts should be defined, instead was `undefined`.',
      );
      expectError(
        await api.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 0 }),
        400,
        'validation_error',
        'body failed validation: body.number_of_parts should be ≥ `1`, instead was `0`.',
      );
      expectError(
        await api.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 1001 }),
        400,
        'validation_error',
        'body failed validation: body.number_of_parts should be ≤ `1000`, instead was `1001`.',
      );
      assert.equal((await api.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 1000 })).status, 200);
      await withEmulator({ switches: { maxParts: 10_000 } }, async (_emulator, wide) => {
        assert.equal((await wide.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 10_000 })).status, 200);
      });
      expectError(
        await api.create({ filename: 'a.txt', number_of_parts: 2 }),
        400,
        'validation_error',
        'body failed validation: body.number_of_parts should be not present, instead was `2`.',
      );
      expectError(await api.create({ filename: 7 }), 400, 'validation_error', 'body failed validation: body.filename should be a string, instead was `7`.');
    });

    it('refuses multi_part on the free plan unless that switch is on', async () => {
      await withEmulator({ plan: 'free' }, async (_emulator, freeApi) => {
        expectError(
          await freeApi.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 2 }),
          400,
          'validation_error',
          'The multi_part upload mode is only available to workspaces on a paid plan.',
        );
      });
      await withEmulator({ plan: 'free', switches: { multiPartOnFree: true } }, async (_emulator, freeApi) => {
        assert.equal((await freeApi.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 2 })).status, 200);
      });
    });

    it('reports each plan limit on users/me', async () => {
      const paid = await api.call('GET', '/v1/users/me');
      assert.equal(paid.json.bot.workspace_limits.max_file_upload_size_in_bytes, 5 * 1024 * MiB);
      emulator.addToken('ntn_free', 'free');
      const free = await api.call('GET', '/v1/users/me', { token: 'ntn_free' });
      assert.equal(free.json.bot.workspace_limits.max_file_upload_size_in_bytes, 5 * MiB);
    });
  });

  describe('send, single_part (§3)', () => {
    it('fills filename and type from the part when create named none', async () => {
      const created = await rawPost(api, '/v1/file_uploads', undefined);
      assert.equal(created.json.filename, null);
      const sent = await api.send(created.json.id, { size: 1000, filename: 'scan.pdf', contentType: 'application/pdf' });
      assert.equal(sent.json.status, 'uploaded');
      assert.equal(sent.json.filename, 'scan.pdf');
      assert.equal(sent.json.content_type, 'application/pdf');
    });

    it("checks the part's own Content-Type: octet-stream, unsupported, or disagreeing with create", async () => {
      const id = (await api.create({ filename: 'a.txt', content_type: 'text/plain' })).json.id as string;
      expectError(
        await api.send(id, { size: 10, contentType: 'application/octet-stream' }),
        400,
        'validation_error',
        'The content type application/octet-stream is not supported for the File Upload API.',
      );
      expectError(await api.send(id, { size: 10, contentType: 'audio/x-wav' }), 400, 'validation_error', 'The content type audio/x-wav is not supported for the File Upload API.');
      expectError(
        await api.send(id, { size: 10, contentType: 'image/png', filename: 'a.png' }),
        400,
        'validation_error',
        `The file part's content type image/png does not match the content type text/plain of file upload ${id}.`,
      );
      assert.equal(emulator.upload(id)?.status, 'pending');
      assert.equal((await api.send(id, { size: 10 })).json.status, 'uploaded');
      await withEmulator({ switches: { rejectOctetStream: false } }, async (_emulator, lenient) => {
        const lenientId = (await lenient.create({ filename: 'a.txt' })).json.id as string;
        const sent = await lenient.send(lenientId, { size: 10, contentType: 'application/octet-stream' });
        assert.equal(sent.json.content_type, 'text/plain');
      });
    });

    it('refuses a body that is not multipart/form-data or has no file part', async () => {
      const id = (await api.create({ filename: 'a.txt' })).json.id as string;
      expectError(
        await api.call('POST', `/v1/file_uploads/${id}/send`, { json: { file: 'x' } }),
        400,
        'validation_error',
        'The request body must be multipart/form-data with a `file` part.',
      );
      expectError(
        await api.call('POST', `/v1/file_uploads/${id}/send`, { form: multipartBody({ fields: { other: '1' } }) }),
        400,
        'validation_error',
        'body failed validation: body.file should be a file, instead was `undefined`.',
      );
    });

    it('takes exactly 20 MiB in one part and refuses one byte more', async () => {
      const exact = (await api.create({ filename: 'big.txt' })).json.id as string;
      assert.equal((await api.send(exact, { size: 20 * MiB, filename: 'big.txt' })).json.status, 'uploaded');
      const over = (await api.create({ filename: 'big.txt' })).json.id as string;
      expectError(
        await api.send(over, { size: 20 * MiB + 1, filename: 'big.txt' }),
        400,
        'validation_error',
        'File size of 20971521 bytes exceeds the single_part limit of 20971520 bytes. Use multi_part mode for larger files.',
      );
      assert.equal(emulator.upload(over)?.status, 'pending');
      assert.equal(emulator.upload(over)?.partsSent, 0);
      await withEmulator({ switches: { singlePartLimitInclusive: false } }, async (_emulator, exclusive) => {
        const id = (await exclusive.create({ filename: 'big.txt' })).json.id as string;
        expectError(await exclusive.send(id, { size: 20 * MiB, filename: 'big.txt' }), 400, 'validation_error', /^File size of 20971520 bytes exceeds the single_part limit/);
      });
    });

    it('refuses a file over the free plan limit with the exact message', async () => {
      await withEmulator({ plan: 'free' }, async (_emulator, freeApi) => {
        const fits = (await freeApi.create({ filename: 'a.txt' })).json.id as string;
        assert.equal((await freeApi.send(fits, { size: 5 * MiB })).json.status, 'uploaded');
        const over = (await freeApi.create({ filename: 'a.txt' })).json.id as string;
        expectError(await freeApi.send(over, { size: 5 * MiB + 1 }), 400, 'validation_error', 'File size of 5242881 bytes exceeds the limit of 5242880.');
      });
    });

    it('refuses a send to an upload that is not pending', async () => {
      const id = await api.uploadedText();
      expectError(await api.send(id, { size: 10 }), 400, 'validation_error', `File upload with ID ${id} is not in the pending status.`);
    });
  });

  describe('send, multi_part (§3)', () => {
    async function multi(parts: number): Promise<string> {
      return (await api.create({ mode: 'multi_part', filename: 'big.txt', content_type: 'text/plain', number_of_parts: parts })).json.id as string;
    }

    it('validates part_number: missing, 0, above the total, re-sent', async () => {
      const id = await multi(2);
      expectError(await api.send(id, { size: 10 }), 400, 'validation_error', 'body failed validation: body.part_number should be defined, instead was `undefined`.');
      expectError(await api.send(id, { size: 10, partNumber: '0' }), 400, 'validation_error', 'body failed validation: body.part_number should be ≥ `1`, instead was `0`.');
      expectError(
        await api.send(id, { size: 10, partNumber: '3' }),
        400,
        'validation_error',
        `Part number 3 is greater than the number of parts (2) of file upload ${id}.`,
      );
      assert.equal((await api.send(id, { size: 10, partNumber: '2', partNumberLast: true })).json.number_of_parts.sent, 1);
      expectError(await api.send(id, { size: 10, partNumber: '2' }), 400, 'validation_error', `Part number 2 of file upload ${id} has already been sent.`);
    });

    it('keeps every part but the last within 5–20 MiB', async () => {
      const id = await multi(3);
      expectError(
        await api.send(id, { size: 5 * MiB - 1, partNumber: '1' }),
        400,
        'validation_error',
        'Part 1 is 5242879 bytes; every part except the last must be at least 5242880 bytes.',
      );
      expectError(
        await api.send(id, { size: 20 * MiB + 1, partNumber: '2' }),
        400,
        'validation_error',
        'Part 2 is 20971521 bytes; a part may be at most 20971520 bytes.',
      );
      assert.equal((await api.send(id, { size: 1, partNumber: '3' })).status, 200, 'the last part may be small');
      assert.equal(emulator.upload(id)?.partsSent, 1);
    });

    it('checks the running total against the plan limit on every part and at complete', async () => {
      await withEmulator({ plan: 'free', switches: { multiPartOnFree: true } }, async (_emulator, freeApi) => {
        const id = (await freeApi.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 2 })).json.id as string;
        assert.equal((await freeApi.send(id, { size: 5 * MiB, partNumber: '1' })).status, 200);
        expectError(await freeApi.send(id, { size: 1, partNumber: '2' }), 400, 'validation_error', 'File size of 5242881 bytes exceeds the limit of 5242880.');
      });
    });

    it('completes only a pending multi_part upload with every part sent', async () => {
      const id = await multi(3);
      await api.send(id, { size: 5 * MiB, partNumber: '1' });
      expectError(
        await api.complete(id),
        400,
        'validation_error',
        `File upload with ID ${id} expects 3 parts but 1 were sent; missing part numbers: 2, 3.`,
      );
      await api.send(id, { size: 5 * MiB, partNumber: '2' });
      await api.send(id, { size: 3, partNumber: '3' });
      assert.equal((await api.complete(id)).json.status, 'uploaded');
      expectError(await api.complete(id), 400, 'validation_error', `File upload with ID ${id} is not in the pending status.`);
      expectError(await api.send(id, { size: 3, partNumber: '3' }), 400, 'validation_error', `File upload with ID ${id} is not in the pending status.`);
      const single = (await api.create({ filename: 'a.txt' })).json.id as string;
      expectError(
        await api.complete(single),
        400,
        'validation_error',
        `File upload with ID ${single} is not a multi_part upload; only multi_part uploads are completed.`,
      );
    });

    it('follows the lenient answers when the part-number switches are off', async () => {
      const switches = { rejectResentPart: false, rejectMissingPartNumber: false, rejectPartAboveTotal: false };
      await withEmulator({ switches }, async (lenient, lenientApi) => {
        const id = (await lenientApi.create({ mode: 'multi_part', filename: 'a.txt', number_of_parts: 2 })).json.id as string;
        assert.equal((await lenientApi.send(id, { size: 5 * MiB })).json.number_of_parts.sent, 1, 'missing part_number takes the first free one');
        assert.equal((await lenientApi.send(id, { size: 5 * MiB, partNumber: '1' })).json.content_length, 5 * MiB, 're-sent part replaces');
        assert.equal((await lenientApi.send(id, { size: 9, partNumber: '3' })).json.number_of_parts.sent, 2, 'part above the total kept');
        assert.equal(lenient.upload(id)?.size, 5 * MiB + 9);
      });
    });
  });

  describe('expiry and privacy (§2)', () => {
    it('expires an unattached upload one hour after create, by the clock', async () => {
      const pending = (await api.create({ filename: 'a.txt' })).json.id as string;
      const uploaded = await api.uploadedText();
      const attached = await api.uploadedText();
      await api.append(emulator.pageId, { children: [fileBlock(attached)] });
      emulator.advanceClock(hour - 1000);
      assert.equal((await api.retrieve(pending)).json.status, 'pending');
      emulator.advanceClock(1000);
      assert.equal((await api.retrieve(pending)).json.status, 'expired');
      assert.equal((await api.retrieve(uploaded)).json.status, 'expired');
      const kept = await api.retrieve(attached);
      assert.equal(kept.json.status, 'uploaded');
      assert.equal(kept.json.expiry_time, null);
      expectError(await api.send(pending, { size: 10 }), 400, 'validation_error', `File upload with ID ${pending} is not in the pending status.`);
      expectError(await api.append(emulator.pageId, { children: [fileBlock(uploaded)] }), 400, 'object_not_found', `Could not find file_upload with ID: ${uploaded}.`);
      const expired = await api.call('GET', '/v1/file_uploads?status=expired');
      assert.deepEqual(expired.json.results.map((upload: { id: string }) => upload.id).sort(), [pending, uploaded].sort());
    });

    it("hides one token's uploads from another", async () => {
      const id = await api.uploadedText();
      emulator.addToken('ntn_other');
      const other = new RawApi(emulator.url, 'ntn_other');
      expectError(await other.retrieve(id), 404, 'object_not_found', `Could not find file_upload with ID: ${id}.`);
      expectError(await other.send(id, { size: 1 }), 404, 'object_not_found', `Could not find file_upload with ID: ${id}.`);
      expectError(await other.complete(id), 404, 'object_not_found', `Could not find file_upload with ID: ${id}.`);
      assert.deepEqual((await other.call('GET', '/v1/file_uploads')).json.results, []);
      const otherPage = emulator.addPage('Other', { sharedWith: ['ntn_other'] });
      expectError(await other.append(otherPage, { children: [fileBlock(id)] }), 400, 'object_not_found', `Could not find file_upload with ID: ${id}.`);
    });
  });

  describe('attach (§7)', () => {
    it('attaches only uploaded uploads (400 by default, 404 by switch)', async () => {
      const pending = (await api.create({ filename: 'a.txt' })).json.id as string;
      expectError(await api.append(emulator.pageId, { children: [fileBlock(pending)] }), 400, 'object_not_found', `Could not find file_upload with ID: ${pending}.`);
      await withEmulator({ switches: { attachNotUploadedStatus: 404 } }, async (other, otherApi) => {
        const id = (await otherApi.create({ filename: 'a.txt' })).json.id as string;
        expectError(await otherApi.append(other.pageId, { children: [fileBlock(id)] }), 404, 'object_not_found', `Could not find file_upload with ID: ${id}.`);
      });
      assert.deepEqual(emulator.blocks(emulator.pageId), []);
    });

    it('puts each type only into a block that fits it', async () => {
      const video = (await api.create({ filename: 'clip.mp4', content_type: 'video/mp4' })).json.id as string;
      await api.send(video, { size: 100, filename: 'clip.mp4', contentType: 'video/mp4' });
      expectError(
        await api.append(emulator.pageId, { children: [mediaBlock('image', video)] }),
        400,
        'validation_error',
        `File upload with ID ${video} has content type video/mp4, which cannot be used in a image block.`,
      );
      const pdf = (await api.create({ filename: 'a.pdf' })).json.id as string;
      await api.send(pdf, { size: 100, filename: 'a.pdf', contentType: 'application/pdf' });
      const page = (await api.create({ filename: 'site.html' })).json.id as string;
      await api.send(page, { size: 100, filename: 'site.html', contentType: 'text/html' });
      const text = await api.uploadedText();
      const appended = await api.append(emulator.pageId, {
        children: [mediaBlock('video', video), mediaBlock('pdf', pdf), mediaBlock('embed', page), { type: 'file', file: { type: 'file_upload', file_upload: { id: text }, name: 'notes' } }, mediaBlock('file', pdf)],
      });
      assert.equal(appended.status, 200);
      assert.deepEqual(appended.json.results.map((block: { type: string }) => block.type), ['video', 'pdf', 'embed', 'file', 'file']);
      assert.equal(appended.json.results[3].file.name, 'notes');
      expectError(await api.append(emulator.pageId, { children: [mediaBlock('pdf', text)] }), 400, 'validation_error', /cannot be used in a pdf block/);
    });

    it('refuses `after` on 2026-03-11 and honours it on 2022-06-28; places by `position`', async () => {
      const first = (await api.append(emulator.pageId, { children: [paragraph('one'), paragraph('three')] })).json.results as { id: string }[];
      expectError(
        await api.append(emulator.pageId, { children: [paragraph('two')], after: first[0].id }),
        400,
        'validation_error',
        `body failed validation: body.after should be not present, instead was \`"${first[0].id}"\`.`,
      );
      assert.equal((await api.append(emulator.pageId, { children: [paragraph('two')], after: first[0].id }, { version: '2022-06-28' })).status, 200);
      await api.append(emulator.pageId, { children: [paragraph('zero')], position: { type: 'start' } });
      await api.append(emulator.pageId, { children: [paragraph('four')], position: { type: 'end' } });
      await api.append(emulator.pageId, { children: [paragraph('one and a half')], position: { type: 'after_block', after_block: { id: first[0].id } } });
      const listed = await api.call('GET', `/v1/blocks/${emulator.pageId}/children`);
      assert.deepEqual(
        listed.json.results.map((block: { paragraph: { rich_text: { text: { content: string } }[] } }) => block.paragraph.rich_text[0].text.content),
        ['zero', 'one', 'one and a half', 'two', 'three', 'four'],
      );
    });

    it('takes at most 100 children per append', async () => {
      const hundred = Array.from({ length: 100 }, (_, index) => paragraph(String(index)));
      assert.equal((await api.append(emulator.pageId, { children: hundred })).json.results.length, 100);
      expectError(
        await api.append(emulator.pageId, { children: [...hundred, paragraph('one too many')] }),
        400,
        'validation_error',
        'body failed validation: body.children.length should be ≤ `100`, instead was `101`.',
      );
    });

    it('hides pages that are not shared with the integration', async () => {
      const hidden = emulator.addPage('Secret uploads', { sharedWith: [] });
      const message = `Could not find page with ID: ${hidden}. Make sure the relevant pages and databases are shared with your integration.`;
      expectError(await api.call('GET', `/v1/pages/${hidden}`), 404, 'object_not_found', message);
      const blockMessage = message.replace('page with', 'block with');
      expectError(await api.append(hidden, { children: [paragraph('x')] }), 404, 'object_not_found', blockMessage);
      expectError(await api.call('GET', `/v1/blocks/${hidden}/children`), 404, 'object_not_found', blockMessage);
      const found = await api.call('POST', '/v1/search', { json: { query: 'uploads', filter: { property: 'object', value: 'page' } } });
      assert.deepEqual(found.json.results.map((page: { id: string }) => page.id), [emulator.pageId]);
    });

    it('reads an attached upload back as a Notion-hosted file, attachable more than once', async () => {
      const id = await api.uploadedText();
      await api.append(emulator.pageId, { children: [fileBlock(id), fileBlock(id)] });
      const listed = await api.call('GET', `/v1/blocks/${undashed(emulator.pageId)}/children`);
      assert.equal(listed.json.results.length, 2);
      for (const block of listed.json.results) {
        assert.equal(block.type, 'file');
        assert.equal(block.file.type, 'file');
        assert.match(block.file.file.url, /^https:\/\//);
        assert.ok(Date.parse(block.file.file.expiry_time) > Date.now());
        assert.deepEqual(block.file.caption, []);
      }
    });
  });

  describe('lists and search (§3, §8)', () => {
    it('pages the upload list newest first with opaque cursors and a status filter', async () => {
      const ids = [await api.uploadedText(), await api.uploadedText(), (await api.create({ filename: 'a.txt' })).json.id as string];
      const first = await api.call('GET', '/v1/file_uploads?page_size=2');
      assert.deepEqual(first.json.results.map((upload: { id: string }) => upload.id), [ids[2], ids[1]]);
      assert.equal(first.json.has_more, true);
      assert.equal(first.json.type, 'file_upload');
      const second = await api.call('GET', `/v1/file_uploads?page_size=2&start_cursor=${first.json.next_cursor}`);
      assert.deepEqual(second.json.results.map((upload: { id: string }) => upload.id), [ids[0]]);
      assert.equal(second.json.next_cursor, null);
      const pending = await api.call('GET', '/v1/file_uploads?status=pending');
      assert.deepEqual(pending.json.results.map((upload: { id: string }) => upload.id), [ids[2]]);
      expectError(await api.call('GET', '/v1/file_uploads?page_size=101'), 400, 'validation_error', 'query failed validation: query.page_size should be ≤ `100`, instead was `101`.');
      expectError(
        await api.call('GET', '/v1/file_uploads?status=done'),
        400,
        'validation_error',
        'query failed validation: query.status should be one of "pending", "uploaded", "expired", "failed", instead was `"done"`.',
      );
      expectError(await api.call('GET', '/v1/file_uploads?start_cursor=bogus'), 400, 'validation_error', 'The start_cursor provided is invalid: bogus');
    });

    it('searches titles among shared pages only', async () => {
      const reports = emulator.addPage('Quarterly Reports');
      emulator.addPage('Quarterly Secrets', { sharedWith: [] });
      const found = await api.call('POST', '/v1/search', { json: { query: 'quarterly', filter: { property: 'object', value: 'page' }, page_size: 20 } });
      assert.deepEqual(found.json.results.map((page: { id: string }) => page.id), [reports]);
      assert.equal(found.json.results[0].properties.title.type, 'title');
      const all = await api.call('POST', '/v1/search', { json: {} });
      assert.equal(all.json.results.length, 2);
      expectError(
        await api.call('POST', '/v1/search', { json: { page_size: 101 } }),
        400,
        'validation_error',
        'body failed validation: body.page_size should be ≤ `100`, instead was `101`.',
      );
    });
  });
});

function paragraph(text: string): Record<string, unknown> {
  return { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: text } }] } };
}

function mediaBlock(type: string, uploadId: string): Record<string, unknown> {
  return { object: 'block', type, [type]: { type: 'file_upload', file_upload: { id: uploadId }, caption: [] } };
}

function fileBlock(uploadId: string): Record<string, unknown> {
  return mediaBlock('file', uploadId);
}

/** A POST with a raw text body (or none at all, as the SDK sends for create({}) and complete). */
async function rawPost(api: RawApi, path: string, text: string | undefined): Promise<ApiResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${api.token}`, 'notion-version': api.version };
  if (text !== undefined) headers['content-type'] = 'application/json';
  const response = await request(`${api.baseUrl}${path}`, { method: 'POST', headers, body: text });
  const body = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(body) as ApiResponse['json'] };
}
