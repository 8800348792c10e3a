// Part size from the measured link: Notion's budget of 180 requests a minute lets 5 MiB parts carry at most 15 MiB/s,
// whatever the link. Over a link faster than that, our CLI uploads the same file twice in one run: the first in the
// preferred 5 MiB parts (nothing measured yet), the second in parts sized from what the first measured
// (src/core/rules/partSizeForLink.ts). The budget is 180 a minute kept in 10 s windows (30 per 10 s), so that it
// bites within one file as a minute's window would within a longer run.
import { link, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchFile } from './benchFiles';
import { MiB } from './benchFiles';
import { runOurCli } from './clients/ourCli';
import { EmulatorHandle } from './emulatorHandle';
import { NOTION_VERSION } from './throughputScenario';

export const FAST_LINK = { latencyMs: 80, bandwidthMbit: 400 };
export const FAST_LINK_BUDGET = { requests: 30, windowMs: 10_000 };

export interface LinkPartSizeFile {
  label: string;
  partBytes: number;
  parts: number;
  /** From the emulator's log: the first send's arrival to the arrival of complete (all parts answered). */
  sendSeconds: number;
  mibPerSecond: number;
  ok: boolean;
}

export interface LinkPartSizeResult {
  latencyMs: number;
  bandwidthMbit: number;
  budget: { requests: number; windowMs: number };
  sizeBytes: number;
  /** What 5 MiB parts can carry under the budget, and what the link can, in MiB/s. */
  budgetCapMiBps: number;
  linkMiBps: number;
  files: LinkPartSizeFile[];
  failure: string | null;
}

export async function runLinkPartSizeScenario(workDir: string, token: string, file: BenchFile, partsInFlight: number): Promise<LinkPartSizeResult> {
  const result: LinkPartSizeResult = {
    ...FAST_LINK, budget: FAST_LINK_BUDGET, sizeBytes: file.size,
    budgetCapMiBps: (5 * FAST_LINK_BUDGET.requests * 1000) / FAST_LINK_BUDGET.windowMs,
    linkMiBps: (FAST_LINK.bandwidthMbit * 1e6) / 8 / MiB, files: [], failure: null,
  };
  const emulator = await EmulatorHandle.start({ token, storageDir: join(workDir, 'emulator-link-part-size'), rateLimit: FAST_LINK_BUDGET, network: FAST_LINK });
  // The same bytes under a second name: a hard link costs no disk.
  const again = join(workDir, `again-${file.path.split('/').pop()}`);
  await link(file.path, again);
  try {
    const pageId = await emulator.addPage('link part size');
    const job = { apiBase: emulator.url, token, pageId, partsInFlight, notionVersion: NOTION_VERSION };
    const budget = ['--rate', `${FAST_LINK_BUDGET.requests}/${FAST_LINK_BUDGET.windowMs / 1000}`, '--files-in-parallel', '1'];
    const { outcomes } = await runOurCli([file.path, again], job, workDir, 600_000, budget);
    const log = await emulator.log();
    for (const [index, outcome] of outcomes.entries()) {
      const upload = await emulator.upload(outcome.uploadId);
      const mine = log.filter((entry) => entry.path.includes(outcome.uploadId));
      const firstSend = Math.min(...mine.filter((entry) => entry.call === 'send').map((entry) => entry.at));
      const complete = mine.find((entry) => entry.call === 'complete')?.at ?? Number.NaN;
      const sendSeconds = (complete - firstSend) / 1000;
      const parts = upload.partsTotal ?? 1;
      result.files.push({
        label: index === 0 ? 'first file (nothing measured yet)' : 'second file (parts from the first one\'s speed)',
        partBytes: Math.ceil(upload.size / parts / MiB) * MiB, parts, sendSeconds, mibPerSecond: upload.size / MiB / sendSeconds,
        ok: upload.status === 'uploaded' && upload.sha256 === file.sha256,
      });
    }
  } catch (error) {
    result.failure = error instanceof Error ? error.message : String(error);
  } finally {
    await emulator.stop();
    await rm(again, { force: true });
  }
  return result;
}

export function describeLinkPartSize(result: LinkPartSizeResult): string[] {
  const lines = [
    '',
    `### Part size from the measured link: ${result.latencyMs} ms, ${result.bandwidthMbit} Mbit/s (${result.linkMiBps.toFixed(1)} MiB/s), ${result.budget.requests} requests per ${result.budget.windowMs / 1000} s`,
    '',
    `Our CLI uploads the same ${(result.sizeBytes / MiB).toFixed(0)} MiB file twice in one run (one file at a time). Under this budget 5 MiB parts carry at most ${result.budgetCapMiBps.toFixed(0)} MiB/s. Send time: the first part's arrival to complete's, at the emulator.`,
    '',
    '| File | Part size chosen | Parts | Send s | MiB/s | Result |',
    '|---|---:|---:|---:|---:|---|',
  ];
  if (result.failure) lines.push(`| – | – | – | – | – | FAILED: ${result.failure.replace(/\|/g, '/').slice(0, 160)} |`);
  for (const file of result.files) {
    lines.push(`| ${file.label} | ${file.partBytes / MiB} MiB | ${file.parts} | ${file.sendSeconds.toFixed(2)} | ${file.mibPerSecond.toFixed(1)} | ${file.ok ? 'ok (sha256)' : 'WRONG BYTES'} |`);
  }
  return lines;
}
