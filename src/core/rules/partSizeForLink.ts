import { PART_MAX_BYTES } from '../notion/notionLimits';
import { MiB } from './units';

/**
 * How much faster than the measured link the request budget must let parts go: other requests (create, complete,
 * attach, other files' small uploads) share the budget, and a link measured once may be faster next time.
 */
export const BUDGET_HEADROOM = 1.25;

export interface PartSizeForLinkInput {
  /** The part size the settings ask for. */
  preferredPartBytes: number;
  /** What earlier sends of this run measured (LinkSpeedMeter), or null when nothing has been measured yet. */
  linkBytesPerSecond: number | null;
  /** The request budget all uploads share. */
  requestsPerMinute: number;
}

/**
 * The part size for a new multi-part upload. Every part is one request, so under a budget of R requests a minute parts
 * of P bytes can move at most P × R / 60 bytes a second, whatever the link (at Notion's 180 a minute, 5 MiB parts stop
 * at 15 MiB/s). When the link measured faster than that, parts grow (whole MiB, up to Notion's 20 MiB) until the budget
 * is no longer the limit. Never smaller than preferred: a slow link gains nothing from smaller parts. Pure.
 */
export function partSizeForLink(input: PartSizeForLinkInput): number {
  const { preferredPartBytes, linkBytesPerSecond, requestsPerMinute } = input;
  if (linkBytesPerSecond === null || !(linkBytesPerSecond > 0) || !(requestsPerMinute > 0)) return preferredPartBytes;
  const needed = (linkBytesPerSecond * BUDGET_HEADROOM * 60) / requestsPerMinute;
  if (needed <= preferredPartBytes) return preferredPartBytes;
  return Math.max(preferredPartBytes, Math.min(PART_MAX_BYTES, Math.ceil(needed / MiB) * MiB));
}

/**
 * The preferred part size for a session: raised for the link as above, except that a stored upload being resumed keeps
 * the part size it was created with when that is one of the two sizes this run could choose (its part count is fixed
 * at create, and a different size would start it over).
 */
export function preferredPartSize(input: PartSizeForLinkInput & { resumedPartBytes?: number }): number {
  const chosen = partSizeForLink(input);
  const resumed = input.resumedPartBytes;
  return resumed !== undefined && (resumed === input.preferredPartBytes || resumed === chosen) ? resumed : chosen;
}
