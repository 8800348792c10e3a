// The fuzzers' randomness, and their seed and time budget from the environment.
import { SeededRandom } from '../../../support/seededRandom';

/** Seeded randomness plus text made of the characters that matter to parsers. */
export class FuzzRandom extends SeededRandom {
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
