// Reading a workbook in an agency's own layout through a saved layout profile
// (excel.md §3). Rows find their indicator by code, by name (diacritics, case and
// tone placement ignored) or by a confirmed row label; the agency is fixed, named in a
// heading cell, or one per column or row. Spacer rows, group rows ("I", "II"), total
// rows ("Tổng cộng") and notes under the table are passed over.
import { problem, type Problem } from '../../shared/problems';
import { foldForSearch, nfc } from '../../shared/text';
import { parsePeriodCode, periodCode as codeOf, periodFromLabel } from '../../shared/periods';
import type { Agency, Indicator, PlanDetail, ValueInput } from '../../shared/domain';
import type { LayoutProfile } from '../../shared/profiles';
import { readFieldCell } from './cell-values';
import { columnLetters, columnNumber } from './form-reader';
import { findSheet, type ModelCell, type ModelSheet, type WorkbookModel } from './workbook-model';
import type { RecognisedReport, Recognition, ReportCatalog } from './recognition';

const NOTES = /^(ghi chu|nguoi lap|noi nhan|thu truong|xac nhan|lanh dao)/u;
const TOTAL = /^(tong cong|tong so|cong|tong)$/u;
const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\.?$/u;

function text(cell: ModelCell | undefined): string {
  if (!cell || cell.value === null) return '';
  return nfc(String(cell.value)).replace(/\s+/gu, ' ').trim();
}

/** "1.", "1)", "a)", "I." and "1.1" all become a bare label: "1", "a", "i", "1.1". */
export function normaliseLabel(label: string): string {
  return foldForSearch(label).replace(/[.)\]:]+$/u, '').replace(/^[([]/u, '');
}

/** A name without its leading numbering ("1. Số vụ…", "a) Số vụ…"), folded. */
function foldedName(name: string): string {
  return foldForSearch(name).replace(/^([ivx]+|\d+(\.\d+)*|[a-zđ])[.)]\s+/u, '');
}

class Grid {
  private readonly cells = new Map<string, ModelCell>();
  readonly lastRow: number;

  constructor(readonly sheet: ModelSheet) {
    let last = 0;
    for (const c of sheet.cells) {
      this.cells.set(`${c.col}:${c.row}`, c);
      last = Math.max(last, c.row);
    }
    this.lastRow = last;
  }

  at(col: number, row: number): ModelCell | undefined {
    return this.cells.get(`${col}:${row}`);
  }

  /** The header text over a column: the lowest non-empty header cell, looking through merges. */
  headerOf(col: number, first: number, last: number): string {
    for (let row = last; row >= first; row--) {
      const own = text(this.at(col, row));
      if (own) return own;
      const merge = this.sheet.merges.map(parseRange).find((m) => m && m.c1 <= col && col <= m.c2 && m.r1 <= row && row <= m.r2);
      if (merge) {
        const top = text(this.at(merge.c1, merge.r1));
        if (top) return top;
      }
    }
    return '';
  }
}

function parseRange(ref: string): { c1: number; r1: number; c2: number; r2: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/u.exec(ref.replace(/\$/gu, '').toUpperCase());
  if (!m) return null;
  return { c1: columnNumber(m[1] ?? 'A'), r1: Number(m[2]), c2: columnNumber(m[3] ?? 'A'), r2: Number(m[4]) };
}

function selectSheet(model: WorkbookModel, profile: LayoutProfile): ModelSheet | undefined {
  const { name, containsText } = profile.sheet;
  if (name) {
    const exact = findSheet(model, name) ?? model.sheets.find((s) => foldForSearch(s.name) === foldForSearch(name));
    if (exact) return exact;
    if (!containsText) return undefined;
  }
  const wanted = foldForSearch(containsText ?? '');
  return model.sheets.find((s) => s.cells.some((c) => c.row <= Math.max(40, profile.headerRows.last) && foldForSearch(text(c)).includes(wanted)));
}

