import { parseArgs } from 'node:util';
import { flagName, MiB, parsePageId, PageLinkError, validateApiBase, SettingsError, TUNABLE_SETTINGS, tunableProblem, type TunableSetting, type UploaderSettings } from '../core/light';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliOptions {
  paths: string[];
  pageId: string;
  settings: Partial<UploaderSettings>;
  statePath: string | null;
  asText: boolean;
  json: boolean;
  help: boolean;
  /** Upload files the state file says an earlier run already put on the page. */
  uploadAgain: boolean;
  /** What .md files become: a Notion page (default), a text attachment, or nothing. */
  markdown: MarkdownMode;
}

export type MarkdownMode = 'page' | 'text' | 'skip';

export const DEFAULT_STATE_FILE = '.notion-upload-sessions.json';

/** node:util's parse message on one line (it spans several, which a terminal-safe print shows as a literal \n). */
function parseProblem(message: string): string {
  const ambiguous = /Option '(--[\w-]+)' argument is ambiguous/.exec(message);
  if (ambiguous) return `${ambiguous[1]} is followed by a value starting with a dash, which reads as another option: write ${ambiguous[1]}=<value> to give it.`;
  return message.replace(/\s*\n\s*/g, ' ');
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}".`);
  return value;
}

/** "2.5" = 2.5 MiB/s; "800K", "3M", "1G" (binary units, optional "iB"/"/s"); "1500000B" = bytes per second. */
export function parseSpeed(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kib|m|mib|g|gib)?\s*(?:\/s)?\s*$/i.exec(text);
  if (!match) throw new UsageError(`--max-speed must look like 2.5 (MiB/s), 800K, 3M or 1500000B, got "${text}".`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? 'm').toLowerCase()[0];
  const multiplier = unit === 'b' ? 1 : unit === 'k' ? 1024 : unit === 'g' ? 1024 * MiB : MiB;
  const bytes = Math.round(amount * multiplier);
  if (bytes < 1 && amount !== 0) throw new UsageError(`--max-speed is too small: "${text}".`);
  return bytes;
}

/**
 * `--rate <requests>/<seconds>`: a budget per window of the server's own length, kept as requests per minute counted
 * in windows of that length (rounded up to a whole number a minute, which the core rounds back down to `requests`).
 */
export function parseRate(text: string): { requestsPerMinute: number; rateWindowMs: number } {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)s?$/.exec(text.trim());
  if (!match) throw new UsageError(`--rate wants <requests>/<seconds>, such as 180/60 or 40/10; got "${text}".`);
  const requests = wholeNumber('--rate requests', match[1], 1, 100_000);
  const seconds = Number(match[2]);
  if (!(seconds >= 1 && seconds <= 60)) throw new UsageError(`--rate: the window must be 1 to 60 seconds (for a longer one use --requests-per-minute); got ${match[2]}.`);
  const rateWindowMs = Math.round(seconds * 1000);
  const requestsPerMinute = Math.ceil((requests * 60_000) / rateWindowMs);
  const problem = tunableProblem(TUNABLE_SETTINGS.find((setting) => setting.key === 'requestsPerMinute')!, requestsPerMinute);
  if (problem) throw new UsageError(`--rate ${text} is ${requestsPerMinute} requests a minute: ${problem}`);
  return { requestsPerMinute, rateWindowMs };
}

/** A knob's value from its flag's text, checked against the settings table. */
function tunableValue(setting: TunableSetting, flag: string, text: string): number {
  let value: number;
  if (setting.key === 'maxUploadSpeed') value = parseSpeed(text) / MiB;
  else if ((setting.integer ? /^\s*\d+\s*$/ : /^\s*\d+(?:\.\d+)?\s*$/).test(text)) value = Number(text);
  else throw new UsageError(`${flag} must be ${setting.integer ? 'a whole number' : 'a number'} from ${setting.min} to ${setting.max} (${setting.unit}), got "${text}".`);
  const problem = tunableProblem(setting, value);
  if (problem) throw new UsageError(`${flag}: ${problem}`);
  return value;
}

const tunableOptions = Object.fromEntries(
  TUNABLE_SETTINGS.flatMap((setting) => [flagName(setting.key), ...setting.oldFlags]).map((flag) => [flag, { type: 'string' as const }]),
);

export function parseCliArguments(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        page: { type: 'string' },
        'api-base': { type: 'string' },
        ...tunableOptions,
        rate: { type: 'string' },
        timeout: { type: 'string' },
        resume: { type: 'boolean', default: false },
        state: { type: 'string' },
        'upload-again': { type: 'boolean', default: false },
        'as-text': { type: 'boolean', default: false },
        'try-unknown-types': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        markdown: { type: 'string', default: 'page' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(parseProblem((error as Error).message));
  }
  const { positionals } = parsed;
  const values = parsed.values as Record<string, string | boolean | undefined> & typeof parsed.values;
  const options: CliOptions = {
    paths: positionals, pageId: '', settings: {}, statePath: null,
    asText: values['as-text'] ?? false, json: values.json ?? false, help: values.help ?? false, uploadAgain: values['upload-again'] ?? false,
    markdown: values.markdown as MarkdownMode,
  };
  if (!['page', 'text', 'skip'].includes(options.markdown)) throw new UsageError(`--markdown must be page, text or skip; got "${options.markdown}".`);
  if (options.help) return options;
  if (positionals.length === 0) throw new UsageError('Name at least one file or folder to upload.');
  if (!values.page) throw new UsageError('--page is required: a Notion page link or ID.');
  try {
    options.pageId = parsePageId(values.page);
  } catch (error) {
    if (error instanceof PageLinkError) throw new UsageError(`--page: ${error.reason}`);
    throw error;
  }
  const settings = options.settings;
  if (values['try-unknown-types']) settings.tryUnknownTypes = true;
  if (values['api-base'] !== undefined) {
    try {
      settings.apiBase = validateApiBase(values['api-base']);
    } catch (error) {
      if (error instanceof SettingsError) throw new UsageError(`--api-base: ${error.message}`);
      throw error;
    }
  }
  for (const setting of TUNABLE_SETTINGS) {
    const given = [flagName(setting.key), ...setting.oldFlags].filter((flag) => typeof values[flag] === 'string');
    if (given.length > 1) throw new UsageError(`Give ${given.map((flag) => `--${flag}`).join(' or ')} once: they are the same option.`);
    if (given.length === 1) settings[setting.key] = tunableValue(setting, `--${given[0]}`, values[given[0]] as string);
  }
  if (settings.requestsPerMinute !== undefined && values.rate !== undefined) throw new UsageError('Give either --requests-per-minute or --rate, not both.');
  if (typeof values.rate === 'string') Object.assign(settings, parseRate(values.rate));
  if (values.timeout !== undefined) settings.requestTimeoutMs = wholeNumber('--timeout', values.timeout, 1, 3600) * 1000;
  if (values.state !== undefined || values.resume) options.statePath = values.state ?? DEFAULT_STATE_FILE;
  return options;
}
