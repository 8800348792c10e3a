// Our CLI exactly as a user runs it (dist/cli.js, token in NOTION_TOKEN), with only the loop-delay preload added.
// With `json`, it reports each file (and hashes what it read); without, the caller finds the upload at the emulator.
import { join } from 'node:path';
import { runMeasured, ProcessRun } from '../measuredRun';
import type { ClientJob, ClientOutcome } from './clientJob';
import { bundledCli } from '../../../support/projectPaths';

export const CLI_PATH = bundledCli;

interface CliFileReport {
  path: string;
  uploadId: string | null;
  blockId: string | null;
  state: string;
  error: unknown;
}

export async function runOurCli(
  paths: string[],
  job: Pick<ClientJob, 'apiBase' | 'token' | 'pageId' | 'partsInFlight' | 'caCertificatePath'>,
  scratchDir: string,
  timeoutMs: number,
  extraArgs: string[] = [],
  json = true,
): Promise<{ run: ProcessRun; outcomes: Array<ClientOutcome & { path: string }> }> {
  const args = [CLI_PATH, ...paths, '--page', job.pageId, '--api-base', job.apiBase, ...(json ? ['--json'] : []), '--parts-in-flight', String(job.partsInFlight), ...extraArgs];
  const run = await runMeasured(process.execPath, args, {
    scratchDir,
    env: { NOTION_TOKEN: job.token, ...(job.caCertificatePath ? { NODE_EXTRA_CA_CERTS: job.caCertificatePath } : {}) },
    nodePreload: join(__dirname, '..', 'loopDelayPreload.js'),
    timeoutMs,
  });
  const reports = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as CliFileReport);
  const failed = reports.filter((report) => report.state !== 'done' || !report.uploadId);
  if (run.exitCode !== 0 || failed.length > 0 || (json && reports.length === 0)) {
    const why = failed.map((report) => `${report.path}: ${report.state} ${JSON.stringify(report.error)}`).join('; ');
    throw new Error(`CLI exited ${run.exitCode}: ${why || run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return { run, outcomes: reports.map((report) => ({ path: report.path, uploadId: report.uploadId as string, blockId: report.blockId })) };
}
