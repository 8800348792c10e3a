// A seeded pseudo-random source (mulberry32), so a failing fuzz run can be repeated with FUZZ_SEED.
export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }

  /** Text made of the characters that matter to parsers, mixed with random ones. */
  text(length: number): string {
    const alphabet = ['"', '\\', '{', '}', '[', ']', ':', ',', '<', '>', '\r', '\n', '-', ' ', '=', ';', 'a', '0', 'é', '\u0000', '𝄞'];
    let out = '';
    for (let i = 0; i < length; i++) out += this.chance(0.7) ? this.pick(alphabet) : String.fromCharCode(this.int(32, 126));
    return out;
  }
}

/** The seed for this run: FUZZ_SEED when set, else a fresh one (printed so a failure can be replayed). */
export function fuzzSeed(): number {
  const given = process.env.FUZZ_SEED;
  return given !== undefined && given !== '' ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32);
}

/** Milliseconds each fuzzer runs: FUZZ_MS, default 3 s so the whole test run stays lean. */
export function fuzzBudgetMs(): number {
  const given = Number(process.env.FUZZ_MS);
  return Number.isFinite(given) && given > 0 ? given : 3000;
}
