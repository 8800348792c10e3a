import { describeError } from '../errors/describeError';
import { describeTokenCheck } from '../rules/tokenCheck';
import type { NotionClient } from './notionClient';

/** One line of a connection check: what was looked at, whether it worked, and what was found. */
export interface ConnectionCheckStep {
  what: 'Notion API' | 'Proxy' | 'Token' | 'Target page';
  ok: boolean;
  detail: string;
  /** The failure itself, so a caller can offer the action that fixes it. */
  error?: unknown;
}

/**
 * What a user asks when something fails: which address is used and through which proxy, whether Notion takes the
 * token and as whom, and whether the target page is reachable with it. Each step runs even when an earlier one failed
 * (a refused token says nothing about the proxy), except the page, which needs the token.
 */
export async function checkConnection(client: NotionClient, input: { pageId?: string; proxy?: string; signal?: AbortSignal }): Promise<ConnectionCheckStep[]> {
  const steps: ConnectionCheckStep[] = [
    { what: 'Notion API', ok: true, detail: `${client.apiBase} (Notion-Version ${client.notionVersion})` },
    { what: 'Proxy', ok: true, detail: input.proxy ? `through ${input.proxy}` : 'none (direct connection)' },
  ];
  try {
    steps.push({ what: 'Token', ok: true, detail: sentence(describeTokenCheck(await client.usersMe({ signal: input.signal }))) });
  } catch (error) {
    steps.push({ what: 'Token', ok: false, detail: describeError(error), error });
    return steps;
  }
  if (!input.pageId) {
    steps.push({ what: 'Target page', ok: false, detail: 'No target page is chosen yet.' });
    return steps;
  }
  try {
    const page = await client.retrievePage(input.pageId, { signal: input.signal });
    steps.push({ what: 'Target page', ok: true, detail: `“${page.title || page.id}” is reachable with this token.` });
  } catch (error) {
    steps.push({ what: 'Target page', ok: false, detail: describeError(error), error });
  }
  return steps;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
