import { describeError } from '../errors/describeError';
import { NotionApiError, NotionNetworkError } from '../errors/errors';
import { describeTokenCheck } from '../rules/tokenCheck';
import type { NotionClient } from './notionClient';
import type { RetryPolicyOptions } from './retryPolicy';

/** One line of a connection check: what was looked at, whether it worked, and what was found. */
export interface ConnectionCheckStep {
  what: 'Notion API' | 'Proxy' | 'Token' | 'Target page';
  ok: boolean;
  detail: string;
  /** The failure itself, so a caller can offer the action that fixes it. */
  error?: unknown;
}

/**
 * A check is asked for while someone waits for its answer: one more try after a failure, not the six with growing waits
 * an upload makes, and no waiting out Notion's rate limit (a check that meets it says so).
 */
export const CHECK_RETRY: Partial<RetryPolicyOptions> = { maxAttempts: 2, maxRateLimitedWaitMs: 0 };

/**
 * How long a check's request may go unanswered (when the uploads' own timeout is not shorter): users/me and a page read
 * are small answers, and a silent network (packets dropped) would otherwise keep the check for two whole upload timeouts.
 */
export const CHECK_REQUEST_TIMEOUT_MS = 15_000;

/** The proxy's own refusals and absence: the proxy step is what failed, not Notion. */
const PROXY_FAILURES = new Set(['proxy_unreachable', 'proxy_authentication', 'proxy_refused']);

/**
 * What a user asks when something fails: which address is used and through which proxy, whether Notion takes the
 * token and as whom, and whether the target page is reachable with it. The token is judged only on Notion's answer:
 * no answer at all (refused, timed out, no such host) fails the API step (or the proxy's), and the token and page are
 * not looked at; an answer other than 401 fails the API step too. The page needs the token.
 */
export async function checkConnection(client: NotionClient, input: { pageId?: string; proxy?: string; signal?: AbortSignal; requestTimeoutMs?: number }): Promise<ConnectionCheckStep[]> {
  const limits = { signal: input.signal, retry: CHECK_RETRY, requestTimeoutMs: input.requestTimeoutMs ?? CHECK_REQUEST_TIMEOUT_MS };
  const address = `${client.apiBase} (Notion-Version ${client.notionVersion})`;
  const api: ConnectionCheckStep = { what: 'Notion API', ok: true, detail: address };
  const proxy: ConnectionCheckStep = { what: 'Proxy', ok: true, detail: input.proxy ? `through ${input.proxy}` : 'none (direct connection)' };
  const steps = [api, proxy];
  try {
    steps.push({ what: 'Token', ok: true, detail: sentence(describeTokenCheck(await client.usersMe(limits))) });
  } catch (error) {
    if (error instanceof NotionNetworkError && PROXY_FAILURES.has(error.code)) {
      Object.assign(proxy, { ok: false, detail: `${proxy.detail}: ${describeError(error)}`, error });
      api.detail = `${address}: not reached, the proxy is in the way.`;
    } else if (error instanceof NotionNetworkError) {
      Object.assign(api, { ok: false, detail: `${address} is not reachable: ${describeError(error)}`, error });
    } else if (error instanceof NotionApiError && error.status !== 401) {
      Object.assign(api, { ok: false, detail: `${address} answered with an error: ${describeError(error)}`, error });
    } else {
      steps.push({ what: 'Token', ok: false, detail: describeError(error), error });
    }
    return steps;
  }
  if (!input.pageId) {
    steps.push({ what: 'Target page', ok: false, detail: 'No target page is chosen yet.' });
    return steps;
  }
  try {
    const page = await client.retrievePage(input.pageId, limits);
    steps.push({ what: 'Target page', ok: true, detail: `“${page.title || page.id}” is reachable with this token.` });
  } catch (error) {
    steps.push({ what: 'Target page', ok: false, detail: describeError(error), error });
  }
  return steps;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
