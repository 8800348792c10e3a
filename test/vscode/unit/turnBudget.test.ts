// Long loops over thousands of files hand the event loop back once a turn has used its budget.
import { strict as assert } from 'node:assert';
import { TurnBudget } from '../../../src/vscode/turnBudget';

/** About `ms` of work on this thread, standing in for matching, stat-ing or queuing one file. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/** Runs `items` steps of 1 ms, pacing with `budget` when given; says how often a timer set at the start got to run. */
async function loopWithTimer(items: number, budget?: TurnBudget): Promise<{ ticksDuringLoop: number; longestTurnMs: number }> {
  let ticks = 0;
  let running = true;
  let lastTick = performance.now();
  let longestTurnMs = 0;
  const tick = (): void => {
    const now = performance.now();
    longestTurnMs = Math.max(longestTurnMs, now - lastTick);
    lastTick = now;
    if (!running) return;
    ticks += 1;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  for (let item = 0; item < items; item += 1) {
    if (budget) await budget.pace();
    busy(1);
  }
  running = false;
  const ticksDuringLoop = ticks;
  await new Promise((resolve) => setTimeout(resolve, 5));
  return { ticksDuringLoop, longestTurnMs };
}

describe('TurnBudget', () => {
  it('lets a timer run between the steps of a long loop, at least once per budget of work', async () => {
    const paced = await loopWithTimer(100, new TurnBudget(5));
    // 100 ms of work in 5 ms turns: about 20 turns; a loaded machine only makes turns shorter (the budget is wall time).
    assert.ok(paced.ticksDuringLoop >= 10, `the timer ran ${paced.ticksDuringLoop} times during the loop`);
  });

  it('(the same loop without it holds the timer back until the end, which is what the budget is for)', async () => {
    const unpaced = await loopWithTimer(100);
    assert.equal(unpaced.ticksDuringLoop, 0);
    assert.ok(unpaced.longestTurnMs >= 100);
  });

  it('makes no promise of its own for a step that carries on (loops call it for each of thousands of files)', () => {
    const budget = new TurnBudget(60_000);
    assert.equal(budget.pace(), budget.pace());
  });

  it('does not hand the loop back before the budget is used', async () => {
    const budget = new TurnBudget(60_000);
    let yielded = false;
    setImmediate(() => (yielded = true));
    for (let item = 0; item < 1000; item += 1) await budget.pace();
    assert.equal(yielded, false);
  });
});
