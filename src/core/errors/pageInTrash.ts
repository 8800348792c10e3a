import { UploadFailure } from './errors';

import { NotionApiError } from './errors';

export const PAGE_IN_TRASH = 'page_in_trash';

/**
 * Notion's own 403 restricted_resource to reading a page: the integration lacks the read capability but may still add
 * blocks, so a target page check lets the upload go on. A gateway's 403 page in front of Notion is no such answer.
 */
export function mayAddWithoutReading(error: unknown): boolean {
  return error instanceof NotionApiError && error.status === 403 && error.code === 'restricted_resource' && error.errorObject;
}

/**
 * Notion still reads a page that is in its trash (in_trash: true) but refuses to add anything to it ("Can't edit block
 * that is archived"): a target page there is refused before any byte is sent, not after every file was.
 */
export function refuseTrashedPage(page: { id: string; title: string; inTrash?: boolean }): void {
  if (!page.inTrash) return;
  throw new UploadFailure(PAGE_IN_TRASH, `The target page “${page.title || page.id}” is in Notion's trash: nothing can be added to it.`,
    'Restore it from the trash in Notion (Trash, then Restore), or choose another target page; then try again.');
}
