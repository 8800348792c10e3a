import type { SessionState } from './sessionStates';

export { FINISHED_STATES, isFinished, type SessionState } from './sessionStates';

export interface SessionError {
  message: string;
  code?: string;
  status?: number;
  requestId?: string;
  hint?: string;
}

export interface SessionStatus {
  id: string;                 // local session id
  filePath: string;
  fileName: string;
  pageId: string;
  state: SessionState;
  bytesSent: number;
  bytesTotal: number;
  partsDone: number;
  partsTotal: number;
  bytesPerSecond: number;     // moving average
  etaSeconds: number | null;
  uploadId: string | null;    // Notion file upload id
  blockId: string | null;     // the attached block
  error: SessionError | null;
  /** Something worth telling that is not an error, e.g. why a resume started over, or that a file went as .txt. */
  notice: string | null;
  resumable: boolean;
  /** What the session is waiting for, while it waits, e.g. "waiting 42 s: Notion's rate limit". */
  waiting?: string | null;
  /** sha256 of the file as the uploader read it, when asked for. */
  sha256: string | null;
  createdAt: number;
  updatedAt: number;
}
