import type { BlockSummary } from './notionClient';
import type { UploadPlan } from './uploadPlan';

/** The block that shows an uploaded file on a page: its type follows the MIME type (notion-api.md §7). */
export function fileBlockFor(plan: Pick<UploadPlan, 'blockType' | 'uploadName'>, uploadId: string): Record<string, unknown> {
  const file = { type: 'file_upload', file_upload: { id: uploadId } };
  switch (plan.blockType) {
    case 'file':
      return { object: 'block', type: 'file', file: { ...file, caption: [], name: plan.uploadName } };
    case 'embed':
      return { object: 'block', type: 'embed', embed: { ...file } };
    default:
      return { object: 'block', type: plan.blockType, [plan.blockType]: { ...file, caption: [] } };
  }
}

/**
 * Whether a block read back from the page is the one made from this upload. Read back, an attached upload is a
 * Notion-hosted file (its URL carries the file name, not the upload id), so the name is what identifies it.
 */
export function isBlockFromUpload(block: BlockSummary, plan: Pick<UploadPlan, 'blockType' | 'uploadName'>, uploadId: string): boolean {
  if (block.type !== plan.blockType) return false;
  const payload = block.raw[block.type];
  if (typeof payload !== 'object' || payload === null) return false;
  const content = payload as Record<string, unknown>;
  const upload = content.file_upload as { id?: string } | undefined;
  if (upload?.id && sameId(upload.id, uploadId)) return true;
  if (typeof content.name === 'string' && content.name === plan.uploadName) return true;
  const hosted = (content.file ?? content) as { url?: unknown };
  if (typeof hosted.url === 'string') {
    try {
      const path = new URL(hosted.url).pathname;
      const lastSegment = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
      return lastSegment === plan.uploadName || path.includes(uploadId) || path.includes(uploadId.replace(/-/g, ''));
    } catch {
      return false;
    }
  }
  return false;
}

function sameId(a: string, b: string): boolean {
  return a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();
}
