// The Notion-Version values the emulator accepts, and what changes between them.

export const acceptedVersions = [
  '2021-05-11',
  '2021-05-13',
  '2021-08-16',
  '2022-02-22',
  '2022-06-28',
  '2025-09-03',
  '2026-03-11',
] as const;

export type NotionVersion = (typeof acceptedVersions)[number];

export function isAcceptedVersion(value: string): value is NotionVersion {
  return (acceptedVersions as readonly string[]).includes(value);
}

/** From 2026-03-11 `archived` is gone from objects (only `in_trash`) and `after` is refused on append. */
export function isAtLeast20260311(version: NotionVersion): boolean {
  return version >= '2026-03-11';
}
