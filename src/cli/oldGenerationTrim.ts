import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Collects V8's old generation whenever it has grown by `growthBytes` since the last collection. Each part of an
 * upload leaves a few KiB of bookkeeping (its request, deadline, body and their promises) that lives just long
 * enough to be moved to the old generation, and V8 collects that generation only once it reaches a limit far above
 * what the CLI ever holds: so the CLI's resident memory grew with the file, by about 1 MiB per GiB sent
 * (docs/measurements.md). A full collection of the CLI's few MiB takes 10 to 20 ms, a few times per GiB sent.
 *
 * The CLI owns its process (see memoryFlags.ts); the extension shares its host and leaves collection to V8.
 */
export class OldGenerationTrim {
  /** Made at the first collection (a context costs a few milliseconds, which most runs, of small files, never pay). */
  private collect: (() => void) | undefined;
  private base = oldGenerationBytes();
  /** Collections made so far. */
  collections = 0;

  constructor(private readonly growthBytes = 256 * 1024) {}

  /** Collects when the old generation has grown enough since the last collection; true when it did. */
  check(): boolean {
    if (oldGenerationBytes() < this.base + this.growthBytes) return false;
    this.collect ??= fullCollection();
    this.collect();
    this.collections += 1;
    this.base = oldGenerationBytes();
    return true;
  }

  /** Checks every `intervalMs` without keeping the process alive; returns the stop function. */
  every(intervalMs: number): () => void {
    const timer = setInterval(() => this.check(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/** V8's full collection: a context created while --expose-gc is set gets a `gc` function; the CLI's own context stays as it was. */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/** Bytes in use in the old generation's regular space, where promoted objects go. */
export function oldGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0;
}
