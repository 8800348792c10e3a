import { createHash, type Hash } from 'node:crypto';

/**
 * The sha256 of the bytes actually sent, computed as they stream, so a file is read once whether or not its hash is
 * wanted. sha256 runs in file order while parts go concurrently and may be sent again: each attempt at a part hashes
 * (or, ahead of the parts before it, copies) its chunks, and only the attempt Notion acknowledged counts. A part
 * acknowledged ahead of an unfinished earlier one waits in memory, so with several parts in flight up to that many
 * parts minus one are held until the earlier part is in. Held parts are then hashed a slice per turn of the event loop
 * (digest() waits for them): with parts of up to 20 MiB, hashing two held parts at once would hold the loop (the
 * extension host's, shared with the editor) for tens of milliseconds.
 */
export class PartHasher {
  private hash: Hash = createHash('sha256');
  private nextPart = 1;
  private readonly waiting = new Map<number, Buffer[]>();
  /** Set when a part counted as sent without a whole attempt here (a previous run sent it, or its answer was lost). */
  private gap = false;
  /**
   * Copy buffers of full-size chunks, used again once their part is hashed: fresh memory for every held chunk cost
   * about as much CPU in page faults and garbage collection as the hashing itself (docs/measurements.md).
   */
  private readonly spare: Buffer[] = [];
  private spareBytes = 0;
  /** Held chunks whose turn has come, in file order, hashed a slice per turn (drain). */
  private readonly backlog: Buffer[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly partLength: (part: number) => number) {}

  /** One attempt at sending `part`: `add` every chunk as it goes out; `acknowledged` once Notion took it. */
  attempt(part: number): PartAttempt {
    // Straight into the running hash only when nothing held is still waiting to be hashed ahead of it.
    const direct = part === this.nextPart && this.backlog.length === 0;
    return new PartAttempt(this, part, direct ? this.hash.copy() : undefined);
  }

  /** A part that counts as sent without an attempt of this run having streamed it whole. */
  missed(): void {
    this.gap = true;
  }

  /** The hex digest once every part of `partCount` is in (after the held ones are hashed); null when one was not streamed whole here. */
  async digest(partCount: number): Promise<string | null> {
    await this.draining;
    if (this.gap || this.nextPart !== partCount + 1) return null;
    return this.hash.digest('hex');
  }

  /** Bytes acknowledged but not hashed yet (they are hashed a slice per turn). */
  get pendingBytes(): number {
    return this.backlog.reduce((sum, chunk) => sum + chunk.length, 0);
  }

  /** @internal */
  accept(part: number, bytes: number, hashed: Hash | undefined, copies: Buffer[]): void {
    if (bytes !== this.partLength(part)) {
      this.gap = true;
      return;
    }
    if (part !== this.nextPart) {
      this.waiting.set(part, copies);
      return;
    }
    if (hashed) this.hash = hashed;
    else this.backlog.push(...copies);
    this.nextPart += 1;
    for (let held = this.waiting.get(this.nextPart); held; held = this.waiting.get(this.nextPart)) {
      this.backlog.push(...held);
      this.waiting.delete(this.nextPart);
      this.nextPart += 1;
    }
    if (this.backlog.length > 0) this.draining ??= this.drain();
  }

  /** @internal A copy of a chunk that must wait for the parts before it. */
  copy(chunk: Buffer): Buffer {
    if (this.spareBytes === 0) this.spareBytes = chunk.length;
    const buffer = chunk.length === this.spareBytes ? this.spare.pop() ?? Buffer.allocUnsafeSlow(chunk.length) : Buffer.allocUnsafe(chunk.length);
    chunk.copy(buffer);
    return buffer;
  }

  /** Hashes the backlog about a megabyte per turn of the event loop (well under a millisecond), letting other work in between. */
  private async drain(): Promise<void> {
    while (this.backlog.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      let sliceBytes = 0;
      while (this.backlog.length > 0 && sliceBytes < DRAIN_SLICE_BYTES) {
        const chunk = this.backlog.shift()!;
        this.hash.update(chunk);
        sliceBytes += chunk.length;
        if (chunk.length === this.spareBytes) this.spare.push(chunk);
      }
    }
    this.draining = null;
  }
}

const DRAIN_SLICE_BYTES = 1024 * 1024;

export class PartAttempt {
  private bytes = 0;
  private readonly copies: Buffer[] = [];

  /** `hashing`: the part is next in file order, so its chunks go straight into a copy of the running hash. */
  constructor(private readonly hasher: PartHasher, private readonly part: number, private readonly hashing: Hash | undefined) {}

  /** A chunk of file bytes about to be handed to the socket (a reused read buffer: copied when it must wait). */
  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.hashing) this.hashing.update(chunk);
    else this.copies.push(this.hasher.copy(chunk));
  }

  acknowledged(): void {
    this.hasher.accept(this.part, this.bytes, this.hashing, this.copies);
  }
}
