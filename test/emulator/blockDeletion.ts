// DELETE /v1/blocks/{block_id}: the block goes to the trash (in_trash: true) and leaves its parent's listing; a
// child_page block takes its page along.
import { findBlock } from './blockTree';
import type { Handler } from './context';
import { inTrash, notShared } from './errors';
import { blockObject } from './shapes';

export const deleteBlock: Handler = async (context, workspace) => {
  const id = context.ids.block_id;
  const found = findBlock(workspace.state, id, context.token);
  if (!found) throw notShared('block', id);
  if (found.block.inTrash) throw inTrash();
  found.block.inTrash = true;
  const page = found.block.type === 'child_page' ? workspace.state.pages.get(found.block.id) : undefined;
  if (page) page.inTrash = true;
  return { body: blockObject(found.block, context.version, workspace) };
};
