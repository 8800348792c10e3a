import { MiB } from '../rules/units';

// Fixed limits of the Notion File Upload API (docs/notion-api.md §4).
export const SINGLE_PART_MAX_BYTES = 20 * MiB;
/**
 * Notion's guides say "≤ 20MB" for one request without saying whether MB means 10^6 or 2^20 bytes: the uploader sends
 * one request only up to the smaller reading and anything above in parts, which is right under both.
 */
export const SINGLE_PART_SAFE_MAX_BYTES = 20_000_000;
export const PART_MIN_BYTES = 5 * MiB;
export const PART_MAX_BYTES = 20 * MiB;
export const MAX_PARTS = 1000;
/** The per-file limit of a Free workspace, the smallest Notion has; paid workspaces take 5 GiB. */
export const FREE_PLAN_MAX_FILE_BYTES = 5 * MiB;
export const FILENAME_MAX_UTF8_BYTES = 900;
export const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;
export const LATEST_NOTION_VERSION = '2026-03-11';
export const NOTION_API_BASE = 'https://api.notion.com';
