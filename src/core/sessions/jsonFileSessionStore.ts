import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SessionStore, StoredSession } from './sessionStore';

/** Sessions in one JSON file, rewritten atomically (temp file + rename); writes are serialised. */
export class JsonFileSessionStore implements SessionStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly filePath: string) {}

  load(): Promise<StoredSession[]> {
    return this.enqueue(() => this.read());
  }

  save(session: StoredSession): Promise<void> {
    return this.enqueue(async () => {
      const sessions = (await this.read()).filter((stored) => stored.id !== session.id);
      sessions.push(session);
      await this.write(sessions);
    });
  }

  delete(id: string): Promise<void> {
    return this.enqueue(async () => {
      const sessions = await this.read();
      const kept = sessions.filter((stored) => stored.id !== id);
      if (kept.length !== sessions.length) await this.write(kept);
    });
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async read(): Promise<StoredSession[]> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as { sessions?: unknown };
      return Array.isArray(parsed.sessions) ? (parsed.sessions as StoredSession[]).filter(isStoredSession) : [];
    } catch {
      // A damaged state file (not written by us: our writes are atomic) is set aside rather than trusted.
      await rename(this.filePath, `${this.filePath}.damaged-${Date.now()}`).catch(() => undefined);
      return [];
    }
  }

  private async write(sessions: StoredSession[]): Promise<void> {
    await mkdir(dirname(this.filePath), { recursive: true });
    const temp = `${this.filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify({ version: 1, sessions }, null, 2), 'utf8');
      await rename(temp, this.filePath);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  const session = value as StoredSession;
  return typeof session === 'object' && session !== null && typeof session.id === 'string' && typeof session.filePath === 'string'
    && typeof session.pageId === 'string' && typeof session.plan === 'object' && Array.isArray(session.partsAcknowledged);
}
