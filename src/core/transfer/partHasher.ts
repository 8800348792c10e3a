import { createHash, type Hash } from 'node:crypto';

/**
 * The sha256 of the bytes actually sent, computed as they stream, so a file is read once whether or not its hash is
 * wanted. sha256 runs in file order while parts go concurrently and may be sent again, so a part streams only once
 * the part before it has been streamed whole (`ready`): its bytes then go straight into a copy of the hash as it
 * stood after that part, and nothing is held or copied. Parts still overlap where it matters, one part waiting for
 * its answer while the next one streams. Holding the chunks of parts read ahead of the hash instead cost a part's
 * worth of memory per part in flight, and copying them as much CPU as the hashing itself (docs/measurements.md).
 *
 * Each attempt at a part hashes its own chunks, and the hash after a part counts only once an attempt streamed it
 * whole; an attempt that streams a part again must come to the same hash (the file is unchanged), or there is none.
 */
export class PartHasher {
  /** The hash after part k as some attempt streamed it whole; k = 0 is the empty start. Pruned behind acknowledged parts. */
  private readonly after = new Map<number, Hash>([[0, createHash('sha256')]]);
  private readonly waiting = new Map<number, Array<() => void>>();
  private readonly acknowledgedParts = new Set<number>();
  /** Set when a part counted as sent without a whole attempt here (a previous run sent it, or its answer was lost). */
  private gap = false;

  constructor(private readonly partLength: (part: number) => number) {}

  /**
   * Resolves once `part` may stream with its bytes hashed as they go: when the part before it has been streamed
   * whole, or at once when there will be no hash anyway. Rejects with the signal's reason when it aborts first.
   */
  ready(part: number, signal?: AbortSignal): Promise<void> {
    if (this.gap || this.after.has(part - 1)) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const waiters = this.waiting.get(part) ?? [];
      waiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      this.waiting.set(part, waiters);
    });
  }

  /** One attempt at sending `part`: `add` every chunk as it goes out; `acknowledged` once Notion took it. */
  attempt(part: number): PartAttempt {
    const before = this.gap ? undefined : this.after.get(part - 1);
    const attempt = new PartAttempt(this, part, this.partLength(part), before?.copy());
    if (this.partLength(part) === 0) this.streamed(part, before?.copy());
    return attempt;
  }

  /** A part that counts as sent without an attempt of this run having streamed it whole; releases every waiting part. */
  missed(): void {
    this.gap = true;
    this.after.clear();
    for (const part of [...this.waiting.keys()]) this.release(part);
  }

  /** The hex digest once every part of `partCount` is in; null when one was not streamed whole here. */
  digest(partCount: number): string | null {
    const last = this.after.get(partCount);
    if (this.gap || !last || this.acknowledgedParts.size !== partCount) return null;
    return last.digest('hex');
  }

  /** Hash states kept (each a few hundred bytes of native memory, never file bytes). */
  get statesKept(): number {
    return this.after.size;
  }

  /** @internal An attempt has streamed `part` whole, ending with `hashed`. */
  streamed(part: number, hashed: Hash | undefined): void {
    if (this.gap) return;
    if (!hashed) {
      this.missed();
      return;
    }
    const earlier = this.after.get(part);
    if (!earlier) {
      this.after.set(part, hashed);
      this.release(part + 1);
    } else if (earlier.copy().digest('hex') !== hashed.copy().digest('hex')) {
      this.missed(); // the bytes differ from an earlier attempt's, which the parts after it were hashed on
    }
  }

  /** @internal */
  accept(part: number, whole: boolean): void {
    if (!whole) {
      this.missed();
      return;
    }
    this.acknowledgedParts.add(part);
    // The hash after part k serves attempts at part k + 1 and checks attempts at part k again: once both are in, no more.
    if (part === 1 || this.acknowledgedParts.has(part - 1)) this.after.delete(part - 1);
    if (this.acknowledgedParts.has(part + 1)) this.after.delete(part);
  }

  private release(part: number): void {
    const waiters = this.waiting.get(part);
    this.waiting.delete(part);
    for (const wake of waiters ?? []) wake();
  }
}

export class PartAttempt {
  private bytes = 0;

  /** `hashing`: a copy of the hash after the part before this one, which this attempt's chunks continue. */
  constructor(private readonly hasher: PartHasher, private readonly part: number, private readonly length: number, private readonly hashing: Hash | undefined) {}

  /** A chunk of file bytes about to be handed to the socket (the buffer may be reused once it returns). */
  add(chunk: Buffer): void {
    this.hashing?.update(chunk);
    this.bytes += chunk.length;
    if (this.bytes === this.length) this.hasher.streamed(this.part, this.hashing);
  }

  acknowledged(): void {
    this.hasher.accept(this.part, this.bytes === this.length);
  }
}
