import { parseArgs } from 'node:util';
import { MiB, parsePageId, PageLinkError, validateApiBase, SettingsError, type UploaderSettings } from '../core';

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
}

export const DEFAULT_STATE_FILE = '.notion-upload-sessions.json';

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

/** `--rate <requests>/<seconds>`: a budget per window of the server's own length. */
export function parseRate(text: string): { requestsPerWindow: number; rateWindowMs: number } {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)s?$/.exec(text.trim());
  if (!match) throw new UsageError(`--rate wants <requests>/<seconds>, such as 180/60 or 40/10; got "${text}".`);
  const requests = wholeNumber('--rate requests', match[1], 1, 100_000);
  const seconds = Number(match[2]);
  if (!(seconds >= 1 && seconds <= 3600)) throw new UsageError(`--rate: the window must be 1 to 3600 seconds; got ${match[2]}.`);
  return { requestsPerWindow: requests, rateWindowMs: Math.round(seconds * 1000) };
}

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
        'part-size': { type: 'string' },
        concurrency: { type: 'string' },
        'parts-in-flight': { type: 'string' },
        'max-speed': { type: 'string' },
        'requests-per-minute': { type: 'string' },
        rate: { type: 'string' },
        timeout: { type: 'string' },
        resume: { type: 'boolean', default: false },
        state: { type: 'string' },
        'as-text': { type: 'boolean', default: false },
        'try-unknown-types': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const options: CliOptions = {
    paths: positionals, pageId: '', settings: {}, statePath: null,
    asText: values['as-text'] ?? false, json: values.json ?? false, help: values.help ?? false,
  };
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
  if (values['part-size'] !== undefined) settings.partSizeBytes = wholeNumber('--part-size', values['part-size'], 5, 20) * MiB;
  if (values.concurrency !== undefined) settings.fileConcurrency = wholeNumber('--concurrency', values.concurrency, 1, 32);
  if (values['parts-in-flight'] !== undefined) settings.partConcurrency = wholeNumber('--parts-in-flight', values['parts-in-flight'], 1, 16);
  if (values['max-speed'] !== undefined) settings.maxBytesPerSecond = parseSpeed(values['max-speed']);
  if (values['requests-per-minute'] !== undefined && values.rate !== undefined) throw new UsageError('Give either --requests-per-minute or --rate, not both.');
  if (values['requests-per-minute'] !== undefined) settings.requestsPerWindow = wholeNumber('--requests-per-minute', values['requests-per-minute'], 1, 100_000);
  if (values.rate !== undefined) Object.assign(settings, parseRate(values.rate));
  if (values.timeout !== undefined) settings.requestTimeoutMs = wholeNumber('--timeout', values.timeout, 1, 3600) * 1000;
  if (values.state !== undefined || values.resume) options.statePath = values.state ?? DEFAULT_STATE_FILE;
  return options;
}
