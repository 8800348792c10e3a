// An Uploads row names its file once: a file at the top of the workspace, whose path is its name, gets no path in its
// description, though another row shares its name; files of one name in different folders still show their paths.
import * as assert from 'node:assert/strict';
import type { NotionUploadApi } from '../../../../src/vscode/activate';
import { ScriptedUi, extensionApi, treeRows, waitFor } from './helpers/extensionUnderTest';
import { freshTargetPage, upload, writeWorkspaceFile } from './helpers/uploadFixtures';

describe('Uploads rows name their file once', () => {
  let api: NotionUploadApi;
  let ui: ScriptedUi;

  beforeEach(async () => {
    api = await extensionApi();
    ui = new ScriptedUi().install(api);
  });
  afterEach(() => ui.dispose());

  it('a top-level file uploaded twice: "Done", not "Done · its name", while sending and after a reload', async () => {
    await freshTargetPage(ui, 'Named once');
    const file = writeWorkspaceFile('named-once.txt', 600);
    const nested = writeWorkspaceFile('named-once-folder/named-once.txt', 700);
    const first = await upload(file);
    ui.answer = (question) => (question.choices.includes('Upload Again') ? 'Upload Again' : undefined);
    const second = await upload(file);
    const third = await upload(nested);
    const [top1, top2, inFolder] = [first, second, third].map((outcome) => outcome?.sessions[0]?.id ?? assert.fail(`not uploaded: ${JSON.stringify(ui.notices)}`));

    const rowsOf = async (): Promise<Map<string, string>> => new Map((await treeRows(api)).map((row) => [row.id, row.description]));
    const live = await rowsOf();
    assert.deepEqual([live.get(top1), live.get(top2), live.get(inFolder)], ['Done', 'Done', 'Done · named-once-folder/named-once.txt']);

    await api.reloadSessions();
    const kept = await waitFor('the three rows after the reload', async () => {
      const rows = await rowsOf();
      return [top1, top2, inFolder].every((id) => rows.has(id)) ? rows : undefined;
    });
    for (const id of [top1, top2]) assert.match(kept.get(id) ?? '', /^Done · [^·]+$/, 'when it finished, and no path');
    assert.match(kept.get(inFolder) ?? '', /^Done · [^·]+ · named-once-folder\/named-once\.txt$/);
  });
});
