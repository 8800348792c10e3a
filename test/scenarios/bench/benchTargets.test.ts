import * as assert from 'node:assert/strict';
import { GiB } from '../../tools/bench/benchFiles';
import { renderMarkdown } from '../../tools/bench/report';
import type { BenchReport, ClientName, ClientRunResult } from '../../tools/bench/results';
import { sha256SecondsPerGiB } from '../../tools/bench/sha256Floor';

function run(client: ClientName, cpuSeconds: number): ClientRunResult {
  return {
    client, fileLabel: '2 GiB', sizeBytes: 2 * GiB, partsTotal: 410, planParts: 410, ok: true, failure: null, wallSeconds: 10, cpuSeconds,
    maxRssBytes: 50 * 1024 * 1024, mibPerSecond: 200, loopDelay: null, idleLoopDelay: null, requests: 413, attached: true,
  };
}

function report(plainCpu: number, hashedCpu: number): BenchReport {
  return {
    startedAt: '2026-11-30T00:00:00.000Z', quick: false, partsInFlight: 3, rateLimited: [], network: null,
    machine: { node: 'v20', curl: 'curl 8', cpus: 2, loadAverageBefore: [0, 0, 0], loadAverageAfter: [0, 0, 0], sha256SecondsPerGiB: 0.65 },
    throughput: [run('curl', 2), run('our CLI', plainCpu), run('our CLI --json', hashedCpu)],
  };
}

function hashingTarget(markdown: string): string | undefined {
  return markdown.split('\n').find((line) => line.startsWith('| CPU per GiB with hashing'));
}

describe('the benchmark report: CPU with hashing', () => {
  it('puts the CPU per GiB with sha256 beside the run without it and the floor sha256 alone sets, and calls a 53 % rise a miss', () => {
    const line = hashingTarget(renderMarkdown(report(2.43, 3.72)));
    assert.equal(line, '| CPU per GiB with hashing ≤ 1.10× without (2 GiB) | 1.86 vs 1.22 s/GiB, 1.53× (sha256 alone: 0.65 s/GiB, 53 % of the run without it) | miss |');
  });

  it('calls a rise within 10 % a pass', () => {
    assert.match(hashingTarget(renderMarkdown(report(2.4, 2.6))) ?? '', /1\.08× .*\| pass \|$/);
  });

  it('measures sha256 on this machine as a positive figure of CPU seconds per GiB', () => {
    const seconds = sha256SecondsPerGiB();
    assert.ok(seconds > 0 && seconds < 60, `sha256 alone: ${seconds} s/GiB`);
  });
});
