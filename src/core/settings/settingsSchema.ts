import { PART_MAX_BYTES, PART_MIN_BYTES } from '../notion/notionLimits';
import { MiB } from '../rules/units';

/** The knobs a user sets, by the one name each has in the core, the CLI (as a kebab-case flag) and VS Code's settings. */
export type TunableKey = 'partSize' | 'filesInParallel' | 'partsInFlight' | 'maxUploadSpeed' | 'requestsPerMinute';

export interface TunableSetting {
  key: TunableKey;
  /** Names the knob in messages and in the CLI's help. */
  label: string;
  /** What one unit of the value is; the CLI's help shows it as the flag's argument. */
  unit: string;
  /** Whole numbers only (the manifest's "integer"), otherwise any number in range. */
  integer: boolean;
  min: number;
  max: number;
  default: number;
  /** One sentence or two, shown by VS Code's Settings editor and the CLI's help alike. */
  description: string;
  /** Flag names the CLI accepted before the knob got its one name; they keep working. */
  oldFlags: string[];
}

/**
 * The single table of user-set knobs. The core validates against it, the CLI builds its flags and --help from it,
 * and a test holds package.json's `contributes.configuration` to it.
 */
export const TUNABLE_SETTINGS: readonly TunableSetting[] = Object.freeze([
  {
    key: 'partSize', label: 'Part size', unit: 'MiB', integer: true,
    min: PART_MIN_BYTES / MiB, max: PART_MAX_BYTES / MiB, default: 5,
    description: 'Part size in MiB for files over 20 MiB, which are sent in parts. Notion accepts 5 to 20 MiB; it is raised automatically when a file would need more than 1,000 parts.',
    oldFlags: [],
  },
  {
    key: 'filesInParallel', label: 'Files in parallel', unit: 'files', integer: true, min: 1, max: 32, default: 3,
    description: 'How many files upload at the same time.',
    oldFlags: ['concurrency'],
  },
  {
    key: 'partsInFlight', label: 'Parts in flight', unit: 'parts', integer: true, min: 1, max: 16, default: 3,
    description: 'How many parts of one large file are sent at the same time.',
    oldFlags: [],
  },
  {
    key: 'maxUploadSpeed', label: 'Max upload speed', unit: 'MiB/s', integer: false, min: 0, max: 10_000, default: 0,
    description: 'Upper limit on the total upload speed in MiB/s across all uploads; 0 means no limit.',
    oldFlags: ['max-speed'],
  },
  {
    key: 'requestsPerMinute', label: 'Requests per minute', unit: 'requests', integer: true, min: 1, max: 100_000, default: 180,
    description: 'Request budget per minute shared by every upload. Notion allows 180 per minute per integration (600 on Business and Enterprise plans); keeping under it avoids rate_limited answers.',
    oldFlags: [],
  },
] satisfies TunableSetting[]);

export function tunableSetting(key: TunableKey): TunableSetting {
  return TUNABLE_SETTINGS.find((setting) => setting.key === key)!;
}

/** `filesInParallel` → `--files-in-parallel`. */
export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Why `value` is not allowed for this knob, in words that name the range and unit; undefined when it is allowed. */
export function tunableProblem(setting: TunableSetting, value: number): string | undefined {
  const inRange = typeof value === 'number' && Number.isFinite(value) && value >= setting.min && value <= setting.max;
  if (inRange && (!setting.integer || Number.isInteger(value))) return undefined;
  const kind = setting.integer ? 'a whole number' : 'a number';
  return `${setting.label} must be ${kind} from ${setting.min} to ${setting.max} (${setting.unit}), got ${value}.`;
}
