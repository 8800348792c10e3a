// Runs the whole fault matrix: the fault-free baselines, then every cell (a few at a time, each on its own emulator).
import { runPool } from '../../../src/core/pacing/workerPool';
import { classifyCell, type CellVerdict } from './classifyCell';
import { faultRule, matrixCells, type MatrixCell } from './matrixCells';
import { writeMatrixFiles, type MatrixFile } from './matrixFiles';
import { observeSearch, observeUpload, type Observation } from './observeCell';
import type { MatrixFileKind, ProductCall } from './productCalls';

export type BaselineKind = MatrixFileKind | 'search';

export interface CellResult extends CellVerdict {
  cell: MatrixCell;
}

export interface BaselineResult extends CellVerdict {
  kind: BaselineKind;
  file?: MatrixFile;
}

export interface MatrixReport {
  baselines: BaselineResult[];
  cells: CellResult[];
  ms: number;
}

/** Cells run side by side: most of a cell's time is waiting (backoff, Retry-After, stalls), not sending. */
const CELLS_AT_ONCE = 4;

function baselineKindOf(call: ProductCall): BaselineKind {
  return call.run.kind === 'search' ? 'search' : call.run.file;
}

export async function runFaultMatrix(options: { cells?: MatrixCell[]; onCell?: (result: CellResult) => void } = {}): Promise<MatrixReport> {
  const started = performance.now();
  const files = await writeMatrixFiles();
  try {
    const observe = (kind: BaselineKind, cell?: MatrixCell): Promise<Observation> => {
      const rules = cell ? [faultRule(cell)] : [];
      return kind === 'search' ? observeSearch(rules) : observeUpload(files.byKind[kind], rules);
    };
    const kinds: BaselineKind[] = ['singlePart', 'multiPart', 'search'];
    const baselineRuns = new Map<BaselineKind, Observation>();
    const baselines: BaselineResult[] = [];
    for (const kind of kinds) {
      const observed = await observe(kind);
      baselineRuns.set(kind, observed);
      const file = kind === 'search' ? undefined : files.byKind[kind];
      baselines.push({ kind, file, ...classifyCell(undefined, observed, undefined, file?.sha256) });
    }

    const cells: CellResult[] = [];
    await runPool(options.cells ?? matrixCells(), CELLS_AT_ONCE, async (cell) => {
      const kind = baselineKindOf(cell.call);
      const observed = await observe(kind, cell);
      const sha256 = kind === 'search' ? undefined : files.byKind[kind].sha256;
      const result = { cell, ...classifyCell(cell, observed, baselineRuns.get(kind), sha256) };
      cells.push(result);
      options.onCell?.(result);
    });
    return { baselines, cells, ms: performance.now() - started };
  } finally {
    await files.remove();
  }
}
