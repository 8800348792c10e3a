// Everything the emulated workspace holds: tokens and their plans, pages and their blocks, file uploads and their parts.
import { join } from 'node:path';
import type { Clock } from './clock';
import { newId } from './ids';
import type { BlockInfo, PlanName, UploadInfo } from './types';

export const uploadLifetimeMs = 60 * 60 * 1000;

export type UploadMode = 'single_part' | 'multi_part' | 'external_url';
export type UploadStatus = 'pending' | 'uploaded' | 'expired' | 'failed';

export interface StoredPart {
  number: number;
  path: string;
  size: number;
}

export interface UploadRecord {
  id: string;
  token: string;
  botId: string;
  mode: UploadMode;
  filename: string | null;
  contentType: string | null;
  /** False when create named no content_type and the type was inferred from the filename. */
  contentTypeGiven: boolean;
  numberOfParts: number | null;
  createdAt: number;
  lastEditedAt: number;
  /** `uploaded` once the bytes are complete; `expired` is derived from the clock, never stored. */
  state: 'pending' | 'uploaded' | 'failed';
  attached: boolean;
  parts: Map<number, StoredPart>;
  sha256: string | null;
  externalUrl: string | null;
  directory: string;
}

export interface BlockRecord {
  id: string;
  pageId: string;
  type: string;
  /** The block's type-specific content as Notion would read it back. */
  content: Record<string, unknown>;
  uploadId: string | null;
  /** The attached upload's filename, for the hosted file URL. */
  uploadFilename: string | null;
  name?: string;
  createdAt: number;
  createdBy: string;
  /** Nested blocks (list items under list items, table rows); see blockTree.ts. */
  children?: BlockRecord[];
  /** The block this one is nested under; absent for a block directly on a page. */
  parentBlockId?: string;
  inTrash?: boolean;
}

export interface PageRecord {
  id: string;
  title: string;
  sharedWith: Set<string>;
  createdAt: number;
  blocks: BlockRecord[];
  /** The page this one was created under (POST /v1/pages); absent for a workspace-level page. */
  parentPageId?: string;
  /** In Notion's trash (PATCH in_trash, or DELETE of its child_page block): still read, no longer written to. */
  inTrash?: boolean;
}

/** An integration's secret, or a personal access token (a person's own, acting with that person's page access). */
export type TokenKind = 'integration' | 'pat';

export interface TokenRecord {
  plan: PlanName;
  /** The bot user's id for an integration, the person's for a personal access token. */
  botId: string;
  kind: TokenKind;
}

export class WorkspaceState {
  readonly tokens = new Map<string, TokenRecord>();
  readonly pages = new Map<string, PageRecord>();
  readonly uploads = new Map<string, UploadRecord>();
  readonly workspaceId = newId();

  constructor(
    private readonly clock: Clock,
    readonly storageDir: string,
  ) {}

  addToken(token: string, plan: PlanName, kind: TokenKind = 'integration'): void {
    const existing = this.tokens.get(token);
    this.tokens.set(token, { plan, botId: existing?.botId ?? newId(), kind });
  }

  /** Whether the token sees the page: an integration only where the page is shared with it, a person everywhere. */
  canSee(page: PageRecord, token: string): boolean {
    return page.sharedWith.has(token) || this.tokens.get(token)?.kind === 'pat';
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  addPage(title: string, sharedWith: string[], id: string = newId()): PageRecord {
    const page: PageRecord = { id, title, sharedWith: new Set(sharedWith), createdAt: this.clock.now(), blocks: [] };
    this.pages.set(id, page);
    return page;
  }

  /** A page the token may see, or undefined (unknown and unshared pages look the same). */
  pageFor(id: string, token: string): PageRecord | undefined {
    const page = this.pages.get(id);
    return page && this.canSee(page, token) ? page : undefined;
  }

  /** A block inside a page the token may see. */
  blockFor(id: string, token: string): { page: PageRecord; block: BlockRecord } | undefined {
    for (const page of this.pages.values()) {
      if (!this.canSee(page, token)) continue;
      const block = page.blocks.find((candidate) => candidate.id === id);
      if (block) return { page, block };
    }
    return undefined;
  }

  createUpload(
    fields: Pick<UploadRecord, 'token' | 'botId' | 'mode' | 'filename' | 'contentType' | 'contentTypeGiven' | 'numberOfParts' | 'externalUrl'>,
  ): UploadRecord {
    const id = newId();
    const now = this.clock.now();
    const record: UploadRecord = {
      ...fields,
      id,
      createdAt: now,
      lastEditedAt: now,
      state: fields.mode === 'external_url' ? 'failed' : 'pending',
      attached: false,
      parts: new Map(),
      sha256: null,
      directory: join(this.storageDir, 'uploads', id),
    };
    this.uploads.set(id, record);
    return record;
  }

  /** An upload the token made, or undefined (another token's uploads do not exist for it). */
  uploadFor(id: string, token: string): UploadRecord | undefined {
    const record = this.uploads.get(id);
    return record && record.token === token ? record : undefined;
  }

  statusOf(record: UploadRecord): UploadStatus {
    if (record.state === 'failed') return 'failed';
    if (record.attached) return record.state;
    return this.clock.now() >= record.createdAt + uploadLifetimeMs ? 'expired' : record.state;
  }

  uploadInfo(record: UploadRecord): UploadInfo {
    return {
      id: record.id,
      status: this.statusOf(record),
      mode: record.mode,
      filename: record.filename,
      contentType: record.contentType,
      size: contentLength(record),
      sha256: record.sha256,
      partsSent: record.parts.size,
      partsTotal: record.numberOfParts,
      token: record.token,
      createdTime: this.clock.iso(record.createdAt),
    };
  }

  blockInfos(pageId: string): BlockInfo[] {
    const page = this.pages.get(pageId);
    if (!page) return [];
    return page.blocks.filter((block) => !block.inTrash).map((block) => ({
      id: block.id,
      type: block.type,
      uploadId: block.uploadId,
      ...(block.name === undefined ? {} : { name: block.name }),
    }));
  }
}

/** The running total of bytes received for an upload. */
export function contentLength(record: UploadRecord): number {
  let total = 0;
  for (const part of record.parts.values()) total += part.size;
  return total;
}
