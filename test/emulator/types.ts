// The public shapes of the emulator: other helpers code against exactly these (see the emulator contract).

import type { NetworkProfile } from './networkProfile';

export type PlanName = 'free' | 'paid';

export type CallName =
  | 'usersMe'
  | 'create'
  | 'send'
  | 'complete'
  | 'retrieve'
  | 'list'
  | 'append'
  | 'listChildren'
  | 'search'
  | 'retrievePage'
  | 'createPage'
  | 'updatePage'
  | 'deleteBlock';

export type FaultAction =
  | { kind: 'status'; status: 400 | 401 | 409 | 429 | 500 | 502 | 503 | 504 | 529; retryAfterSeconds?: number }
  | { kind: 'appendSavedThen503' }
  /** A 200 list whose results keep only the first `keep` (default 0) new blocks; `saved: false` adds none at all. */
  | { kind: 'appendResultsDropped'; saved: boolean; keep?: number }
  | { kind: 'resetAfterBytes'; bytes: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'throttle'; bytesPerSecond: number };

export interface FaultRule {
  call: CallName;
  partNumber?: number;
  nth?: number;
  times?: number;
  action: FaultAction;
}

export interface OpenSwitches {
  singlePartLimitInclusive: boolean;
  maxParts: number;
  rejectResentPart: boolean;
  rejectPartAboveTotal: boolean;
  rejectMissingPartNumber: boolean;
  rejectOctetStream: boolean;
  attachNotUploadedStatus: 400 | 404;
  multiPartOnFree: boolean;
  wideTypeList: boolean;
  /** Whether a read-back file URL names the upload it came from; Notion does not promise it. */
  hostedUrlNamesUpload: boolean;
}

export interface RateLimit {
  requests: number;
  windowMs: number;
}

export interface EmulatorOptions {
  port?: number;
  token?: string;
  plan?: PlanName;
  pageId?: string;
  pageTitle?: string;
  rateLimit?: RateLimit | false;
  now?: () => number;
  storageDir?: string;
  switches?: Partial<OpenSwitches>;
  maxFileSizeBytes?: number;
  /**
   * Serve HTTPS with a throwaway CA made at start (true), or with a server certificate for other names than
   * 127.0.0.1 and localhost (to test a wrong-host certificate).
   */
  tls?: boolean | { hostNames: string[] };
  /** Answer 409 conflict_error to an append to a page while another append to that page is being handled. */
  conflictOnOverlappingWrites?: boolean;
  /** How long the emulator takes to handle one append (so that appends from parallel uploads overlap). */
  appendHandlingDelayMs?: number;
  /** Notion answers 503 to a request still running after 60 s; lower it to test that limit quickly. */
  requestLimitMs?: number;
  /** What the token is: an integration's secret (default) or a personal access token. */
  tokenKind?: 'integration' | 'pat';
  /** Added latency and a receive-bandwidth cap (networkProfile.ts); none by default. */
  network?: NetworkProfile;
  /** A Free workspace's lifetime block limit, past its grace period: writes that would create more blocks are refused. */
  blockLimit?: number;
}

export interface UploadInfo {
  id: string;
  status: string;
  mode: string;
  filename: string | null;
  contentType: string | null;
  size: number;
  sha256: string | null;
  partsSent: number;
  partsTotal: number | null;
  token: string;
  createdTime: string;
}

export interface BlockInfo {
  id: string;
  type: string;
  uploadId: string | null;
  name?: string;
}

export interface LogEntry {
  method: string;
  path: string;
  call: CallName | 'unknown';
  status: number;
  partNumber?: number;
  bodyBytes: number;
  at: number;
}

export interface Counters {
  requests: number;
  rateLimited: number;
  faultsFired: number;
  bytesReceived: number;
}

export interface Emulator {
  url: string;
  /** With `tls`: the PEM file of the CA that signed the server's certificate (removed at stop), and its text. */
  caCertificatePath?: string;
  caCertificate?: string;
  token: string;
  pageId: string;
  plan: PlanName;
  stop(): Promise<void>;
  addToken(token: string, plan?: PlanName, kind?: 'integration' | 'pat'): void;
  revokeToken(token: string): void;
  addPage(title: string, options?: { sharedWith?: string[] }): string;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  advanceClock(ms: number): void;
  setRateLimit(limit: RateLimit | false): void;
  uploads(): UploadInfo[];
  upload(id: string): UploadInfo | undefined;
  blocks(pageId: string): BlockInfo[];
  requestLog(): LogEntry[];
  clearLog(): void;
  counters(): Counters;
}
