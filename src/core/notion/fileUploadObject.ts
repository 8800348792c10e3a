import { numberField, objectField, stringField } from './responseBody';

/** The fields of Notion's File Upload object this project reads, parsed leniently (docs/notion-api.md §2). */
export interface FileUploadObject {
  id: string;
  status: string;                 // pending | uploaded | expired | failed
  filename: string | null;
  contentType: string | null;
  contentLength: number | null;
  createdTime: string | null;
  expiryTime: string | null;
  /** Notion clears expiry_time once the upload is attached somewhere (docs/notion-api.md §2). */
  attached: boolean;
  numberOfParts: { total: number; sent: number } | null;
}

export function toFileUploadObject(body: Record<string, unknown>): FileUploadObject {
  const parts = objectField(body, 'number_of_parts');
  return {
    id: stringField(body, 'id') ?? '',
    status: stringField(body, 'status') ?? 'unknown',
    filename: stringField(body, 'filename') ?? null,
    contentType: stringField(body, 'content_type') ?? null,
    contentLength: numberField(body, 'content_length') ?? null,
    createdTime: stringField(body, 'created_time') ?? null,
    expiryTime: stringField(body, 'expiry_time') ?? null,
    attached: 'expiry_time' in body && body.expiry_time === null,
    numberOfParts: parts ? { total: numberField(parts, 'total') ?? 0, sent: numberField(parts, 'sent') ?? 0 } : null,
  };
}
