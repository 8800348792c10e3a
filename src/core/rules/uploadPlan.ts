import { DEFAULT_ALLOWED_FILE_TYPES, STANDARD_MIME_TYPES, type AllowedFileType } from './fileTypeAllowList';
import { blockTypeFor, extensionOf, findAllowedType, isKnownTextFile, type BlockType } from './fileType';
import { FILENAME_MAX_UTF8_BYTES, MAX_PARTS, PART_MAX_BYTES, PART_MIN_BYTES, SINGLE_PART_SAFE_MAX_BYTES } from '../notion/notionLimits';
import { MiB, formatBytes } from './units';
import { escapeControlCharacters, hasControlCharacters } from './controlCharacters';
import { largestTimelyRequestBytes, tooSlowRefusal, type RequestTimeInput } from './requestTime';

export interface PlanInput {
  fileName: string;                 // base name as on disk
  sizeBytes: number;
  maxFileUploadSizeBytes: number | null;   // from users/me; null: Notion did not say (a personal access token)
  partSizeBytes: number;            // preferred multi-part size (5..20 MiB)
  asText?: boolean;                 // text files Notion refuses go as <name>.txt, text/plain
  allowList?: readonly AllowedFileType[];
  /** The block a .html file is attached as: a file block unless asked for an embed. */
  htmlAs?: 'file' | 'embed';
  /** The speed cap and Notion's request limit: no request is planned to take more than half the limit. */
  requestTime?: RequestTimeInput;
  /** Send a type outside the documented list with its standard MIME type, for Notion to accept or refuse at create. */
  tryUnknownTypes?: boolean;
}

export interface UploadPlan {
  mode: 'single_part' | 'multi_part';
  fileName: string;        // name on disk
  uploadName: string;      // name Notion gets (fileName, or fileName + '.txt' when sent as text)
  contentType: string;
  blockType: BlockType;
  sentAsText: boolean;
  /** Outside the documented list, sent with its standard type because the user asked to try. */
  triedUnknownType?: boolean;
  sizeBytes: number;
  partSizeBytes: number;   // == sizeBytes for single_part
  partCount: number;       // 1 for single_part
}

export type RefusalCode = 'too_large' | 'unsupported_type' | 'name_too_long' | 'name_has_control_characters' | 'too_many_parts' | 'too_slow';

export interface PlanRefusal {
  code: RefusalCode;
  reason: string;  // what is wrong, in plain words
  remedy: string;  // what the user can do
}

export type PlanResult = { ok: true; plan: UploadPlan } | { ok: false; refusal: PlanRefusal };

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

function refuse(code: RefusalCode, reason: string, remedy: string): PlanResult {
  return { ok: false, refusal: { code, reason, remedy } };
}

/** A file above the workspace's per-file limit, in the same words whether the limit was known before or Notion refused it. */
export function tooLargeRefusal(fileName: string, sizeBytes: number, maxBytes: number): PlanRefusal {
  return {
    code: 'too_large',
    reason: `${fileName} is ${formatBytes(sizeBytes)}; this workspace accepts files up to ${formatBytes(maxBytes)}.`,
    remedy: maxBytes <= 5 * MiB
      ? 'Free workspaces take files up to 5 MiB; upgrade the workspace, or split or compress the file.'
      : 'Split or compress the file below the limit.',
  };
}

/** Part size for a multi-part upload: the preferred size, raised to whole MiB so no upload needs more than 1,000 parts. */
export function choosePartSize(sizeBytes: number, preferredPartBytes: number): number {
  let partSize = Math.min(Math.max(preferredPartBytes, PART_MIN_BYTES), PART_MAX_BYTES);
  if (Math.ceil(sizeBytes / partSize) > MAX_PARTS) partSize = Math.ceil(sizeBytes / MAX_PARTS / MiB) * MiB;
  return partSize;
}

