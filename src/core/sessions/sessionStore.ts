import type { SessionState } from './sessionStatus';
import type { UploadPlan } from '../rules/uploadPlan';
import type { FileIdentity } from '../transfer/fileIdentity';

/** What survives a restart so an upload can resume (only unacknowledged parts are sent again). */
export interface StoredSession {
  id: string;
  filePath: string;
  file: FileIdentity;
  pageId: string;
  asText: boolean;
  plan: UploadPlan;
  uploadId: string | null;
  /** Part numbers Notion acknowledged. */
  partsAcknowledged: number[];
  /** When the Notion upload was created (ms since epoch); it must be attached within the hour. */
  uploadCreatedAt: number | null;
  blockId: string | null;
  state: SessionState;
  createdAt: number;
  updatedAt: number;
}

export interface SessionStore {
  load(): Promise<StoredSession[]>;
  save(session: StoredSession): Promise<void>;
  /**
   * Adds one acknowledged part to a saved record (and sets its updatedAt), at a cost that does not grow with the parts
   * already acknowledged: a session calls it after each part, where saving the whole record each time cost the square
   * of the part count. A record not saved (or deleted) is left alone.
   */
  acknowledgePart(id: string, partNumber: number, updatedAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  /** Finishes pending writes and lets go of the file; the manager calls it when it is disposed. */
  close?(): Promise<void>;
}

/** Keeps sessions in memory only (the default when no store is given). */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  async load(): Promise<StoredSession[]> {
    return [...this.sessions.values()].map((session) => structuredClone(session));
  }
  async save(session: StoredSession): Promise<void> {
    this.sessions.set(session.id, structuredClone(session));
  }
  async acknowledgePart(id: string, partNumber: number, updatedAt: number): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    insertPart(session.partsAcknowledged, partNumber);
    session.updatedAt = updatedAt;
  }
  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }
}

/**
 * Puts a part number into an ascending list of them, once: parts mostly finish in order, so it is nearly always
 * appended, and the list never needs sorting.
 */
export function insertPart(parts: number[], partNumber: number): void {
  let index = parts.length;
  while (index > 0 && parts[index - 1] > partNumber) index -= 1;
  if (parts[index - 1] !== partNumber) parts.splice(index, 0, partNumber);
}
