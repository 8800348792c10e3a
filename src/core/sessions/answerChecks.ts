import { matchUploadBlock } from '../rules/attachBlock';
import { UploadFailure } from '../errors/errors';
import type { BlockSummary } from '../notion/notionClient';
import type { FileUploadObject } from '../notion/fileUploadObject';
import type { UploadPlan } from '../rules/uploadPlan';

// What Notion's answers say, checked against what was sent: an answer that does not add up is not taken as success.
// Fields an answer leaves out are not held against it (Notion adds and drops optional fields over time).

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const AGAIN = 'Upload the file again; if it happens again, check that the API base URL leads to Notion (a proxy may be answering).';

/** The bytes Notion says it holds, when its answer says so, must be the bytes sent. */
export function checkStoredLength(upload: FileUploadObject, plan: UploadPlan, what: string): void {
  if (upload.contentLength !== null && upload.contentLength !== plan.sizeBytes) {
    throw new UploadFailure('answer_mismatch',
      `Notion's answer to ${what} says it holds ${upload.contentLength} bytes of ${plan.fileName}, but ${plan.sizeBytes} were sent.`, AGAIN);
  }
}

/** True when the answer says the upload is finished (or says nothing about it); false when it names another state. */
export function saysUploaded(upload: FileUploadObject): boolean {
  return upload.status === 'uploaded' || upload.status === 'unknown';
}

export function notUploaded(upload: FileUploadObject, plan: UploadPlan, what: string): UploadFailure {
  return new UploadFailure('upload_not_finished',
    `Notion took ${plan.fileName} but its answer to ${what} says the upload is "${upload.status.slice(0, 40)}", not "uploaded", so it cannot be attached.`,
    'Upload the file again; Notion did not finish this upload (it expires on its own).');
}

/** The block of the append's answer that shows this upload; the answer must hold one of the type that was sent. */
export function attachedBlock(blocks: BlockSummary[], plan: UploadPlan, uploadId: string): BlockSummary {
  // A block naming another upload is not this one; Notion's answer may show the file as hosted, without the reference.
  const candidates = blocks.filter((block) => block.type === plan.blockType && (!hasUploadReference(block) || matchUploadBlock(block, plan, uploadId) === 'sure'));
  const block = candidates[candidates.length - 1];
  if (!block && blocks.length === 0) {
    throw new UploadFailure('attach_unconfirmed', `Notion accepted the block for ${plan.fileName} but did not return it.`,
      'Open the page in Notion to see whether the file is there before uploading it again.');
  }
  if (!block) {
    const got = blocks.map((candidate) => candidate.type).slice(0, 5).join(', ') || 'no block';
    throw new UploadFailure('attach_unconfirmed',
      `Notion's answer to adding ${plan.fileName} to the page holds ${got}, not the ${plan.blockType} block that was sent.`,
      'Open the page in Notion to see whether the file is there before uploading it again.');
  }
  if (!UUID.test(block.id)) {
    throw new UploadFailure('attach_unconfirmed', `Notion's answer to adding ${plan.fileName} to the page has no valid block id.`,
      'Open the page in Notion to see whether the file is there before uploading it again.');
  }
  return block;
}

function hasUploadReference(block: BlockSummary): boolean {
  const payload = block.raw[block.type] as { file_upload?: unknown } | undefined;
  return typeof payload === 'object' && payload !== null && payload.file_upload !== undefined;
}
