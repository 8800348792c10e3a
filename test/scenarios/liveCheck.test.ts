import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { start, type Emulator, type EmulatorOptions } from '../emulator';
import { finish } from '../support/cliProcess';
import { projectRoot } from '../support/projectPaths';

const LIVE_CHECK = join(projectRoot, 'out', 'test', 'tools', 'liveCheck', 'main.js');

interface Report {
  results: Array<{ point: string; documented: string; observed: string; clientDoes: string }>;
  cleanup: { removed: number; failed: number };
}

/** Runs `npm run live-check` against an emulator, as a maintainer runs it against Notion. */
async function liveCheck(emulator: Emulator, extra: string[] = []): Promise<{ code: number | null; report: Report; stderr: string }> {
  const child = spawn(process.execPath, [LIVE_CHECK, '--page', emulator.pageId, '--api-base', emulator.url, '--json', '--slow-send-seconds', '1', ...extra], {
    env: { PATH: process.env.PATH, NOTION_TOKEN: emulator.token }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = await finish(child, 110_000);
  try {
    return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
  } catch {
    throw new Error(`live-check printed no report (exit ${run.code}): ${run.stdout}${run.stderr}`);
  }
}

function observed(report: Report, point: RegExp): string {
  const row = report.results.find((result) => point.test(result.point));
  assert.ok(row, `no row for ${point}`);
  return row.observed;
}

describe('npm run live-check against the emulator', function () {
  this.timeout(120_000);
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  async function run(options: EmulatorOptions, extra: string[] = []): Promise<Report> {
    emulator = await start({ plan: 'paid', rateLimit: false, ...options });
    const { code, report, stderr } = await liveCheck(emulator, extra);
    assert.equal(code, 0, stderr);
    assert.ok(!JSON.stringify(report).includes(emulator.token), 'the token must not appear in the report');
    return report;
  }

  it('observes every uncertain point and reports what the server really answered', async () => {
    const report = await run({});
    assert.equal(report.results.length, 8);
    for (const result of report.results) assert.doesNotMatch(result.observed, /probe failed/, result.point);
    assert.match(observed(report, /users\/me/), /^bot;/);
    assert.match(observed(report, /sent twice/), /first 200, again 400 validation_error/);
    assert.match(observed(report, /outside the documented list/), /\.md create 400 validation_error/);
  });

  it('follows the emulator when its open points are switched the other way', async () => {
    const report = await run({ switches: { singlePartLimitInclusive: false, rejectResentPart: false, wideTypeList: true } }, ['--skip', 'time-limit,position,html-embed']);
    assert.match(observed(report, /size edge/), /20000001: send 200; 20971520: send 400/);
    assert.match(observed(report, /sent twice/), /first 200, again 200/);
    assert.match(observed(report, /outside the documented list/), /\.md 200 as text\/markdown/);
  });
});
