import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotionClient, SettingsError, UploadManager } from '../../../../src/core';
import { writeRandomFile } from '../../../core/support/randomFile';
import { runCli } from '../../../support/cliProcess';

// Loaded into the CLI process: the first name lookup or socket connect it attempts is written down, and the process
// stops there with exit status 99, so nothing ever leaves the machine.
const NETWORK_WATCH = `
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const stop = (what) => { fs.appendFileSync(process.env.NETWORK_WATCH_FILE, what + '\\n'); process.exit(99); };
dns.lookup = (host) => stop('lookup ' + host);
net.Socket.prototype.connect = (options) => stop('connect ' + (options && (options.host || options.servername || options.path)));
`;

const refused = [
  'http://example.invalid',
  'http://example.invalid:8080/v1',
  'http://127.0.0.1@example.invalid',
  'http://localhost.example.invalid',
  'http://127.0.0.1.example.invalid',
  'http://10.0.0.1',
  'http://[::ffff:7f00:1]',
  'http://0.0.0.0',
  'ftp://example.invalid',
  'file:///etc/passwd',
  'https://example.invalid/?token=x',
  'not a url',
];

describe('security: an API base that would send the token in the clear is refused before any request', function () {
  let dir: string;
  let watchScript: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-base-'));
    watchScript = join(dir, 'network-watch.js');
    await writeFile(watchScript, NETWORK_WATCH);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('the CLI exits 2 with the reason, having looked up no name and opened no connection', async () => {
    const file = await writeRandomFile(dir, 'never-sent.png', 10);
    for (const [index, apiBase] of refused.entries()) {
      const watchFile = join(dir, `network-${index}.log`);
      await writeFile(watchFile, '');
      const run = await runCli({
        args: [file.path, '--page', '1f2e3d4c5b6a79881f2e3d4c5b6a7988', '--api-base', apiBase],
        env: { NOTION_TOKEN: 'ntn_neverSentAnywhere1234567890abc', NODE_OPTIONS: `--require ${watchScript}`, NETWORK_WATCH_FILE: watchFile },
        cwd: dir,
      });
      assert.equal(run.code, 2, `${apiBase}: ${run.stderr}`);
      assert.match(run.stderr, /--api-base: API base .* (uses plain http to another machine|must be an https URL|must not carry a query|is not a URL)/, apiBase);
      assert.equal(await readFile(watchFile, 'utf8'), '', `${apiBase}: the CLI touched the network`);
    }
  });

  it('the watch itself sees a CLI that does reach out (https to an unresolvable name)', async () => {
    const file = await writeRandomFile(dir, 'watched.png', 10);
    const watchFile = join(dir, 'network-control.log');
    await writeFile(watchFile, '');
    const run = await runCli({
      args: [file.path, '--page', '1f2e3d4c5b6a79881f2e3d4c5b6a7988', '--api-base', 'https://example.invalid', '--timeout', '2'],
      env: { NOTION_TOKEN: 'ntn_neverSentAnywhere1234567890abc', NODE_OPTIONS: `--require ${watchScript}`, NETWORK_WATCH_FILE: watchFile },
      cwd: dir,
    });
    assert.equal(run.code, 99, run.stderr);
    assert.match(await readFile(watchFile, 'utf8'), /lookup example\.invalid|connect .*example\.invalid/);
  });

  it('the core refuses the same bases in UploadManager and NotionClient, and takes http only to this machine', () => {
    for (const apiBase of refused) {
      assert.throws(() => new UploadManager({ token: 'ntn_x', settings: { apiBase } }), SettingsError, apiBase);
      assert.throws(() => new NotionClient({ token: 'ntn_x', apiBase }), SettingsError, apiBase);
    }
    for (const apiBase of ['http://127.0.0.1:9', 'http://localhost:9', 'http://[::1]:9', 'http://127.8.9.10:9', 'https://api.notion.com']) {
      assert.doesNotThrow(() => new NotionClient({ token: 'ntn_x', apiBase }), apiBase);
    }
  });
});
