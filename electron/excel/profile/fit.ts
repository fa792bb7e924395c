// Whether, and how well, a workbook fits a layout profile: the table read by the
// profile's shape, what in the sheet's structure differs from the profile, and the fit
// recognition ranks profiles by.
import { columnLetters, columnNumber } from '../../../shared/cells';
import type { Agency, PlanDetail } from '../../../shared/domain';
import { problem, type Problem } from '../../../shared/problems';
import type { LayoutProfile } from '../../../shared/profiles';
import { foldForSearch } from '../../../shared/text';
import { META_SHEET } from '../form-contract';
import type { ReportCatalog } from '../recognition';
import { findSheet, type WorkbookModel } from '../workbook-model';
import { agencyNamedBy, otherAgencyHeading } from './agencies';
import { readAgencyRows } from './agency-rows';
import { oneSheet, sheetsLaidOutAs } from './agency-sheets';
import { Grid } from './grid';
import { readIndicatorRows } from './indicator-rows';
import { indicatorMatcher, roleOf, type Table } from './matching';
import { hasSheetText, headerFits, looksForHeaderTexts, selectSheet } from './sheet-choice';
import { text } from './text';

export function readTable(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Table {
  return profile.layout.kind === 'indicator-rows' ? readIndicatorRows(grid, profile, plan, agencies, file) : readAgencyRows(grid, profile, plan, agencies, file);
}

/**
 * What differs from the sample's structure, said before anything is read from it: the
 * profile's text not on the sheet, header rows left empty, nothing in the key column.
 * A file laid out otherwise is refused, never read by guesswork.
 */
export function structureProblems(grid: Grid, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[], file: string): Problem[] {
  const sheet = grid.sheet;
  const { first, last } = profile.headerRows;
  const out: Problem[] = [];
  const { containsText } = profile.sheet;
  if (containsText && !hasSheetText(sheet, profile)) {
    out.push(
      problem(
        'PROFILE_TEXT_MISSING',
        'error',
        `${sheet.name}!A1`,
        `${file}: trang "${sheet.name}" không có dòng chữ “${containsText}” ở dòng 1–${last} như tệp mẫu của mẫu bố cục "${profile.name}". Tệp có thể không theo mẫu này hoặc đã đổi cách trình bày; hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.`,
      ),
    );
  }
  if (!sheet.cells.some((c) => c.row >= first && c.row <= last && text(c) !== '')) {
    out.push(
      problem(
        'PROFILE_HEADER_MISSING',
        'error',
        `${sheet.name}!A${first}`,
        `${file}: dòng tiêu đề ${first}–${last} của trang "${sheet.name}" để trống, khác với tệp mẫu của mẫu bố cục "${profile.name}". Hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.`,
      ),
    );
  }
  const layout = profile.layout;
  const keyLetters = layout.kind === 'indicator-rows' ? layout.keyColumn : layout.agencyColumn;
  const keyCol = columnNumber(keyLetters);
  // The table's rows: down to the notes and signatures under it, which may well be in the key column.
  const lastRow = Math.min(profile.lastRow ?? grid.lastRow, grid.lastRow);
  const rows: number[] = [];
  for (let row = last + 1; row <= lastRow && !roleOf(grid, row, keyCol, profile).end; row++) rows.push(row);
  if (rows.length > 0 && !rows.some((row) => grid.text(keyCol, row) !== '')) {
    // Where the keys went, if a column now holds them (an inserted column moves them right).
    const matcher = layout.kind === 'indicator-rows' ? indicatorMatcher(profile, plan) : null;
    const names = (col: number) => rows.some((row) => {
      const t = grid.text(col, row);
      return t !== '' && (matcher ? matcher(t) !== undefined : agencyNamedBy(t, agencies) !== null);
    });
    const moved = Array.from({ length: grid.lastCol }, (_, i) => i + 1).find((col) => col !== keyCol && names(col));
    const what = layout.kind === 'indicator-rows' ? 'tên, mã hoặc số thứ tự chỉ tiêu' : 'tên đơn vị';
    out.push(
      problem(
        'KEY_COLUMN_EMPTY',
        'error',
        `${sheet.name}!${keyLetters}${last + 1}`,
        `${file}: cột ${keyLetters} của trang "${sheet.name}" (dưới dòng tiêu đề ${last}) không có chữ nào, trong khi mẫu bố cục "${profile.name}" tìm ${what} ở cột này.` +
          (moved !== undefined ? ` Có vẻ tệp đã chèn hoặc xóa cột: ${what} nay ở cột ${columnLetters(moved)}.` : '') +
          ' Hãy chọn đúng mẫu bố cục, hoặc cập nhật mẫu theo tệp mới.',
      ),
    );
  }
  return out;
}

/**
 * Whether a stored profile is meant for this workbook, for recognising a workbook that
 * has no `_meta`: never the app's own form; the sheet the profile names (with its header
 * text); the header it reads (the value column's header text, the agency columns, the
 * heading cell); and, with the catalog, at least one row (or, for agency rows, one
 * indicator column and one agency row) that matches the plan of the period, or of any
 * plan when no period is chosen. Without a catalog, at least one key under the header.
 */
export function profileMatches(model: WorkbookModel, profile: LayoutProfile, catalog?: ReportCatalog, options: { period?: string; otherAgency?: boolean } = {}): boolean {
  return profileFit(model, profile, catalog, options) !== null;
}

/**
 * How a profile fits a workbook, strongest first: `name`, its named sheet is there (and
 * shows its header texts); `content`, another sheet shows the header texts it looks for;
 * `only`, the workbook's one visible sheet, for a profile with no header text to look for
 * whose named sheet is gone. Recognition takes the strongest; two profiles fitting
 * equally are told apart by the agency they read, never by their names' order.
 */
export interface ProfileFit {
  by: 'name' | 'content' | 'only';
  /** The sheet the profile reads. */
  sheet: string;
}

export function profileFit(model: WorkbookModel, profile: LayoutProfile, catalog?: ReportCatalog, options: { period?: string; otherAgency?: boolean } = {}): ProfileFit | null {
  if (findSheet(model, META_SHEET)) return null;
  if (profile.eachSheet) {
    // One sheet per agency: known by the sheets' header, never by a name.
    const sheet = sheetsLaidOutAs(model, profile).find((s) => profileMatches(model, oneSheet(profile, s), catalog, options));
    return sheet ? { by: 'content', sheet: sheet.name } : null;
  }
  const rowsMatch = catalog ? rowsMatchPlans(profile, catalog, options.period) : undefined;
  const sheet = selectSheet(model, profile, true, rowsMatch);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  if (!headerFits(grid, profile)) return null;
  // A fixed-agency profile is not for a file headed by another agency (unless asked, to refuse it saying so).
  if (!options.otherAgency && catalog && otherAgencyHeading(grid, profile, catalog.agencies)) return null;
  const { name } = profile.sheet;
  const fit: ProfileFit = {
    by: name !== undefined && foldForSearch(sheet.name) === foldForSearch(name) ? 'name' : looksForHeaderTexts(profile) ? 'content' : 'only',
    sheet: sheet.name,
  };
  if (rowsMatch) return rowsMatch(grid) ? fit : null;
  const { last } = profile.headerRows;
  const lastRow = profile.lastRow ?? grid.lastRow;
  const layout = profile.layout;
  const keyCol = columnNumber(layout.kind === 'indicator-rows' ? layout.keyColumn : layout.agencyColumn);
  for (let row = last + 1; row <= lastRow; row++) if (grid.text(keyCol, row)) return fit;
  return null;
}

/**
 * Whether the workbook has the profile's sheet, found by its name or by the header texts
 * the profile looks for, however the rest of it differs: a file that has drifted from
 * this profile, to be told what differs rather than "not recognised".
 */
export function profileSheetFound(model: WorkbookModel, profile: LayoutProfile): { by: 'name' | 'content'; sheet: string } | null {
  if (findSheet(model, META_SHEET) || profile.eachSheet) return null;
  const { name } = profile.sheet;
  const named = name === undefined ? undefined : model.sheets.find((s) => s.name !== META_SHEET && foldForSearch(s.name) === foldForSearch(name));
  if (named) return { by: 'name', sheet: named.name };
  if (!looksForHeaderTexts(profile)) return null;
  const shown = model.sheets.find((s) => s.state === 'visible' && s.name !== META_SHEET && hasSheetText(s, profile) && headerFits(new Grid(s), profile));
  return shown ? { by: 'content', sheet: shown.name } : null;
}

/** Whether a sheet's rows (or, for agency rows, its columns and rows) match the plan of the period, or of any plan. */
export function rowsMatchPlans(profile: LayoutProfile, catalog: ReportCatalog, period: string | undefined): (grid: Grid) => boolean {
  const planYear = period ? catalog.periods.find((p) => p.code === period)?.planYear : undefined;
  const plans = planYear !== undefined ? [catalog.plans.get(planYear)].filter((p): p is PlanDetail => p !== undefined) : [...catalog.plans.values()];
  return (grid) => plans.some((plan) => readTable(grid, profile, plan, catalog.agencies, '').matchedRows > 0);
}
