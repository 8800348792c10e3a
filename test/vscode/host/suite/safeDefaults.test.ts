// Enter, Escape and closing a dialog must never be what sends a file: each question's default is the safe choice.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspacePath, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('safe defaults: Enter on every question', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('never sends a .env: the secrets question comes first, names the file and the pattern, and Enter skips it', async () => {
    const pageId = await freshTargetPage(ui, 'Enter twice');
    mkdirSync(workspacePath('enter-twice'), { recursive: true });
    writeFileSync(workspacePath('enter-twice/.env'), 'API_TOKEN=not-a-real-one\n');
    const earlier = new Set((await emulator.uploads()).map((known) => known.id));
    ui.answer = pressEnter;

    const outcome = await upload(workspaceUri('enter-twice/.env'));
    assert.match(ui.questions[0]?.message ?? '', /^“enter-twice\/\.env” matches “\*\*\/\.env” and may hold secrets\. Upload it anyway\?$/);
    assert.equal(ui.questions[0]?.choices[0], 'Skip It', 'the first button (Enter) is the safe one');
    assert.deepEqual(outcome?.sessions ?? [], []);
    assert.deepEqual(await emulator.blocks(pageId), []);
    // Counted per upload, not by the emulator's byte total: uploads of earlier tests may still be finishing.
    const envUploads = (await emulator.uploads()).filter((made) => !earlier.has(made.id) && /^\.env/.test(made.filename ?? ''));
    assert.deepEqual(envUploads, [], 'no upload of the .env was even created');
  });

  it('Enter on each question of a folder upload sends nothing: the secret and the refused type are left out, and the folder\'s confirmation says Don\'t Upload', async () => {
    const pageId = await freshTargetPage(ui, 'Enter on a folder');
    mkdirSync(workspacePath('enter-folder'), { recursive: true });
    writeFileSync(workspacePath('enter-folder/.env'), 'API_TOKEN=not-a-real-one\n');
    writeWorkspaceFile('enter-folder/notes.txt', 500);
    writeWorkspaceFile('enter-folder/tool.py', 300);
    const earlier = new Set((await emulator.uploads()).map((known) => known.id));
    ui.answer = pressEnter;

    const outcome = await upload(workspaceUri('enter-folder'));
    assert.match(ui.questions[0]?.message ?? '', /may hold secrets/, 'the secrets question is asked before any other');
    assert.ok(!/\.env/.test(ui.questions.slice(1).map((question) => `${question.message}\n${question.detail}`).join('\n')), 'no later question mentions the .env');
    const confirmation = ui.questions.at(-1);
    assert.equal(confirmation?.message, 'Upload 1 file (500 B) to “Enter on a folder”?');
    assert.deepEqual(confirmation?.choices, ['Don\'t Upload', 'Upload 1 File'], 'the first button (Enter) sends nothing');
    assert.equal(outcome, undefined);
    assert.deepEqual(await emulator.blocks(pageId), []);
    const made = (await emulator.uploads()).filter((created) => !earlier.has(created.id) && /^(notes|tool)/.test(created.filename ?? ''));
    assert.deepEqual(made, [], 'no upload of the folder\'s files was even created');
  });

  it('Enter on "uploaded before" does not send the same content again', async () => {
    const pageId = await freshTargetPage(ui, 'Enter on a duplicate');
    const file = writeWorkspaceFile('enter-duplicate/again.txt', 800);
    assert.equal((await upload(file))?.sessions[0]?.state, 'done');
    ui.answer = pressEnter;
    const outcome = await upload(file);
    assert.match(ui.questions[0]?.message ?? '', /was uploaded to “Enter on a duplicate”/);
    assert.deepEqual(outcome?.sessions ?? [], []);
    assert.equal((await emulator.blocks(pageId)).length, 1);
  });
});
