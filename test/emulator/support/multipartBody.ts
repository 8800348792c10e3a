// A multipart/form-data request body built as a stream with a known length, the way a streaming uploader sends one.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface FilePart {
  filename: string;
  contentType: string;
  size: number;
  /** Produces exactly `size` bytes. */
  open: () => Readable;
}

export interface MultipartBody {
  body: Readable;
  contentType: string;
  length: number;
}

export function multipartBody(parts: { fields?: Record<string, string>; file?: FilePart; fieldsAfterFile?: Record<string, string> }): MultipartBody {
  const boundary = `----emulator-test-${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string): Buffer =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  const before = Buffer.concat(Object.entries(parts.fields ?? {}).map(([name, value]) => field(name, value)));
  const after = Buffer.concat([
    ...Object.entries(parts.fieldsAfterFile ?? {}).map(([name, value]) => field(name, value)),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const file = parts.file;
  const fileHead = file
    ? Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType}\r\n\r\n`,
      )
    : Buffer.alloc(0);
  const fileTail = file ? Buffer.from('\r\n') : Buffer.alloc(0);

  async function* chunks(): AsyncGenerator<Buffer> {
    yield before;
    if (file) {
      yield fileHead;
      for await (const chunk of file.open()) yield chunk as Buffer;
      yield fileTail;
    }
    yield after;
  }
  return {
    body: Readable.from(chunks(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: before.length + fileHead.length + (file?.size ?? 0) + fileTail.length + after.length,
  };
}
