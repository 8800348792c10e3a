// Runs after untrusted.test.ts (files run in name order), whose checks count every block on the page.
// This run's emulator serves HTTPS under a throwaway CA that the extension host trusts only through
// NODE_EXTRA_CA_CERTS, the way a user trusts a company proxy's CA.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, emulatorEndpoint, sha256OfFile } from '../suite/helpers/emulatorControl';
import { ScriptedUi, extensionApi } from '../suite/helpers/extensionUnderTest';
import { upload, writeWorkspaceFile } from '../suite/helpers/uploadFixtures';

describe('uploads over HTTPS', () => {
  let ui: ScriptedUi;

  before(async () => {
    ui = new ScriptedUi().install(await extensionApi());
    ui.token = emulatorEndpoint().token;
    assert.ok(await vscode.commands.executeCommand('notionUpload.setToken'), 'the emulator token was refused');
  });
  after(() => ui.dispose());

  it('streams a multi-part file to an https API base whose CA comes from NODE_EXTRA_CA_CERTS, byte for byte', async () => {
    assert.match(emulatorEndpoint().url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(process.env.NODE_EXTRA_CA_CERTS, 'the runner set NODE_EXTRA_CA_CERTS for the extension host');
    assert.equal(vscode.workspace.getConfiguration('notionUpload').get('apiBaseUrl'), emulatorEndpoint().url);
    const outcome = await upload(writeWorkspaceFile('https/large.txt', 23 * 1024 * 1024));
    assert.ok(outcome, `the upload did not run: ${JSON.stringify(ui.notices)}`);
    const [session] = outcome.sessions;
    assert.equal(session?.state, 'done', JSON.stringify(session?.error));
    assert.ok(session.partsTotal > 1, 'sent in parts');
    const stored = await emulator.upload(session.uploadId!);
    assert.equal(stored.sha256, sha256OfFile(session.filePath), 'the bytes arrived unchanged');
    const blocks = (await emulator.blocks(emulatorEndpoint().pageId)).filter((block) => block.uploadId === session.uploadId);
    assert.equal(blocks.length, 1, 'on the page exactly once');
  });
});
