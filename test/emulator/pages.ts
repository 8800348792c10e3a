// GET /v1/pages/{id}: one page, visible only when shared with the caller's integration.
import type { Handler } from './context';
import { notShared } from './errors';
import { pageObject } from './shapes';

export const retrievePage: Handler = async (context, workspace) => {
  const id = context.ids.page_id;
  const page = workspace.state.pageFor(id, context.token);
  if (!page) throw notShared('page', id);
  return { body: pageObject(page, context.version, workspace, context.caller.botId) };
};
