// Two settings were renamed (partSizeMiB → partSize, maxUploadSpeedMiBps → maxUploadSpeed); values users set under
// the old keys move to the new ones at the scope they were set, unless the new key is set there already.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi } from './helpers/extensionUnderTest';

const KEYS = ['partSizeMiB', 'partSize', 'maxUploadSpeedMiBps', 'maxUploadSpeed'];
const { Global, Workspace } = vscode.ConfigurationTarget;
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('notionUpload');

async function clearAll(): Promise<void> {
  for (const key of KEYS) {
    await config().update(key, undefined, Global);
    if (vscode.workspace.isTrusted) await config().update(key, undefined, Workspace);
  }
}

describe('settings renamed for the Settings editor', () => {
  beforeEach(clearAll);
  after(clearAll);

  it('moves user settings under the old keys to the new keys and removes the old ones', async () => {
    await config().update('partSizeMiB', 8, Global);
    await config().update('maxUploadSpeedMiBps', 2.5, Global);
    await (await extensionApi()).migrateSettings();
    assert.deepEqual(
      KEYS.map((key) => [key, config().inspect(key)?.globalValue]),
      [['partSizeMiB', undefined], ['partSize', 8], ['maxUploadSpeedMiBps', undefined], ['maxUploadSpeed', 2.5]],
    );
    assert.equal(config().get('partSize'), 8, 'the upload manager reads the moved value');
  });

  it('keeps a new key already set at a scope, dropping the old one there, and moves workspace values to the workspace', async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // an untrusted workspace's settings are not ours to write
    await config().update('partSize', 12, Global);
    await config().update('partSizeMiB', 6, Global);
    await config().update('partSizeMiB', 7, Workspace);
    await (await extensionApi()).migrateSettings();
    const partSize = config().inspect('partSize');
    const old = config().inspect('partSizeMiB');
    assert.deepEqual([partSize?.globalValue, partSize?.workspaceValue], [12, 7]);
    assert.deepEqual([old?.globalValue, old?.workspaceValue], [undefined, undefined]);
    assert.equal(config().get('partSize'), 7);
  });
});