/** Which agency a text names: its code, or the longest agency name it contains. */
export function agencyNamedBy(label: string, agencies: readonly Agency[]): Agency | null {
  const raw = nfc(label).trim();
  const byCode = agencies.find((a) => a.code === raw.toUpperCase());
  if (byCode) return byCode;
  const folded = foldForSearch(raw);
  if (!folded) return null;
  const candidates = agencies.filter((a) => folded.includes(foldForSearch(a.name)) || foldForSearch(a.name) === folded);
  return candidates.sort((x, y) => y.name.length - x.name.length)[0] ?? null;
}

function indicatorMatcher(profile: LayoutProfile, plan: PlanDetail) {
  const all = plan.tasks.flatMap((t) => t.indicators).filter((i) => !i.retired && i.aggregation !== 'ratio');
  const byCode = new Map(all.map((i) => [i.code.toUpperCase(), i]));
  const byName = new Map(all.map((i) => [foldedName(i.name), i]));
  const match = profile.layout.match;
  const confirmed = new Map(Object.entries(match.confirmed).map(([k, v]) => [normaliseLabel(k), byCode.get(v.toUpperCase())]));
  return (key: string): Indicator | undefined => {
    const fromConfirmed = confirmed.get(normaliseLabel(key));
    if (fromConfirmed) return fromConfirmed;
    if (match.by === 'code') return byCode.get(key.trim().toUpperCase());
    if (match.by === 'name') return byName.get(foldedName(key));
    return undefined;
  };
}

function resolvePeriod(grid: Grid, profile: LayoutProfile, chosen: string | undefined, catalog: ReportCatalog, file: string): { code: string | null; problems: Problem[] } {
  let written: string | null = null;
  if (profile.periodCell) {
    const m = /^([A-Z]+)(\d+)$/u.exec(profile.periodCell);
    const cellText = text(grid.at(columnNumber(m?.[1] ?? 'A'), Number(m?.[2] ?? 0)));
    const slot = periodFromLabel(cellText);
    if (slot) written = codeOf(slot);
  }
  const where = `${grid.sheet.name}!${profile.periodCell ?? 'A1'}`;
  if (chosen && written && chosen !== written) {
    return { code: null, problems: [problem('PERIOD_MISMATCH', 'error', where, `${file}, ${where}: tệp ghi kỳ ${written}, không phải kỳ đang nhận (${chosen}).`)] };
  }
  const code = chosen ?? written;
  if (!code || !parsePeriodCode(code)) {
    return { code: null, problems: [problem('PERIOD_REQUIRED', 'error', where, `${file}: không xác định được kỳ báo cáo của tệp. Hãy chọn kỳ báo cáo khi nhập tệp này.`)] };
  }
  if (!catalog.periods.some((p) => p.code === code)) {
    return { code: null, problems: [problem('UNKNOWN_PERIOD', 'error', where, `${file}: chưa có kỳ báo cáo ${code} trong ứng dụng.`)] };
  }
  return { code, problems: [] };
}

/** Whether a stored profile is meant for this workbook: its sheet is there and at least one row matches. */
export function profileMatches(model: WorkbookModel, profile: LayoutProfile): boolean {
  const sheet = selectSheet(model, profile);
  if (!sheet) return false;
  if (profile.sheet.containsText) {
    const wanted = foldForSearch(profile.sheet.containsText);
    if (!sheet.cells.some((c) => foldForSearch(text(c)).includes(wanted))) return false;
  }
  return true;
}

interface RowValue {
  agency: Agency;
  indicator: Indicator;
  cell: ModelCell | undefined;
  address: string;
}

