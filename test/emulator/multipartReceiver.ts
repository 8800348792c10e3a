// Reads a multipart/form-data body as a stream with busboy: fields in memory (they are tiny), the file part piped to
// disk while hashed and counted. Bytes beyond `maxStoredBytes` are counted and drained but not written: the request
// will be refused for its size anyway, and this keeps disk use bounded whatever the client sends.
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
  filename: string | undefined;
  mimeType: string;
  /** True when more than `maxStoredBytes` arrived, so the stored file holds only the first bytes. */
  truncated: boolean;
}

export interface ReceivedForm {
  fields: Map<string, string>;
  file: ReceivedFile | undefined;
  extraFileParts: number;
}

export interface ReceiveOptions {
  headers: IncomingHttpHeaders;
  /** Where to write the file part (created by the caller's directory logic). */
  filePath: string;
  maxStoredBytes: number;
  onField?: (name: string, value: string) => void;
}

export class MalformedFormError extends Error {}

export async function receiveMultipart(body: Readable, options: ReceiveOptions): Promise<ReceivedForm> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: options.headers, defParamCharset: 'utf8', limits: { fields: 20, fieldSize: 64 * 1024, parts: 50 } });
  } catch (error) {
    throw new MalformedFormError((error as Error).message);
  }
  const fields = new Map<string, string>();
  let extraFileParts = 0;
  let fileDone: Promise<ReceivedFile> | undefined;
  let fileStream: Readable | undefined;

  parser.on('field', (name, value) => {
    fields.set(name, value);
    options.onField?.(name, value);
  });
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || fileDone) {
      extraFileParts += 1;
      // Drained and ignored; a form cut off inside it also fails the parser, which is what the caller hears.
      stream.on('error', () => undefined);
      stream.resume();
      return;
    }
    fileStream = stream;
    fileDone = storeFile(stream, options.filePath, options.maxStoredBytes, info.filename, info.mimeType);
    fileDone.catch(() => stream.resume());
  });

  try {
    await pipeline(body, parser);
  } catch (error) {
    // A form cut off inside the file part leaves busboy's file stream open: end it, or storing it never settles.
    fileStream?.destroy();
    await fileDone?.catch(() => undefined);
    throw isParserError(error) ? new MalformedFormError((error as Error).message) : error;
  }
  const file = fileDone ? await fileDone : undefined;
  return { fields, file, extraFileParts };
}

async function storeFile(
  stream: Readable,
  path: string,
  maxStoredBytes: number,
  filename: string | undefined,
  mimeType: string,
): Promise<ReceivedFile> {
  const hash = createHash('sha256');
  let size = 0;
  const countAndCap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const room = maxStoredBytes - size;
      size += chunk.length;
      hash.update(chunk);
      if (room <= 0) done();
      else done(null, chunk.length > room ? chunk.subarray(0, room) : chunk);
    },
  });
  await pipeline(stream, countAndCap, createWriteStream(path));
  return { path, size, sha256: hash.digest('hex'), filename, mimeType, truncated: size > maxStoredBytes };
}

function isParserError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /Unexpected end of form|Malformed|boundary|Unexpected end of file/i.test(message);
}
