// The extension's publish records and lock, shared by VS Code windows: each window is a process of its own (its
// extension host), so the test runs each "window" as a Node process on one storage folder.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonFilePublishStore, publishKey, type PublishedPage } from '../../../src/core/markdown/index';
import { PUBLISH_RECORDS_FILE, SharedPublishStore, WORKSPACE_RECORDS_KEY } from '../../../src/vscode/sharedPublishStore';
import { projectRoot } from '../../support/projectPaths';

const HOLDER = join(projectRoot, 'out', 'test', 'vscode', 'unit', 'support', 'publishLockHolder.js');

/** Starts a "window" and resolves with it and the one JSON line it prints. */
function window(mode: 'lock' | 'get', folder: string, markdownPath: string): Promise<{ child: ChildProcess; said: Record<string, any> }> {
  const child = spawn(process.execPath, [HOLDER, mode, folder, markdownPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, said: JSON.parse(line) as Record<string, any> });
    });
    child.on('exit', (code) => { if (!out.includes('\n')) reject(new Error(`the window ended (${code}) without a word: ${err}`)); });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('the extension\'s publish store, shared by VS Code windows', function () {
  let folder: string;
  const started: ChildProcess[] = [];
  before(async () => { folder = await mkdtemp(join(tmpdir(), 'shared-publish-')); });
  after(async () => {
    for (const child of started) child.kill('SIGKILL');
    await Promise.all(started.map(exited));
    await rm(folder, { recursive: true, force: true });
  });

  it('lets one window at a time publish a file to a page, shares its record, and outlives no crashed window', async () => {
    const markdownPath = join(folder, 'notes', 'doc.md');
    const first = await window('lock', folder, markdownPath);
    started.push(first.child);
    assert.equal(first.said.held, first.child.pid);

    const second = await window('lock', folder, markdownPath);
    started.push(second.child);
    assert.match(second.said.busy, new RegExp(`another publish of .*doc\\.md to this page is under way \\(pid ${first.child.pid}\\)`));
    assert.match(second.said.hint, /Wait for it to finish/);

    const other = await window('lock', folder, join(folder, 'notes', 'other.md'));
    started.push(other.child);
    assert.equal(other.said.held, other.child.pid, 'another file is not held up');

    const reader = await window('get', folder, markdownPath);
    assert.equal(reader.said.record?.pageId, `page-of-${first.child.pid}`, 'the record the first window wrote is seen by another');

    // The first window crashes holding the lock: the next publish takes the lock over.
    first.child.kill('SIGKILL');
    await exited(first.child);
    const after = await window('lock', folder, markdownPath);
    started.push(after.child);
    assert.equal(after.said.held, after.child.pid);
  });

  it('still reads a record an earlier version kept in the workspace state, and writes only the shared file', async () => {
    const markdownPath = join(folder, 'old.md');
    const key = publishKey(markdownPath, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
    const old: PublishedPage = { pageId: 'old-page', title: 'Old', files: {}, publishedAt: 1, complete: true };
    const workspace = { get: <T>(name: string, fallback: T): T => (name === WORKSPACE_RECORDS_KEY ? { [key]: old } as T : fallback) };
    const records = join(folder, PUBLISH_RECORDS_FILE);
    const store = new SharedPublishStore(new JsonFilePublishStore(records), workspace as never);
    assert.deepEqual(await store.get(key), old);
    await store.set(key, { ...old, pageId: 'new-page' });
    assert.equal((await new JsonFilePublishStore(records).get(key))?.pageId, 'new-page');
    assert.equal((await store.get(key))?.pageId, 'new-page');
  });
});
