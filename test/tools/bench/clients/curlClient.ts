// The practical ceiling: curl does every request. The parts are cut into their own files beforehand (not timed),
// then one curl process posts them all as multipart/form-data with the same number of parts in flight (--parallel).
// Create, complete and attach are one curl process each. Client CPU and RSS: the sum of CPU and the largest peak RSS
// of those curl processes; wall: from the first spawn to the last exit.
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { writeByteRange } from '../benchFiles';
import { runMeasured, ProcessFigures, ProcessRun } from '../measuredRun';
import type { PartPlan } from '../partPlan';
import { attachBlock, ClientJob, ClientOutcome } from './clientJob';

export interface CurlParts {
  files: Array<{ partNumber: number; path: string }>;
  dispose(): Promise<void>;
}

export async function cutParts(job: ClientJob, plan: PartPlan, dir: string): Promise<CurlParts> {
  if (plan.mode === 'single_part') return { files: [{ partNumber: 1, path: job.filePath }], dispose: async () => {} };
  const files: CurlParts['files'] = [];
  for (const part of plan.parts) {
    const path = join(dir, `part-${part.partNumber}`);
    await writeByteRange(job.filePath, part.start, part.end, path);
    files.push({ partNumber: part.partNumber, path });
  }
  return { files, dispose: () => Promise.all(files.map((file) => rm(file.path, { force: true }))).then(() => {}) };
}

/** The headers every request carries, and over https the emulator's CA as the one curl trusts. */
function notionHeaders(job: ClientJob): string[] {
  return [...(job.caCertificatePath ? ['--cacert', job.caCertificatePath] : []), '-H', `Authorization: Bearer ${job.token}`, '-H', `Notion-Version: ${job.notionVersion}`];
}

function jsonArgs(job: ClientJob, method: string, path: string, body?: unknown): string[] {
  const payload = body === undefined ? [] : ['-H', 'Content-Type: application/json', '--data-binary', JSON.stringify(body)];
  return ['-sS', '--fail-with-body', '-X', method, ...notionHeaders(job), ...payload, `${job.apiBase}${path}`];
}

function sendArgs(job: ClientJob, uploadId: string, parts: CurlParts['files']): string[] {
  const url = `${job.apiBase}/v1/file_uploads/${uploadId}/send`;
  const perPart = parts.flatMap((part, index) => [
    ...(index > 0 ? ['--next'] : []),
    ...notionHeaders(job),
    '-H',
    'Expect:',
    ...(job.mode === 'multi_part' ? ['-F', `part_number=${part.partNumber}`] : []),
    '-F',
    `file=@${part.path};type=${job.contentType};filename=${job.fileName}`,
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}\\n',
    url,
  ]);
  return ['--no-progress-meter', '--parallel', '--parallel-max', String(job.partsInFlight), ...perPart];
}

export async function runCurlClient(
  job: ClientJob,
  parts: CurlParts,
  scratchDir: string,
  timeoutMs: number,
): Promise<{ figures: ProcessFigures; outcome: ClientOutcome }> {
  const runs: ProcessRun[] = [];
  const curl = async (args: string[], what: string): Promise<string> => {
    const run = await runMeasured('curl', args, { scratchDir, timeoutMs });
    runs.push(run);
    if (run.exitCode !== 0) throw new Error(`curl ${what} exited ${run.exitCode}: ${run.stderr.trim()} ${run.stdout.trim()}`);
    return run.stdout;
  };

  const started = performance.now();
  const createBody =
    job.mode === 'single_part'
      ? { mode: 'single_part', filename: job.fileName, content_type: job.contentType }
      : { mode: 'multi_part', filename: job.fileName, content_type: job.contentType, number_of_parts: job.partCount };
  const uploadId = String((JSON.parse(await curl(jsonArgs(job, 'POST', '/v1/file_uploads', createBody), 'create')) as { id: string }).id);

  const statuses = (await curl(sendArgs(job, uploadId, parts.files), 'send')).trim().split('\n');
  const refused = statuses.filter((status) => status !== '200');
  if (statuses.length !== parts.files.length || refused.length > 0) {
    throw new Error(`curl send: ${parts.files.length} parts, HTTP statuses ${statuses.join(' ')}`);
  }
  if (job.mode === 'multi_part') await curl(jsonArgs(job, 'POST', `/v1/file_uploads/${uploadId}/complete`), 'complete');
  const appended = JSON.parse(
    await curl(jsonArgs(job, 'PATCH', `/v1/blocks/${job.pageId}/children`, { children: [attachBlock(job, uploadId)] }), 'attach'),
  ) as { results?: Array<{ id: string }> };
  const wallSeconds = (performance.now() - started) / 1000;

  return {
    figures: {
      wallSeconds,
      cpuSeconds: runs.reduce((sum, run) => sum + run.cpuSeconds, 0),
      maxRssBytes: Math.max(...runs.map((run) => run.maxRssBytes)),
    },
    outcome: { uploadId, blockId: appended.results?.[0]?.id ?? null },
  };
}
