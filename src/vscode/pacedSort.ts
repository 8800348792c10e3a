import type { TurnBudget } from './turnBudget';

/** Comparisons between two looks at the budget: a look costs a clock read, a comparison with a collator about a µs. */
const COMPARISONS_PER_LOOK = 256;

/**
 * A stable merge sort that hands the event loop back whenever `budget` is spent. Folder entries are sorted with a
 * collator, the Explorer's order: for a folder of 5,000 files that is tens of milliseconds in one turn with
 * Array.prototype.sort, which cannot be paused.
 */
export async function pacedSort<T>(items: readonly T[], compare: (a: T, b: T) => number, budget: TurnBudget): Promise<T[]> {
  let from = items.slice();
  let to = new Array<T>(from.length);
  let sinceLook = 0;
  for (let width = 1; width < from.length; width *= 2) {
    for (let start = 0; start < from.length; start += 2 * width) {
      const middle = Math.min(start + width, from.length);
      const end = Math.min(start + 2 * width, from.length);
      let left = start;
      let right = middle;
      let out = start;
      while (left < middle && right < end) {
        to[out++] = compare(from[right], from[left]) < 0 ? from[right++] : from[left++];
        if (++sinceLook >= COMPARISONS_PER_LOOK) {
          sinceLook = 0;
          await budget.pace();
        }
      }
      while (left < middle) to[out++] = from[left++];
      while (right < end) to[out++] = from[right++];
    }
    [from, to] = [to, from];
  }
  return from;
}
