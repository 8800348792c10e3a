import { strict as assert } from 'node:assert';
import { assertMove, canMove, FINISHED_STATES, SESSION_MOVES, type SessionState } from '../../../src/core/sessions/sessionStates';

describe('session states', () => {
  const states = Object.keys(SESSION_MOVES) as SessionState[];

  it('lets every state be reached from the queue, and every finished state go back to it', () => {
    const reached = new Set<SessionState>(['queued']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const from of [...reached]) for (const to of SESSION_MOVES[from]) if (!reached.has(to)) reached.add(to), (grew = true);
    }
    assert.deepEqual([...reached].sort(), [...states].sort());
    for (const state of FINISHED_STATES) assert.ok(canMove(state, 'queued'), state);
  });

  it('refuses moves that would make a row lie: finished to working, done to failed, back to an earlier step', () => {
    for (const [from, to] of [['done', 'uploading'], ['done', 'failed'], ['cancelled', 'attaching'], ['attaching', 'uploading'], ['queued', 'done']] as const) {
      assert.throws(() => assertMove(from, to), new RegExp(`from ${from} to ${to}`));
    }
  });
});
