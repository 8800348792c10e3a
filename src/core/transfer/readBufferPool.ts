/**
 * Read buffers kept between request bodies, so streaming a file does not fault in fresh memory for every read
 * (page faults on new buffers were a large share of the client's CPU: docs/measurements.md).
 *
 * A body takes buffers while it streams and gives them back only when it has run to its end, that is when the
 * consumer has asked for every chunk; a body that stops half-way keeps its buffers and they are garbage-collected.
 */
export class ReadBufferPool {
  private readonly free: Buffer[] = [];

  constructor(readonly bufferBytes: number, private readonly maxKept: number) {}

  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
  }

  give(buffers: Buffer[]): void {
    for (const buffer of buffers) {
      if (this.free.length >= this.maxKept) return;
      if (buffer.length === this.bufferBytes) this.free.push(buffer);
    }
  }

  get kept(): number {
    return this.free.length;
  }
}
