// The layout-profile wizard's view of a table: what a read through the profile would
// match on each row, by the same matching as the read itself.
import { columnLetters, columnNumber } from '../../../shared/cells';
import type { Agency, Indicator, PlanDetail } from '../../../shared/domain';
import type { LayoutProfile } from '../../../shared/profiles';
import type { ModelCell, WorkbookModel } from '../workbook-model';
import { agencyNamedBy } from './agencies';
import { readTable } from './fit';
import { Grid } from './grid';
import { findValueColumn, indicatorMatcher, leadingText, roleOf, rowSkipper } from './matching';
import { selectSheet } from './sheet-choice';
import { parseAddress } from './text';

/** One row under the header of an indicator-rows table, as a read through the profile sees it. */
export interface ProfileRowReading {
  row: number;
  /** The key column's text ("1", "Số vụ …", "NV2.01"). */
  key: string;
  /** The row's texts left to right, for the clerk (and for name suggestions). */
  texts: string[];
  /** The texts left of the key column ("2", "-"), joined. */
  lead: string;
  /** For a skipped row: the profile's "bỏ qua" entry that took it. */
  skipEntry: string | null;
  /** The Roman numeral of the group the row sits under, folded ("ii"), if any. */
  group: string | null;
  /** 'group' and 'passed' rows (groups, totals) are read over, 'skipped' ones the clerk marked "bỏ qua"; 'end' is the first row under the table. */
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'skipped' | 'end';
  indicator: Indicator | null;
  /** The value column's cell, if one is known. */
  valueCell: ModelCell | undefined;
  hasValue: boolean;
}

export interface ProfileTableReading {
  sheet: string;
  valueColumn: string | null;
  agency: Agency | null;
  rows: ProfileRowReading[];
}

/**
 * Walks an indicator-rows table the way `applyProfile` does (the same sheet choice,
 * matcher, group rows, totals and notes) and says what became of every row, for the
 * wizard's preview. Null when the profile's sheet is not in the workbook.
 */
export function describeProfileRows(model: WorkbookModel, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[]): ProfileTableReading | null {
  const layout = profile.layout;
  if (layout.kind !== 'indicator-rows') return null;
  // The same sheet a read chooses: among several that fit, the one whose rows are the plan's.
  const sheet = selectSheet(model, profile, false, (g) => readTable(g, profile, plan, agencies, '').matchedRows > 0);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  const { last } = profile.headerRows;
  let valueCol: number | null = null;
  if (layout.value && 'column' in layout.value) valueCol = columnNumber(layout.value.column);
  else if (layout.value) valueCol = findValueColumn(grid, profile, layout.value.headerText);
  let agency: Agency | null = null;
  if (layout.agency.mode === 'fixed') {
    const code = layout.agency.code;
    agency = agencies.find((a) => a.code === code) ?? null;
  } else if (layout.agency.mode === 'cell') {
    const { col, row } = parseAddress(layout.agency.cell);
    agency = agencyNamedBy(grid.text(col, row), agencies);
  } else if (layout.agency.mode === 'sheet') {
    agency = agencyNamedBy(sheet.name, agencies);
  }
  const keyCol = columnNumber(layout.keyColumn);
  const matcher = indicatorMatcher(profile, plan);
  const skipped = rowSkipper(profile);
  const rows: ProfileRowReading[] = [];
  let group: string | undefined;
  const lastRow = profile.lastRow ?? grid.lastRow;
  for (let row = last + 1; row <= lastRow; row++) {
    const key = grid.text(keyCol, row);
    const texts = grid.rowTexts(row).map((t) => t.text);
    const valueCell = valueCol === null ? undefined : grid.at(valueCol, row);
    const hasValue = valueCol !== null && grid.hasValue(valueCol, row);
    const lead = leadingText(grid.rowTexts(row), keyCol);
    const base = { row, key, lead, texts, group: group ?? null, valueCell, hasValue, skipEntry: null };
    const skipEntry = key ? skipped(key, group, lead) : null;
    if (skipEntry !== null) {
      rows.push({ ...base, role: 'skipped', indicator: null, skipEntry });
      continue;
    }
    const indicator = key ? matcher(key, group) : undefined;
    if (indicator) {
      rows.push({ ...base, role: 'matched', indicator });
      continue;
    }
    const role = roleOf(grid, row, keyCol, profile);
    if (role.end) {
      rows.push({ ...base, role: 'end', indicator: null });
      break;
    }
    if (role.group) {
      group = role.group;
      rows.push({ ...base, group: role.group, role: 'group', indicator: null });
      continue;
    }
    if (texts.length === 0) continue;
    rows.push({ ...base, role: role.passOver || !key ? 'passed' : 'unmatched', indicator: null });
  }
  return { sheet: sheet.name, valueColumn: valueCol === null ? null : columnLetters(valueCol), agency, rows };
}

