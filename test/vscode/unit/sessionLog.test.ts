// What the Notion Upload log says as files move on: a folder's files are queued without a line each, and each one's
// path goes on its first line of its own.
import { strict as assert } from 'node:assert';
import type { SessionState, SessionStatus } from '../../../src/core';
import { SessionLog } from '../../../src/vscode/sessionLog';

function status(id: string, state: SessionState, changes: Partial<SessionStatus> = {}): SessionStatus {
  return {
    id, filePath: `/projects/notes/${id}.txt`, fileName: `${id}.txt`, pageId: '0123456789abcdef0123456789abcdef', state,
    bytesSent: 0, bytesTotal: 10, partsDone: 0, partsTotal: 1, bytesPerSecond: 0, etaSeconds: null, uploadId: null,
    blockId: null, error: null, notice: null, resumable: false, sha256: null, createdAt: 1, updatedAt: 1, ...changes,
  };
}

const texts = (lines: Array<{ text: string }>): string[] => lines.map((line) => line.text);

describe('SessionLog', () => {
  it('logs a batch\'s files quietly when queued, then each one\'s path once, on its own first line, whatever the others did', () => {
    const log = new SessionLog();
    assert.deepEqual(log.lines(status('aaaaaaaa1', 'queued'), 'Notes', true), []);
    assert.deepEqual(log.lines(status('bbbbbbbb2', 'queued'), 'Notes', true), []);
    assert.deepEqual(texts(log.lines(status('aaaaaaaa1', 'preparing'), 'Notes')), ['“aaaaaaaa1.txt” [aaaaaaaa]: preparing — from /projects/notes/aaaaaaaa1.txt']);
    assert.deepEqual(texts(log.lines(status('aaaaaaaa1', 'uploading'), 'Notes')), ['“aaaaaaaa1.txt” [aaaaaaaa]: started, 10 B in one request (single part)']);
    // The other file of the batch has not had a line yet: its path is still to be said.
    assert.deepEqual(texts(log.lines(status('bbbbbbbb2', 'cancelled'), 'Notes')), ['“bbbbbbbb2.txt” [bbbbbbbb]: cancelled by you after 0 B of 10 B — from /projects/notes/bbbbbbbb2.txt']);
    assert.deepEqual(texts(log.lines(status('bbbbbbbb2', 'queued'), 'Notes')), ['“bbbbbbbb2.txt” [bbbbbbbb]: queued again (was cancelled)']);
  });

  it('gives a file queued alone its line with the page and the path at once', () => {
    const log = new SessionLog();
    assert.deepEqual(texts(log.lines(status('cccccccc3', 'queued'), 'Notes')), ['“cccccccc3.txt” [cccccccc]: queued for “Notes” from /projects/notes/cccccccc3.txt']);
    assert.deepEqual(texts(log.lines(status('cccccccc3', 'preparing'), 'Notes')), ['“cccccccc3.txt” [cccccccc]: preparing']);
  });

  it('writes a failure as one sentence run with its status, request id and hint, never two full stops in a row', () => {
    const log = new SessionLog();
    const failed = (error: SessionStatus['error']): string[] => texts(log.lines(status('dddddddd4', 'failed', { error }), 'Notes'));
    assert.deepEqual(failed({ message: 'API token is invalid.', code: 'unauthorized', status: 401, requestId: 'req-1', hint: 'Set the token again.' }),
      ['“dddddddd4.txt” [dddddddd]: failed: API token is invalid (401 unauthorized) request_id=req-1. Set the token again.']);
    const other = new SessionLog();
    assert.deepEqual(texts(other.lines(status('eeeeeeee5', 'failed', { error: { message: 'Connection to Notion failed (ECONNREFUSED).', hint: 'Check the network.' } }), 'Notes')),
      ['“eeeeeeee5.txt” [eeeeeeee]: failed: Connection to Notion failed (ECONNREFUSED). Check the network.']);
  });
});
