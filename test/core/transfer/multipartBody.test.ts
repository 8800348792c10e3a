import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import busboy from 'busboy';
import { UploadFailure } from '../../../src/core';
import { fileRangeBody, type MultipartBody } from '../../../src/core/transfer/multipartBody';

async function drain(body: MultipartBody): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body.chunks) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function parseForm(body: MultipartBody, raw: Buffer): Promise<{ fields: Record<string, string>; file: { name: string; type: string; bytes: Buffer } }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: { name: string; type: string; bytes: Buffer } | undefined;
    const parser = busboy({ headers: { 'content-type': body.contentType }, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => (file = { name: info.filename ?? '', type: info.mimeType, bytes: Buffer.concat(chunks) }));
    });
    parser.on('close', () => (file ? resolve({ fields, file }) : reject(new Error('no file part'))));
    parser.on('error', reject);
    parser.end(raw);
  });
}

describe('fileRangeBody', () => {
  let dir: string;
  let path: string;
  let content: Buffer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'multipart-body-'));
    path = join(dir, 'data.bin');
    content = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(path, content);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('yields exactly the announced Content-Length, with the range bytes, part number, name and type intact', async () => {
    const start = 1024 * 1024 - 5;
    const length = 1024 * 1024 + 333;
    const counted: number[] = [];
    const body = fileRangeBody({ filePath: path, start, length, uploadName: 'Ünïcode "quoted".png', contentType: 'image/png', partNumber: 7, onChunk: (n) => counted.push(n), readChunkBytes: 64 * 1024 });
    const raw = await drain(body);
    assert.equal(raw.length, body.contentLength);
    assert.equal(counted.reduce((a, b) => a + b, 0), length);
    assert.ok(Math.max(...counted) <= 64 * 1024);
    const form = await parseForm(body, raw);
    assert.equal(form.fields.part_number, '7');
    assert.equal(form.file.type, 'image/png');
    assert.equal(form.file.name, 'Ünïcode %22quoted%22.png');
    assert.equal(createHash('sha256').update(form.file.bytes).digest('hex'), createHash('sha256').update(content.subarray(start, start + length)).digest('hex'));
  });

  it('has no part_number field for a single-part send, and handles an empty range', async () => {
    const body = fileRangeBody({ filePath: path, start: 0, length: 0, uploadName: 'empty.txt', contentType: 'text/plain' });
    const raw = await drain(body);
    assert.equal(raw.length, body.contentLength);
    const form = await parseForm(body, raw);
    assert.deepEqual(form.fields, {});
    assert.equal(form.file.bytes.length, 0);
  });

  it('fails with file_changed when the file is shorter than the planned range', async () => {
    const shrinking = join(dir, 'shrinking.bin');
    await writeFile(shrinking, content);
    const body = fileRangeBody({ filePath: shrinking, start: 0, length: content.length, uploadName: 'a.txt', contentType: 'text/plain' });
    await truncate(shrinking, 1000);
    await assert.rejects(drain(body), (error: unknown) => error instanceof UploadFailure && error.code === 'file_changed');
  });
});
