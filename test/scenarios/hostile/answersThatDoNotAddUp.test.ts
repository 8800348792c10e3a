import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB, UploadManager, type SessionStatus } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { waitFor } from '../../support/waitFor';
import { HostileNotion, sendJson } from './support/hostileNotion';

// Answers that say "done" while their content says otherwise: each must fail the upload with what went wrong.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';

const uploadObject = (id: string, status: string, contentLength: number | null): Record<string, unknown> => ({
  object: 'file_upload', id, status, filename: 'file', content_type: 'application/pdf', content_length: contentLength,
  created_time: new Date().toISOString(), expiry_time: new Date(Date.now() + 3_600_000).toISOString(),
});
const uploadIdOf = (path: string): string => /file_uploads\/([^/]+)/.exec(path)![1];

describe('hostile servers: answers that do not add up', function () {
  const notion = new HostileNotion();
  let dir: string;
  const managers: UploadManager[] = [];

  const upload = async (path: string): Promise<SessionStatus> => {
    const manager = new UploadManager({
      token: 'ntn_answersTokenAbcdefghij1234567890',
      settings: { apiBase: notion.url, maxAttempts: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 20, requestTimeoutMs: 5000, partSize: 5 },
    });
    managers.push(manager);
    return manager.whenSettled(manager.add(path, PAGE).id);
  };

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-answers-'));
  });
  after(async () => {
    await notion.stop();
    await Promise.all(managers.map((manager) => manager.dispose()));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  it('a complete that says Notion holds other than the bytes sent fails (answer_mismatch), not done', async () => {
    const file = await writeRandomFile(dir, 'two-parts.pdf', 21 * MiB + 10);
    notion.attack = (call, request, res) => call === 'complete' && sendJson(res, 200, uploadObject(uploadIdOf(request.path), 'uploaded', file.size - 4096));
    const settled = await upload(file.path);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'answer_mismatch'], JSON.stringify(settled.error));
    assert.match(settled.error!.message, new RegExp(`holds ${file.size - 4096} bytes .* but ${file.size} were sent`));
    assert.equal(notion.count('append'), 0, 'nothing is attached');
  });

  // Such an answer is read back like a lost one: this stand-in's upload never says it is attached, so the append is
  // sent once more, and the second such answer fails the file as not on the page.
  it('an append answered with another block (a paragraph) is not reported done with that block id', async () => {
    const file = await writeRandomFile(dir, 'one.pdf', 3000);
    const paragraph = randomUUID();
    notion.attack = (call, _request, res) => call === 'append' && sendJson(res, 200, {
      object: 'list', results: [{ object: 'block', id: paragraph, type: 'paragraph', paragraph: { rich_text: [] } }],
    });
    const settled = await upload(file.path);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'attach_not_shown'], JSON.stringify(settled.error));
    assert.notEqual(settled.blockId, paragraph);
    assert.match(settled.error!.message, /twice answered .* held a paragraph block where a pdf block was sent, and the page, read back, does not hold it/);
    assert.deepEqual(notion.calls.slice(-4).map((entry) => entry.call), ['append', 'retrieve', 'append', 'retrieve']);
  });

  it('an append answered with the right type but another upload\'s file is not taken either', async () => {
    const file = await writeRandomFile(dir, 'other.pdf', 3000);
    notion.attack = (call, _request, res) => call === 'append' && sendJson(res, 200, {
      object: 'list', results: [{ object: 'block', id: randomUUID(), type: 'pdf', pdf: { type: 'file_upload', file_upload: { id: randomUUID() }, caption: [] } }],
    });
    const settled = await upload(file.path);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'attach_not_shown'], JSON.stringify(settled.error));
    assert.match(settled.error!.message, /held another file upload than the one sent/);
    assert.equal(notion.count('append'), 2);
  });

  it('cancelled while its append is under way, then answered with no block and not on the page: not appended again, stopped and resumable', async () => {
    const file = await writeRandomFile(dir, 'stopped.pdf', 3000);
    notion.attack = async (call, _request, res) => {
      if (call !== 'append') return false;
      await new Promise((resolve) => setTimeout(resolve, 600));
      return sendJson(res, 200, { object: 'list', results: [] });
    };
    const manager = new UploadManager({
      token: 'ntn_answersTokenAbcdefghij1234567890',
      settings: { apiBase: notion.url, maxAttempts: 2, retryBaseDelayMs: 10, retryMaxDelayMs: 20, requestTimeoutMs: 5000 },
    });
    managers.push(manager);
    const id = manager.add(file.path, PAGE).id;
    await waitFor('the append to be under way', () => notion.count('append') === 1);
    manager.cancel(id);
    const settled = await manager.whenSettled(id);
    assert.deepEqual([settled.state, settled.error?.code, settled.resumable], ['failed', 'attach_stopped', true], JSON.stringify(settled.error));
    assert.deepEqual(notion.calls.slice(-2).map((entry) => entry.call), ['append', 'retrieve'], 'read back once, not appended again');
  });

  it('a single-part send answered 200 while the upload stays pending fails as unfinished, before any append (not "share the page")', async () => {
    const file = await writeRandomFile(dir, 'pending.pdf', 3000);
    notion.attack = (call, request, res) => {
      if (call === 'send' || call === 'retrieve') return sendJson(res, 200, uploadObject(uploadIdOf(request.path), 'pending', 0));
      // what Notion answers to attaching an upload that is not uploaded
      if (call === 'append') return sendJson(res, 404, { object: 'error', status: 404, code: 'object_not_found', message: 'Could not find file_upload with ID: x.' });
      return false;
    };
    const settled = await upload(file.path);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'upload_not_finished'], JSON.stringify(settled.error));
    assert.match(settled.error!.message, /says the upload is "pending", not "uploaded"/);
    assert.doesNotMatch(settled.error!.hint ?? '', /share the page/);
    assert.equal(notion.count('append'), 0);
  });

  it('a single-part send answered with fewer bytes than were sent fails (answer_mismatch)', async () => {
    const file = await writeRandomFile(dir, 'short.pdf', 3000);
    notion.attack = (call, request, res) => call === 'send' && sendJson(res, 200, uploadObject(uploadIdOf(request.path), 'uploaded', 1000));
    const settled = await upload(file.path);
    assert.deepEqual([settled.state, settled.error?.code], ['failed', 'answer_mismatch'], JSON.stringify(settled.error));
  });

  it('well-formed answers still make a done upload, single and multi-part', async () => {
    for (const size of [3000, 21 * MiB + 10]) {
      const file = await writeRandomFile(dir, `fine-${size}.pdf`, size);
      const settled = await upload(file.path);
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    }
  });
});
