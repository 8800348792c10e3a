// What a soak run must show, as named checks that both `npm run soak` and the test report.
import { MiB } from '../../../src/core';
import type { SoakReport } from './runSoak';

export interface SoakCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Growth of resident memory over the run that still counts as flat. The emulator runs in this process and holds
 * each upload's parts until it is complete, so the bound covers it; a leak that kept file bytes would pass it.
 */
export const RSS_GROWTH_BOUND_BYTES = 256 * MiB;

const byVerdict = (report: SoakReport, verdict: string) => report.outcomes.filter((outcome) => outcome.verdict === verdict);

export const SOAK_CHECKS: ReadonlyArray<{ name: string; evaluate(report: SoakReport): Omit<SoakCheck, 'name'> }> = [
  {
    name: 'every file ends verified (sha256 + one block) or failed cleanly (message, what to do, nothing attached)',
    evaluate: (report) => {
      const broken = byVerdict(report, 'broken');
      return {
        ok: broken.length === 0,
        detail: broken.length === 0
          ? `${byVerdict(report, 'verified').length} verified, ${byVerdict(report, 'failed cleanly').length} failed cleanly`
          : broken.map((outcome) => `${outcome.status.fileName}: ${outcome.problem}`).join('; '),
      };
    },
  },
  {
    name: 'only the non-retryable faults fail a file: one failed file per 400 on create, complete or append',
    evaluate: (report) => {
      const failed = byVerdict(report, 'failed cleanly');
      const otherwise = failed.filter((outcome) => outcome.status.error?.status !== 400);
      return {
        ok: failed.length === report.nonRetryableAnswers && otherwise.length === 0,
        detail: `${failed.length} failed, ${report.nonRetryableAnswers} such 400s` +
          (otherwise.length ? `; failed otherwise: ${otherwise.map((outcome) => `${outcome.status.fileName}: ${outcome.status.error?.message}`).join('; ')}` : ''),
      };
    },
  },
  {
    name: 'the page holds exactly one block per verified file',
    evaluate: (report) => {
      const verified = byVerdict(report, 'verified').length;
      return { ok: report.blocksOnPage === verified, detail: `${report.blocksOnPage} blocks, ${verified} verified files` };
    },
  },
  {
    name: 'faults were injected, a non-retryable one among them',
    evaluate: (report) => ({
      ok: report.faultsFired > 0 && report.nonRetryableAnswers > 0,
      detail: `${report.faultsFired} fired of ${report.faultsPlanned} planned over ${report.requests} requests`,
    }),
  },
  {
    name: 'no socket or file descriptor left open',
    evaluate: ({ before, after, samples }) => ({
      ok: after.sockets <= before.sockets && (after.fileDescriptors ?? 0) <= (before.fileDescriptors ?? 0),
      detail: `sockets ${before.sockets} → ${after.sockets} (${samples.peakSockets} at most during the run), file descriptors ${before.fileDescriptors ?? 'n/a'} → ${after.fileDescriptors ?? 'n/a'}`,
    }),
  },
  {
    name: 'no unhandled rejection',
    evaluate: (report) => ({
      ok: report.unhandledRejections.length === 0,
      detail: report.unhandledRejections.length === 0 ? 'none' : report.unhandledRejections.join('\n'),
    }),
  },
  {
    name: `resident memory stays flat (grows less than ${RSS_GROWTH_BOUND_BYTES / MiB} MiB)`,
    evaluate: ({ samples }) => ({
      ok: samples.rssMaxBytes - samples.rssStartBytes < RSS_GROWTH_BOUND_BYTES,
      detail: `grew ${((samples.rssMaxBytes - samples.rssStartBytes) / MiB).toFixed(1)} MiB at most`,
    }),
  },
];

export function soakChecks(report: SoakReport): SoakCheck[] {
  return SOAK_CHECKS.map((check) => ({ name: check.name, ...check.evaluate(report) }));
}
