// The period a workbook in an agency's own layout reports on: written in its heading
// ("6 tháng đầu năm 2022"), or the one the clerk chose.
import { columnLetters } from '../../../shared/cells';
import { periodCode as codeOf, parsePeriodCode, periodFromLabel } from '../../../shared/periods';
import { problem, type Problem } from '../../../shared/problems';
import type { LayoutProfile } from '../../../shared/profiles';
import { foldForSearch } from '../../../shared/text';
import { periodWords, type ReportCatalog } from '../recognition';
import { findSheet, type WorkbookModel } from '../workbook-model';
import { NOT_THE_SENDER } from './agencies';
import { Grid } from './grid';
import { parseAddress } from './text';

/** A line of a heading that gives a date, not the period: "Lạng Sơn, ngày 16 tháng 3 năm 2022". */
export const DATE_LINE = /\bngay\b.*\bthang\b/u;

/**
 * The period the file says it is of, and where: the profile's period cell; else (no
 * cell, or one that no longer names a period) the heading above the table, as a person
 * reads it: a quarter, 6 or 9 months before a bare year, and only when the heading names
 * one period. The place-and-date line names a year only by its date, so it is passed over.
 */
export function writtenPeriod(grid: Grid, profile: LayoutProfile): { code: string; address: string } | null {
  if (profile.periodCell) {
    const { col, row } = parseAddress(profile.periodCell);
    const slot = periodFromLabel(grid.text(col, row));
    if (slot) return { code: codeOf(slot), address: profile.periodCell };
  }
  const found: { code: string; address: string; year: boolean }[] = [];
  for (let row = 1; row < profile.headerRows.first; row++) {
    for (const t of grid.rowTexts(row)) {
      const folded = foldForSearch(t.text);
      if (DATE_LINE.test(folded) || NOT_THE_SENDER.test(folded)) continue;
      const slot = periodFromLabel(t.text);
      if (slot) found.push({ code: codeOf(slot), address: `${columnLetters(t.col)}${row}`, year: slot.kind === 'year' });
    }
  }
  const specific = found.filter((f) => !f.year);
  const named = specific.length > 0 ? specific : found;
  return new Set(named.map((f) => f.code)).size === 1 ? (named[0] ?? null) : null;
}

/**
 * What the file says its period is, as written (the period cell, else the heading line
 * that names one), for the wizard to show the text an import will hold the period to.
 */
export function periodTextOn(model: WorkbookModel, sheetName: string, profile: LayoutProfile): string | null {
  const sheet = findSheet(model, sheetName);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  const address = writtenPeriod(grid, profile)?.address ?? profile.periodCell;
  if (!address) return null;
  const { col, row } = parseAddress(address);
  return grid.text(col, row) || null;
}

export function resolvePeriod(grid: Grid, profile: LayoutProfile, chosen: string | undefined, catalog: ReportCatalog, file: string): { code: string | null; problems: Problem[] } {
  const said = writtenPeriod(grid, profile);
  const written = said?.code ?? null;
  const where = `${grid.sheet.name}!${said?.address ?? profile.periodCell ?? 'A1'}`;
  if (chosen && written && chosen !== written) {
    const theirs = periodWords(catalog, written);
    const ours = periodWords(catalog, chosen);
    return {
      code: null,
      problems: [
        problem(
          'PERIOD_MISMATCH',
          'error',
          where,
          `${file}, ${where}: tệp ghi kỳ ${theirs}; anh/chị đang nhận báo cáo ${ours}. Nếu đúng là báo cáo ${theirs}, hãy chọn kỳ đó ở ô "Kỳ báo cáo" rồi nhận lại tệp; nếu không, hãy đề nghị đơn vị gửi số liệu của ${ours}.`,
          { file, period: written, expected: chosen },
        ),
      ],
    };
  }
  const code = chosen ?? written;
  if (!code || !parsePeriodCode(code)) {
    return { code: null, problems: [problem('PERIOD_REQUIRED', 'error', where, `${file}: không xác định được kỳ báo cáo của tệp. Hãy chọn kỳ báo cáo khi nhập tệp này.`)] };
  }
  if (!catalog.periods.some((p) => p.code === code)) {
    return { code: null, problems: [problem('UNKNOWN_PERIOD', 'error', where, `${file}: chưa có kỳ báo cáo ${code} trong ứng dụng.`, { file, period: code })] };
  }
  return { code, problems: [] };
}
