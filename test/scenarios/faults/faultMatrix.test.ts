import { strict as assert } from 'node:assert';
import { FAULT_KINDS } from './faultKinds';
import { cellName, matrixCells } from './matrixCells';
import { MATRIX_SETTINGS } from './matrixSettings';
import { renderMatrix } from './matrixTable';
import { PRODUCT_CALLS } from './productCalls';
import { runFaultMatrix, type CellResult, type MatrixReport } from './runMatrix';

describe('fault matrix: every product call × every injected fault, as real uploads', function () {
  const cells = matrixCells();
  let report: MatrixReport;

  before(async function () {
    this.timeout(240_000);
    report = await runFaultMatrix({ cells });
  });

  const resultOf = (index: number): CellResult => {
    const result = report.cells.find((candidate) => candidate.cell === cells[index]);
    assert.ok(result, 'the cell ran');
    return result;
  };

  it('the fault-free runs recover with the fewest requests: 4 single-part, 7 for 3 parts, 1 search', () => {
    assert.deepEqual(report.baselines.map((baseline) => [baseline.kind, baseline.outcome, baseline.requests, baseline.problems]), [
      ['singlePart', 'recovered', 4, []],
      ['multiPart', 'recovered', 7, []],
      ['search', 'recovered', 1, []],
    ]);
  });

  cells.forEach((cell, index) => {
    const retryable = cell.fault.retryableOn(cell.call);
    const expectation = !retryable ? 'fails cleanly without a repeat'
      : cell.persistence === 'once' ? 'recovers, repeating only the failed request' : 'recovers or fails cleanly within the attempts';
    it(`${cellName(cell)}: ${expectation}`, () => {
      const result = resultOf(index);
      assert.notEqual(result.outcome, 'broken', result.problems.join('; '));
      if (!retryable) {
        assert.equal(result.outcome, 'failed cleanly');
        assert.equal(result.faultedAttempts, 1, 'a non-retryable answer is not repeated');
      } else if (cell.persistence === 'once') {
        assert.equal(result.outcome, 'recovered', `${result.failure?.message ?? ''} ${result.problems.join('; ')}`);
        assert.ok(result.faultedAttempts <= 2, `the faulted request went ${result.faultedAttempts} times`);
      } else {
        assert.ok(result.faultedAttempts <= MATRIX_SETTINGS.maxAttempts, `the faulted request went ${result.faultedAttempts} times`);
      }
    });
  });

  it('the Markdown report has a row per call with a cell per fault in each table, and lists no broken cell', () => {
    const markdown = renderMatrix(report);
    const tableRows = markdown.split('\n').filter((line) => line.startsWith('| '));
    assert.equal(tableRows.length, 2 * (PRODUCT_CALLS.length + 1));
    for (const row of tableRows) assert.equal(row.split(' | ').length, FAULT_KINDS.length + 1, row);
    assert.equal(tableRows.filter((row) => row.includes('❌')).length, 0, markdown);
    assert.ok(!markdown.includes('## Broken cells'), markdown);
  });
});
