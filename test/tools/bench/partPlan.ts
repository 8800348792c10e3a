// The part plan every client follows: the uploader's rule (single part up to 20 MiB, else 5 MiB parts, raised so
// no file needs more than 1,000 parts). The CLI plans on its own; the bench checks it arrived at the same count.
import { MiB } from './benchFiles';

export const SINGLE_PART_LIMIT = 20 * MiB;
export const DEFAULT_PART_SIZE = 5 * MiB;
const MAX_PARTS = 1000;

export interface PartRange {
  partNumber: number;
  start: number;
  end: number;
}

export interface PartPlan {
  mode: 'single_part' | 'multi_part';
  partSize: number;
  parts: PartRange[];
}

export function planParts(size: number, preferredPartSize = DEFAULT_PART_SIZE): PartPlan {
  if (size <= SINGLE_PART_LIMIT) {
    return { mode: 'single_part', partSize: size, parts: [{ partNumber: 1, start: 0, end: size }] };
  }
  const partSize = Math.max(preferredPartSize, Math.ceil(size / MAX_PARTS));
  const parts: PartRange[] = [];
  for (let start = 0; start < size; start += partSize) {
    parts.push({ partNumber: parts.length + 1, start, end: Math.min(size, start + partSize) });
  }
  return { mode: 'multi_part', partSize, parts };
}
