// The shapes of what a bench run measured, as written to bench-results/*.json.
import type { LoopDelay } from './measuredRun';
import type { LinkPartSizeResult } from './linkPartSizeScenario';

export type ClientName = 'our CLI' | 'our CLI --json' | 'curl' | 'SDK readFile Blob' | 'SDK openAsBlob' | 'legacy (seed)' | 'ntn';

export interface ClientRunResult {
  client: ClientName;
  fileLabel: string;
  sizeBytes: number;
  /** Parts the emulator saw for this upload (null for single_part). */
  partsTotal: number | null;
  planParts: number;
  ok: boolean;
  /** Why the run does not count: it failed, or the emulator holds other bytes, or no single block was attached. */
  failure: string | null;
  wallSeconds: number | null;
  cpuSeconds: number | null;
  maxRssBytes: number | null;
  mibPerSecond: number | null;
  loopDelay: LoopDelay | null;
  /** An idle Node process's loop delay over the same time: the machine's scheduling noise. */
  idleLoopDelay: LoopDelay | null;
  /** /v1/ requests the emulator answered during the run. */
  requests: number | null;
  /** Whether the client attaches its upload to the page (all but ntn). */
  attached: boolean;
}

/** The same uploads over a shaped link (the emulator's network profile), against what the link allows at best. */
export interface NetworkScenarioResult {
  latencyMs: number;
  bandwidthMbit: number;
  partsInFlight: number;
  /** Per file: bytes ÷ bandwidth, plus the request round trips our plan needs ÷ requests in flight. */
  bounds: Array<{ fileLabel: string; sizeBytes: number; parts: number; roundTrips: number; boundSeconds: number; strictSeconds?: number }>;
  results: ClientRunResult[];
}

export interface RateLimitedResult {
  label: string;
  /** The CLI's budget flags, as given. */
  cliBudget: string;
  files: number;
  fileBytes: number;
  budget: { requests: number; windowMs: number };
  requestsMade: number;
  requestsNeeded: number;
  rateLimited: number;
  boundSeconds: number;
  wallSeconds: number;
  ok: boolean;
  failure: string | null;
  /** API requests (429s not counted) per file. */
  requestsPerFile: number | null;
  /** Folder runs: whether the page's blocks follow the files' sorted names (null: not a folder run). */
  blocksInSortedOrder: boolean | null;
  /** The first pair of blocks out of order, if any. */
  orderNote: string | null;
}

export interface BenchReport {
  startedAt: string;
  quick: boolean;
  machine: {
    node: string; curl: string; cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[];
    /** CPU seconds this machine's Node spends on sha256 alone per GiB held in memory (sha256Floor.ts). */
    sha256SecondsPerGiB?: number;
  };
  partsInFlight: number;
  throughput: ClientRunResult[];
  rateLimited: RateLimitedResult[];
  network: NetworkScenarioResult | null;
  /** Our CLI over a faster link under Notion's budget: the part size a later file gets from the measured speed. */
  linkPartSize?: LinkPartSizeResult | null;
}