/** Decides how a file goes to Notion, or why it cannot, before any upload request. Pure. */
export function planUpload(input: PlanInput): PlanResult {
  const { fileName, sizeBytes } = input;
  const allowList = input.allowList ?? DEFAULT_ALLOWED_FILE_TYPES;

  // The name travels in the multipart Content-Disposition header, which cannot carry a line break or other controls.
  if (hasControlCharacters(fileName)) {
    return refuse('name_has_control_characters',
      `The file name "${escapeControlCharacters(fileName)}" holds control characters (shown escaped); Notion's upload form cannot carry them.`,
      'Rename the file without line breaks, escape sequences or other control characters.');
  }

  if (input.maxFileUploadSizeBytes !== null && sizeBytes > input.maxFileUploadSizeBytes) {
    return { ok: false, refusal: tooLargeRefusal(fileName, sizeBytes, input.maxFileUploadSizeBytes) };
  }

  let uploadName = fileName;
  let contentType: string;
  let blockType: BlockType;
  let sentAsText = false;
  let triedUnknownType = false;
  const allowed = findAllowedType(fileName, allowList);
  const standardType = STANDARD_MIME_TYPES[extensionOf(fileName)];
  if (allowed) {
    contentType = allowed.mimeType;
    blockType = blockTypeFor(allowed.kind, input.htmlAs);
  } else if (input.tryUnknownTypes && standardType) {
    contentType = standardType;
    blockType = 'file';
    triedUnknownType = true;
  } else if (isKnownTextFile(fileName)) {
    if (!input.asText) {
      return refuse('unsupported_type',
        `Notion does not accept ${describeExtension(fileName)} files through its File Upload API.`,
        `It is text: allow "upload as text" (CLI --as-text) to send it as ${fileName}.txt (text/plain).`);
    }
    uploadName = `${fileName}.txt`;
    contentType = 'text/plain';
    blockType = 'file';
    sentAsText = true;
  } else {
    return refuse('unsupported_type',
      `Notion does not accept ${describeExtension(fileName)} files through its File Upload API.`,
      'Notion takes images, video, audio, PDF, Office documents, .txt, .json and .html; convert the file to one of those, or link to it instead.');
  }

  if (utf8Length(uploadName) > FILENAME_MAX_UTF8_BYTES) {
    return refuse('name_too_long',
      `The file name is ${utf8Length(uploadName)} bytes in UTF-8; Notion allows at most ${FILENAME_MAX_UTF8_BYTES}.`,
      'Rename the file to something shorter.');
  }

  // One request when the file is small enough for it and, under a speed cap, quick enough; else parts, which the cap
  // may make smaller than preferred (never below Notion's 5 MiB), or a refusal when even those would be cut off.
  const timely = input.requestTime ? largestTimelyRequestBytes(input.requestTime) : Number.POSITIVE_INFINITY;
  if (sizeBytes <= SINGLE_PART_SAFE_MAX_BYTES && sizeBytes <= timely) {
    return { ok: true, plan: { mode: 'single_part', fileName, uploadName, contentType, blockType, sentAsText, ...(triedUnknownType ? { triedUnknownType } : {}), sizeBytes, partSizeBytes: sizeBytes, partCount: 1 } };
  }
  const smallestRequest = Math.min(sizeBytes, PART_MIN_BYTES);
  if (input.requestTime && smallestRequest > timely) {
    const slow = tooSlowRefusal(fileName, smallestRequest, input.requestTime);
    return refuse('too_slow', slow.reason, slow.remedy);
  }
  const preferred = timely < input.partSizeBytes ? Math.max(PART_MIN_BYTES, Math.floor(timely / MiB) * MiB) : input.partSizeBytes;
  const partSizeBytes = choosePartSize(sizeBytes, preferred);
  if (input.requestTime && partSizeBytes > timely) {
    const slow = tooSlowRefusal(fileName, partSizeBytes, input.requestTime);
    return refuse('too_slow', slow.reason, slow.remedy);
  }
  const partCount = Math.ceil(sizeBytes / partSizeBytes);
  if (partSizeBytes > PART_MAX_BYTES || partCount > MAX_PARTS) {
    return refuse('too_many_parts',
      `${fileName} is ${formatBytes(sizeBytes)}; Notion takes at most ${MAX_PARTS} parts of up to ${formatBytes(PART_MAX_BYTES)}.`,
      'Split the file into pieces below 19.5 GiB.');
  }
  return { ok: true, plan: { mode: 'multi_part', fileName, uploadName, contentType, blockType, sentAsText, ...(triedUnknownType ? { triedUnknownType } : {}), sizeBytes, partSizeBytes, partCount } };
}

function describeExtension(fileName: string): string {
  const extension = extensionOf(fileName);
  return extension ? `.${extension}` : 'extensionless';
}

/** Byte range [start, endInclusive] of 1-based part `partNumber`. */
export function partRange(plan: Pick<UploadPlan, 'sizeBytes' | 'partSizeBytes'>, partNumber: number): { start: number; end: number; length: number } {
  const start = (partNumber - 1) * plan.partSizeBytes;
  const length = Math.min(plan.partSizeBytes, plan.sizeBytes - start);
  return { start, end: start + length - 1, length };
}
