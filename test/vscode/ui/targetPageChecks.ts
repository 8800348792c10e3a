// What the Notion emulator holds after an upload made through the UI: the blocks added to the session's target page
// and the bytes behind each, checked by sha256.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlockInfo } from '../../emulator/index';
import { uiSession } from './uiSession';

export function targetPageBlocks(): BlockInfo[] {
  const { emulator, targetPage } = uiSession();
  return emulator.blocks(targetPage.id);
}

export function sha256OfWorkspaceFile(relativePath: string): string {
  return createHash('sha256').update(readFileSync(join(uiSession().workspaceFolder, relativePath))).digest('hex');
}

/** Each file is behind exactly one of the blocks, as an uploaded file with the same sha256, and no block is extra. */
export function assertBlocksHoldFiles(blocks: BlockInfo[], relativePaths: string[]): void {
  const { emulator } = uiSession();
  const expected = new Map(relativePaths.map((path) => [sha256OfWorkspaceFile(path), path]));
  const arrived = blocks.map((block) => {
    assert.ok(block.uploadId, `block ${block.id} (${block.type}) holds no file upload`);
    const upload = emulator.upload(block.uploadId);
    assert.equal(upload?.status, 'uploaded', `upload ${block.uploadId} behind block ${block.id}`);
    return upload.sha256;
  });
  assert.deepEqual(
    arrived.map((sha256) => (sha256 && expected.get(sha256)) ?? `unexpected content ${sha256}`).sort(),
    [...relativePaths].sort(),
  );
}
