import type * as vscode from 'vscode';

export interface UploadRecordEntry {
  fileName: string;
  uploadedAt: number;
  blockId: string | null;
  /** Absent in entries written before sizes were kept: such an entry may be of any size. */
  sizeBytes?: number;
}

/** A local file as it was when it was uploaded: its file URI, size and modification time. */
export interface FileState {
  uri: string;
  sizeBytes: number;
  mtimeMs: number;
}

export interface UploadToRemember {
  sha256: string;
  pageId: string;
  entry: UploadRecordEntry;
  /** Set when the file is known to have had this state before and after its upload. */
  source?: FileState;
}

/** What a page is known to hold, indexed for the duplicate question. */
export interface PageContents {
  find(sha256: string): UploadRecordEntry | undefined;
  /** False when no content of this size went to the page, so a file of this size cannot be there already. */
  mayHoldSize(sizeBytes: number): boolean;
}

const STATE_KEY = 'notionUpload.uploadRecord';
const KNOWN_KEY = 'notionUpload.knownContents';
const MAX_ENTRIES = 5000;

/**
 * Remembers which content (by sha256) went to which page, so uploading it there again asks first; and the sha256 of
 * each uploaded file by its path, size and modification time, so the same file is recognised without reading it again.
 */
export class UploadRecord {
  constructor(private readonly state: vscode.Memento) {}

  find(sha256: string, pageId: string): UploadRecordEntry | undefined {
    return this.entries()[key(sha256, pageId)];
  }

  /** The page's recorded contents, read once for a whole batch. */
  page(pageId: string): PageContents {
    const prefix = `${pageId}:`;
    const hashes = new Map<string, UploadRecordEntry>();
    const sizes = new Set<number>();
    let anySize = false;
    for (const [name, entry] of Object.entries(this.entries())) {
      if (!name.startsWith(prefix)) continue;
      hashes.set(name.slice(prefix.length), entry);
      if (entry.sizeBytes === undefined) anySize = true;
      else sizes.add(entry.sizeBytes);
    }
    return { find: (sha256) => hashes.get(sha256), mayHoldSize: (sizeBytes) => anySize || sizes.has(sizeBytes) };
  }

  /** Looks up the sha256 recorded when a file, at that size and modification time, was uploaded (to any page). */
  knownContents(): (file: FileState) => string | undefined {
    const known = this.state.get<Record<string, KnownContent>>(KNOWN_KEY, {});
    return (file) => known[stateKey(file)]?.sha256;
  }

  async remember(sha256: string, pageId: string, entry: UploadRecordEntry): Promise<void> {
    await this.rememberAll([{ sha256, pageId, entry }]);
  }

  /** Records a batch in one write of each stored value: a folder of thousands of files is one update, not thousands. */
  async rememberAll(uploads: readonly UploadToRemember[]): Promise<void> {
    if (uploads.length === 0) return;
    const entries = { ...this.entries() };
    const known = { ...this.state.get<Record<string, KnownContent>>(KNOWN_KEY, {}) };
    let sources = 0;
    for (const upload of uploads) {
      entries[key(upload.sha256, upload.pageId)] = upload.entry;
      if (upload.source) {
        known[stateKey(upload.source)] = { sha256: upload.sha256, at: upload.entry.uploadedAt };
        sources += 1;
      }
    }
    await this.state.update(STATE_KEY, newest(entries, (entry) => entry.uploadedAt));
    if (sources > 0) await this.state.update(KNOWN_KEY, newest(known, (entry) => entry.at));
  }

  private entries(): Record<string, UploadRecordEntry> {
    return this.state.get<Record<string, UploadRecordEntry>>(STATE_KEY, {});
  }
}

interface KnownContent {
  sha256: string;
  at: number;
}

function key(sha256: string, pageId: string): string {
  return `${pageId}:${sha256}`;
}

function stateKey(file: FileState): string {
  return `${file.sizeBytes}:${file.mtimeMs}:${file.uri}`;
}

/** Keeps the newest MAX_ENTRIES. */
function newest<T>(entries: Record<string, T>, at: (entry: T) => number): Record<string, T> {
  const keys = Object.keys(entries);
  if (keys.length <= MAX_ENTRIES) return entries;
  keys.sort((a, b) => at(entries[a]) - at(entries[b]));
  for (const old of keys.slice(0, keys.length - MAX_ENTRIES)) delete entries[old];
  return entries;
}
