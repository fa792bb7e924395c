// A worksheet's merges (<mergeCells>): each one counted against the sheet's and the
// workbook's limits as it is read, and the cells a merge hides left out of the model.
import { columnLetters, parseRange, rangeArea, type CellRange } from '../../../shared/cells';
import { formatNumber } from '../../../shared/numbers';
import { problem, ProblemStop } from '../../../shared/problems';
import type { ModelCell } from '../workbook-model';
import { areaTooLarge, MAX_MERGES, MAX_MERGES_PER_SHEET, MAX_SHEET_CELLS, sheetLabel, type SheetContext } from './limits';

/**
 * One <mergeCell ref="…">, the sheet having `mergesBefore` already: the range it merges,
 * or null for an unreadable reference, which merges nothing, as in Excel, which drops it
 * on opening. Throws the problem of the first limit it crosses.
 */
export function readMerge(ref: string, mergesBefore: number, ctx: SheetContext): CellRange | null {
  const range = parseRange(ref);
  if (!range) return null;
  const limits = ctx.limits;
  limits.merges++;
  limits.mergedCells += rangeArea(range);
  if (mergesBefore + 1 > MAX_MERGES_PER_SHEET) {
    throw new ProblemStop(
      problem('TOO_MANY_MERGES', 'error', '', `Tệp "${limits.fileName}": ${sheetLabel(ctx.name)} có hơn ${formatNumber(MAX_MERGES_PER_SHEET, 'integer')} vùng gộp ô, quá giới hạn của một trang tính. Hãy bỏ gộp các ô không cần thiết (Merge & Center → Unmerge Cells), lưu lại rồi nhập lại.`),
    );
  }
  if (rangeArea(range) > MAX_SHEET_CELLS) throw areaTooLarge(ctx, `có vùng gộp ô ${ref} (${formatNumber(rangeArea(range), 'integer')} ô), vượt giới hạn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô.`, ref);
  if (limits.mergedCells > MAX_SHEET_CELLS) throw areaTooLarge(ctx, `có vùng gộp ô quá lớn (tổng cộng hơn ${formatNumber(MAX_SHEET_CELLS, 'integer')} ô được gộp, đến vùng ${ref}).`, ref);
  if (limits.merges > MAX_MERGES) {
    throw new ProblemStop(
      problem('TOO_MANY_MERGES', 'error', '', `Tệp "${limits.fileName}" có hơn ${formatNumber(MAX_MERGES, 'integer')} vùng gộp ô (đến ${sheetLabel(ctx.name)}), quá nhiều đối với một báo cáo. Hãy bỏ gộp các ô không cần thiết, lưu lại rồi nhập lại.`),
    );
  }
  return range;
}

/** A merge as the model writes it: "A1:C2". */
export function mergeRef(range: CellRange): string {
  return `${columnLetters(range.c1)}${range.r1}:${columnLetters(range.c2)}${range.r2}`;
}

/** Cells under a merge other than its top-left one hold nothing Excel shows: they are left out. */
export function withoutMergedCells(cells: ModelCell[], merges: readonly CellRange[]): ModelCell[] {
  if (merges.length === 0) return cells;
  const rowsWithCells = new Set(cells.map((c) => c.row));
  const byRow = new Map<number, CellRange[]>();
  for (const m of merges) {
    for (let r = m.r1; r <= m.r2; r++) {
      if (!rowsWithCells.has(r)) continue;
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  return cells.filter((c) => {
    const list = byRow.get(c.row);
    return !list?.some((m) => c.col >= m.c1 && c.col <= m.c2 && !(c.row === m.r1 && c.col === m.c1));
  });
}
