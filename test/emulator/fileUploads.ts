// POST/GET /v1/file_uploads…: create, send, complete, retrieve, list (docs/notion-api.md §2–§3).
import { readJsonBody, type Handler, type RequestContext, type Workspace } from './context';
import {
  ApiError,
  bodyValidation,
  notPending,
  queryValidation,
  quoted,
  sizeOverLimit,
  unsupportedContentType,
  unsupportedExtension,
  uploadNotFound,
  validation,
} from './errors';
import { bareMime, extensionOf } from './fileTypes';
import { maxFilenameBytes, maxPartBytes, minPartBytes, singlePartLimitBytes } from './limits';
import { MalformedFormError, receiveMultipart, type ReceivedFile } from './multipartReceiver';
import { listObject, paginate, parsePageSize } from './pagination';
import { discard, incomingPartPath, keepPart, sha256OfConcatenation } from './partStorage';
import { fileUploadObject } from './shapes';
import { contentLength, type UploadMode, type UploadRecord } from './state';

const modes: readonly UploadMode[] = ['single_part', 'multi_part', 'external_url'];
const statuses = ['pending', 'uploaded', 'expired', 'failed'];

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw bodyValidation(`body.${field} should be a string, instead was ${quoted(value)}.`);
  return value;
}

function ownUpload(context: RequestContext, workspace: Workspace): UploadRecord {
  const id = context.ids.file_upload_id;
  const record = workspace.state.uploadFor(id, context.token);
  if (!record) throw uploadNotFound(id);
  return record;
}

function typeMismatch(contentType: string, extension: string): ApiError {
  return validation(
    `Provided \`content_type\` ${contentType} does not match the extension .${extension} of the provided \`filename\`.`,
  );
}

/** Checks a filename and content type against the allow-list; returns the content type the upload will carry. */
function checkedContentType(workspace: Workspace, filename: string | undefined, contentType: string | undefined): string | null {
  const { fileTypes } = workspace;
  if (contentType !== undefined && !fileTypes.isSupportedMime(contentType)) throw unsupportedContentType(contentType);
  if (filename === undefined) return contentType ?? null;
  const extension = extensionOf(filename);
  if (extension === null) {
    if (contentType === undefined) throw unsupportedExtension();
    return contentType;
  }
  if (!fileTypes.isSupportedExtension(extension)) throw unsupportedExtension();
  if (contentType !== undefined && !fileTypes.agree(extension, contentType)) throw typeMismatch(contentType, extension);
  return contentType ?? fileTypes.mimeForExtension(extension) ?? null;
}

