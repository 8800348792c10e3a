import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from '../../../support/waitFor';
import { emulator, emulatorEndpoint, sha256OfFile } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi } from './helpers/extensionUnderTest';
import { freshTargetPage, workspacePath, workspaceUri } from './helpers/uploadFixtures';

// A tiny valid PNG (1×1), so the page's image is a real upload the emulator accepts.
const PIXEL_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fea7d6a1c40000000049454e44ae426082', 'hex');

function writeRaw(relativePath: string, content: string | Buffer): void {
  mkdirSync(dirname(workspacePath(relativePath)), { recursive: true });
  writeFileSync(workspacePath(relativePath), content);
}

describe('Publish to Notion', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('publishes a Markdown file from the Explorer as a child page with its image, and updates that page the second time', async () => {
    const targetId = await freshTargetPage(ui, 'Markdown target');
    writeRaw('pages/img/pixel.png', PIXEL_PNG);
    writeRaw('pages/guide.md', '---\ntitle: The guide\n---\n\nIntro **text**.\n\n![A pixel](./img/pixel.png)\n\n- one\n- two\n');

    const first = await vscode.commands.executeCommand<{ pageId: string; updated: boolean; uploaded: string[] } | undefined>('notionUpload.publishMarkdown', workspaceUri('pages/guide.md'));
    assert.ok(first, JSON.stringify(ui.notices));
    assert.equal(first.updated, false);
    assert.match(ui.notices.find((notice) => notice.kind === 'info')?.message ?? '', /Published “The guide” in Notion/);
    const onTarget = await emulator.blocks(targetId);
    assert.deepEqual(onTarget.map((block) => [block.type, block.id]), [['child_page', first.pageId]]);
    const blocks = await emulator.blocks(first.pageId);
    assert.deepEqual(blocks.map((block) => block.type), ['paragraph', 'image', 'bulleted_list_item', 'bulleted_list_item']);
    const image = await emulator.upload(blocks[1].uploadId!);
    assert.equal(image.sha256, sha256OfFile(workspacePath('pages/img/pixel.png')));

    writeRaw('pages/guide.md', '---\ntitle: The guide\n---\n\nIntro changed.\n\n![A pixel](./img/pixel.png)\n');
    const second = await vscode.commands.executeCommand<{ pageId: string; updated: boolean; uploaded: string[]; reused: string[] } | undefined>('notionUpload.publishMarkdown', workspaceUri('pages/guide.md'));
    assert.ok(second);
    assert.deepEqual([second.pageId, second.updated, second.uploaded.length, second.reused.length], [first.pageId, true, 0, 1]);
    assert.equal((await emulator.blocks(targetId)).length, 1, 'no second page');
  });

  it('names the one thing it left out in its notice, its path as the workspace has it; a trashed target page stops it with Choose Target Page', async () => {
    const targetId = await freshTargetPage(ui, 'Markdown with a gap');
    writeRaw('gap/notes.md', '# Notes\n\nSee ![the chart](./img/chart.png).\n');
    const published = await vscode.commands.executeCommand<{ pageId: string } | undefined>('notionUpload.publishMarkdown', workspaceUri('gap/notes.md'));
    assert.ok(published, JSON.stringify(ui.notices));
    const notice = ui.notices.find((entry) => entry.kind === 'warning');
    assert.equal(notice?.message, 'Published “Notes” in Notion. Left out: ./img/chart.png: no such file (gap/img/chart.png); the page says it is missing.');
    assert.deepEqual(notice?.actions, ['Open in Notion', 'Show Log']);

    await emulator.trashPage(targetId);
    ui.notices.length = 0;
    try {
      assert.equal(await vscode.commands.executeCommand('notionUpload.publishMarkdown', workspaceUri('gap/notes.md')), undefined);
      const error = ui.notices.find((entry) => entry.kind === 'error');
      assert.match(error?.message ?? '', /^Could not use the target page: The target page “Markdown with a gap” is in Notion's trash/);
      assert.deepEqual(error?.actions, ['Choose Target Page', 'Retry', 'Show Log']);
    } finally {
      await emulator.trashPage(targetId, false);
    }
  });

  it('publishes a file once when it is asked twice at once: the second says the first is under way, one page is made', async () => {
    const targetId = await freshTargetPage(ui, 'Published once');
    writeRaw('pages/twice.md', '# Twice\n\nAsked for two times in a row.\n');
    await emulator.addFault({ call: 'createPage', action: { kind: 'delay', ms: 1500 } });
    try {
      const first = vscode.commands.executeCommand<{ pageId: string } | undefined>('notionUpload.publishMarkdown', workspaceUri('pages/twice.md'));
      // The second comes while the first waits for its page; both go through the command as a double click would.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await vscode.commands.executeCommand('notionUpload.publishMarkdown', workspaceUri('pages/twice.md'));
      assert.equal(second, undefined);
      assert.match(ui.notices.map((notice) => notice.message).join('\n'), /“twice\.md” is being published to Notion already/);
      const published = await first;
      assert.ok(published, JSON.stringify(ui.notices));
      assert.deepEqual((await emulator.blocks(targetId)).map((block) => [block.type, block.id]), [['child_page', published.pageId]], 'one page');
    } finally {
      await emulator.clearFaults();
    }
  });

  it('leaves a file another window is publishing to that window: the notice says so, one page is made, and publishing again here updates it', async () => {
    const targetId = await freshTargetPage(ui, 'Published from two windows');
    writeRaw('pages/shared.md', '# Shared\n\nPublished from two windows.\n');
    const { url, token } = emulatorEndpoint();
    await emulator.addFault({ call: 'createPage', nth: 1, times: 1, action: { kind: 'delay', ms: 4000 } });
    // The other window: a process of its own (as each window's extension host is) with this extension's storage.
    const other = spawn(process.execPath, [join(__dirname, 'helpers', 'otherWindowPublish.js'), (await extensionApi()).globalStorageUri.fsPath, workspacePath('pages/shared.md'), targetId], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NOTION_TOKEN: token, NOTION_API_BASE: url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    other.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
    other.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const ended = new Promise<number | null>((resolve) => other.on('close', resolve));
    try {
      await waitFor('the other window to ask for its page', async () => (await emulator.blocks(targetId)).length === 1, 20_000);
      const here = await vscode.commands.executeCommand('notionUpload.publishMarkdown', workspaceUri('pages/shared.md'));
      assert.equal(here, undefined, JSON.stringify(ui.notices));
      const notice = ui.notices.find((entry) => entry.kind === 'warning');
      assert.match(notice?.message ?? '', /“shared\.md” is being published to this page from another VS Code window; this publish was not started\. Wait for that one to finish/);
      assert.deepEqual(notice?.actions, [], 'nothing to choose');
      assert.equal(await ended, 0, said);
      const made = (JSON.parse(said) as { pageId: string }).pageId;
      assert.deepEqual((await emulator.blocks(targetId)).map((block) => [block.type, block.id]), [['child_page', made]], 'one page');

      const again = await vscode.commands.executeCommand<{ pageId: string; updated: boolean } | undefined>('notionUpload.publishMarkdown', workspaceUri('pages/shared.md'));
      assert.deepEqual([again?.pageId, again?.updated], [made, true], 'the page the other window made, updated');
      assert.equal((await emulator.blocks(targetId)).length, 1, 'still one page');
    } finally {
      other.kill('SIGKILL');
      await emulator.clearFaults();
    }
  });

  it('says what to do when the active editor is not a Markdown file', async () => {
    await vscode.window.showTextDocument(workspaceUri('hello.txt'));
    const outcome = await vscode.commands.executeCommand('notionUpload.publishMarkdown');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(outcome, undefined);
    assert.match(ui.notices.find((notice) => notice.kind === 'info')?.message ?? '', /works on a Markdown \(\.md\) file/);
  });
});
