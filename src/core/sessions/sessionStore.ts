import type { SessionState } from './sessionStatus';
import type { UploadPlan } from '../rules/uploadPlan';

/** What survives a restart so an upload can resume (only unacknowledged parts are sent again). */
export interface StoredSession {
  id: string;
  filePath: string;
  file: { size: number; mtimeMs: number };
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
  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }
}