export const createFileUpload: Handler = async (context, workspace) => {
  const body = await readJsonBody(context.body);
  const mode = body.mode ?? 'single_part';
  if (typeof mode !== 'string' || !modes.includes(mode as UploadMode)) {
    throw bodyValidation(`body.mode should be one of ${modes.map((m) => `"${m}"`).join(', ')}, instead was ${quoted(mode)}.`);
  }
  const filename = optionalString(body, 'filename');
  const contentType = optionalString(body, 'content_type');
  const externalUrl = optionalString(body, 'external_url');
  const parts = body.number_of_parts;

  if (filename !== undefined) {
    const bytes = Buffer.byteLength(filename, 'utf8');
    if (bytes > maxFilenameBytes) throw bodyValidation(`body.filename.length should be ≤ \`${maxFilenameBytes}\`, instead was \`${bytes}\`.`);
  }
  let numberOfParts: number | null = null;
  if (mode === 'multi_part') {
    if (context.caller.plan === 'free' && !workspace.switches.multiPartOnFree) {
      throw validation('The multi_part upload mode is only available to workspaces on a paid plan.');
    }
    if (filename === undefined) throw bodyValidation('body.filename should be defined, instead was `undefined`.');
    if (parts === undefined) throw bodyValidation('body.number_of_parts should be defined, instead was `undefined`.');
    if (typeof parts !== 'number' || !Number.isInteger(parts)) {
      throw bodyValidation(`body.number_of_parts should be an integer, instead was ${quoted(parts)}.`);
    }
    if (parts < 1) throw bodyValidation(`body.number_of_parts should be ≥ \`1\`, instead was \`${parts}\`.`);
    const max = workspace.switches.maxParts;
    if (parts > max) throw bodyValidation(`body.number_of_parts should be ≤ \`${max}\`, instead was \`${parts}\`.`);
    numberOfParts = parts;
  } else if (parts !== undefined) {
    throw bodyValidation(`body.number_of_parts should be not present, instead was ${quoted(parts)}.`);
  }
  if (mode === 'external_url') {
    if (externalUrl === undefined) throw bodyValidation('body.external_url should be defined, instead was `undefined`.');
    if (!/^https:\/\//i.test(externalUrl)) throw bodyValidation(`body.external_url should be an https URL, instead was ${quoted(externalUrl)}.`);
  } else if (externalUrl !== undefined) {
    throw bodyValidation(`body.external_url should be not present, instead was ${quoted(externalUrl)}.`);
  }

  const resolvedType = checkedContentType(workspace, filename, contentType);
  const record = workspace.state.createUpload({
    token: context.token,
    botId: context.caller.botId,
    mode: mode as UploadMode,
    filename: filename ?? null,
    contentType: resolvedType,
    contentTypeGiven: contentType !== undefined,
    numberOfParts,
    externalUrl: externalUrl ?? null,
  });
  return { body: fileUploadObject(record, context.version, workspace) };
};

/** The part number a send names: 1 for single_part, validated (per the switches) for multi_part. */
function partNumberOf(record: UploadRecord, raw: string | undefined, workspace: Workspace): number {
  if (record.mode !== 'multi_part') return 1;
  const { switches } = workspace;
  const total = record.numberOfParts ?? 1;
  if (raw === undefined) {
    if (switches.rejectMissingPartNumber) throw bodyValidation('body.part_number should be defined, instead was `undefined`.');
    for (let candidate = 1; ; candidate += 1) if (!record.parts.has(candidate)) return candidate;
  }
  if (!/^\d+$/.test(raw.trim())) throw bodyValidation(`body.part_number should be an integer, instead was ${quoted(raw)}.`);
  const partNumber = Number(raw.trim());
  if (partNumber < 1) throw bodyValidation(`body.part_number should be ≥ \`1\`, instead was \`${partNumber}\`.`);
  if (partNumber > switches.maxParts) {
    throw bodyValidation(`body.part_number should be ≤ \`${switches.maxParts}\`, instead was \`${partNumber}\`.`);
  }
  if (partNumber > total && switches.rejectPartAboveTotal) {
    throw validation(`Part number ${partNumber} is greater than the number of parts (${total}) of file upload ${record.id}.`);
  }
  if (record.parts.has(partNumber) && switches.rejectResentPart) {
    throw validation(`Part number ${partNumber} of file upload ${record.id} has already been sent.`);
  }
  return partNumber;
}

/** The part's own Content-Type must be allowed and agree with the upload; fills in what create left out. */
function checkPartType(record: UploadRecord, file: ReceivedFile, workspace: Workspace): { filename: string | null; contentType: string } {
  const { fileTypes, switches } = workspace;
  let partType = bareMime(file.mimeType);
  if (partType === 'application/octet-stream') {
    if (switches.rejectOctetStream) throw unsupportedContentType(partType);
    const implied = record.contentType ?? fileTypes.mimeForExtension(extensionOf(file.filename ?? '') ?? '');
    if (!implied) throw unsupportedContentType(partType);
    partType = bareMime(implied);
  }
  if (!fileTypes.isSupportedMime(partType)) throw unsupportedContentType(partType);
  if (record.contentType !== null && bareMime(record.contentType) !== partType) {
    const extension = record.filename === null ? null : extensionOf(record.filename);
    const inferredAndAgreeing = !record.contentTypeGiven && extension !== null && fileTypes.agree(extension, partType);
    if (!inferredAndAgreeing) {
      throw validation(`The file part's content type ${partType} does not match the content type ${record.contentType} of file upload ${record.id}.`);
    }
    return { filename: record.filename, contentType: partType };
  }
  let filename = record.filename;
  if (filename === null && file.filename) {
    const extension = extensionOf(file.filename);
    if (extension !== null && !fileTypes.isSupportedExtension(extension)) throw unsupportedExtension();
    if (extension !== null && !fileTypes.agree(extension, partType)) throw typeMismatch(partType, extension);
    if (Buffer.byteLength(file.filename, 'utf8') > maxFilenameBytes) {
      throw validation(`The file part's filename is longer than ${maxFilenameBytes} bytes.`);
    }
    filename = file.filename;
  }
  return { filename, contentType: record.contentType ?? partType };
}

function checkSizes(record: UploadRecord, partNumber: number, size: number, workspace: Workspace, limit: number): void {
  const replaced = record.parts.get(partNumber)?.size ?? 0;
  const runningTotal = contentLength(record) - replaced + size;
  if (runningTotal > limit) throw sizeOverLimit(runningTotal, limit);
  if (record.mode === 'single_part') {
    const over = workspace.switches.singlePartLimitInclusive ? size > singlePartLimitBytes : size >= singlePartLimitBytes;
    if (over) {
      throw validation(
        `File size of ${size} bytes exceeds the single_part limit of ${singlePartLimitBytes} bytes. Use multi_part mode for larger files.`,
      );
    }
    return;
  }
  if (size > maxPartBytes) throw validation(`Part ${partNumber} is ${size} bytes; a part may be at most ${maxPartBytes} bytes.`);
  const isLast = partNumber >= (record.numberOfParts ?? 1);
  if (!isLast && size < minPartBytes) {
    throw validation(`Part ${partNumber} is ${size} bytes; every part except the last must be at least ${minPartBytes} bytes.`);
  }
}

export const sendFileUpload: Handler = async (context, workspace) => {
  const record = ownUpload(context, workspace);
  if (workspace.state.statusOf(record) !== 'pending') throw notPending(record.id);
  const contentType = context.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw validation('The request body must be multipart/form-data with a `file` part.');
  }
  const incoming = await incomingPartPath(record.directory);
  const storedCap = (record.mode === 'single_part' ? singlePartLimitBytes : maxPartBytes) + 1;
  let received;
  try {
    received = await receiveMultipart(context.body, {
      headers: context.headers,
      filePath: incoming,
      maxStoredBytes: storedCap,
      onField: (name, value) => {
        if (name === 'part_number' && /^\d+$/.test(value.trim())) context.notePartNumber(Number(value.trim()));
      },
    });
  } catch (error) {
    await discard(incoming);
    if (error instanceof MalformedFormError) throw validation(`Could not parse the multipart/form-data body: ${error.message}.`);
    throw error;
  }
  try {
    if (context.injectedError) throw context.injectedError;
    const file = received.file;
    if (!file) {
      const sentAsText = received.fields.has('file');
      throw bodyValidation(`body.file should be a file, instead was ${sentAsText ? 'a text field' : '`undefined`'}.`);
    }
    const partNumber = partNumberOf(record, received.fields.get('part_number'), workspace);
    const typed = checkPartType(record, file, workspace);
    checkSizes(record, partNumber, file.size, workspace, workspace.maxFileSize(context.caller));
    if (workspace.state.statusOf(record) !== 'pending') throw notPending(record.id);
    if (record.parts.has(partNumber) && workspace.switches.rejectResentPart) {
      throw validation(`Part number ${partNumber} of file upload ${record.id} has already been sent.`);
    }
    const path = await keepPart(incoming, record.directory, partNumber);
    record.parts.set(partNumber, { number: partNumber, path, size: file.size });
    record.filename = typed.filename;
    record.contentType = typed.contentType;
    record.lastEditedAt = workspace.clock.now();
    if (record.mode === 'single_part') {
      record.state = 'uploaded';
      record.sha256 = file.sha256;
    }
  } catch (error) {
    await discard(incoming);
    throw error;
  }
  return { body: fileUploadObject(record, context.version, workspace) };
};

