import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiB, UploadManager, type SessionStatus } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { ScriptedNotion, wellFormed, type Answer, type CallName, type Script } from './support/scriptedNotion';

// Answers test/core/responseBody.test.ts and notionClient.test.ts do not already cover, met in whole uploads.
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';
const MAX_ATTEMPTS = 3;

const html = (status: number, title: string): Answer => ({ status, body: `<!doctype html><html><head><title>${title}</title></head><body>…</body></html>`, headers: { 'content-type': 'text/html' } });
const raw = (status: number, body: string): Answer => ({ status, body, headers: { 'content-type': 'application/json' } });
const only = (call: CallName, answer: (path: string, body: string) => Answer): Script => (name, request) => (name === call ? answer(request.path, request.body) : undefined);

/** Adds unknown fields at every level of a well-formed answer. */
function withExtras(answer: Answer): Answer {
  if (!('body' in answer) || 'cutOffAfter' in answer) return answer;
  const value = JSON.parse(answer.body) as Record<string, any>;
  const decorate = (object: Record<string, any>): Record<string, any> => ({ ...object, added_in_2030: { nested: [1, { deeper: null }] }, beta_flag: true });
  const decorated = decorate(value);
  if (Array.isArray(value.results)) decorated.results = value.results.map(decorate);
  if (value.bot) decorated.bot = decorate({ ...value.bot, workspace_limits: decorate(value.bot.workspace_limits) });
  return { ...answer, body: JSON.stringify(decorated) };
}

describe('bad input: answers the client does not expect, in whole uploads', function () {
  const notion = new ScriptedNotion();
  let dir: string;
  let small: string;
  const managers: UploadManager[] = [];

  const upload = async (path = small): Promise<SessionStatus> => {
    const manager = new UploadManager({
      token: 'ntn_scriptedTokenAbcdefghij1234567890', settings: { apiBase: notion.url, maxAttempts: MAX_ATTEMPTS, retryBaseDelayMs: 10, retryMaxDelayMs: 50, requestTimeoutMs: 3000 },
    });
    managers.push(manager);
    return manager.whenSettled(manager.add(path, PAGE).id);
  };

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'odd-answers-'));
    small = (await writeRandomFile(dir, 'small.png', 2048)).path;
  });
  after(async () => {
    await Promise.all(managers.map((manager) => manager.dispose()));
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    notion.calls.length = 0;
    notion.script = () => undefined;
  });

  it('ignores fields it does not know, at every level of every answer', async () => {
    notion.script = (call, request) => withExtras(wellFormed(call, request.path, request.body));
    const settled = await upload();
    assert.equal(settled.state, 'done', JSON.stringify(settled.error));
    assert.deepEqual(notion.calls.map((entry) => entry.call), ['usersMe', 'create', 'send', 'append']);
  });

  it('does without optional fields: no workspace limit means none is assumed (Notion refuses what it must), a bare create and send answer are enough', async () => {
    notion.script = (call, request) => {
      if (call === 'usersMe') return raw(200, '{"object":"user"}');
      if (call === 'create') return raw(200, JSON.stringify({ id: '0d8f4a4e-5f1c-4e35-8f8e-6a1f0b7c2d3e' }));
      if (call === 'send') return raw(200, '{}');
      return wellFormed(call, request.path, request.body);
    };
    assert.equal((await upload()).state, 'done');
    const large = await writeRandomFile(dir, 'six.png', 6 * MiB);
    const sent = await upload(large.path);
    assert.equal(sent.state, 'done', JSON.stringify(sent.error));
  });

  const broken: Array<{ name: string; script: Script; code: string; message: RegExp; calls: string[] }> = [
    {
      name: 'a create answer without a file upload id', script: only('create', () => raw(200, '{"object":"file_upload","status":"pending"}')),
      code: 'invalid_response', message: /no valid file upload id/, calls: ['usersMe', 'create'],
    },
    {
      name: 'a create answer whose id is not an id', script: only('create', () => raw(200, '{"id":"../../pages/x","status":"pending"}')),
      code: 'invalid_response', message: /no valid file upload id \(got "\.\.\/\.\.\/pages\/x"\)/, calls: ['usersMe', 'create'],
    },
    { name: 'JSON that is an array', script: only('create', () => raw(200, '[{"id":1}]')), code: 'invalid_response', message: /JSON that is not an object/, calls: ['usersMe', 'create'] },
    { name: 'JSON that is null', script: only('create', () => raw(200, 'null')), code: 'invalid_response', message: /JSON that is not an object/, calls: ['usersMe', 'create'] },
    { name: 'a sign-in page answering 200', script: only('send', () => html(200, 'Sign in to continue')), code: 'invalid_response', message: /HTML page \("Sign in to continue"\)/, calls: ['usersMe', 'create', 'send'] },
    { name: 'a proxy\'s 403 page', script: only('send', () => html(403, 'Access denied by policy')), code: 'restricted_resource', message: /403 with an HTML page/, calls: ['usersMe', 'create', 'send'] },
    { name: 'an error answer with no code or message', script: only('create', () => raw(400, '{"object":"error"}')), code: 'validation_error', message: /^Notion answered 400\.$/, calls: ['usersMe', 'create'] },
    {
      // Read back like a lost answer: this stand-in's upload never says it is attached, so the append goes once more.
      name: 'an append answer without results', script: only('append', () => raw(200, '{"object":"list"}')), code: 'attach_not_shown',
      message: /held 0 blocks for the 1 sent, and the page, read back, does not hold it/, calls: ['usersMe', 'create', 'send', 'append', 'retrieve', 'append', 'retrieve'],
    },
    {
      name: 'a create answer cut off mid-body', script: only('create', () => ({ cutOffAfter: 12, status: 200, body: JSON.stringify({ object: 'file_upload', id: '0d8f4a4e-5f1c-4e35-8f8e-6a1f0b7c2d3e', status: 'pending' }) })),
      code: 'network_error', message: /failed/, calls: ['usersMe', ...Array<string>(MAX_ATTEMPTS).fill('create')],
    },
  ];
  for (const { name, script, code, message, calls } of broken) {
    it(`fails cleanly on ${name}: a typed error that says what to do, no retry storm, nothing attached`, async () => {
      notion.script = script;
      const settled = await upload();
      assert.deepEqual([settled.state, settled.error?.code], ['failed', code], JSON.stringify(settled.error));
      assert.match(settled.error?.message ?? '', message);
      assert.ok(settled.error?.hint, 'says what to do');
      assert.deepEqual(notion.calls.map((entry) => entry.call), calls);
    });
  }

  for (const retryAfter of ['soon', 'Wed, 21 Oct 2015 07:28:00 GMT', '-5', '']) {
    it(`a 429 with Retry-After ${JSON.stringify(retryAfter)} is waited out by backoff and the upload goes through`, async () => {
      let refusals = 0;
      notion.script = only('create', (path, body) => (refusals++ < 1
        ? { status: 429, body: '{"object":"error","code":"rate_limited","message":"Slow down."}', headers: { 'content-type': 'application/json', 'retry-after': retryAfter } }
        : wellFormed('create', path, body)));
      const settled = await upload();
      assert.equal(settled.state, 'done', JSON.stringify(settled.error));
      assert.equal(notion.count('create'), 2);
    });
  }
});
