import * as fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * The part of node:fs/promises the CLI's code uses, made of node:fs's callback functions. The CLI bundle takes its
 * fs/promises imports from here (esbuild.mjs): Node's own fs/promises loads its readline module at load (for
 * FileHandle.readLines), and each module the CLI loads stays in its memory (docs/measurements.md). The system calls
 * are the same ones fs/promises makes.
 *
 * A name the code imports that is missing here fails the CLI's build; the FileHandle methods src/ calls are checked
 * against CallbackFileHandle.methods by test/cli/fsPromisesOverCallbacks.test.ts.
 */

function call<T>(run: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));
}

/** The FileHandle methods the CLI's code calls, on a file descriptor. */
export class CallbackFileHandle {
  static readonly methods = ['read', 'write', 'writeFile', 'stat', 'close'] as const;

  constructor(readonly fd: number) {}

  read(buffer: Buffer, offset: number, length: number, position: number | null): Promise<{ bytesRead: number; buffer: Buffer }> {
    return call<number>((done) => fs.read(this.fd, buffer, offset, length, position, done)).then((bytesRead) => ({ bytesRead, buffer }));
  }

  write(data: Uint8Array): Promise<{ bytesWritten: number; buffer: Uint8Array }> {
    return writeAll(this.fd, data).then(() => ({ bytesWritten: data.length, buffer: data }));
  }

  writeFile(data: string | Uint8Array, encoding?: BufferEncoding): Promise<void> {
    return writeAll(this.fd, typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : data);
  }

  stat(): Promise<fs.Stats> {
    return call<fs.Stats>((done) => fs.fstat(this.fd, done));
  }

  close(): Promise<void> {
    return call<void>((done) => fs.close(this.fd, (error) => done(error ?? null, undefined)));
  }
}

/** fs/promises' FileHandle.write and writeFile write until every byte is written, as this does. */
async function writeAll(fd: number, data: Uint8Array): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    offset += await call<number>((done) => fs.write(fd, data, offset, data.length - offset, null, done));
  }
}

export function open(path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode): Promise<FileHandle> {
  return call<number>((done) => fs.open(path, flags, mode, done)).then((fd) => new CallbackFileHandle(fd) as unknown as FileHandle);
}

export function stat(path: fs.PathLike): Promise<fs.Stats> {
  return call<fs.Stats>((done) => fs.stat(path, done));
}

export function statfs(path: fs.PathLike): Promise<fs.StatsFs> {
  return call<fs.StatsFs>((done) => fs.statfs(path, done));
}

export function access(path: fs.PathLike, mode?: number): Promise<void> {
  return call<void>((done) => fs.access(path, mode, (error) => done(error, undefined)));
}

export function readdir(path: fs.PathLike, options: { withFileTypes: true; encoding: 'buffer' }): Promise<fs.Dirent<Buffer>[]>;
export function readdir(path: fs.PathLike, options?: { withFileTypes?: boolean; encoding?: BufferEncoding | 'buffer' }): Promise<unknown[]>;
export function readdir(path: fs.PathLike, options?: { withFileTypes?: boolean; encoding?: BufferEncoding | 'buffer' }): Promise<unknown[]> {
  return call<unknown[]>((done) => fs.readdir(path, options as never, done as never));
}

export function mkdir(path: fs.PathLike, options?: fs.MakeDirectoryOptions): Promise<string | undefined> {
  return call<string | undefined>((done) => fs.mkdir(path, options, done as never));
}

export function readFile(path: fs.PathLike, encoding: BufferEncoding): Promise<string>;
export function readFile(path: fs.PathLike): Promise<Buffer>;
export function readFile(path: fs.PathLike, encoding?: BufferEncoding): Promise<string | Buffer> {
  return call<string | Buffer>((done) => fs.readFile(path, encoding === undefined ? {} : { encoding }, done as never));
}

export function writeFile(path: fs.PathLike, data: string | Uint8Array, options?: BufferEncoding | fs.WriteFileOptions): Promise<void> {
  return call<void>((done) => fs.writeFile(path, data, options ?? {}, (error) => done(error, undefined)));
}

export function rename(from: fs.PathLike, to: fs.PathLike): Promise<void> {
  return call<void>((done) => fs.rename(from, to, (error) => done(error, undefined)));
}

export function rm(path: fs.PathLike, options?: fs.RmOptions): Promise<void> {
  return call<void>((done) => fs.rm(path, options ?? {}, (error) => done(error, undefined)));
}

export function unlink(path: fs.PathLike): Promise<void> {
  return call<void>((done) => fs.unlink(path, (error) => done(error, undefined)));
}