export function applyProfile(model: WorkbookModel, profile: LayoutProfile, catalog: ReportCatalog, options: { file: string; period?: string }): Recognition {
  const file = options.file;
  const done = (reports: RecognisedReport[], problems: Problem[]): Recognition => ({ readAs: 'profile', profile: profile.name, reports, problems });
  const sheet = selectSheet(model, profile);
  if (!sheet) {
    return done([], [problem('PROFILE_SHEET_MISSING', 'error', '', `${file}: không tìm thấy trang tính mà mẫu bố cục "${profile.name}" mô tả. Tệp có thể không theo mẫu này.`)]);
  }
  const grid = new Grid(sheet);
  const period = resolvePeriod(grid, profile, options.period, catalog, file);
  if (!period.code) return done([], period.problems);
  const plan = catalog.plans.get(catalog.periods.find((p) => p.code === period.code)?.planYear ?? -1);
  if (!plan) return done([], [problem('UNKNOWN_PERIOD', 'error', '', `${file}: kỳ ${period.code} không thuộc kế hoạch nào.`)]);
  const problems: Problem[] = [...period.problems];
  const matcher = indicatorMatcher(profile, plan);
  const { first, last } = profile.headerRows;
  const lastRow = profile.lastRow ?? grid.lastRow;
  const layout = profile.layout;
  const found: RowValue[] = [];
  const unmatched: string[] = [];

  if (layout.kind === 'indicator-rows') {
    const keyCol = columnNumber(layout.keyColumn);
    let agencies: { agency: Agency; col: number }[] = [];
    if (layout.agency.mode === 'columns') {
      for (const letters of layout.agency.columns) {
        const col = columnNumber(letters);
        const header = grid.headerOf(col, first, last);
        const agency = agencyNamedBy(header, catalog.agencies);
        if (!agency) {
          problems.push(problem('AGENCY_NOT_FOUND', 'error', `${sheet.name}!${letters}${last}`, `${file}, ${sheet.name}!${letters}${last}: "${header}" không khớp đơn vị nào. Hãy sửa tên đơn vị hoặc mẫu bố cục.`));
        } else agencies.push({ agency, col });
      }
    } else {
      let agency: Agency | null = null;
      let where = '';
      if (layout.agency.mode === 'fixed') {
        const code = layout.agency.code;
        agency = catalog.agencies.find((a) => a.code === code) ?? null;
        where = `mẫu bố cục ghi mã "${code}"`;
      } else {
        const m = /^([A-Z]+)(\d+)$/u.exec(layout.agency.cell);
        const label = text(grid.at(columnNumber(m?.[1] ?? 'A'), Number(m?.[2] ?? 0)));
        agency = agencyNamedBy(label, catalog.agencies);
        where = `${sheet.name}!${layout.agency.cell} ghi "${label}"`;
      }
      if (!agency) {
        problems.push(problem('AGENCY_NOT_FOUND', 'error', layout.agency.mode === 'cell' ? `${sheet.name}!${layout.agency.cell}` : '', `${file}: không xác định được đơn vị báo cáo (${where}). Hãy sửa tên đơn vị trong tệp hoặc mẫu bố cục.`));
      }
      let valueCol: number | null = null;
      if (layout.value && 'column' in layout.value) valueCol = columnNumber(layout.value.column);
      else if (layout.value) {
        const wanted = foldForSearch(layout.value.headerText);
        for (let col = 1; col <= Math.max(sheet.columnCount, 1) && valueCol === null; col++) {
          if (foldForSearch(grid.headerOf(col, first, last)).includes(wanted)) valueCol = col;
        }
        if (valueCol === null) {
          problems.push(problem('VALUE_COLUMN_NOT_FOUND', 'error', `${sheet.name}!A${first}`, `${file}: không có cột tiêu đề "${layout.value.headerText}" ở dòng ${first}–${last}. Tệp có thể đã đổi cách trình bày; hãy cập nhật mẫu bố cục.`));
        }
      }
      if (agency && valueCol !== null) agencies = [{ agency, col: valueCol }];
    }
    for (let row = last + 1; row <= lastRow; row++) {
      const key = text(grid.at(keyCol, row));
      const folded = foldForSearch(key);
      if (!key) continue;
      if (!profile.lastRow && NOTES.test(folded)) break;
      const indicator = matcher(key);
      if (!indicator) {
        if (!TOTAL.test(folded) && !ROMAN.test(folded) && agencies.some((a) => grid.at(a.col, row)?.value !== undefined && grid.at(a.col, row)?.value !== null)) unmatched.push(`${row} ("${key}")`);
        continue;
      }
      for (const a of agencies) found.push({ agency: a.agency, indicator, cell: grid.at(a.col, row), address: `${columnLetters(a.col)}${row}` });
    }
  } else {
    const agencyCol = columnNumber(layout.agencyColumn);
    const columns = (layout.columns ?? []).map(columnNumber);
    const candidates = columns.length > 0 ? columns : Array.from({ length: Math.max(0, sheet.columnCount - agencyCol) }, (_, i) => agencyCol + 1 + i);
    const byColumn = candidates.map((col) => ({ col, indicator: matcher(grid.headerOf(col, first, last)) })).filter((c) => c.indicator);
    for (let row = last + 1; row <= lastRow; row++) {
      const label = text(grid.at(agencyCol, row));
      const folded = foldForSearch(label);
      if (!label || TOTAL.test(folded) || ROMAN.test(folded)) continue;
      if (!profile.lastRow && NOTES.test(folded)) break;
      const agency = agencyNamedBy(label, catalog.agencies);
      if (!agency) {
        unmatched.push(`${row} ("${label}")`);
        continue;
      }
      for (const c of byColumn) if (c.indicator) found.push({ agency, indicator: c.indicator, cell: grid.at(c.col, row), address: `${columnLetters(c.col)}${row}` });
    }
  }

  if (unmatched.length > 0) {
    problems.push(
      problem('ROW_UNMATCHED', 'warning', `${sheet.name}!A${unmatched[0]?.split(' ')[0] ?? first}`, `${file}: ${unmatched.length} dòng có số liệu nhưng không khớp chỉ tiêu hay đơn vị nào và đã được bỏ qua: dòng ${unmatched.slice(0, 5).join(', ')}${unmatched.length > 5 ? ', …' : ''}. Nếu cần, hãy xác nhận các dòng này trong mẫu bố cục.`),
    );
  }

  const byAgency = new Map<string, ValueInput[]>();
  for (const f of found) {
    const kind = f.indicator.kind === 'integer' ? 'integer' : f.indicator.kind === 'text' ? 'text' : 'decimal';
    const read = readFieldCell(f.cell, kind, { sheet: sheet.name, address: f.address, label: `chỉ tiêu ${f.indicator.code} – ${f.indicator.name}`, date1904: model.date1904 });
    const sourceCell = `${sheet.name}!${f.address}`;
    // A matrix of every agency and indicator is normal in such workbooks: figures an agency does not owe are passed over.
    if (!f.indicator.reporters.includes(f.agency.code)) {
      if (read.value !== null && read.value !== 0) {
        problems.push(problem('NOT_A_REPORTER', 'warning', sourceCell, `${file}, ${sourceCell}: ${f.agency.code} không được giao chỉ tiêu ${f.indicator.code}; số liệu ô này được bỏ qua.`));
      }
      continue;
    }
    problems.push(...read.problems);
    const list = byAgency.get(f.agency.code) ?? [];
    if (list.some((v) => v.indicatorCode === f.indicator.code)) continue;
    if (read.kind === 'text') list.push({ indicatorCode: f.indicator.code, number: null, text: read.value, sourceCell });
    else if (read.kind === 'integer' || read.kind === 'decimal') list.push({ indicatorCode: f.indicator.code, number: read.value, sourceCell });
    byAgency.set(f.agency.code, list);
  }
  if (byAgency.size === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push(problem('PROFILE_NO_DATA', 'error', `${sheet.name}!A${last + 1}`, `${file}: không đọc được số liệu nào theo mẫu bố cục "${profile.name}". Hãy kiểm tra lại tệp hoặc mẫu bố cục.`));
  }
  const reports = [...byAgency.entries()].map(([agencyCode, values]) => ({ agencyCode, periodCode: period.code as string, taskReports: [], values }));
  return done(problems.some((p) => p.severity === 'error') ? [] : reports, problems);
}
