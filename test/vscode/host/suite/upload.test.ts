import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { emulator, sha256OfFile } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, folderUploadChoice } from './helpers/extensionUnderTest';
import { assertArrived, freshTargetPage, upload, workspacePath, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('Upload to Notion', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('uploads a file from the Explorer: same bytes at Notion, one block on the page, a success message with Open in Notion', async () => {
    const pageId = await freshTargetPage(ui, 'One file');
    const outcome = await upload(workspaceUri('hello.txt'));
    assert.ok(outcome);
    assert.equal(outcome.sessions.length, 1);
    await assertArrived(pageId, outcome.sessions);
    assert.deepEqual(ui.questions, []);
    const success = ui.notices.find((notice) => notice.kind === 'info');
    assert.match(success?.message ?? '', /Uploaded “hello\.txt” to “One file”/);
    assert.deepEqual(success?.actions, ['Open in Notion']);
  });

  it('checks a target page set in the settings first: one not shared with the integration stops the upload before anything is sent', async () => {
    const chosenPage = await freshTargetPage(ui, 'Chosen before');
    const { id: hiddenPage } = await emulator.addPage('Not shared', []);
    const settings = vscode.workspace.getConfiguration('notionUpload');
    await settings.update('targetPage', hiddenPage, vscode.ConfigurationTarget.Workspace);
    try {
      const createsBefore = (await emulator.log()).filter((entry) => entry.call === 'create').length;
      const outcome = await upload(workspaceUri('hello.txt'));
      assert.equal(outcome, undefined);
      const error = ui.notices.find((notice) => notice.kind === 'error');
      assert.match(error?.message ?? '', /Could not use the target page: .*share the page with the integration/s);
      assert.equal((await emulator.log()).filter((entry) => entry.call === 'create').length, createsBefore, 'no upload was created');
      assert.deepEqual(await emulator.blocks(hiddenPage).catch(() => []), []);
    } finally {
      await settings.update('targetPage', chosenPage, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('uploads a multi-selection, each file into the block type that fits it', async () => {
    const pageId = await freshTargetPage(ui, 'Two files');
    const outcome = await upload(workspaceUri('docs/report.json'), workspaceUri('docs/notes/diagram.svg'));
    assert.ok(outcome);
    assert.equal(outcome.sessions.length, 2);
    await assertArrived(pageId, outcome.sessions);
    const blocks = await emulator.blocks(pageId);
    const typeOf = (name: string): string | undefined => blocks.find((block) => block.uploadId === outcome.sessions.find((s) => s.fileName === name)?.uploadId)?.type;
    assert.equal(typeOf('report.json'), 'file');
    assert.equal(typeOf('diagram.svg'), 'image');
  });

  it('uploads the active editor\'s file when run from the palette', async () => {
    const pageId = await freshTargetPage(ui, 'Active editor');
    await vscode.window.showTextDocument(workspaceUri('docs/notes/todo.txt'));
    const outcome = await vscode.commands.executeCommand<{ sessions: Array<{ fileName: string }> } | undefined>('notionUpload.upload');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(outcome?.sessions.map((session) => session.fileName), ['todo.txt']);
    assert.equal((await emulator.blocks(pageId)).length, 1);
  });

  it('uploads a folder after confirming count and size, leaving out what files.exclude and .gitignore hide', async () => {
    const pageId = await freshTargetPage(ui, 'A folder');
    writeWorkspaceFile('bundle/a.txt', 3000);
    writeWorkspaceFile('bundle/b.json', 500);
    writeWorkspaceFile('bundle/trace.log', 100);
    writeWorkspaceFile('bundle/cache/hidden.txt', 100);
    writeWorkspaceFile('bundle/draft.tmp.txt', 100);
    writeWorkspaceFile('bundle/keep.tmp.txt', 700);
    writeFileSync(workspacePath('bundle/.gitignore'), 'cache/\n*.tmp.txt\n!keep.tmp.txt\n');
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/*.log': true }, vscode.ConfigurationTarget.Workspace);
    ui.answer = (question) => {
      if (question.choices.includes('Upload as .txt')) return 'Skip It';
      return folderUploadChoice(question);
    };
    try {
      const outcome = await upload(workspaceUri('bundle'));
      assert.ok(outcome);
      const confirm = ui.questions.find((question) => folderUploadChoice(question));
      assert.match(confirm?.message ?? '', /^Upload 3 files \(4\.1 KiB\) to “A folder”\?$/);
      assert.match(confirm?.detail ?? '', /3 entries left out by files\.exclude and \.gitignore/);
      assert.deepEqual(outcome.sessions.map((session) => session.fileName).sort(), ['a.txt', 'b.json', 'keep.tmp.txt']);
      assert.deepEqual(outcome.skipped.map((file) => file.displayPath), ['bundle/.gitignore']);
      await assertArrived(pageId, outcome.sessions);
    } finally {
      await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('asks before sending the same content to the same page again', async () => {
    const pageId = await freshTargetPage(ui, 'Twice');
    const file = writeWorkspaceFile('twice/same.txt', 1200);
    const first = await upload(file);
    assert.equal(first?.sessions[0]?.state, 'done');

    ui.answer = () => undefined;
    assert.equal(await upload(file), undefined);
    assert.match(ui.questions[0]?.message ?? '', /^“twice\/same\.txt” was uploaded to “Twice” on .+\. Upload again\?$/);
    assert.equal((await emulator.blocks(pageId)).length, 1, 'declining sent nothing');

    ui.answer = (question) => (question.choices.includes('Upload Again') ? 'Upload Again' : undefined);
    const again = await upload(file);
    assert.equal(again?.sessions[0]?.state, 'done');
    assert.equal((await emulator.blocks(pageId)).length, 2);
  });

  it('does not ask about an earlier upload whose block was deleted in Notion since: the file is simply sent again', async () => {
    const pageId = await freshTargetPage(ui, 'Deleted since');
    const file = writeWorkspaceFile('deleted-since/same.txt', 1300);
    const first = await upload(file);
    assert.equal(first?.sessions[0]?.state, 'done');
    await emulator.deleteBlock(first!.sessions[0].blockId!);
    assert.deepEqual(await emulator.blocks(pageId), [], 'the block is in the trash');

    ui.questions.length = 0;
    ui.answer = () => undefined;
    const again = await upload(file);
    assert.deepEqual(ui.questions.map((question) => question.message), [], 'no question about a copy the page no longer holds');
    assert.equal(again?.sessions[0]?.state, 'done');
    await assertArrived(pageId, again!.sessions);
  });

  it('asks before uploading files that may hold secrets, and can leave them out', async () => {
    const pageId = await freshTargetPage(ui, 'Secrets');
    const secret = writeWorkspaceFile('config/client_secret.json', 300);
    const plain = writeWorkspaceFile('config/plain.txt', 300);
    ui.answer = (question) => (question.choices.includes('Skip It') ? 'Skip It' : undefined);
    const outcome = await upload(secret, plain);
    assert.equal(ui.questions[0]?.message, '“config/client_secret.json” matches “**/*secret*” and may hold secrets. Upload it anyway?');
    assert.deepEqual(outcome?.sessions.map((session) => session.fileName), ['plain.txt']);
    await assertArrived(pageId, outcome!.sessions);
  });

  it('sends a text file Notion refuses as <name>.txt with text/plain when the user agrees', async () => {
    const pageId = await freshTargetPage(ui, 'As text');
    ui.answer = (question) => (question.choices.includes('Upload as .txt') ? 'Upload as .txt' : undefined);
    const outcome = await upload(workspaceUri('src/script.ts'));
    assert.equal(ui.questions[0]?.message, 'Notion does not accept .ts files. Upload “src/script.ts” as plain text (script.ts.txt)?');
    assert.ok(outcome?.sessions[0]?.uploadId);
    const stored = await emulator.upload(outcome.sessions[0].uploadId);
    assert.equal(stored.filename, 'script.ts.txt');
    assert.equal(stored.contentType, 'text/plain');
    assert.equal(stored.sha256, sha256OfFile(workspacePath('src/script.ts')));
    assert.equal((await emulator.blocks(pageId)).length, 1);
  });

  it('leaves out an empty folder with a plain message and sends nothing', async () => {
    await freshTargetPage(ui, 'Empty');
    mkdirSync(workspacePath('empty-folder'), { recursive: true });
    const before = await emulator.counters();
    const outcome = await upload(workspaceUri('empty-folder'));
    assert.deepEqual(outcome?.sessions, []);
    assert.match(ui.notices[0]?.message ?? '', /Nothing to upload: the folder holds no files/);
    assert.equal((await emulator.counters()).requests, before.requests);
  });
});

describe('Upload to Notion: files that may hold secrets inside a folder', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  function writeFolderWithSecrets(): void {
    writeFileSync(workspacePath('with-secrets/.env'), 'API_TOKEN=not-a-real-one\n', { flag: 'w' });
    writeWorkspaceFile('with-secrets/keys/server.pem', 400);
    writeWorkspaceFile('with-secrets/keys/api-credentials.json', 200);
    writeWorkspaceFile('with-secrets/readme.txt', 700);
    writeWorkspaceFile('with-secrets/data.json', 900);
  }

  /** Sends every file Notion takes (the .env as .txt) and gives `secretsAnswer` to the secrets question. */
  function answerWith(secretsAnswer: string): void {
    ui.answer = (question) => {
      if (question.choices.includes('Upload Them Too')) return secretsAnswer;
      if (question.choices.includes('Upload as .txt')) return 'Upload as .txt';
      return folderUploadChoice(question);
    };
  }

  it('names each file that may hold secrets by its workspace path; Skip Them sends only the plain files, Upload Them Too sends them all', async () => {
    mkdirSync(workspacePath('with-secrets/keys'), { recursive: true });
    writeFolderWithSecrets();

    const skipPage = await freshTargetPage(ui, 'Folder without secrets');
    answerWith('Skip Them');
    const skipped = await upload(workspaceUri('with-secrets'));
    const secretsQuestion = ui.questions.find((question) => question.choices.includes('Upload Them Too'));
    assert.equal(secretsQuestion?.message, '2 files may hold secrets. Upload them anyway?');
    const named = (secretsQuestion?.detail ?? '').split('\n').filter((line) => line.startsWith('• ')).sort();
    assert.deepEqual(named, ['• with-secrets/.env (matches “**/.env”)', '• with-secrets/keys/api-credentials.json (matches “**/*credentials*”)']);
    assert.deepEqual(skipped?.sessions.map((session) => session.fileName).sort(), ['data.json', 'readme.txt']);
    assert.deepEqual(skipped?.skipped.filter((file) => !file.byChoice).map((file) => file.displayPath), ['with-secrets/keys/server.pem'], 'Notion refuses .pem whatever the answer');
    await assertArrived(skipPage, skipped!.sessions);

    const allPage = await freshTargetPage(ui, 'Folder with secrets');
    answerWith('Upload Them Too');
    const all = await upload(workspaceUri('with-secrets'));
    assert.equal(ui.questions.filter((question) => question.choices.includes('Upload Them Too')).length, 1);
    assert.deepEqual(all?.sessions.map((session) => session.fileName).sort(), ['.env', 'api-credentials.json', 'data.json', 'readme.txt']);
    await assertArrived(allPage, all!.sessions);
    const env = all!.sessions.find((session) => session.fileName === '.env');
    assert.equal((await emulator.upload(env!.uploadId!)).filename, '.env.txt');
  });
});
