// What the soak watches in its own process: resident memory and sockets over time, open file descriptors.
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

export interface RunSamples {
  samples: number;
  rssStartBytes: number;
  rssMinBytes: number;
  rssMaxBytes: number;
  rssEndBytes: number;
  /** The most TCP sockets seen open at once (shows the socket count sees the run's connections). */
  peakSockets: number;
}

/** Samples process RSS and live sockets every `intervalMs` until stopped. */
export class ProcessSampler {
  private readonly rss: number[] = [process.memoryUsage.rss()];
  private peakSockets = countResources().sockets;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  stop(): RunSamples {
    clearInterval(this.timer);
    this.sample();
    return {
      samples: this.rss.length,
      rssStartBytes: this.rss[0],
      rssMinBytes: Math.min(...this.rss),
      rssMaxBytes: Math.max(...this.rss),
      rssEndBytes: this.rss[this.rss.length - 1],
      peakSockets: this.peakSockets,
    };
  }

  private sample(): void {
    this.rss.push(process.memoryUsage.rss());
    this.peakSockets = Math.max(this.peakSockets, countResources().sockets);
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
