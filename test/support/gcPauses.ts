import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';

interface GcEntry extends PerformanceEntry {
  detail?: { kind?: number };
}

/** V8's garbage collections of this thread while watched: a loop's long turns are often one of these, not our code. */
export class GcPauses {
  private readonly entries: GcEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    this.entries.push(...(list.getEntries() as GcEntry[]));
  });

  start(): this {
    this.observer.observe({ entryTypes: ['gc'] });
    return this;
  }

  /**
   * "2 full (longest 41.0 ms, 70.3 ms in all), 55 young (longest 6.1 ms, 88.0 ms in all), 3 over 16 ms": a full
   * collection (mark-compact) pauses the thread for as long as its last, atomic step takes.
   */
  stop(longMs: number): string {
    // Entries still queued in the observer are delivered on takeRecords; the rest arrived already.
    this.entries.push(...(this.observer.takeRecords() as GcEntry[]));
    this.observer.disconnect();
    const full = this.entries.filter((entry) => entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    const young = this.entries.filter((entry) => entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR);
    const other = this.entries.length - full.length - young.length;
    const summary = (name: string, list: GcEntry[]): string => {
      const longest = Math.max(0, ...list.map((entry) => entry.duration));
      const total = list.reduce((sum, entry) => sum + entry.duration, 0);
      return `${list.length} ${name}${list.length ? ` (longest ${longest.toFixed(1)} ms, ${total.toFixed(1)} ms in all)` : ''}`;
    };
    const long = this.entries.filter((entry) => entry.duration > longMs).length;
    return `${summary('full', full)}, ${summary('young', young)}${other ? `, ${other} other` : ''}; ${long} over ${longMs} ms`;
  }
}
