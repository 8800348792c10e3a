// The emulator from a shell with --token-kind: a personal access token's users/me describes a person.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RawApi } from './support/rawApi';

describe('emulator CLI: --token-kind', () => {
  it('--token-kind pat answers users/me as a person; a bad kind exits 2 saying what it wants', async () => {
    const child = spawn(process.execPath, [join(__dirname, 'cli.js'), '--port', '0', '--token', 'ntn_person', '--token-kind', 'pat'], { stdio: 'pipe' });
    const exited = once(child, 'exit');
    try {
      let url: string | undefined;
      for await (const line of createInterface({ input: child.stdout })) {
        url = /^Notion emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];
        if (url) break;
      }
      assert.ok(url);
      const me = (await new RawApi(url, 'ntn_person').call('GET', '/v1/users/me')).json;
      assert.deepEqual([me.object, me.type, me.bot], ['user', 'person', undefined]);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal((await exited)[0], 0);

    const bad = spawn(process.execPath, [join(__dirname, 'cli.js'), '--token-kind', 'robot'], { stdio: 'pipe' });
    let stderr = '';
    bad.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    assert.equal((await once(bad, 'exit'))[0], 2);
    assert.match(stderr, /--token-kind wants pat or integration/);
  });
});
