// The soak run in plain text: the mix, the faults, memory and handles, then each check.
import { formatBytes, MiB } from '../../../src/core';
import type { SoakReport } from './runSoak';
import { soakChecks } from './soakChecks';

const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

export function renderSoak(report: SoakReport): string {
  const { options, samples, before, after } = report;
  const lines = [
    `Soak: ${options.fileCount} files (${report.multiPartFiles} multi-part), ${formatBytes(report.totalBytes)}, seed ${options.seed}`,
    `Uploads took ${(report.uploadMs / 1000).toFixed(1)} s, ${report.requests} requests, ${report.faultsFired} faults fired (${report.faultsPlanned} planned)`,
    `Faulted answers: ${Object.entries(report.faultedAnswers).sort().map(([key, count]) => `${key} ×${count}`).join(', ') || 'none'}`,
    `RSS: start ${mib(samples.rssStartBytes)}, min ${mib(samples.rssMinBytes)}, max ${mib(samples.rssMaxBytes)}, end ${mib(samples.rssEndBytes)} (${samples.samples} samples, every 100 ms)`,
    `Sockets ${before.sockets} before, ${samples.peakSockets} at most during, ${after.sockets} after; file descriptors ${before.fileDescriptors ?? 'n/a'} → ${after.fileDescriptors ?? 'n/a'}`,
    `Active resources after: ${Object.entries(after.active).map(([type, count]) => `${type} ×${count}`).join(', ')}`,
    '',
  ];
  for (const check of soakChecks(report)) lines.push(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const failures = report.outcomes.filter((outcome) => outcome.verdict === 'failed cleanly');
  if (failures.length > 0) {
    lines.push('', 'Files that failed cleanly:');
    for (const { status } of failures) lines.push(`  ${status.fileName}: ${status.error?.message} — ${status.error?.hint}`);
  }
  return lines.join('\n');
}
