import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager, type RequestLogEntry } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { runCli } from '../../support/cliProcess';
import type { ServerResponse } from 'node:http';
import { HostileNotion, sendJson, type CallName } from './support/hostileNotion';

// A server that echoes the bearer token back in every field it can: error code, request id (body and header),
// message, an upload's status, a block's id. The token here has no `ntn_` shape, so only knowing it can mask it.
const TOKEN = 'Zx9-odd-token-123456';
const OTHER_SHAPED = 'secret_Q7hLw2Vn9Kc4Tr8Mb3Xy6Pd1';
const PAGE = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';

/** The token written as a person could read it back without effort: percent-encoded, escaped, in base64. */
function encodings(token: string): Record<string, string> {
  const codes = [...token].map((character) => character.codePointAt(0)!);
  return {
    'percent-encoded': [...Buffer.from(token)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    'percent-encoded, lower case': [...Buffer.from(token)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''),
    'JSON \\u escapes': codes.map((code) => `\\u${code.toString(16).padStart(4, '0')}`).join(''),
    'HTML references': codes.map((code) => `&#${code};`).join(''),
    'HTML hex references': codes.map((code) => `&#x${code.toString(16)};`).join(''),
    base64: Buffer.from(token).toString('base64'),
    base64url: Buffer.from(token).toString('base64url'),
  };
}

function assertClean(where: string, text: string): void {
  assert.ok(!text.includes(TOKEN), `${where} holds the token:\n${text.slice(0, 3000)}`);
  assert.ok(!text.includes(OTHER_SHAPED), `${where} holds a token-shaped string:\n${text.slice(0, 3000)}`);
  assert.ok(!text.includes(OTHER_SHAPED.replace('_', '%5F')), `${where} holds a token-shaped string with its underscore encoded:\n${text.slice(0, 3000)}`);
  for (const [how, encoded] of Object.entries(encodings(TOKEN))) assert.ok(!text.includes(encoded), `${where} holds the token, ${how}:\n${text.slice(0, 3000)}`);
}

const echoHeaders = (token: string): Record<string, string> => ({ 'x-notion-request-id': token });
const uploadIdOf = (path: string): string => /file_uploads\/([^/]+)/.exec(path)![1];

/** Which call echoes, and how. */
const attacks: Array<{ name: string; on: CallName[]; answer: (token: string, path: string, res: ServerResponse) => true }> = [
  {
    name: 'an error answer to users/me', on: ['usersMe'],
    answer: (token, _path, res) => sendJson(res, 400, {
      object: 'error', status: 400, code: `${token}_${OTHER_SHAPED}`, request_id: token, message: `Bad token ${token} (${OTHER_SHAPED}).`,
    }, echoHeaders(token)),
  },
  {
    name: 'a rate limit whose reason is the token', on: ['usersMe'],
    answer: (token, _path, res) => sendJson(res, 429, {
      object: 'error', status: 429, code: token, request_id: OTHER_SHAPED, message: 'Slow down.', additional_data: { rate_limit_reason: 'public_api_request_blocked' },
    }, echoHeaders(token)),
  },
  {
    name: 'an error answer that carries the token encoded every way a reader could decode', on: ['usersMe'],
    answer: (token, _path, res) => sendJson(res, 400, {
      object: 'error', status: 400, code: encodings(token)['percent-encoded'], request_id: encodings(token).base64,
      message: `Bad token ${Object.values(encodings(token)).join(' / ')} (${OTHER_SHAPED.replace('_', '%5F')}).`,
    }, { 'x-notion-request-id': encodings(token)['JSON \\u escapes'] }),
  },
  {
    name: 'an upload whose status is the token', on: ['send', 'retrieve'],
    answer: (token, path, res) => sendJson(res, 200, {
      object: 'file_upload', id: uploadIdOf(path), status: token, content_length: null, request_id: token,
    }, echoHeaders(token)),
  },
  {
    name: 'an appended block whose id is the token', on: ['append'],
    answer: (token, _path, res) => sendJson(res, 200, {
      object: 'list', results: [{ object: 'block', id: token, type: 'pdf', pdf: { type: 'file', file: { url: `https://x.test/${OTHER_SHAPED}` }, caption: [] } }],
      request_id: token,
    }, echoHeaders(token)),
  },
];

describe('hostile servers: the token echoed back in every field never reaches output, --json, logs or the state file', function () {
  const notion = new HostileNotion();
  let dir: string;
  let run = 0;

  before(async () => {
    await notion.start();
    dir = await mkdtemp(join(tmpdir(), 'hostile-token-'));
  });
  after(async () => {
    await notion.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => notion.reset());

  for (const attack of attacks) {
    it(`${attack.name}: CLI stderr, stdout, --json and the state file`, async () => {
      notion.attack = (call, request, res, req) => {
        if (!attack.on.includes(call as CallName)) return false;
        const echoed = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        return attack.answer(echoed, request.path, res);
      };
      for (const json of [true, false]) {
        run += 1;
        const file = await writeRandomFile(dir, `echo-${run}.pdf`, 1500);
        const statePath = join(dir, `state-${run}.json`);
        const result = await runCli({
          args: [file.path, '--page', PAGE, '--api-base', notion.url, '--state', statePath, '--timeout', '5', ...(json ? ['--json'] : [])],
          env: { NOTION_TOKEN: TOKEN }, cwd: dir, timeoutMs: 60_000,
        });
        assert.equal(result.timedOut, false);
        assert.equal(result.code, 1, `the run must fail: ${result.stdout}\n${result.stderr}`);
        assertClean('stdout', result.stdout);
        assertClean('stderr', result.stderr);
        assertClean('state file', await readFile(statePath, 'utf8').catch(() => ''));
      }
      assert.ok(notion.calls.some((entry) => attack.on.includes(entry.call as CallName)), 'the attack was met');
    });
  }

  it('in the core: session errors, notices and the request log', async () => {
    const log: RequestLogEntry[] = [];
    notion.attack = (call, request, res) => {
      if (call === 'usersMe') return false;
      if (call === 'send' || call === 'retrieve') return attacks.find((attack) => attack.name.startsWith('an upload whose status'))!.answer(TOKEN, request.path, res);
      return false;
    };
    const manager = new UploadManager({ token: TOKEN, log: (entry) => log.push(entry), settings: { apiBase: notion.url, maxAttempts: 2, retryBaseDelayMs: 5, retryMaxDelayMs: 10 } });
    try {
      const file = await writeRandomFile(dir, 'core.pdf', 100);
      const settled = await manager.whenSettled(manager.add(file.path, PAGE).id);
      assert.equal(settled.state, 'failed');
      assertClean('session status', JSON.stringify(settled));
      assertClean('request log', JSON.stringify(log));
      assert.ok(log.some((entry) => entry.requestId?.includes('[redacted]')), 'the echoed request id was logged, masked');
    } finally {
      await manager.dispose();
    }
  });
});
