import { NotionApiError } from '../errors/errors';

/**
 * Notion's Free workspace block limit (enforced through the API since 2026-09-08): once a Free workspace with more
 * than one member is past its 1,000 lifetime blocks and its grace period, every request that creates blocks is
 * refused, reads still work, and deleting blocks does not give capacity back. Nothing in the uploader can get past it,
 * so the first such refusal stops the batch. Notion's page on it names no error code of its own, so the refusal is
 * known by a 4xx whose message speaks of the block limit.
 */
export function isWorkspaceBlockLimit(error: unknown): boolean {
  return error instanceof NotionApiError && error.status >= 400 && error.status < 500 && /\bblock limit\b/i.test(error.message);
}

export const BLOCK_LIMIT_HINT = 'The workspace is on the Free plan and has used up its blocks, so Notion accepts no new blocks from integrations. ' +
  'Upgrade the workspace, or upload with a personal access token (the limit does not apply to those); deleting blocks does not free any.';

export const STOPPED_BY_BLOCK_LIMIT = 'Not sent: Notion refused a block for another file of this batch because the workspace reached its block limit.';
