// The matrix as Markdown: one table per persistence, rows = product calls, columns = faults, then what failed cells said.
import { FAULT_KINDS } from './faultKinds';
import { PERSISTENCES, cellName, type Persistence } from './matrixCells';
import { MATRIX_SETTINGS, requestBound } from './matrixSettings';
import { describeFile } from './matrixFiles';
import { MATRIX_PART_SIZE, PRODUCT_CALLS } from './productCalls';
import type { CellResult, MatrixReport } from './runMatrix';

const MARK = { recovered: '✅', 'failed cleanly': '⛔', broken: '❌' } as const;

const PERSISTENCE_TITLE: Record<Persistence, string> = {
  once: 'The fault hits the first attempt only',
  everyAttempt: 'The fault hits every attempt',
};

function cellText(result: CellResult | undefined): string {
  if (!result) return '—';
  const overhead = result.overhead >= 0 ? `+${result.overhead}` : String(result.overhead);
  return `${MARK[result.outcome]} ${result.requests} (${overhead})`;
}

/** One line of table-safe text; the emulator's port differs per cell, so it is left out to group equal messages. */
function plainText(text: string): string {
  return text.replace(/https?:\/\/127\.0\.0\.1:\d+/g, 'the API').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

export function renderMatrix(report: MatrixReport): string {
  const lines: string[] = [];
  const baselineText = report.baselines.map((baseline) => {
    const what = baseline.file ? describeFile(baseline.kind as 'singlePart' | 'multiPart', baseline.file.size, MATRIX_PART_SIZE) : 'search';
    return `${what}: ${baseline.requests} request(s) ${MARK[baseline.outcome]}`;
  });
  lines.push('# Fault matrix', '');
  lines.push(`Each cell is a real upload (or search) against the emulator with one fault armed. ${MARK.recovered} recovered: sha256 equal, exactly one block, only the failed request re-sent. ${MARK['failed cleanly']} failed cleanly: a message naming the cause and what to do, nothing attached, at most the fault-free count + ${2 * MATRIX_SETTINGS.maxAttempts} requests. ${MARK.broken} anything else. The figures: requests the emulator saw (overhead over the fault-free run). — : the emulator does not inject that fault on that call.`);
  lines.push('', `Fault-free runs: ${baselineText.join('; ')}. Settings: ${MATRIX_SETTINGS.maxAttempts} attempts, backoff ${MATRIX_SETTINGS.retryBaseDelayMs}–${MATRIX_SETTINGS.retryMaxDelayMs} ms, request timeout ${MATRIX_SETTINGS.requestTimeoutMs} ms, ${MATRIX_SETTINGS.partsInFlight} parts in flight.`);

  for (const persistence of PERSISTENCES) {
    lines.push('', `## ${PERSISTENCE_TITLE[persistence]}`, '');
    lines.push(`| call \\ fault | ${FAULT_KINDS.map((fault) => fault.label).join(' | ')} |`);
    lines.push(`|---|${FAULT_KINDS.map(() => '---').join('|')}|`);
    for (const call of PRODUCT_CALLS) {
      const row = FAULT_KINDS.map((fault) => cellText(report.cells.find((r) => r.cell.call === call && r.cell.fault === fault && r.cell.persistence === persistence)));
      lines.push(`| ${call.label} | ${row.join(' | ')} |`);
    }
  }

  const failures = new Map<string, string[]>();
  for (const result of report.cells) {
    if (result.outcome !== 'failed cleanly' || !result.failure) continue;
    const { failure } = result;
    const said = `${failure.status ?? failure.code ?? ''} — "${plainText(failure.message)}" — what to do: "${plainText(failure.hint ?? '')}"`;
    failures.set(said, [...(failures.get(said) ?? []), `${result.cell.call.label} × ${result.cell.fault.label}`]);
  }
  lines.push('', '## What the user is told when a cell fails cleanly', '');
  for (const [said, where] of failures) lines.push(`- ${said} (${where.length} cell${where.length === 1 ? '' : 's'})`);

  const broken = report.cells.filter((result) => result.outcome === 'broken');
  if (broken.length > 0) {
    lines.push('', '## Broken cells', '');
    for (const result of broken) lines.push(`- ${cellName(result.cell)}: ${result.problems.join('; ')}`);
  }
  const totalRequests = report.cells.reduce((sum, result) => sum + result.requests, 0);
  const overhead = report.cells.reduce((sum, result) => sum + Math.max(0, result.overhead), 0);
  lines.push('', `${report.cells.length} cells, ${totalRequests} requests (${overhead} over the fault-free runs), largest allowed per failing cell: fault-free + ${requestBound(0)}; ${(report.ms / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}
