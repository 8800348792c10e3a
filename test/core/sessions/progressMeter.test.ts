import { strict as assert } from 'node:assert';
import { ProgressMeter } from '../../../src/core/sessions/progressMeter';

describe('ProgressMeter: speed over the last seconds', () => {
  it('keeps a bounded number of samples however often progress comes, and the speed stays right', () => {
    let now = 0;
    const meter = new ProgressMeter(5_000, () => now);
    let most = 0;
    // 100 MiB/s reported every 2 ms (a 512 KiB chunk each time, as a fast upload does) for 20 seconds.
    const bytesPerMs = (100 * 1024 * 1024) / 1000;
    for (now = 0; now <= 20_000; now += 2) {
      meter.record(now * bytesPerMs);
      most = Math.max(most, meter.samplesKept);
    }
    assert.ok(most <= 25, `${most} samples kept`);
    assert.ok(Math.abs(meter.bytesPerSecond() / (bytesPerMs * 1000) - 1) < 0.01, `speed ${meter.bytesPerSecond()}`);
    assert.ok([30, 31].includes(meter.etaSeconds(bytesPerMs * 1000 * 30)!));
  });

  it('follows a change of speed within its window', () => {
    let now = 0;
    const meter = new ProgressMeter(5_000, () => now);
    let bytes = 0;
    for (; now <= 10_000; now += 10) meter.record((bytes += 10_000)); // 1 MB/s
    for (; now <= 20_000; now += 10) meter.record((bytes += 1_000)); // then 100 kB/s
    assert.ok(Math.abs(meter.bytesPerSecond() - 100_000) < 5_000, `speed ${meter.bytesPerSecond()}`);
  });
});
