import { strict as assert } from 'node:assert';
import { SettingsError, UploadManager, type SessionStatus } from '../../../src/core';
import { writeRandomFile } from '../../core/support/randomFile';
import { UploadHarness } from '../../core/support/uploadHarness';
import { runCli } from '../../support/cliProcess';

const tokenHint = /token is wrong or was revoked.*set it/;

describe('bad input: tokens', function () {
  const harness = new UploadHarness();
  before(() => harness.setUp());
  after(() => harness.tearDown());
  beforeEach(() => harness.reset());

  it('the CLI refuses an empty, blank or broken NOTION_TOKEN with exit 2 before any request', async () => {
    const file = await writeRandomFile(harness.dir, 'token.png', 10);
    const cases: Array<[string, RegExp]> = [
      ['', /set NOTION_TOKEN/],
      ['  \t ', /set NOTION_TOKEN/],
      [`Bearer ${harness.emulator.token}`, /token is blank or has spaces/],
      ['ntn_abcdefghijklmnopqrstuv\r\nX-Injected: 1', /line breaks, control characters/],
      ['ntn_é€abcdefghijklmnopqrstuv', /letters outside ASCII inside, which no Notion token has[^]*what to do: Copy the token again/],
    ];
    for (const [token, message] of cases) {
      const run = await runCli({ args: [file.path, '--page', harness.emulator.pageId, '--api-base', harness.emulator.url], env: { NOTION_TOKEN: token }, cwd: harness.dir });
      assert.equal(run.code, 2, `${JSON.stringify(token)}: ${run.stderr}`);
      assert.match(run.stderr, message);
      if (token.trim()) assert.ok(!run.stderr.includes(token.trim()), 'the refusal does not echo the token');
    }
    assert.deepEqual(harness.emulator.requestLog(), []);
  });

  it('the core refuses a blank token or one with whitespace or control characters when the manager is made', () => {
    for (const token of ['   ', 'ntn_abc def', 'ntn_abc\ndef', 'ntn_abc\u0000def', 'ntn_abc\u00e9def', 'ntn_abc\u20acdef']) {
      assert.throws(() => new UploadManager({ token, settings: { apiBase: harness.emulator.url } }),
        (error: unknown) => error instanceof SettingsError && !error.message.includes(token), JSON.stringify(token));
    }
    assert.throws(() => new UploadManager({ token: '', settings: { apiBase: harness.emulator.url } }), /token is required/);
  });

  it('a token of the wrong shape gets one 401 for a whole batch: the files still queued fail without a request', async () => {
    const files = await Promise.all(Array.from({ length: 6 }, (_, i) => writeRandomFile(harness.dir, `wrong-${i}.png`, 100)));
    const manager = harness.manager({ filesInParallel: 2 }, undefined, 'sk_live_notANotionToken1234567890');
    const settled = await Promise.all(files.map((file) => manager.whenSettled(manager.add(file.path, harness.emulator.pageId).id)));
    for (const status of settled) {
      assert.deepEqual([status.state, status.error?.status, status.error?.code], ['failed', 401, 'unauthorized']);
      assert.match(status.error?.hint ?? '', tokenHint);
      assert.equal(status.uploadId, null);
    }
    const log = harness.emulator.requestLog();
    assert.ok(log.length >= 1 && log.length <= 2, `requests: ${log.map((entry) => `${entry.call}:${entry.status}`)}`);
    assert.ok(log.every((entry) => entry.status === 401));
    assert.ok(settled.filter((status) => /^Not sent: Notion refused the token/.test(status.error?.message ?? '')).length >= 4);
  });

  it('a token revoked mid-batch: finished files stay attached once, the rest fail at once with the 401 and what to do', async () => {
    // Three blocks per append, so that the first append finishes three files before the revoke.
    const token = 'ntn_revokedMidBatch1234567890abcdef';
    harness.emulator.addToken(token);
    const pageId = harness.emulator.addPage('Revoked mid-batch', { sharedWith: [token] });
    const files = await Promise.all(Array.from({ length: 10 }, (_, i) => writeRandomFile(harness.dir, `batch-${i}.json`, 2000 + i)));
    const manager = harness.manager({ filesInParallel: 2 }, undefined, token, { attachBatching: { maxChildren: 3 } });
    let revoked = false;
    manager.onStateChange((status) => {
      if (status.state === 'done' && !revoked && manager.list().filter((s) => s.state === 'done').length === 3) {
        harness.emulator.revokeToken(token);
        revoked = true;
      }
    });
    const settled: SessionStatus[] = await Promise.all(files.map((file) => manager.whenSettled(manager.add(file.path, pageId).id)));

    // An append that reached Notion before the revoke may still finish the next three files.
    const done = settled.filter((status) => status.state === 'done');
    const failed = settled.filter((status) => status.state !== 'done');
    assert.ok(done.length === 3 || done.length === 6, `done: ${done.length}`);
    for (const status of done) assert.equal(harness.emulator.blocks(pageId).filter((block) => block.uploadId === status.uploadId).length, 1);
    for (const status of failed) {
      assert.deepEqual([status.state, status.error?.status], ['failed', 401], JSON.stringify(status.error));
      assert.match(status.error?.hint ?? '', tokenHint);
      assert.deepEqual(harness.emulator.blocks(pageId).filter((block) => status.uploadId && block.uploadId === status.uploadId), []);
    }
    const refusals = harness.emulator.requestLog().filter((entry) => entry.status === 401);
    // The two files sending, and at most one append of files already sent, ask once more.
    assert.ok(refusals.length >= 1 && refusals.length <= 3, `only the requests already on their way asked once more: ${refusals.map((entry) => entry.call)}`);
    // Of the files never created, only the (at most two) whose own create met the 401 do not say "Not sent".
    const uncreated = failed.filter((status) => status.uploadId === null);
    assert.ok(uncreated.filter((status) => /^Not sent/.test(status.error?.message ?? '')).length >= uncreated.length - 2);
  });
});
