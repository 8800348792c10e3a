// A session's states, the moves between them, and the named sets of states the rest of the code asks about. Every
// state change goes through `assertMove`, so an impossible move (e.g. a finished session "uploading") is a bug
// that shows, not a row that quietly says the wrong thing.
export type SessionState = 'queued' | 'preparing' | 'uploading' | 'completing' | 'attaching' | 'done' | 'failed' | 'cancelled';

/** Where each state may go next. A finished session goes back to the queue only when the user retries or resumes it. */
export const SESSION_MOVES: Readonly<Record<SessionState, readonly SessionState[]>> = {
  queued: ['preparing', 'failed', 'cancelled'],
  // preparing → attaching: a resumed upload that Notion already holds whole; → done: an upload kept for placing
  // elsewhere (a Markdown page places it in its own blocks) is done once Notion holds the bytes
  preparing: ['uploading', 'attaching', 'done', 'failed', 'cancelled'],
  uploading: ['completing', 'attaching', 'done', 'failed', 'cancelled'],
  completing: ['attaching', 'done', 'failed', 'cancelled'],
  attaching: ['done', 'failed', 'cancelled'],
  done: ['queued'],
  failed: ['queued'],
  cancelled: ['queued'],
};

/** The session will do nothing more by itself. */
export const FINISHED_STATES: readonly SessionState[] = ['done', 'failed', 'cancelled'];

/** Bytes are being read or sent: the states whose speed and time left mean something. */
export const TRANSFERRING_STATES: readonly SessionState[] = ['preparing', 'uploading', 'completing'];

export function isFinished(state: SessionState | string): boolean {
  return (FINISHED_STATES as readonly string[]).includes(state);
}

export function isTransferring(state: SessionState): boolean {
  return TRANSFERRING_STATES.includes(state);
}

export function canMove(from: SessionState, to: SessionState): boolean {
  return SESSION_MOVES[from].includes(to);
}

export function assertMove(from: SessionState, to: SessionState): void {
  if (!canMove(from, to)) throw new Error(`An upload session cannot go from ${from} to ${to}.`);
}
