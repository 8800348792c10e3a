import { LATEST_NOTION_VERSION, NOTION_API_BASE } from '../notion/notionLimits';
import { MiB } from '../rules/units';
import { UploaderError } from '../errors/uploaderError';
import { TUNABLE_SETTINGS, tunableProblem, type TunableKey } from './settingsSchema';

export interface UploaderSettings {
  /** 'https://api.notion.com'; http only for loopback hosts. */
  apiBase: string;
  notionVersion: string;
  // The knobs in TUNABLE_SETTINGS (settingsSchema.ts), by the same names and units as there:
  /** Part size for multi-part uploads in MiB, 5..20; raised automatically to stay within 1,000 parts. */
  partSize: number;
  /** Files uploaded at the same time. */
  filesInParallel: number;
  /** Parts in flight per multi-part upload. */
  partsInFlight: number;
  /** Request budget shared by every session (180 per minute by default, as Notion counts). */
  requestsPerMinute: number;
  /** Global bandwidth cap in MiB/s; 0 = unlimited. */
  maxUploadSpeed: number;
  // Internal knobs, for tests, benchmarks and servers that count differently:
  /**
   * The window the request budget is counted in: 60 000 ms as Notion counts. A shorter one (a server that counts
   * another window, tests against the emulator) allows `requestsPerMinute` scaled to its length; see requestsPerRateWindow.
   */
  rateWindowMs: number;
  /** A request that makes no progress for this long is aborted. */
  requestTimeoutMs: number;
  /** Attempts per request before giving up (first try included). */
  maxAttempts: number;
  /** First backoff delay when the server gives no Retry-After; doubles per attempt, with jitter. */
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  /** Past `maxAttempts`, a request rate-limited by Notion (429, 529) goes on waiting and retrying for up to this long in all. */
  maxRateLimitedWaitMs: number;
  /** Finished sessions disappear from list() after this long; 0 keeps them until clearFinished(). */
  finishedRetentionMs: number;
  /** The block a .html file is attached as: 'file' (the default), or 'embed' on request. */
  htmlBlock: 'file' | 'embed';
  /** Notion answers 503 to a request still running after 60 s; uploads are planned so none should take half of it. */
  serverRequestLimitMs: number;
  /** Send files of types outside Notion's documented list with their standard MIME type; Notion refuses at create if it must. */
  tryUnknownTypes: boolean;
}

export const DEFAULT_SETTINGS: Readonly<UploaderSettings> = Object.freeze({
  apiBase: NOTION_API_BASE,
  notionVersion: LATEST_NOTION_VERSION,
  ...(Object.fromEntries(TUNABLE_SETTINGS.map((setting) => [setting.key, setting.default])) as Record<TunableKey, number>),
  rateWindowMs: 60_000,
  requestTimeoutMs: 60_000,
  maxAttempts: 6,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 30_000,
  maxRateLimitedWaitMs: 10 * 60_000,
  finishedRetentionMs: 0,
  htmlBlock: 'file',
  serverRequestLimitMs: 60_000,
  tryUnknownTypes: false,
});

export class SettingsError extends UploaderError {
  constructor(message: string, hint = 'Change the setting to a value in the range its description gives.') {
    super({ code: 'invalid_setting', message, hint });
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Checks an API base URL: https anywhere, plain http only to this machine. Returns it without a trailing slash. */
export function validateApiBase(apiBase: string): string {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new SettingsError(`API base "${apiBase}" is not a URL.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new SettingsError(`API base "${apiBase}" uses plain http to another machine; use https (http is allowed only for localhost).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SettingsError(`API base "${apiBase}" must be an https URL.`);
  }
  if (url.search || url.hash) throw new SettingsError(`API base "${apiBase}" must not carry a query or fragment.`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, got ${value}.`);
  }
}

/** Merges over the defaults and rejects values outside their allowed range. */
export function resolveSettings(overrides: Partial<UploaderSettings> = {}, base: UploaderSettings = DEFAULT_SETTINGS): UploaderSettings {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const settings: UploaderSettings = { ...base, ...defined };
  settings.apiBase = validateApiBase(settings.apiBase);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(settings.notionVersion)) {
    throw new SettingsError(`Notion version must look like 2026-03-11, got "${settings.notionVersion}".`);
  }
  for (const tunable of TUNABLE_SETTINGS) {
    const problem = tunableProblem(tunable, settings[tunable.key]);
    if (problem) throw new SettingsError(problem);
  }
  requireInteger('Rate window (ms)', settings.rateWindowMs, 100, 60_000);
  requireInteger('Request timeout (ms)', settings.requestTimeoutMs, 100, 3_600_000);
  requireInteger('Max attempts', settings.maxAttempts, 1, 100);
  requireInteger('Retry base delay (ms)', settings.retryBaseDelayMs, 0, 600_000);
  requireInteger('Retry max delay (ms)', settings.retryMaxDelayMs, 0, 3_600_000);
  requireInteger('Longest rate-limited wait (ms)', settings.maxRateLimitedWaitMs, 0, 3_600_000);
  requireInteger('Finished retention (ms)', settings.finishedRetentionMs, 0, Number.MAX_SAFE_INTEGER);
  requireInteger('Server request limit (ms)', settings.serverRequestLimitMs, 1_000, 3_600_000);
  if (settings.htmlBlock !== 'file' && settings.htmlBlock !== 'embed') throw new SettingsError(`htmlBlock must be 'file' or 'embed'.`);
  return settings;
}

/**
 * Requests allowed in one rate window: `requestsPerMinute` scaled to the window's length, rounded down, at least one.
 * (`--rate 40/10` asks for 240 a minute in 10 s windows, which is 40 per window.)
 */
export function requestsPerRateWindow(settings: Pick<UploaderSettings, 'requestsPerMinute' | 'rateWindowMs'>): number {
  return Math.max(1, Math.floor((settings.requestsPerMinute * settings.rateWindowMs) / 60_000));
}

export function partSizeBytes(settings: Pick<UploaderSettings, 'partSize'>): number {
  return settings.partSize * MiB;
}

/** The bandwidth cap in bytes per second; 0 = unlimited. */
export function maxBytesPerSecond(settings: Pick<UploaderSettings, 'maxUploadSpeed'>): number {
  return Math.round(settings.maxUploadSpeed * MiB);
}
