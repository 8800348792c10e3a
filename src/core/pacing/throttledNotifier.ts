/** Calls `notify(key)` at most once per `intervalMs` per key, always delivering the latest change (leading + trailing). */
export class ThrottledNotifier<K> {
  private readonly lastAt = new Map<K, number>();
  private readonly pending = new Map<K, NodeJS.Timeout>();

  constructor(private readonly intervalMs: number, private readonly notify: (key: K) => void, private readonly now: () => number = Date.now) {}

  touch(key: K): void {
    if (this.pending.has(key)) return;
    const wait = (this.lastAt.get(key) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) {
      this.fire(key);
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.fire(key);
    }, wait);
    timer.unref?.();
    this.pending.set(key, timer);
  }

  /** Drops a pending trailing call (the key is about to be reported by other means, or is gone). */
  cancel(key: K): void {
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  forget(key: K): void {
    this.cancel(key);
    this.lastAt.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private fire(key: K): void {
    this.lastAt.set(key, this.now());
    this.notify(key);
  }
}
