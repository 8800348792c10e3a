// The Uploads view's index of sessions: the order a redraw lists them in, and the file names more than one row has,
// kept from events so that a redraw of thousands neither sorts nor counts.
import { strict as assert } from 'node:assert';
import type { SessionStatus, UploadManager } from '../../../src/core';
import { SessionIndex } from '../../../src/vscode/sessionIndex';

function session(id: string, fileName: string, createdAt: number): SessionStatus {
  return { id, fileName, createdAt, state: 'queued' } as SessionStatus;
}

/** The one thing the index reads from a manager: its list, in the manager's own order. */
function managerListing(sessions: SessionStatus[]): UploadManager {
  return { list: () => sessions } as unknown as UploadManager;
}

describe('SessionIndex', () => {
  it('lists newest first, and those created in the same millisecond in the manager\'s order', () => {
    const index = new SessionIndex(managerListing([session('b', 'b.txt', 20), session('a', 'a.txt', 10), session('c', 'c.txt', 20), session('d', 'd.txt', 30)]));
    assert.deepEqual(index.newestFirst(), ['d', 'b', 'c', 'a']);
    assert.deepEqual(index.oldestFirst(), ['a', 'b', 'c', 'd'], 'the order queued uploads start in');
  });

  it('takes a newer session from its event, and refuses one older than the newest so the list is read again', () => {
    const index = new SessionIndex(managerListing([session('a', 'notes.txt', 10)]));
    assert.equal(index.add(session('b', 'notes.txt', 10)), true);
    assert.equal(index.add(session('c', 'other.txt', 12)), true);
    assert.deepEqual(index.newestFirst(), ['c', 'a', 'b']);
    assert.equal(index.add(session('old', 'old.txt', 11)), false);
    assert.equal(index.byId.has('old'), false);
  });

  it('counts each file name once per session: only names two rows share are shared', () => {
    const index = new SessionIndex(managerListing([session('a', 'report.pdf', 1), session('b', 'photo.png', 2)]));
    assert.deepEqual([...index.sharedNames], []);
    index.add(session('c', 'report.pdf', 3));
    assert.deepEqual([...index.sharedNames], ['report.pdf']);
    assert.equal(index.nameCounts.get('report.pdf'), 2);
  });
});
