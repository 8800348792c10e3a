/** How long one turn of the event loop may run a long loop before it lets other work in (docs/measurements.md). */
export const TURN_BUDGET_MS = 5;

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

  /** nextTurn() when this turn's budget is spent; otherwise carries on at once. */
  async pace(): Promise<void> {
    if (this.spent) await this.nextTurn();
  }
}
