// The /v1/ routes: method and path pattern to call name, path ID parameter and handler.
import { deleteBlock } from './blockDeletion';
import { appendBlockChildren, listBlockChildren } from './blocks';
import type { Handler } from './context';
import { completeFileUpload, createFileUpload, listFileUploads, retrieveFileUpload, sendFileUpload } from './fileUploads';
import { createPage, updatePage } from './pageCreation';
import { retrievePage } from './pages';
import { searchPages } from './search';
import type { CallName } from './types';
import { retrieveBotUser } from './users';

export interface Route {
  method: string;
  pattern: RegExp;
  call: CallName;
  /** The name Notion's validator gives the path ID (`path.file_upload_id …`), when the path has one. */
  idParameter?: string;
  handler: Handler;
}

const id = '([^/]+)';

export const routes: readonly Route[] = [
  { method: 'GET', pattern: /^\/v1\/users\/me$/, call: 'usersMe', handler: retrieveBotUser },
  { method: 'POST', pattern: /^\/v1\/file_uploads$/, call: 'create', handler: createFileUpload },
  { method: 'GET', pattern: /^\/v1\/file_uploads$/, call: 'list', handler: listFileUploads },
  { method: 'GET', pattern: new RegExp(`^/v1/file_uploads/${id}$`), call: 'retrieve', idParameter: 'file_upload_id', handler: retrieveFileUpload },
  { method: 'POST', pattern: new RegExp(`^/v1/file_uploads/${id}/send$`), call: 'send', idParameter: 'file_upload_id', handler: sendFileUpload },
  { method: 'POST', pattern: new RegExp(`^/v1/file_uploads/${id}/complete$`), call: 'complete', idParameter: 'file_upload_id', handler: completeFileUpload },
  { method: 'GET', pattern: new RegExp(`^/v1/pages/${id}$`), call: 'retrievePage', idParameter: 'page_id', handler: retrievePage },
  { method: 'PATCH', pattern: new RegExp(`^/v1/blocks/${id}/children$`), call: 'append', idParameter: 'block_id', handler: appendBlockChildren },
  { method: 'GET', pattern: new RegExp(`^/v1/blocks/${id}/children$`), call: 'listChildren', idParameter: 'block_id', handler: listBlockChildren },
  { method: 'POST', pattern: /^\/v1\/search$/, call: 'search', handler: searchPages },
  { method: 'POST', pattern: /^\/v1\/pages$/, call: 'createPage', handler: createPage },
  { method: 'PATCH', pattern: new RegExp(`^/v1/pages/${id}$`), call: 'updatePage', idParameter: 'page_id', handler: updatePage },
  { method: 'DELETE', pattern: new RegExp(`^/v1/blocks/${id}$`), call: 'deleteBlock', idParameter: 'block_id', handler: deleteBlock },
];

export function findRoute(method: string, path: string): { route: Route; rawId?: string } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, rawId: match[1] === undefined ? undefined : decodeURIComponent(match[1]) };
  }
  return undefined;
}
