// A type off Notion's documented list: asked once (Enter skips), tried on request, and what Notion answered remembered.
import * as assert from 'node:assert/strict';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('a file type off Notion\'s documented list', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('Enter skips it; Try Anyway sends it with its standard type, Notion refuses it at create, and the refusal is remembered', async () => {
    const pageId = await freshTargetPage(ui, 'Off the list');
    const file = writeWorkspaceFile('off-the-list/data.zip', 2048);
    const zipUploads = async (): Promise<number> => (await emulator.uploads()).filter((made) => made.filename === 'data.zip').length;
    const zipsBefore = await zipUploads();

    ui.answer = pressEnter;
    const skipped = await upload(file);
    assert.equal(ui.questions[0]?.message, 'Notion\'s documented list does not include .zip files. Try sending “off-the-list/data.zip” anyway?');
    assert.equal(ui.questions[0]?.choices[0], 'Skip It', 'the first button (Enter) sends nothing');
    assert.deepEqual(skipped?.sessions ?? [], []);

    ui.questions.length = 0;
    ui.answer = (question) => (question.choices.includes('Try Anyway') ? 'Try Anyway' : undefined);
    const tried = await upload(file);
    const session = tried?.sessions[0];
    assert.equal(session?.state, 'failed');
    assert.equal(session?.error?.status, 400);
    assert.match(session?.error?.message ?? '', /not supported/);
    assert.equal(await zipUploads(), zipsBefore, 'refused at create: no upload was made, so no byte was sent');
    assert.deepEqual(await emulator.blocks(pageId), []);

    ui.questions.length = 0;
    ui.answer = () => assert.fail('a type Notion refused is not asked about again');
    const third = await upload(file);
    assert.deepEqual(third?.sessions ?? [], []);
    assert.match(third?.skipped.map((entry) => entry.reason).join('\n') ?? '', /Notion refused \.zip files when they were tried in this workspace/);
  });
});
