// A Markdown file given to Upload to Notion, which Notion refuses as a file: the question offers Publish to Notion
// beside Upload as .txt, with Skip It still first, the button Enter presses.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { emulator } from './helpers/emulatorControl';
import { ScriptedUi, extensionApi, pressEnter } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, workspacePath, workspaceUri, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('Upload to Notion on a Markdown file offers Publish to Notion', () => {
  let ui: ScriptedUi;

  beforeEach(async () => {
    ui = new ScriptedUi().install(await extensionApi());
  });
  afterEach(() => ui.dispose());

  it('Skip It first (Enter sends nothing), then Publish to Notion, which makes the Markdown a page; Upload as .txt stays', async () => {
    const pageId = await freshTargetPage(ui, 'Markdown offered');
    writeWorkspaceFile('offered/placeholder.txt', 10);
    writeFileSync(workspacePath('offered/notes.md'), '# Offered notes\n\nSome **bold** text.\n\n- one\n- two\n');
    const earlier = new Set((await emulator.uploads()).map((known) => known.id));

    ui.answer = pressEnter;
    const skipped = await upload(workspaceUri('offered/notes.md'));
    assert.equal(ui.questions.length, 1);
    assert.equal(ui.questions[0].message, 'Notion does not accept .md files. Publish “offered/notes.md” as a page in “Markdown offered”, or upload it as plain text (notes.md.txt)?');
    assert.deepEqual(ui.questions[0].choices, ['Skip It', 'Publish to Notion', 'Upload as .txt']);
    assert.deepEqual(skipped?.sessions, []);
    assert.equal(skipped?.published, undefined);
    assert.deepEqual(await emulator.blocks(pageId), []);

    ui.answer = (question) => (question.choices.includes('Publish to Notion') ? 'Publish to Notion' : undefined);
    const outcome = await upload(workspaceUri('offered/notes.md'));
    assert.deepEqual(outcome?.sessions, []);
    assert.ok(outcome?.published, `notices: ${JSON.stringify(ui.notices)}`);
    assert.deepEqual((await emulator.blocks(pageId)).map((block) => [block.type, block.id]), [['child_page', outcome.published.pageId]]);
    assert.deepEqual((await emulator.blocks(outcome.published.pageId)).map((block) => block.type), ['paragraph', 'bulleted_list_item', 'bulleted_list_item']);
    assert.ok(ui.notices.some((notice) => /Published “Offered notes” in Notion/.test(notice.message)), `notices: ${JSON.stringify(ui.notices)}`);
    const made = (await emulator.uploads()).filter((created) => !earlier.has(created.id) && /^notes\.md/.test(created.filename ?? ''));
    assert.deepEqual(made, [], 'the Markdown was not uploaded as a file as well');
  });

  it('several refused files at once are asked about as before: Skip Them or Upload as .txt', async () => {
    await freshTargetPage(ui, 'Markdown among others');
    mkdirSync(workspacePath('offered-two'), { recursive: true });
    writeFileSync(workspacePath('offered-two/a.md'), '# A\n');
    writeFileSync(workspacePath('offered-two/b.py'), 'print(1)\n');
    ui.answer = pressEnter;
    await upload(workspaceUri('offered-two/a.md'), workspaceUri('offered-two/b.py'));
    assert.deepEqual(ui.questions[0]?.choices, ['Skip Them', 'Upload as .txt']);
  });
});
