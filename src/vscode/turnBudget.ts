/** How long one turn of the event loop may run a long loop before it lets other work in (docs/measurements.md). */
export const TURN_BUDGET_MS = 5;

const CARRY_ON: Promise<void> = Promise.resolve();

/**
 * Long loops over thousands of files share the extension host with the editor and every other extension: they check
 * `spent` as they go and, once a turn has used its budget, wait for the next turn with `nextTurn()`. A budget in time
 * rather than a count of items keeps each turn short whatever one item costs on this machine.
 */
export class TurnBudget {
  private started = performance.now();

  constructor(private readonly budgetMs = TURN_BUDGET_MS) {}

  get spent(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  /** Lets timers, I/O and other extensions run, then starts a fresh budget. */
  async nextTurn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.started = performance.now();
  }

  /**
   * nextTurn() when this turn's budget is spent; otherwise carries on at once, with a promise made once for all calls
   * (loops call this for each of thousands of files, and a promise each was garbage for the host to collect).
   */
  pace(): Promise<void> {
    return this.spent ? this.nextTurn() : CARRY_ON;
  }
}
