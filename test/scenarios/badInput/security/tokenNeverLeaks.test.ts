import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadManager, type RequestLogEntry } from '../../../../src/core';
import { start, type Emulator } from '../../../emulator/index';
import { writeRandomFile } from '../../../core/support/randomFile';
import { runCli, type CliRun } from '../../../support/cliProcess';
import { ScriptedNotion } from '../support/scriptedNotion';

// The extension side (SecretStorage, log channel, settings, globalStorage) is covered in test/vscode/host/suite/token.test.ts.
const TOKEN = 'ntn_Sx9fKq2LmZ7vRb4Tc8Nw1Yd6Hg3Jp5Ue0Ao';
const TOKEN_SHAPED = /(ntn|secret)_[A-Za-z0-9]{20,}/;

/** Every place a token could surface: the text itself, and anything token-shaped in it. */
function assertNoToken(where: string, text: string): void {
  assert.ok(!text.includes(TOKEN), `${where} holds the token:\n${text.slice(0, 2000)}`);
  assert.ok(!text.includes(TOKEN.slice(4)), `${where} holds the token without its prefix`);
  const shaped = TOKEN_SHAPED.exec(text);
  assert.equal(shaped, null, `${where} holds a token-shaped string: ${shaped?.[0]}`);
}

describe('security: the token never shows up in CLI output, --json, the state file or error messages', function () {
  let emulator: Emulator;
  let scripted: ScriptedNotion;
  let dir: string;
  let sharedPage: string;
  let run = 0;

  before(async () => {
    emulator = await start({ rateLimit: false });
    sharedPage = emulator.addPage('Leak check', { sharedWith: [TOKEN] });
    scripted = new ScriptedNotion();
    await scripted.start();
    dir = await mkdtemp(join(tmpdir(), 'token-leaks-'));
  });
  after(async () => {
    await emulator.stop();
    await scripted.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearLog();
    scripted.script = () => undefined;
  });

  /** Runs the CLI once with and once without --json (both with a state file) and scans everything it left. */
  async function scanRuns(label: string, apiBase: string, page: string, expectFailure: RegExp | null, shape: { files?: number; multiPart?: boolean } = {}): Promise<CliRun[]> {
    const runs: CliRun[] = [];
    for (const json of [true, false]) {
      run += 1;
      const size = (i: number): number => (shape.multiPart && i === 0 ? 21 * 1024 * 1024 : 100);
      const paths = await Promise.all(Array.from({ length: shape.files ?? 1 }, (_, i) => writeRandomFile(dir, `leak-${run}-${i}.pdf`, size(i))));
      const statePath = join(dir, `state-${run}.json`);
      const result = await runCli({
        args: [...paths.map((file) => file.path), '--page', page, '--api-base', apiBase, '--state', statePath, ...(json ? ['--json'] : [])],
        env: { NOTION_TOKEN: TOKEN }, cwd: dir, timeoutMs: 60_000,
      });
      assert.equal(result.timedOut, false, `${label}: the CLI did not finish`);
      if (expectFailure) {
        assert.equal(result.code, 1, `${label}: ${result.stderr}`);
        assert.match(json ? result.stdout : result.stderr, expectFailure, label);
      }
      assertNoToken(`${label} stdout`, result.stdout);
      assertNoToken(`${label} stderr`, result.stderr);
      assertNoToken(`${label} state file`, await readFile(statePath, 'utf8').catch(() => ''));
      runs.push(result);
    }
    return runs;
  }

  it('a token Notion does not know, then a good run, then the same token revoked', async () => {
    await scanRuns('unknown token', emulator.url, sharedPage, /API token is invalid/, { files: 2 });
    emulator.addToken(TOKEN);
    const good = await scanRuns('good token', emulator.url, sharedPage, null, { multiPart: true });
    assert.ok(good.every((result) => result.code === 0), good.map((result) => result.stderr).join('\n'));
    emulator.revokeToken(TOKEN);
    try {
      await scanRuns('revoked token', emulator.url, sharedPage, /API token is invalid/, { files: 2 });
    } finally {
      emulator.addToken(TOKEN);
    }
  });

  it('a page the integration cannot see (404)', async () => {
    await scanRuns('page not shared', emulator.url, emulator.pageId, /Could not find (block|page)/, { multiPart: true });
  });

  it('a 429 on create that asks to wait an hour', async () => {
    emulator.addFault({ call: 'create', times: Infinity, action: { kind: 'status', status: 429, retryAfterSeconds: 3600 } });
    await scanRuns('429, wait an hour', emulator.url, sharedPage, /rate_limited|rate limited/i);
  });

  it('connection resets mid-part and a 500 on the append, recovered', async () => {
    emulator.addFault({ call: 'send', partNumber: 2, times: 1, action: { kind: 'resetAfterBytes', bytes: 1000 } });
    emulator.addFault({ call: 'send', partNumber: 3, times: 1, action: { kind: 'resetAfterBytes', bytes: 1000 } });
    emulator.addFault({ call: 'append', times: 1, action: { kind: 'status', status: 500 } });
    const runs = await scanRuns('resets', emulator.url, sharedPage, null, { multiPart: true });
    assert.ok(runs.every((result) => result.code === 0), runs.map((result) => result.stderr).join('\n'));
  });

  it('an HTML error page and a JSON error that both echo the Authorization header back', async () => {
    // The first run meets a proxy's HTML page, the second a JSON error; neither kind is retried, so both end fast.
    let creates = 0;
    scripted.script = (call) => {
      if (call !== 'create') return undefined;
      const echoed = scripted.calls.at(-1)?.authorization ?? '';
      return ++creates % 2 === 1
        ? { status: 403, body: `<html><head><title>Denied for ${echoed}</title></head><body>${echoed}</body></html>`, headers: { 'content-type': 'text/html' } }
        : { status: 400, body: JSON.stringify({ object: 'error', code: 'validation_error', message: `Header was ${echoed}; token ${echoed.slice(7)}` }), headers: { 'content-type': 'application/json' } };
    };
    await scanRuns('echoing gateway', scripted.url, '1f2e3d4c5b6a79881f2e3d4c5b6a7988', /ntn_\[redacted\]/);
    assert.ok(scripted.calls.every((entry) => entry.authorization === `Bearer ${TOKEN}`), 'the token went only in the Authorization header');
  });

  it('in the core: session errors, hints and the request log after a reset that never ends and an echoing error', async () => {
    const log: RequestLogEntry[] = [];
    const messages: string[] = [];
    scripted.script = (call) => (call === 'usersMe' ? { destroy: true } : undefined);
    const manager = new UploadManager({ token: TOKEN, log: (entry) => log.push(entry), settings: { apiBase: scripted.url, maxAttempts: 2, retryBaseDelayMs: 5, retryMaxDelayMs: 10 } });
    try {
      const file = await writeRandomFile(dir, 'core-leak.png', 100);
      const reset = await manager.whenSettled(manager.add(file.path, '1f2e3d4c5b6a79881f2e3d4c5b6a7988').id);
      assert.deepEqual([reset.state, reset.error?.code], ['failed', 'network_error']);
      scripted.script = (call) => (call === 'usersMe'
        ? { status: 401, body: JSON.stringify({ object: 'error', code: 'unauthorized', message: `Token ${TOKEN} is not valid` }), headers: { 'content-type': 'application/json' } }
        : undefined);
      const echoed = await manager.whenSettled(manager.add(file.path, '1f2e3d4c5b6a79881f2e3d4c5b6a7988').id);
      assert.deepEqual([echoed.state, echoed.error?.status], ['failed', 401]);
      for (const status of [reset, echoed]) messages.push(status.error?.message ?? '', status.error?.hint ?? '');
    } finally {
      await manager.dispose();
    }
    assertNoToken('session errors', messages.join('\n'));
    assertNoToken('request log', JSON.stringify(log));
    assert.ok(log.some((entry) => entry.status === 'error'), 'the failed attempts are in the log');
  });
});