/** One value column of an agency-rows table, as a read through the profile sees it. */
export interface ProfileColumnReading {
  column: string;
  /** The lowest header text over it that names something ("Số kiến nghị…", not "(3)"). */
  header: string;
  indicator: Indicator | null;
}

/** One row of an agency-rows table: the agency it names (if any) and its figures. */
export interface AgencyRowReading {
  row: number;
  key: string;
  texts: string[];
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'skipped' | 'end';
  agency: Agency | null;
  /** The cells under the matched indicator columns, left to right. */
  cells: (ModelCell | undefined)[];
}

/**
 * Walks an agency-rows table the way `readAgencyRows` does (the same columns, matcher,
 * skipped rows, totals and notes) for the wizard's preview. Null without the sheet.
 */
export function describeAgencyRows(model: WorkbookModel, profile: LayoutProfile, plan: PlanDetail, agencies: readonly Agency[]): { sheet: string; columns: ProfileColumnReading[]; rows: AgencyRowReading[] } | null {
  const layout = profile.layout;
  if (layout.kind !== 'agency-rows') return null;
  // The same sheet a read chooses: among several that fit, the one whose rows are the plan's.
  const sheet = selectSheet(model, profile, false, (g) => readTable(g, profile, plan, agencies, '').matchedRows > 0);
  if (!sheet) return null;
  const grid = new Grid(sheet);
  const { first, last } = profile.headerRows;
  const agencyCol = columnNumber(layout.agencyColumn);
  const matcher = indicatorMatcher(profile, plan);
  const skipped = rowSkipper(profile);
  const candidates = layout.columns?.map(columnNumber) ?? Array.from({ length: Math.max(0, grid.lastCol - agencyCol) }, (_, i) => agencyCol + 1 + i);
  const columns: (ProfileColumnReading & { col: number })[] = [];
  for (const col of candidates) {
    const headers = grid.namingHeaders(col, first, last);
    const header = headers[0]?.text;
    if (!header) continue;
    const indicator = headers.map((h) => matcher(h.text)).find((i) => i !== undefined) ?? null;
    columns.push({ col, column: columnLetters(col), header, indicator });
  }
  const read = columns.filter((c) => c.indicator !== null);
  const rows: AgencyRowReading[] = [];
  const lastRow = profile.lastRow ?? grid.lastRow;
  for (let row = last + 1; row <= lastRow; row++) {
    const key = grid.text(agencyCol, row);
    const texts = grid.rowTexts(row).map((t) => t.text);
    if (texts.length === 0) continue;
    const base = { row, key, texts, cells: read.map((c) => grid.at(c.col, row)) };
    if (key && skipped(key) !== null) {
      rows.push({ ...base, role: 'skipped', agency: null });
      continue;
    }
    const agency = key ? agencyNamedBy(key, agencies) : null;
    if (agency) {
      rows.push({ ...base, role: 'matched', agency });
      continue;
    }
    const role = roleOf(grid, row, agencyCol, profile);
    if (role.end) {
      rows.push({ ...base, role: 'end', agency: null });
      break;
    }
    rows.push({ ...base, role: role.group ? 'group' : role.passOver || !key ? 'passed' : 'unmatched', agency: null });
  }
  return { sheet: sheet.name, columns: columns.map(({ column, header, indicator }) => ({ column, header, indicator })), rows };
}
