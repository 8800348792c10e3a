import type * as vscode from 'vscode';

export interface UploadRecordEntry {
  fileName: string;
  uploadedAt: number;
  blockId: string | null;
}

const STATE_KEY = 'notionUpload.uploadRecord';
const MAX_ENTRIES = 5000;

/** Remembers which content (by sha256) went to which page, so uploading it there again asks first. */
export class UploadRecord {
  constructor(private readonly state: vscode.Memento) {}

  find(sha256: string, pageId: string): UploadRecordEntry | undefined {
    return this.entries()[key(sha256, pageId)];
  }

  async remember(sha256: string, pageId: string, entry: UploadRecordEntry): Promise<void> {
    const entries = { ...this.entries(), [key(sha256, pageId)]: entry };
    const keys = Object.keys(entries);
    if (keys.length > MAX_ENTRIES) {
      keys.sort((a, b) => entries[a].uploadedAt - entries[b].uploadedAt);
      for (const old of keys.slice(0, keys.length - MAX_ENTRIES)) delete entries[old];
    }
    await this.state.update(STATE_KEY, entries);
  }

  private entries(): Record<string, UploadRecordEntry> {
    return this.state.get<Record<string, UploadRecordEntry>>(STATE_KEY, {});
  }
}

function key(sha256: string, pageId: string): string {
  return `${pageId}:${sha256}`;
}
