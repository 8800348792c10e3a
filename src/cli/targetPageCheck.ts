import { NotionApiError } from '../core/errors/errors';
import { UploaderError } from '../core/errors/uploaderError';
import type { NotionClient } from '../core/notion/notionClient';
import type { SessionError } from '../core/sessions/sessionStatus';

/**
 * Why no file can go to the target page, asked of Notion once before any byte is sent: a page that does not exist or
 * is not shared with the integration would otherwise be found only when the first file is attached, after every file
 * was sent, and a refused token, proxy or certificate would be met once per file. An integration without the read
 * capability (403) may still insert blocks, so that answer lets the run go on.
 */
export async function targetPageRefusal(client: NotionClient, pageId: string, signal?: AbortSignal): Promise<SessionError | undefined> {
  try {
    await client.retrievePage(pageId, { signal });
    return undefined;
  } catch (error) {
    if (!(error instanceof UploaderError)) throw error;
    if (error instanceof NotionApiError && error.status === 403) return undefined;
    const api = error instanceof NotionApiError ? error : undefined;
    const notFound = api?.status === 404;
    return {
      code: error.code,
      message: notFound ? `Notion cannot find the target page ${pageId} with this token: ${error.message.replace(/[.\s]+$/, '')}. Nothing was sent.` : `${error.message.replace(/[.\s]+$/, '')}. Nothing was sent.`,
      hint: notFound ? 'Check --page (a page link or its 32-digit ID), and share that page with the integration in Notion (page menu → Connections); then run the same command again.' : error.hint,
      ...(api ? { status: api.status } : {}),
      ...(api?.requestId ? { requestId: api.requestId } : {}),
    };
  }
}
