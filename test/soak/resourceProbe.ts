// What the soak watches in its own process: resident memory over time, open file descriptors, live sockets.
import { readdirSync } from 'node:fs';

export interface ResourceCount {
  /** Entries of /proc/self/fd; undefined where there is no /proc. */
  fileDescriptors: number | undefined;
  /** Live TCP sockets, client and server side. */
  sockets: number;
  /** process.getActiveResourcesInfo() by type. */
  active: Record<string, number>;
}

export function countResources(): ResourceCount {
  const active: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) active[type] = (active[type] ?? 0) + 1;
  let fileDescriptors: number | undefined;
  try {
    fileDescriptors = readdirSync('/proc/self/fd').length;
  } catch {
    fileDescriptors = undefined;
  }
  return { fileDescriptors, sockets: active.TCPSocketWrap ?? 0, active };
}

export interface RssSummary {
  samples: number;
  startBytes: number;
  minBytes: number;
  maxBytes: number;
  endBytes: number;
}

/** Samples process RSS every `intervalMs` until stopped. */
export class RssSampler {
  private readonly values: number[] = [process.memoryUsage.rss()];
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.values.push(process.memoryUsage.rss()), intervalMs);
    this.timer.unref();
  }

  stop(): RssSummary {
    clearInterval(this.timer);
    this.values.push(process.memoryUsage.rss());
    return {
      samples: this.values.length,
      startBytes: this.values[0],
      minBytes: Math.min(...this.values),
      maxBytes: Math.max(...this.values),
      endBytes: this.values[this.values.length - 1],
    };
  }
}

/** Polls until the count is back to `before` (connections close a moment after their last use) or `ms` passed. */
export async function settledResources(before: ResourceCount, ms = 3000): Promise<ResourceCount> {
  const deadline = Date.now() + ms;
  for (;;) {
    const now = countResources();
    const back = now.sockets <= before.sockets && (now.fileDescriptors ?? 0) <= (before.fileDescriptors ?? 0);
    if (back || Date.now() >= deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
