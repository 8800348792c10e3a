import * as assert from 'node:assert/strict';
import { formatBatch, formatDuration, formatTransfer, shortReason, summarizeBatch } from '../../../src/core/rules/progressText';
import { MiB } from '../../../src/core/rules/units';

describe('progress text', () => {
  it('writes durations as m:ss and h:mm:ss, rounding up', () => {
    assert.equal(formatDuration(0), '0:00');
    assert.equal(formatDuration(30.2), '0:31');
    assert.equal(formatDuration(600), '10:00');
    assert.equal(formatDuration(3729), '1:02:09');
  });

  it('describes a transfer as "42 % · 12.3 MiB/s · 0:31 left", without speed or time before there is a measured speed', () => {
    assert.equal(formatTransfer({ bytesSent: 42 * MiB, bytesTotal: 100 * MiB, bytesPerSecond: 12.3 * MiB, etaSeconds: 30.5 }), '42 % · 12.3 MiB/s · 0:31 left');
    assert.equal(formatTransfer({ bytesSent: 0, bytesTotal: 100, bytesPerSecond: 0, etaSeconds: null }), '0 %');
    assert.equal(formatTransfer({ bytesSent: 0, bytesTotal: 0, bytesPerSecond: 0, etaSeconds: null }), '0 %');
  });

  it('adds up a batch: settled files, bytes of every file, speed of the moving ones, time left from both', () => {
    const summary = summarizeBatch([
      { state: 'done', bytesSent: 10 * MiB, bytesTotal: 10 * MiB, bytesPerSecond: 0, etaSeconds: null },
      { state: 'uploading', bytesSent: 5 * MiB, bytesTotal: 20 * MiB, bytesPerSecond: 2 * MiB, etaSeconds: 7.5 },
      { state: 'uploading', bytesSent: 1 * MiB, bytesTotal: 10 * MiB, bytesPerSecond: 1 * MiB, etaSeconds: 9 },
      { state: 'queued', bytesSent: 0, bytesTotal: 10 * MiB, bytesPerSecond: 0, etaSeconds: null },
      { state: 'failed', bytesSent: 2 * MiB, bytesTotal: 4 * MiB, bytesPerSecond: 0, etaSeconds: null },
    ]);
    assert.equal(summary.filesSettled, 2);
    assert.equal(summary.filesTotal, 5);
    assert.equal(summary.bytesSent, 18 * MiB);
    assert.equal(summary.bytesTotal, 54 * MiB);
    assert.equal(summary.bytesPerSecond, 3 * MiB);
    assert.equal(summary.etaSeconds, 12);
    assert.equal(formatBatch(summary), '2/5 files · 33 % · 3.0 MiB/s · 0:12 left');
  });

  it('leaves the count out for a batch of one, whose notification names the file already', () => {
    const summary = summarizeBatch([{ state: 'uploading', bytesSent: 1, bytesTotal: 4, bytesPerSecond: 0, etaSeconds: null }]);
    assert.equal(formatBatch(summary), '25 %');
  });

  it('ends a batch\'s line with what a file of it waits for, so a batch stuck at one figure says why', () => {
    const summary = summarizeBatch([
      { state: 'uploading', bytesSent: 0, bytesTotal: 4, bytesPerSecond: 0, etaSeconds: null },
      { state: 'uploading', bytesSent: 0, bytesTotal: 4, bytesPerSecond: 0, etaSeconds: null },
    ]);
    const waiting = 'Notion not reachable (connection refused); trying again in 8 s (attempt 4 of 6)';
    assert.equal(formatBatch(summary, waiting), `0/2 files · 0 % · ${waiting}`);
    assert.equal(formatBatch(summary, null), '0/2 files · 0 %');
  });

  it('cuts a failure reason to its first line and a row\'s width', () => {
    assert.equal(shortReason('API token is invalid.\nmore detail'), 'API token is invalid.');
    assert.equal(shortReason('x'.repeat(100), 20), `${'x'.repeat(19)}…`);
  });
});
