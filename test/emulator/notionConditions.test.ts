// Conditions Notion documents that the emulator reproduces on request: 409 for overlapping writes, the 60-second
// request limit, personal access tokens, the Free workspace block limit and the wider type list.
import { APIResponseError, Client } from '@notionhq/client';
import assert from 'node:assert/strict';
import { start, type Emulator, type EmulatorOptions } from './index';

const paragraph = (text: string) => ({ object: 'block' as const, type: 'paragraph' as const, paragraph: { rich_text: [{ type: 'text' as const, text: { content: text } }] } });

async function withEmulator(options: EmulatorOptions, body: (emulator: Emulator, notion: Client) => Promise<void>): Promise<void> {
  const emulator = await start(options);
  try {
    await body(emulator, new Client({ auth: emulator.token, baseUrl: emulator.url, notionVersion: '2026-03-11', retry: false }));
  } finally {
    await emulator.stop();
  }
}

function settledErrors(results: PromiseSettledResult<unknown>[]): Array<{ status: number; code: string; message: string }> {
  return results.flatMap((result) => (result.status === 'rejected' && APIResponseError.isAPIResponseError(result.reason)
    ? [{ status: result.reason.status, code: result.reason.code, message: result.reason.message }] : []));
}

describe('emulator: conditions Notion documents', () => {
  describe('409 conflict_error for overlapping writes to one page', () => {
    it('answers 409 to an append that arrives while another append to the page is handled; the first one lands', async () => {
      await withEmulator({ conflictOnOverlappingWrites: true, appendHandlingDelayMs: 300 }, async (emulator, notion) => {
        const first = notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('first')] });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const second = notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('second')] });
        const results = await Promise.allSettled([first, second]);
        assert.equal(results[0].status, 'fulfilled');
        assert.deepEqual(settledErrors(results), [{ status: 409, code: 'conflict_error', message: 'Conflict occurred while saving. Please try again.' }]);
        assert.equal(emulator.blocks(emulator.pageId).length, 1, 'the refused append wrote nothing');
        await notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('second, again')] });
        assert.equal(emulator.blocks(emulator.pageId).length, 2, 'one after the other, both land');
      });
    });

    it('lets appends to different pages overlap, and every append overlap when the switch is off', async () => {
      await withEmulator({ conflictOnOverlappingWrites: true, appendHandlingDelayMs: 200 }, async (emulator, notion) => {
        const other = emulator.addPage('Other');
        await Promise.all([
          notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph('a')] }),
          notion.blocks.children.append({ block_id: other, children: [paragraph('b')] }),
        ]);
      });
      await withEmulator({ appendHandlingDelayMs: 200 }, async (emulator, notion) => {
        await Promise.all([1, 2, 3].map((n) => notion.blocks.children.append({ block_id: emulator.pageId, children: [paragraph(`p${n}`)] })));
        assert.equal(emulator.blocks(emulator.pageId).length, 3);
      });
    });
  });
});
