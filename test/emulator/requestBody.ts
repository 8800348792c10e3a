// The request body as every handler reads it: counted, and open to the injected faults that act on the body
// (reset the connection after N bytes, cap the receive rate).
import type { Socket } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

export class InjectedResetError extends Error {
  constructor() {
    super('Connection reset by an injected fault');
  }
}

export class RequestBody extends Transform {
  bytes = 0;
  private resetAfter: number | undefined;
  private bytesPerSecond: number | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly onBytes: (count: number) => void,
  ) {
    super();
  }

  armReset(bytes: number): void {
    this.resetAfter = bytes;
    if (this.bytes >= bytes) this.resetNow();
  }

  armThrottle(bytesPerSecond: number): void {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Reads and throws away whatever is left, resolving when the body has ended (or failed). */
  drain(): Promise<void> {
    if (this.readableEnded || this.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.once('end', resolve);
      this.once('close', resolve);
      this.once('error', () => resolve());
      this.resume();
    });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.resetAfter !== undefined && this.bytes + chunk.length >= this.resetAfter) {
      const allowed = this.resetAfter - this.bytes;
      this.count(allowed);
      this.resetNow();
      done();
      return;
    }
    this.count(chunk.length);
    if (this.bytesPerSecond === undefined) {
      done(null, chunk);
      return;
    }
    setTimeout(() => done(null, chunk), (chunk.length / this.bytesPerSecond) * 1000);
  }

  private count(length: number): void {
    this.bytes += length;
    this.onBytes(length);
  }

  private resetNow(): void {
    this.socket.destroy();
    this.destroy(new InjectedResetError());
  }
}
