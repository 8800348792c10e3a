// The emulator's /__emulator/ inspection and control routes, seen from inside the extension host.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { LATEST_NOTION_VERSION } from '../../../../../src/core/notion/notionLimits';
import { readTestContext, type EmulatorEndpoint } from '../../../launch/testContext';
import type { BlockInfo, Counters, FaultRule, LogEntry, UploadInfo } from '../../../../emulator/types';

export function emulatorEndpoint(): EmulatorEndpoint {
  const { emulator } = readTestContext();
  assert.ok(emulator, 'the runner started no emulator');
  return emulator;
}

// undici's own request, not the extension host's global fetch: VS Code wraps that one for its proxy support, and the
// wrapper does not trust NODE_EXTRA_CA_CERTS, which the HTTPS run relies on.
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(`${emulatorEndpoint().url}/__emulator/${path}`, {
    method: method as 'GET',
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.body.json()) as T;
  assert.equal(response.statusCode, 200, `${method} /__emulator/${path}: ${JSON.stringify(payload)}`);
  return payload;
}

/** A request to the emulator's Notion API itself with the test token, as a person acting in Notion would make it. */
async function notionCall(method: string, path: string, body: unknown): Promise<void> {
  const { url, token } = emulatorEndpoint();
  const response = await request(`${url}${path}`, {
    method: method as 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'notion-version': LATEST_NOTION_VERSION, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  assert.equal(response.statusCode, 200, `${method} ${path}: ${text}`);
}

export const emulator = {
  upload: (id: string) => call<UploadInfo>('GET', `uploads/${id}`),
  uploads: () => call<UploadInfo[]>('GET', 'uploads'),
  blocks: (pageId: string) => call<BlockInfo[]>('GET', `pages/${pageId}/blocks`),
  log: () => call<LogEntry[]>('GET', 'log'),
  counters: () => call<Counters>('GET', 'counters'),
  addFault: (rule: FaultRule) => call<unknown>('POST', 'faults', rule),
  clearFaults: () => call<unknown>('DELETE', 'faults'),
  /** Moves the emulator's clock on (uploads expire by it), not this machine's. */
  advanceClock: (ms: number) => call<unknown>('POST', 'clock', { advanceMs: ms }),
  addPage: (title: string, sharedWith?: string[]) => call<{ id: string }>('POST', 'pages', { title, sharedWith }),
  addToken: (token: string, plan: 'free' | 'paid' = 'paid', kind: 'integration' | 'pat' = 'integration') => call<unknown>('POST', 'tokens', { token, plan, kind }),
  revokeToken: (token: string) => call<unknown>('DELETE', `tokens/${encodeURIComponent(token)}`),
  /** Deletes a block (it goes to Notion's trash), as a person deleting it on the page does. */
  deleteBlock: (blockId: string) => notionCall('DELETE', `/v1/blocks/${blockId}`, undefined),
  /** Moves a page to Notion's trash (or back), as deleting it in Notion does. */
  trashPage: (pageId: string, inTrash = true) => notionCall('PATCH', `/v1/pages/${pageId}`, { in_trash: inTrash }),
};

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
