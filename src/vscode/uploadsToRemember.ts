import { stat } from 'node:fs/promises';
import { sha256File } from '../core/light';
import type { SessionStatus } from '../core';
import type { FileState, UploadToRemember } from './uploadRecord';

/**
 * What a batch's finished uploads leave in the record: the sha256 the upload computed from the bytes it streamed (read
 * again only for a resumed upload, whose earlier parts were streamed by another run), and the file's path, size and
 * modification time when they are still those it had when it was prepared, so that the same file is later recognised
 * without being read. The upload itself fails if the file changes while it is sent.
 */
export async function uploadsToRemember(final: readonly SessionStatus[], pageId: string, prepared: ReadonlyMap<string, FileState>): Promise<UploadToRemember[]> {
  const uploads: UploadToRemember[] = [];
  const uploadedAt = Date.now();
  for (const session of final) {
    if (session.state !== 'done') continue;
    const sha256 = session.sha256 ?? (await sha256File(session.filePath).then((result) => result.sha256, () => undefined));
    if (!sha256) continue;
    const before = prepared.get(session.id);
    const unchanged = before && before.sizeBytes === session.bytesTotal && (await sameState(session.filePath, before));
    uploads.push({
      sha256, pageId, entry: { fileName: session.fileName, uploadedAt, blockId: session.blockId, sizeBytes: session.bytesTotal },
      source: unchanged ? before : undefined,
    });
  }
  return uploads;
}

async function sameState(filePath: string, before: FileState): Promise<boolean> {
  const now = await stat(filePath).catch(() => undefined);
  return now !== undefined && now.size === before.sizeBytes && now.mtimeMs === before.mtimeMs;
}
