// The running totals the status bar and a batch's progress notification read instead of going over every session.
import { strict as assert } from 'node:assert';
import { isFinished, summarizeBatch, type SessionFigures } from '../../../src/core/light';
import { SessionTally } from '../../../src/vscode/sessionTally';
import { SeededRandom } from '../../support/seededRandom';

const STATES = ['queued', 'preparing', 'uploading', 'completing', 'attaching', 'done', 'failed', 'cancelled'] as const;

function randomFigures(random: SeededRandom): SessionFigures {
  const bytesTotal = random.int(0, 50 * 1024 * 1024);
  const state = STATES[random.int(0, STATES.length - 1)];
  // Rates as the core's meter gives them (fractions), and zero for a finished session as a status gives it.
  const bytesPerSecond = isFinished(state) || state === 'queued' ? 0 : random.next() * 20e6;
  return { state, bytesTotal, bytesSent: random.int(0, bytesTotal), bytesPerSecond, etaSeconds: null };
}

/** What summarizeBatch says over the sessions' latest figures, rates rounded as a session's status rounds them. */
function expected(latest: ReadonlyMap<string, SessionFigures>, keeps: (figures: SessionFigures) => boolean) {
  return summarizeBatch([...latest.values()].filter(keeps).map((figures) => ({ ...figures, bytesPerSecond: Math.round(figures.bytesPerSecond) })));
}

describe('SessionTally', () => {
  for (const [name, keeps] of [
    ['every session (a batch)', () => true],
    ['the sessions not finished (the status bar)', (figures: SessionFigures) => !isFinished(figures.state)],
  ] as const) {
    it(`stays equal to summarizeBatch over ${name} through 20,000 random changes and removals`, () => {
      const random = new SeededRandom(0x5e55);
      const tally = new SessionTally(keeps);
      const latest = new Map<string, SessionFigures>();
      for (let change = 0; change < 20_000; change += 1) {
        const id = `s${random.int(0, 300)}`;
        if (random.chance(0.05)) {
          tally.delete(id);
          latest.delete(id);
        } else {
          const figures = randomFigures(random);
          tally.set(id, figures);
          latest.set(id, figures);
        }
        if (change % 97 === 0) assert.deepEqual(tally.summary(), expected(latest, keeps), `after change ${change}`);
      }
      assert.deepEqual(tally.summary(), expected(latest, keeps));
      assert.equal(tally.size, [...latest.values()].filter(keeps).length);
    });
  }

  it('drops a session from the active count when it finishes and counts it again when it is queued once more (retry)', () => {
    const active = new SessionTally((figures) => !isFinished(figures.state));
    active.set('a', { state: 'uploading', bytesSent: 10, bytesTotal: 100, bytesPerSecond: 5.4, etaSeconds: null });
    active.set('b', { state: 'queued', bytesSent: 0, bytesTotal: 50, bytesPerSecond: 0, etaSeconds: null });
    assert.deepEqual(active.summary(), { filesSettled: 0, filesTotal: 2, bytesSent: 10, bytesTotal: 150, bytesPerSecond: 5, etaSeconds: 140 / 5 });
    active.set('a', { state: 'failed', bytesSent: 40, bytesTotal: 100, bytesPerSecond: 0, etaSeconds: null });
    assert.equal(active.has('a'), false);
    // Rates given as fractions leave nothing behind once taken away: no time left is claimed for nothing running.
    assert.deepEqual(active.summary(), { filesSettled: 0, filesTotal: 1, bytesSent: 0, bytesTotal: 50, bytesPerSecond: 0, etaSeconds: null });
    active.set('a', { state: 'queued', bytesSent: 40, bytesTotal: 100, bytesPerSecond: 0, etaSeconds: null });
    assert.deepEqual(active.summary(), { filesSettled: 0, filesTotal: 2, bytesSent: 40, bytesTotal: 150, bytesPerSecond: 0, etaSeconds: null });
    active.clear();
    assert.deepEqual(active.summary(), summarizeBatch([]));
  });

  it('counts a done session as all its bytes sent and a cancelled one as what it had sent, as summarizeBatch does', () => {
    const batch = new SessionTally();
    batch.set('done', { state: 'done', bytesSent: 0, bytesTotal: 70, bytesPerSecond: 0, etaSeconds: null });
    batch.set('cancelled', { state: 'cancelled', bytesSent: 20, bytesTotal: 90, bytesPerSecond: 0, etaSeconds: null });
    assert.deepEqual(batch.summary(), { filesSettled: 2, filesTotal: 2, bytesSent: 90, bytesTotal: 160, bytesPerSecond: 0, etaSeconds: null });
  });

  it('keeps the figures it is given, not a copy of them (thousands of queued files would each cost one more object)', () => {
    const active = new SessionTally((figures) => !isFinished(figures.state));
    const figures: SessionFigures = { state: 'queued', bytesSent: 0, bytesTotal: 10, bytesPerSecond: 0, etaSeconds: null };
    active.set('a', figures);
    assert.equal(active.figuresOf('a'), figures);
    active.set('a', { ...figures, state: 'done' });
    assert.equal(active.figuresOf('a'), undefined, 'a finished session is no longer counted by the status bar');
  });
});
