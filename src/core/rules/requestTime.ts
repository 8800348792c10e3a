import { MiB, formatBytes } from './units';

/**
 * Notion answers 503 service_unavailable to a request still running after 60 seconds ("the time to respond to a
 * request takes longer than 60 seconds, the maximum request timeout"). Under a bandwidth cap a large request can get
 * there, so the uploader plans every request to take at most half the limit at the cap, leaving the other half for
 * a slow start, a shared link and Notion's own processing.
 */
export interface RequestTimeInput {
  /** The upload speed cap in bytes per second; 0 = none (nothing to plan around). */
  bytesPerSecond: number;
  /** Notion's per-request limit (60 s). */
  requestLimitMs: number;
}

/** The most bytes one request may carry so it is expected to end within half the limit; Infinity without a cap. */
export function largestTimelyRequestBytes(input: RequestTimeInput): number {
  if (!(input.bytesPerSecond > 0)) return Number.POSITIVE_INFINITY;
  return Math.floor((input.bytesPerSecond * input.requestLimitMs) / 2 / 1000);
}

/** The speed at which a request of `bytes` takes half the limit: what the cap must at least be to send it. */
export function speedNeededFor(bytes: number, requestLimitMs: number): number {
  return Math.ceil((bytes * 2 * 1000) / requestLimitMs);
}

/** Says why a request of `bytes` cannot be sent in time at the cap, and what to change. */
export function tooSlowRefusal(fileName: string, bytes: number, input: RequestTimeInput): { reason: string; remedy: string } {
  const seconds = Math.ceil(bytes / input.bytesPerSecond);
  const limitSeconds = Math.round(input.requestLimitMs / 1000);
  const needed = speedNeededFor(bytes, input.requestLimitMs);
  return {
    reason: `At the upload speed cap of ${formatBytes(input.bytesPerSecond)}/s, sending ${fileName} takes requests of ${formatBytes(bytes)}, ` +
      `about ${seconds} s each; Notion cuts off any request after ${limitSeconds} s.`,
    remedy: `Raise the upload speed cap (setting notionUpload.maxUploadSpeed, CLI --max-upload-speed) to at least ${formatSpeedMiB(needed)} MiB/s, or remove it.`,
  };
}

function formatSpeedMiB(bytesPerSecond: number): string {
  const mib = bytesPerSecond / MiB;
  return mib >= 10 ? String(Math.ceil(mib)) : (Math.ceil(mib * 10) / 10).toFixed(1);
}
