import { strict as assert } from 'node:assert';
import { MiB } from '../../src/core';
import { parseCliArguments, parseSpeed, UsageError } from '../../src/cli/cliArguments';

const page = '1f2e3d4c5b6a79881f2e3d4c5b6a7988';

describe('CLI arguments', () => {
  it('reads every option into settings', () => {
    const options = parseCliArguments([
      'a.png', 'folder', '--page', `https://www.notion.so/Plan-${page}`, '--api-base', 'http://127.0.0.1:9999', '--part-size', '10',
      '--concurrency', '4', '--parts-in-flight', '2', '--max-speed', '1.5', '--requests-per-minute', '90', '--timeout', '30',
      '--resume', '--as-text', '--json',
    ]);
    assert.deepEqual(options.paths, ['a.png', 'folder']);
    assert.equal(options.pageId, '1f2e3d4c-5b6a-7988-1f2e-3d4c5b6a7988');
    assert.deepEqual(options.settings, {
      apiBase: 'http://127.0.0.1:9999', partSizeBytes: 10 * MiB, fileConcurrency: 4, partConcurrency: 2,
      maxBytesPerSecond: 1.5 * MiB, requestsPerWindow: 90, requestTimeoutMs: 30_000,
    });
    assert.equal(options.statePath, '.notion-upload-sessions.json');
    assert.deepEqual([options.asText, options.json], [true, true]);
    assert.equal(parseCliArguments(['x', '--page', page, '--state', 'my.json']).statePath, 'my.json');
    assert.equal(parseCliArguments(['x', '--page', page]).statePath, null);
  });

  it('reads --rate as a budget per window of the server\'s length', () => {
    assert.deepEqual(parseCliArguments(['x', '--page', page, '--rate', '40/10']).settings, { requestsPerWindow: 40, rateWindowMs: 10_000 });
    assert.deepEqual(parseCliArguments(['x', '--page', page, '--rate', '180/60s']).settings, { requestsPerWindow: 180, rateWindowMs: 60_000 });
  });

  it('reads speeds in MiB/s by default, or with a unit', () => {
    assert.equal(parseSpeed('2'), 2 * MiB);
    assert.equal(parseSpeed('800K'), 800 * 1024);
    assert.equal(parseSpeed('3MiB/s'), 3 * MiB);
    assert.equal(parseSpeed('1500000B'), 1_500_000);
    assert.equal(parseSpeed('0'), 0);
    assert.throws(() => parseSpeed('fast'), UsageError);
  });

  it('refuses what it cannot use, saying which flag is wrong', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--page', page], /at least one file/],
      [['a.png'], /--page is required/],
      [['a.png', '--page', `https://www.notion.so/${page}?v=${'a'.repeat(32)}`], /--page: .*database/],
      [['a.png', '--page', page, '--api-base', 'http://example.com'], /--api-base: .*plain http/],
      [['a.png', '--page', page, '--part-size', '4'], /--part-size must be a whole number from 5 to 20/],
      [['a.png', '--page', page, '--concurrency', '0'], /--concurrency/],
      [['a.png', '--page', page, '--token', 'ntn_x'], /Unknown option '--token'/],
      [['a.png', '--page', page, '--rate', '40'], /--rate wants <requests>\/<seconds>/],
      [['a.png', '--page', page, '--rate', '40/0.5'], /--rate: the window must be 1 to 3600 seconds/],
      [['a.png', '--page', page, '--rate', '40/10', '--requests-per-minute', '90'], /either --requests-per-minute or --rate/],
    ];
    for (const [argv, message] of cases) assert.throws(() => parseCliArguments(argv), (error: unknown) => error instanceof UsageError && message.test(error.message), argv.join(' '));
  });
});
