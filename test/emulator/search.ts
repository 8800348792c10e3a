// POST /v1/search: title matches among the pages shared with the caller (docs/notion-api.md §8).
import { readJsonBody, type Handler } from './context';
import { bodyValidation, quoted } from './errors';
import { listObject, paginate, parsePageSize } from './pagination';
import { pageObject } from './shapes';
import { isAtLeast20260311 } from './versions';

const filterValues = ['page', 'data_source', 'database'];

export const searchPages: Handler = async (context, workspace) => {
  const body = await readJsonBody(context.body);
  const query = body.query ?? '';
  if (typeof query !== 'string') throw bodyValidation(`body.query should be a string, instead was ${quoted(query)}.`);
  const filter = body.filter as Record<string, unknown> | undefined;
  if (filter !== undefined) {
    if (typeof filter !== 'object' || filter === null || filter.property !== 'object') {
      throw bodyValidation(`body.filter.property should be \`"object"\`, instead was ${quoted(filter?.property)}.`);
    }
    if (!filterValues.includes(filter.value as string)) {
      throw bodyValidation(`body.filter.value should be one of ${filterValues.map((v) => `"${v}"`).join(', ')}, instead was ${quoted(filter.value)}.`);
    }
  }
  const pageSize = parsePageSize(body.page_size, 'body', 100);
  const wantsPages = filter === undefined || filter.value === 'page';
  const needle = query.trim().toLowerCase();
  const matches = wantsPages
    ? [...workspace.state.pages.values()]
        .filter((page) => workspace.state.canSee(page, context.token) && page.title.toLowerCase().includes(needle))
        .reverse()
    : [];
  const page = paginate(matches, body.start_cursor, pageSize);
  const resultType = isAtLeast20260311(context.version) || context.version === '2025-09-03' ? 'page_or_data_source' : 'page_or_database';
  return { body: listObject(page, resultType, (found) => pageObject(found, context.version, workspace, context.caller.botId)) };
};
