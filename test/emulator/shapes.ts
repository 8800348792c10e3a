// The JSON objects Notion answers with, shaped by Notion-Version (`archived` only before 2026-03-11).
import type { Workspace } from './context';
import { contentLength, uploadLifetimeMs, type BlockRecord, type PageRecord, type UploadRecord } from './state';
import { isAtLeast20260311, type NotionVersion } from './versions';

function trashFields(version: NotionVersion, inTrash = false): Record<string, boolean> {
  return isAtLeast20260311(version) ? { in_trash: inTrash } : { in_trash: inTrash, archived: inTrash };
}

export function fileUploadObject(record: UploadRecord, version: NotionVersion, workspace: Workspace): Record<string, unknown> {
  const { clock, state } = workspace;
  const status = state.statusOf(record);
  const pending = status === 'pending';
  const received = record.parts.size > 0;
  const object: Record<string, unknown> = {
    object: 'file_upload',
    id: record.id,
    created_time: clock.iso(record.createdAt),
    created_by: { id: record.botId, type: 'bot' },
    last_edited_time: clock.iso(record.lastEditedAt),
    ...trashFields(version),
    expiry_time: record.attached ? null : clock.iso(record.createdAt + uploadLifetimeMs),
    status,
    filename: record.filename,
    content_type: record.contentType,
    content_length: received || record.state === 'uploaded' ? contentLength(record) : null,
  };
  if (pending && record.mode !== 'external_url') object.upload_url = `${workspace.baseUrl()}/v1/file_uploads/${record.id}/send`;
  if (pending && record.mode === 'multi_part') object.complete_url = `${workspace.baseUrl()}/v1/file_uploads/${record.id}/complete`;
  if (record.mode === 'multi_part') object.number_of_parts = { total: record.numberOfParts, sent: record.parts.size };
  if (record.mode === 'external_url') {
    object.file_import_result = {
      imported_time: clock.iso(record.createdAt),
      type: 'error',
      error: {
        type: 'download_error',
        code: 'download_failed',
        message: 'The emulator has no network: external URLs cannot be imported.',
        parameter: 'external_url',
        status_code: null,
      },
    };
  }
  return object;
}

function userRef(id: string): Record<string, string> {
  return { object: 'user', id };
}

export function titleRichText(title: string): Record<string, unknown>[] {
  return [
    {
      type: 'text',
      text: { content: title, link: null },
      annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
      plain_text: title,
      href: null,
    },
  ];
}

export function pageUrl(page: PageRecord): string {
  const slug = page.title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `https://www.notion.so/${slug ? `${slug}-` : ''}${page.id.replace(/-/g, '')}`;
}

export function pageObject(page: PageRecord, version: NotionVersion, workspace: Workspace, botId: string): Record<string, unknown> {
  const created = workspace.clock.iso(page.createdAt);
  return {
    object: 'page',
    id: page.id,
    created_time: created,
    last_edited_time: created,
    created_by: userRef(botId),
    last_edited_by: userRef(botId),
    cover: null,
    icon: null,
    parent: page.parentPageId ? { type: 'page_id', page_id: page.parentPageId } : { type: 'workspace', workspace: true },
    ...trashFields(version, page.inTrash === true),
    properties: { title: { id: 'title', type: 'title', title: titleRichText(page.title) } },
    url: pageUrl(page),
    public_url: null,
  };
}

export function blockObject(block: BlockRecord, version: NotionVersion, workspace: Workspace): Record<string, unknown> {
  const created = workspace.clock.iso(block.createdAt);
  return {
    object: 'block',
    id: block.id,
    parent: block.parentBlockId ? { type: 'block_id', block_id: block.parentBlockId } : { type: 'page_id', page_id: block.pageId },
    created_time: created,
    last_edited_time: created,
    created_by: userRef(block.createdBy),
    last_edited_by: userRef(block.createdBy),
    has_children: (block.children ?? []).some((child) => !child.inTrash) || (block.type === 'child_page' && (workspace.state.pages.get(block.id)?.blocks ?? []).some((child) => !child.inTrash)),
    ...trashFields(version),
    ...(block.inTrash ? { in_trash: true, ...(isAtLeast20260311(version) ? {} : { archived: true }) } : {}),
    type: block.type,
    [block.type]: block.uploadId ? { ...block.content, ...hostedFile(block, workspace) } : block.content,
  };
}

function hostedFolder(block: BlockRecord, workspace: Workspace): string {
  return workspace.switches.hostedUrlNamesUpload ? (block.uploadId as string) : block.id;
}

/** An attached upload reads back as a Notion-hosted file whose URL lasts an hour from this read. */
function hostedFile(block: BlockRecord, workspace: Workspace): Record<string, unknown> {
  const expiresAt = workspace.clock.now() + uploadLifetimeMs;
  const name = encodeURIComponent(block.uploadFilename ?? 'file');
  return {
    type: 'file',
    file: {
      url: `https://files.notion-emulator.invalid/${workspace.state.workspaceId}/${hostedFolder(block, workspace)}/${name}?expires=${expiresAt}`,
      expiry_time: workspace.clock.iso(expiresAt),
    },
  };
}
