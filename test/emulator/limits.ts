// The byte limits of docs/notion-api.md §4.

export const MiB = 1024 * 1024;
export const singlePartLimitBytes = 20 * MiB;
export const minPartBytes = 5 * MiB;
export const maxPartBytes = 20 * MiB;
export const maxFilenameBytes = 900;
export const maxChildrenPerAppend = 100;

export const planFileLimitBytes = {
  free: 5 * MiB,
  paid: 5 * 1024 * MiB,
} as const;
