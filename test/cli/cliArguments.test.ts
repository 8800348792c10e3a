import { strict as assert } from 'node:assert';
import { flagName, MiB, requestsPerRateWindow, resolveSettings, TUNABLE_SETTINGS } from '../../src/core';
import { USAGE } from '../../src/cli/usage';
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
      apiBase: 'http://127.0.0.1:9999', partSize: 10, filesInParallel: 4, partsInFlight: 2,
      maxUploadSpeed: 1.5, requestsPerMinute: 90, requestTimeoutMs: 30_000,
    });
    assert.equal(options.statePath, '.notion-upload-sessions.json');
    assert.deepEqual([options.asText, options.json], [true, true]);
    assert.equal(parseCliArguments(['x', '--page', page, '--state', 'my.json']).statePath, 'my.json');
    assert.equal(parseCliArguments(['x', '--page', page]).statePath, null);
  });

  it('takes each knob of the settings table under its one name, and the older flag names still', () => {
    const byNewNames = parseCliArguments(['x', '--page', page, '--files-in-parallel', '4', '--max-upload-speed', '2.5']).settings;
    const byOldNames = parseCliArguments(['x', '--page', page, '--concurrency', '4', '--max-speed', '2.5']).settings;
    assert.deepEqual(byNewNames, { filesInParallel: 4, maxUploadSpeed: 2.5 });
    assert.deepEqual(byOldNames, byNewNames);
    for (const setting of TUNABLE_SETTINGS) {
      const lines = USAGE.split('\n');
      const at = lines.findIndex((text) => text.startsWith(`  --${flagName(setting.key)} <${setting.unit}>`));
      assert.ok(at >= 0, `--help lists --${flagName(setting.key)}`);
      // The entry's text follows on its line, or on the next when the flag is longer than the column.
      const line = `${lines[at]} ${lines[at + 1].trim()}`;
      assert.ok(line.includes(setting.description) && line.includes(`${setting.min}..${setting.max}, default ${setting.default}`), line);
      for (const old of setting.oldFlags) assert.ok(line.includes(`--${old}`), `--help names the older --${old}`);
      const atMax = parseCliArguments(['x', '--page', page, `--${flagName(setting.key)}`, String(setting.max)]).settings;
      assert.equal(atMax[setting.key], setting.max);
      assert.throws(() => parseCliArguments(['x', '--page', page, `--${flagName(setting.key)}`, String(setting.max + 1)]), UsageError);
    }
  });

  it('reads --rate as a budget per window of the server\'s length', () => {
    assert.deepEqual(parseCliArguments(['x', '--page', page, '--rate', '40/10']).settings, { requestsPerMinute: 240, rateWindowMs: 10_000 });
    assert.deepEqual(parseCliArguments(['x', '--page', page, '--rate', '180/60s']).settings, { requestsPerMinute: 180, rateWindowMs: 60_000 });
    // A window that does not divide a minute evenly still allows exactly the requests asked for in each window.
    for (const [rate, requests, windowMs] of [['40/7', 40, 7000], ['5/1.5', 5, 1500], ['1/60', 1, 60_000], ['999/59', 999, 59_000]] as const) {
      const settings = parseCliArguments(['x', '--page', page, '--rate', rate]).settings;
      assert.equal(settings.rateWindowMs, windowMs, rate);
      assert.equal(requestsPerRateWindow(resolveSettings(settings)), requests, rate);
    }
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
      [['a.png', '--page', page, '--part-size', '4'], /--part-size: Part size must be a whole number from 5 to 20 \(MiB\), got 4/],
      [['a.png', '--page', page, '--part-size', 'big'], /--part-size must be a whole number from 5 to 20/],
      [['a.png', '--page', page, '--concurrency', '0'], /--concurrency: Files in parallel must be a whole number from 1 to 32/],
      [['a.png', '--page', page, '--files-in-parallel', '33'], /--files-in-parallel: Files in parallel must be a whole number from 1 to 32/],
      [['a.png', '--page', page, '--files-in-parallel', '2', '--concurrency', '3'], /--files-in-parallel or --concurrency once/],
      [['a.png', '--page', page, '--max-upload-speed', '20000'], /Max upload speed must be a number from 0 to 10000/],
      [['a.png', '--page', page, '--token', 'ntn_x'], /Unknown option '--token'/],
      [['a.png', '--page', page, '--rate', '40'], /--rate wants <requests>\/<seconds>/],
      [['a.png', '--page', page, '--rate', '40/0.5'], /--rate: the window must be 1 to 60 seconds/],
      [['a.png', '--page', page, '--rate', '100000/1'], /--rate 100000\/1 is 6000000 requests a minute/],
      [['a.png', '--page', page, '--rate', '40/10', '--requests-per-minute', '90'], /either --requests-per-minute or --rate/],
      [['a.png', '--page', page, '--timeout', '-5'], /^--timeout is followed by a value starting with a dash, which reads as another option: write --timeout=<value> to give it\.$/],
      [['a.png', '--page', page, '--timeout=-5'], /--timeout must be a whole number from 1 to 3600, got "-5"/],
      [['a.png', '--page', page, '--bogus'], /^Unknown option '--bogus'\. To specify a positional argument/],
    ];
    // One line each: the CLI prints a message with control characters escaped, so a newline would show as a literal \n.
    for (const [argv, message] of cases) assert.throws(() => parseCliArguments(argv), (error: unknown) => error instanceof UsageError && message.test(error.message) && !error.message.includes('\n'), argv.join(' '));
  });
});
