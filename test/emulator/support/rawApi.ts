// Raw HTTP calls to the emulator with undici's request API (streams request bodies with a known length).
import { request } from 'undici';
import { generatedStream } from './generatedBytes';
import { multipartBody, type MultipartBody } from './multipartBody';

export type Json = Record<string, any>;

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Json;
}

export interface CallOptions {
  json?: unknown;
  form?: MultipartBody;
  /** null sends no Authorization header. */
  token?: string | null;
  /** null sends no Notion-Version header. */
  version?: string | null;
}

export interface SendOptions {
  size: number;
  filename?: string;
  contentType?: string;
  partNumber?: string;
  /** Put part_number after the file part, as the official SDK does. */
  partNumberLast?: boolean;
}

export class RawApi {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly version = '2026-03-11',
  ) {}

  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? this.token : options.token;
    const version = options.version === undefined ? this.version : options.version;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (version !== null) headers['notion-version'] = version;
    let body: string | MultipartBody['body'] | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.form) {
      body = options.form.body;
      headers['content-type'] = options.form.contentType;
      headers['content-length'] = String(options.form.length);
    }
    const response = await request(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, json: text ? (JSON.parse(text) as Json) : {} };
  }

  create(json?: unknown, options: Omit<CallOptions, 'json'> = {}): Promise<ApiResponse> {
    return this.call('POST', '/v1/file_uploads', { ...options, json });
  }

  send(id: string, send: SendOptions, options: Omit<CallOptions, 'form'> = {}): Promise<ApiResponse> {
    const partField: Record<string, string> = send.partNumber === undefined ? {} : { part_number: send.partNumber };
    const form = multipartBody({
      fields: send.partNumberLast ? {} : partField,
      fieldsAfterFile: send.partNumberLast ? partField : {},
      file: {
        filename: send.filename ?? 'notes.txt',
        contentType: send.contentType ?? 'text/plain',
        size: send.size,
        open: () => generatedStream(send.size),
      },
    });
    return this.call('POST', `/v1/file_uploads/${id}/send`, { ...options, form });
  }

  complete(id: string, options: CallOptions = {}): Promise<ApiResponse> {
    return this.call('POST', `/v1/file_uploads/${id}/complete`, options);
  }

  retrieve(id: string, options: CallOptions = {}): Promise<ApiResponse> {
    return this.call('GET', `/v1/file_uploads/${id}`, options);
  }

  append(pageId: string, json: unknown, options: Omit<CallOptions, 'json'> = {}): Promise<ApiResponse> {
    return this.call('PATCH', `/v1/blocks/${pageId}/children`, { ...options, json });
  }

  /** A single_part upload of a small text file, sent and `uploaded`. */
  async uploadedText(size = 64, filename = 'notes.txt'): Promise<string> {
    const created = await this.create({ filename, content_type: 'text/plain' });
    const sent = await this.send(created.json.id as string, { size, filename });
    if (sent.json.status !== 'uploaded') throw new Error(`upload did not finish: ${JSON.stringify(sent.json)}`);
    return created.json.id as string;
  }
}

/** Asserts a Notion error envelope with the exact status, code and message. */
export function expectError(response: ApiResponse, status: number, code: string, message: string | RegExp): void {
  const { json } = response;
  const ok =
    response.status === status &&
    json.object === 'error' &&
    json.status === status &&
    json.code === code &&
    (typeof message === 'string' ? json.message === message : message.test(String(json.message)));
  if (!ok) {
    throw new Error(`Expected ${status} ${code} "${String(message)}", got ${response.status} ${JSON.stringify(json)}`);
  }
}
