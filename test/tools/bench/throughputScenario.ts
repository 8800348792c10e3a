// Every client uploads the same file with the same part plan and parts in flight, one after another, against the
// same emulator; each run is measured from outside and counts only if the emulator holds the right bytes.
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BenchFile, MiB } from './benchFiles';
import { ClientJob, ClientOutcome } from './clients/clientJob';
import { cutParts, runCurlClient } from './clients/curlClient';
import { runNodeClient } from './clients/nodeClients';
import { runNtn } from './clients/ntnClient';
import { runOurCli } from './clients/ourCli';
import type { EmulatorHandle } from './emulatorHandle';
import type { LoopDelay, ProcessFigures } from './measuredRun';
import { planParts, PartPlan } from './partPlan';
import type { ClientName, ClientRunResult } from './results';
import { checkBlocks, checkUpload } from './uploadCheck';
import { startIdleControl } from './idleControl';

export const NOTION_VERSION = '2026-03-11';
/** The highest budget the CLI accepts: in effect none. */
export const UNLIMITED_REQUESTS_PER_MINUTE = 100_000;
const UNLIMITED_BUDGET = ['--requests-per-minute', String(UNLIMITED_REQUESTS_PER_MINUTE)];

interface ClientFigures extends ProcessFigures {
  loopDelay: LoopDelay | null;
  outcome: ClientOutcome;
}

interface BenchClient {
  name: ClientName;
  /** Whether the client attaches what it uploaded (ntn does not: its upload is checked, and the page must stay empty). */
  attaches?: false;
  /**
   * Above this size the client runs only when named with --clients: the legacy client pauses a second per part, so a
   * 2 GiB file takes it about seven minutes and tells nothing its 200 MiB run does not.
   */
  largestFileBytes?: number;
  run(job: ClientJob, plan: PartPlan, scratchDir: string): Promise<ClientFigures>;
}

/** A client's own generous limit: the legacy pauses a second per part, and the box may be busy. */
function clientTimeoutMs(file: BenchFile): number {
  return Math.max(120_000, (file.size / MiB) * 1_500);
}

function clientsFor(emulator: EmulatorHandle, file: BenchFile): BenchClient[] {
  const timeoutMs = clientTimeoutMs(file);
  const nodeClient =
    (script: 'sdkClient' | 'legacyClient', extraArgs: string[]) =>
    async (job: ClientJob, _plan: PartPlan, scratchDir: string): Promise<ClientFigures> => {
      const { run, outcome } = await runNodeClient(script, job, extraArgs, scratchDir, timeoutMs);
      return { ...run, outcome };
    };
  return [
    {
      name: 'curl',
      async run(job, plan, scratchDir) {
        const parts = await cutParts(job, plan, scratchDir);
        try {
          const { figures, outcome } = await runCurlClient(job, parts, scratchDir, timeoutMs);
          return { ...figures, loopDelay: null, outcome };
        } finally {
          await parts.dispose();
        }
      },
    },
    {
      name: 'our CLI',
      async run(job, _plan, scratchDir) {
        // The emulator enforces no budget here, so the CLI is told none either; budgets have their own scenarios.
        const { run } = await runOurCli([job.filePath], job, scratchDir, timeoutMs, UNLIMITED_BUDGET, false);
        const blocks = await emulator.blocks(job.pageId);
        const uploadId = blocks.length === 1 ? blocks[0].uploadId : null;
        if (!uploadId) throw new Error(`the page holds ${blocks.length} blocks after the CLI ran, expected one file block`);
        return { ...run, outcome: { uploadId, blockId: blocks[0].id } };
      },
    },
    {
      name: 'our CLI --json',
      async run(job, _plan, scratchDir) {
        const { run, outcomes } = await runOurCli([job.filePath], job, scratchDir, timeoutMs, UNLIMITED_BUDGET);
        if (outcomes.length !== 1) throw new Error(`CLI reported ${outcomes.length} files, expected 1`);
        return { ...run, outcome: outcomes[0] };
      },
    },
    { name: 'SDK readFile Blob', run: nodeClient('sdkClient', ['readFile']) },
    { name: 'SDK openAsBlob', run: nodeClient('sdkClient', ['openAsBlob']) },
    { name: 'legacy (seed)', largestFileBytes: 256 * MiB, run: nodeClient('legacyClient', []) },
    {
      name: 'ntn',
      attaches: false,
      async run(job, _plan, scratchDir) {
        const { figures, outcome } = await runNtn(emulator, job, scratchDir, timeoutMs);
        return { ...figures, loopDelay: null, outcome };
      },
    },
  ];
}

function blockTypeFor(contentType: string): string {
  const kind = contentType.split('/')[0];
  if (kind === 'image' || kind === 'video' || kind === 'audio') return kind;
  if (contentType === 'application/pdf') return 'pdf';
  return 'file';
}

export async function runThroughput(
  emulator: EmulatorHandle,
  files: Array<{ label: string; file: BenchFile }>,
  partsInFlight: number,
  workDir: string,
  onResult: (result: ClientRunResult) => void,
  clientNames?: ReadonlySet<string>,
): Promise<ClientRunResult[]> {
  const results: ClientRunResult[] = [];
  for (const { label, file } of files) {
    const plan = planParts(file.size);
    const wanted = (entry: BenchClient): boolean =>
      clientNames ? clientNames.has(entry.name) : entry.largestFileBytes === undefined || file.size <= entry.largestFileBytes;
    for (const client of clientsFor(emulator, file).filter(wanted)) {
      const pageId = await emulator.addPage(`bench ${client.name} ${label}`);
      const job: ClientJob = {
        apiBase: emulator.url,
        token: emulator.token,
        notionVersion: NOTION_VERSION,
        pageId,
        filePath: file.path,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        mode: plan.mode,
        partSize: plan.partSize,
        partCount: plan.parts.length,
        partsInFlight,
        blockType: blockTypeFor(file.contentType),
        caCertificatePath: emulator.caCertificatePath,
      };
      const result: ClientRunResult = {
        client: client.name,
        fileLabel: label,
        sizeBytes: file.size,
        partsTotal: null,
        planParts: plan.parts.length,
        ok: false,
        failure: null,
        wallSeconds: null,
        cpuSeconds: null,
        maxRssBytes: null,
        mibPerSecond: null,
        loopDelay: null,
        idleLoopDelay: null,
        requests: null,
        attached: client.attaches !== false,
      };
      const scratchDir = await mkdtemp(join(workDir, 'client-'));
      const idleControl = startIdleControl(scratchDir);
      await emulator.clearLog();
      try {
        const figures = await client.run(job, plan, scratchDir).finally(async () => {
          result.idleLoopDelay = await idleControl.stop();
        });
        const check = await checkUpload(emulator, file, figures.outcome.uploadId);
        result.partsTotal = check.upload?.partsTotal ?? null;
        result.failure = check.failure ?? (await checkBlocks(emulator, pageId, result.attached ? [figures.outcome.uploadId] : []));
        result.requests = (await emulator.log()).filter((entry) => entry.path.startsWith('/v1/')).length;
        if (result.failure === null) {
          result.ok = true;
          result.wallSeconds = figures.wallSeconds;
          result.cpuSeconds = figures.cpuSeconds;
          result.maxRssBytes = figures.maxRssBytes;
          result.mibPerSecond = file.size / MiB / figures.wallSeconds;
          result.loopDelay = figures.loopDelay;
        }
      } catch (error) {
        result.failure = (error as Error).message;
      } finally {
        await rm(scratchDir, { recursive: true, force: true });
      }
      results.push(result);
      onResult(result);
    }
  }
  return results;
}
