import { NotionApiError } from '../core/errors/errors';
import { mayAddWithoutReading, PAGE_IN_TRASH, refuseTrashedPage } from '../core/errors/pageInTrash';
import { UploaderError } from '../core/errors/uploaderError';
import type { NotionClient } from '../core/notion/notionClient';
import type { SessionError } from '../core/sessions/sessionStatus';

/**
 * Why no file can go to the target page, asked of Notion once before any byte is sent: a page that does not exist or
 * is not shared with the integration would otherwise be found only when the first file is attached, after every file
 * was sent, and a refused token, proxy or certificate would be met once per file; so would an answer that is not the
 * page at all, or a page in Notion's trash (read, but never added to). An integration without the read capability (Notion's 403 restricted_resource) may still insert blocks,
 * so that answer lets the run go on.
 */
async function targetPageRefusal(client: NotionClient, pageId: string, signal?: AbortSignal): Promise<SessionError | undefined> {
  try {
    refuseTrashedPage(await client.retrievePage(pageId, { signal }));
    return undefined;
  } catch (error) {
    if (!(error instanceof UploaderError)) throw error;
    // Only Notion's own refusal: a gateway's 403 page in front of Notion stops the run as any other failure does.
    if (mayAddWithoutReading(error)) return undefined;
    const api = error instanceof NotionApiError ? error : undefined;
    const notFound = api?.status === 404;
    // A 200 that is not the page (HTML, an empty object, a list, another page: see NotionClient.retrievePage).
    const notThePage = api !== undefined && api.status >= 200 && api.status < 300;
    const said = error.message.replace(/[.\s]+$/, '');
    return {
      code: error.code,
      message: notFound ? `Notion cannot find the target page ${pageId} with this token: ${said}. Nothing was sent.`
        : notThePage && !said.includes(pageId) ? `Reading the target page ${pageId}: ${said}. Nothing was sent.` : `${said}. Nothing was sent.`,
      hint: notFound ? 'Check --page (a page link or its 32-digit ID), and share that page with the integration in Notion (page menu → Connections); then run the same command again.'
        : notThePage ? 'Something other than Notion answered: check --api-base and any proxy in between (HTTPS_PROXY), then run the same command again.'
        : error.code === PAGE_IN_TRASH ? 'Restore the page from the trash in Notion (Trash, then Restore) and run the same command again, or give another page with --page.' : error.hint,
      ...(api ? { status: api.status } : {}),
      ...(api?.requestId ? { requestId: api.requestId } : {}),
    };
  }
}

/** How long the page read may take before the CLI says what it is waiting for (it retries as any read does). */
export const SAY_WAITING_AFTER_MS = 3000;

/**
 * The page check as the CLI runs it: Ctrl-C (or SIGTERM) stops it at once, and a read that takes a while says so on
 * stderr instead of leaving the terminal silent while it retries. The refusal, 'interrupted', or undefined to go on.
 */
export async function checkTargetPage(client: NotionClient, pageId: string,
  io: { onInterrupt(handler: () => void): () => void; stderr: NodeJS.WritableStream }): Promise<SessionError | 'interrupted' | undefined> {
  const checking = new AbortController();
  const stopListening = io.onInterrupt(() => checking.abort());
  const waiting = setTimeout(() => {
    io.stderr.write(`notion-upload: waiting for Notion to answer about the target page ${pageId} (read once before anything is sent; Ctrl-C stops)…\n`);
  }, SAY_WAITING_AFTER_MS);
  try {
    const refusal = await targetPageRefusal(client, pageId, checking.signal);
    return checking.signal.aborted ? 'interrupted' : refusal;
  } catch (error) {
    if (checking.signal.aborted) return 'interrupted';
    throw error;
  } finally {
    clearTimeout(waiting);
    stopListening();
  }
}
