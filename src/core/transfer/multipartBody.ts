import { randomBytes } from 'node:crypto';
import { UploadFailure } from '../errors/errors';
import { openUnchanged, type FileIdentity } from './fileIdentity';
import { ReadBufferPool } from './readBufferPool';
import { READ_CHUNK_BYTES } from './readChunkBytes';


/** Read buffers shared by every body that streams to a socket (see `reuseReadBuffers`): one per part in flight. */
export const socketReadBuffers = new ReadBufferPool(READ_CHUNK_BYTES, 16);

export interface FileRangeBodyOptions {
  filePath: string;
  start: number;          // first byte of the range
  length: number;         // bytes in the range
  uploadName: string;     // filename of the file part
  contentType: string;    // true MIME type of the file part
  partNumber?: number;    // present for multi-part sends
  /** The file as it was when the upload started: the file opened for this part must still be it. */
  expected?: FileIdentity;
  boundary?: string;
  readChunkBytes?: number;
  /**
   * Read full-size chunks into one buffer from this pool per body, so a chunk's memory is overwritten when the
   * consumer asks for the next chunk. Only for a consumer that is done with a chunk by the time it asks for the next
   * one: undici writing to a socket is (a chunk larger than the socket's high-water mark makes `write` return false,
   * and undici asks for the next chunk only after 'drain', when every byte has been handed to the kernel). Chunks
   * shorter than the pool's buffers never come from it, so that argument holds for every pooled one. One buffer, not
   * two taking turns: the resident memory of an upload is what users see (docs/measurements.md).
   */
  reuseReadBuffers?: ReadBufferPool;
  /** Awaited before each chunk is read (bandwidth limiter). */
  beforeChunk?: (bytes: number) => Promise<void>;
  /** Called with each chunk of file bytes just before it is handed over (hashing what is sent). */
  onData?: (chunk: Buffer) => void;
  /** Called with a chunk's size when the consumer asks for the next chunk, i.e. once it has taken that one. */
  onChunk?: (bytes: number) => void;
}

export interface MultipartBody {
  contentType: string;    // multipart/form-data; boundary=…
  contentLength: number;  // exact length of everything `chunks` yields
  chunks: AsyncIterable<Buffer>;
}

function quoteParameter(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function newBoundary(): string {
  return `----notion-stream-upload-${randomBytes(12).toString('hex')}`;
}

/** The parts of the form around the file bytes, so the total length is known before any byte is read. */
export function multipartFrame(options: Pick<FileRangeBodyOptions, 'uploadName' | 'contentType' | 'partNumber'>, boundary: string): { head: Buffer; tail: Buffer } {
  let head = '';
  if (options.partNumber !== undefined) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="part_number"\r\n\r\n${options.partNumber}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteParameter(options.uploadName)}"\r\n`;
  head += `Content-Type: ${options.contentType}\r\n\r\n`;
  return { head: Buffer.from(head, 'utf8'), tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8') };
}

/** A multipart/form-data body that streams exactly `length` bytes from `start` of the file, one read chunk at a time. */
export function fileRangeBody(options: FileRangeBodyOptions): MultipartBody {
  const boundary = options.boundary ?? newBoundary();
  const { head, tail } = multipartFrame(options, boundary);
  const pool = options.reuseReadBuffers;
  const chunkBytes = pool ? pool.bufferBytes : options.readChunkBytes ?? READ_CHUNK_BYTES;

  async function* generate(): AsyncGenerator<Buffer> {
    yield head;
    let pooled: Buffer | undefined;
    let position = 0;
    if (options.length > 0) {
      const file = await openUnchanged(options.filePath, options.expected).catch((error: unknown) => {
        throw asReadFailure(options.filePath, error);
      });
      try {
        while (position < options.length) {
          const wanted = Math.min(chunkBytes, options.length - position);
          await options.beforeChunk?.(wanted);
          let buffer: Buffer;
          if (pool && wanted === chunkBytes) {
            pooled ??= pool.take();
            buffer = pooled;
          } else {
            buffer = Buffer.allocUnsafe(wanted);
          }
          let bytesRead: number;
          try {
            ({ bytesRead } = await file.read(buffer, 0, wanted, options.start + position));
          } catch (error) {
            throw asReadFailure(options.filePath, error);
          }
          if (bytesRead === 0) break;
          position += bytesRead;
          const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
          options.onData?.(chunk);
          yield chunk;
          options.onChunk?.(bytesRead);
        }
      } finally {
        await file.close().catch(() => undefined);
      }
    }
    if (position !== options.length) {
      throw new UploadFailure('file_changed',
        `${options.filePath} changed while it was being read: expected ${options.length} bytes from offset ${options.start}, read ${position}.`,
        'Wait until the file is no longer being written, then upload it again.');
    }
    yield tail;
    if (pooled) pool?.give([pooled]);
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + options.length + tail.length,
    chunks: generate(),
  };
}

/** A file-system error while reading (the file was deleted, moved or made unreadable mid-upload) is the file's fault, not the network's. */
function asReadFailure(filePath: string, error: unknown): unknown {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (!syscall) return error;
  return new UploadFailure('file_unreadable',
    `Cannot read ${filePath} any more: ${code === 'ENOENT' ? 'it was deleted or moved during the upload' : `${code ?? 'read error'} during the upload`}.`,
    'Check that the file exists and is readable, then upload it again.');
}