export const completeFileUpload: Handler = async (context, workspace) => {
  const record = ownUpload(context, workspace);
  await readJsonBody(context.body);
  if (record.mode !== 'multi_part') {
    throw validation(`File upload with ID ${record.id} is not a multi_part upload; only multi_part uploads are completed.`);
  }
  if (workspace.state.statusOf(record) !== 'pending') throw notPending(record.id);
  const total = record.numberOfParts ?? 1;
  const missing: number[] = [];
  for (let part = 1; part <= total; part += 1) if (!record.parts.has(part)) missing.push(part);
  if (missing.length > 0) {
    const shown = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ', …' : '');
    throw validation(`File upload with ID ${record.id} expects ${total} parts but ${record.parts.size} were sent; missing part numbers: ${shown}.`);
  }
  const limit = workspace.maxFileSize(context.caller);
  const size = contentLength(record);
  if (size > limit) throw sizeOverLimit(size, limit);
  const ordered = [...record.parts.values()].sort((a, b) => a.number - b.number).map((part) => part.path);
  const sha256 = await sha256OfConcatenation(ordered);
  if (workspace.state.statusOf(record) !== 'pending') throw notPending(record.id);
  record.sha256 = sha256;
  record.state = 'uploaded';
  record.lastEditedAt = workspace.clock.now();
  return { body: fileUploadObject(record, context.version, workspace) };
};

export const retrieveFileUpload: Handler = async (context, workspace) => {
  const record = ownUpload(context, workspace);
  return { body: fileUploadObject(record, context.version, workspace) };
};

export const listFileUploads: Handler = async (context, workspace) => {
  const status = context.query.get('status') ?? undefined;
  if (status !== undefined && !statuses.includes(status)) {
    throw queryValidation(`query.status should be one of ${statuses.map((s) => `"${s}"`).join(', ')}, instead was ${quoted(status)}.`);
  }
  const pageSize = parsePageSize(context.query.get('page_size') ?? undefined, 'query', 100);
  const { state } = workspace;
  const own = [...state.uploads.values()]
    .filter((record) => record.token === context.token)
    .reverse()
    .filter((record) => status === undefined || state.statusOf(record) === status);
  const page = paginate(own, context.query.get('start_cursor') ?? undefined, pageSize);
  return { body: listObject(page, 'file_upload', (record) => fileUploadObject(record, context.version, workspace)) };
};
