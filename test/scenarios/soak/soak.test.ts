import { strict as assert } from 'node:assert';
import { DEFAULT_SEED, QUICK_FILE_COUNT, runSoak, type SoakReport } from './runSoak';
import { SOAK_CHECKS } from './soakChecks';
import { renderSoak } from './soakReport';

const QUICK = { fileCount: QUICK_FILE_COUNT, seed: DEFAULT_SEED };

describe(`soak, quick: ${QUICK.fileCount} files at once through one manager with ~5 % faults`, function () {
  let report: SoakReport;
  let ms = 0;

  before(async function () {
    this.timeout(90_000);
    const started = performance.now();
    report = await runSoak(QUICK);
    ms = performance.now() - started;
  });

  it('runs every file, a multi-part one among them, in under 60 s', () => {
    assert.equal(report.outcomes.length, QUICK.fileCount);
    assert.ok(report.outcomes.some((outcome) => outcome.status.partsTotal > 1), 'a multi-part file');
    assert.ok(ms < 60_000, `took ${Math.round(ms)} ms`);
  });

  for (const check of SOAK_CHECKS) {
    it(check.name, () => {
      const { ok, detail } = check.evaluate(report);
      assert.ok(ok, `${detail}\n${renderSoak(report)}`);
    });
  }
});
