// Sorting a big folder's entries with a collator hands the event loop back as it goes, and sorts as Array.sort does.
import { strict as assert } from 'node:assert';
import { pacedSort } from '../../../src/vscode/pacedSort';
import { TurnBudget } from '../../../src/vscode/turnBudget';
import { SeededRandom } from '../../support/seededRandom';

const collator = new Intl.Collator();

describe('pacedSort', () => {
  it('gives what a stable Array.sort gives, for lists of every small length and a large shuffled one', async () => {
    const seeded = new SeededRandom(7);
    const random = (): number => seeded.next();
    const names = ['a', 'B', 'b', 'a10', 'a2', 'É', 'e', '_x', 'x_', 'Z', '10', '9'];
    for (let length = 0; length <= 40; length += 1) {
      const items = Array.from({ length }, (_, index) => ({ name: names[Math.floor(random() * names.length)], index }));
      const compare = (a: { name: string }, b: { name: string }): number => collator.compare(a.name, b.name);
      assert.deepEqual(await pacedSort(items, compare, new TurnBudget()), [...items].sort(compare));
    }
    const many = Array.from({ length: 5000 }, (_, index) => `f${String(index).padStart(5, '0')}.txt`).sort(() => random() - 0.5);
    assert.deepEqual(await pacedSort(many, collator.compare, new TurnBudget()), [...many].sort(collator.compare));
  });

  it('lets a timer run while it sorts 50,000 names, where Array.sort holds the loop to the end', async () => {
    const seeded = new SeededRandom(11);
    const random = (): number => seeded.next();
    const many = Array.from({ length: 50_000 }, () => random().toString(36).slice(2));
    let ticks = 0;
    let sorting = true;
    const tick = (): void => {
      if (!sorting) return;
      ticks += 1;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await pacedSort(many, collator.compare, new TurnBudget(1));
    sorting = false;
    assert.ok(ticks >= 3, `the timer ran ${ticks} times while the sort ran`);
  });
});
