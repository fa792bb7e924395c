// The bounds a workbook is read within, and the problem each one raises in the clerk's
// words: a file over one stops at the place that crossed it, before anything leaves the
// worker.
import { formatNumber } from '../../../shared/numbers';
import { problem, ProblemStop } from '../../../shared/problems';
import type { ModelCell } from '../workbook-model';
import type { SharedString } from './shared-strings';
import type { CellStyle } from './styles';

/**
 * The cells a sheet really holds, one merge's area, and the cells under merges in the
 * whole workbook. A sheet's declared <dimension> is not held to it: it is what the
 * writer claims, not what the sheet holds (Gnumeric declares A1:XFD1048576 for 22
 * cells), and nothing is ever allocated by it.
 */
export const MAX_SHEET_CELLS = 1_000_000;
/**
 * Merges in one sheet, and in the whole workbook. A report form has a few dozen and an
 * agency's own layout a few hundred; a layout profile looks merges up one by one
 * (profile-reader.ts), so 30,000 one-row merges, harmless in area, are refused all the same.
 */
export const MAX_MERGES_PER_SHEET = 2_000;
export const MAX_MERGES = 10_000;
/** Excel's own limit for the text of one cell: a longer one was not written by Excel. */
export const MAX_CELL_TEXT = 32_767;
/**
 * The text all cells of a workbook may carry to the main thread together (characters).
 * A shared string is stored once in the file but travels once per cell that uses it, so
 * this, not the file's size, bounds what the model costs (about 2 bytes a character).
 */
export const MAX_MODEL_TEXT = 4_000_000;

export interface WorkbookLimits {
  fileName: string;
  merges: number;
  mergedCells: number;
  /** Characters of text (and formula text) in the cells read so far. */
  textChars: number;
}

export interface SheetContext {
  name: string;
  strings: readonly SharedString[];
  styles: readonly CellStyle[];
  date1904: boolean;
  limits: WorkbookLimits;
}

export function sheetLabel(name: string): string {
  return `trang tính "${name}"`;
}

/**
 * Holds the text of one cell to Excel's limit and the whole model's text to its bound,
 * before anything leaves the worker: a file over either stops here, at its cell.
 */
export function countText(cell: ModelCell, ctx: SheetContext): void {
  const length = (typeof cell.value === 'string' ? cell.value.length : 0) + (cell.formula?.length ?? 0);
  if (length === 0) return;
  const place = `${ctx.name}!${cell.address}`;
  const file = ctx.limits.fileName;
  if (length > MAX_CELL_TEXT) {
    throw new ProblemStop(
      problem(
        'TEXT_TOO_LONG',
        'error',
        place,
        `Tệp "${file}", ${place}: ô có ${formatNumber(length, 'integer')} ký tự, quá giới hạn ${formatNumber(MAX_CELL_TEXT, 'integer')} ký tự của một ô Excel, nên tệp không do Excel lưu hoặc đã bị sửa. Hãy rút gọn nội dung ô này (hoặc gửi phần dài thành văn bản riêng), lưu lại bằng Excel rồi nhập lại.`,
      ),
    );
  }
  ctx.limits.textChars += length;
  if (ctx.limits.textChars > MAX_MODEL_TEXT) {
    throw new ProblemStop(
      problem(
        'WORKBOOK_TEXT_TOO_LARGE',
        'error',
        place,
        `Tệp "${file}": các ô chứa tổng cộng hơn ${formatNumber(MAX_MODEL_TEXT, 'integer')} ký tự (đến ô ${place}), quá nhiều đối với một báo cáo. Hãy xóa các trang tính, các ô chữ không thuộc báo cáo, lưu lại rồi nhập lại.`,
      ),
    );
  }
}

/** `ref`: where on the sheet, when one reference is to blame ("A1:XFD1048576"). */
export function areaTooLarge(ctx: SheetContext, detail: string, ref?: string): ProblemStop {
  const place = ref ? `${ctx.name}!${ref}` : '';
  return new ProblemStop(
    problem('SHEET_AREA_TOO_LARGE', 'error', place, `Tệp "${ctx.limits.fileName}"${place ? `, ${place}` : ''}: ${sheetLabel(ctx.name)} ${detail} Hãy xóa các hàng, cột thừa ở cuối trang tính (chọn rồi Delete hàng/cột) và bỏ gộp các ô thừa, lưu lại rồi nhập lại.`),
  );
}

