// The layout-profile wizard (excel.md §3): the clerk opens a sample workbook in an
// agency's own layout, points at its header rows and columns, and sees every row
// matched to an indicator (through the same reader an import uses), with the closest
// indicators suggested for the rows that match none. The profile is saved by
// 'profiles.save' like any other.
import type { FileBytes, GridMerge, IndicatorSuggestion, InspectedSheet, ProfilePreview, ProfilePreviewRow, WorkbookInspection } from '../../shared/api';
import type { Indicator, PlanDetail } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import { problem } from '../../shared/problems';
import { foldForSearch, nfc } from '../../shared/text';
import { parseRange } from '../../shared/cells';
import { readUntrustedWorkbook } from '../excel/parse';
import { applyProfile, describeProfileRows, normaliseLabel } from '../excel/profile-reader';
import { findSheet, type ModelCell, type ModelSheet, type WorkbookModel } from '../excel/workbook-model';
import { META_SHEET } from '../excel/form-contract';
import type { AppContext } from './context';
import { loadCatalog } from './intake';
import { parseProfile } from './profiles';

/** How much of a sheet the wizard shows: enough for a heading, a header and a table's first rows. */
export const INSPECT_ROWS = 60;
export const INSPECT_COLUMNS = 20;
export const INSPECT_SHEETS = 4;

/** A cell as a person reads it in Excel: vi-VN numbers, dd/mm/yyyy dates, a formula's result. */
export function displayText(cell: ModelCell | undefined): string {
  if (!cell || cell.value === null) return '';
  const v = cell.value;
  if (typeof v === 'number') return cell.numFmt?.includes('%') ? formatNumber(v * 100, 'percent') : formatNumber(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const kind = cell.type === 'formula' ? cell.resultType : cell.type;
  if (kind === 'date') return formatDateVi(v);
  return nfc(v);
}

export function inspectSheet(sheet: ModelSheet, maxRows = INSPECT_ROWS, maxCols = INSPECT_COLUMNS): InspectedSheet {
  let lastRow = 0;
  let lastCol = 0;
  for (const c of sheet.cells) {
    lastRow = Math.max(lastRow, c.row);
    lastCol = Math.max(lastCol, c.col);
  }
  const ranges = sheet.merges.map(parseRange).filter((m) => m !== null);
  for (const m of ranges) {
    lastRow = Math.max(lastRow, m.r2);
    lastCol = Math.max(lastCol, m.c2);
  }
  const rowsShown = Math.min(lastRow, maxRows);
  const colsShown = Math.min(lastCol, maxCols);
  const rows: string[][] = Array.from({ length: rowsShown }, () => Array.from({ length: colsShown }, () => ''));
  for (const c of sheet.cells) {
    if (c.row <= rowsShown && c.col <= colsShown) (rows[c.row - 1] as string[])[c.col - 1] = displayText(c);
  }
  const merges: GridMerge[] = [];
  for (const m of ranges) {
    if (m.r1 > rowsShown || m.c1 > colsShown) continue;
    const rowSpan = Math.min(m.r2, rowsShown) - m.r1 + 1;
    const colSpan = Math.min(m.c2, colsShown) - m.c1 + 1;
    if (rowSpan > 1 || colSpan > 1) merges.push({ row: m.r1, col: m.c1, rowSpan, colSpan });
  }
  return { name: sheet.name, rowCount: lastRow, columnCount: lastCol, rows, merges, truncated: lastRow > rowsShown || lastCol > colsShown };
}

async function readModel(file: FileBytes) {
  const { model, problems } = await readUntrustedWorkbook(file.bytes, file.name);
  return { model, problems };
}

export async function inspectWorkbook(file: FileBytes): Promise<WorkbookInspection> {
  const { model, problems } = await readModel(file);
  if (!model) {
    throw new AppError('UNREADABLE_WORKBOOK', problems.find((p) => p.severity === 'error')?.message ?? `Không đọc được tệp ${file.name}.`, problems);
  }
  if (model.sheets.some((s) => s.name === META_SHEET)) {
    throw new AppError('PROFILE_ON_FORM', `${file.name}: đây là biểu mẫu của ứng dụng (có trang "${META_SHEET}"); tệp này được nhận trực tiếp, không cần mẫu bố cục.`);
  }
  const sheets = model.sheets
    .filter((s) => s.state === 'visible')
    .slice(0, INSPECT_SHEETS)
    .map((s) => inspectSheet(s));
  return { file: file.name, sheets, problems };
}

const STOP_WORDS = new Set(['so', 'cua', 'va', 'cac', 'duoc', 'da', 'trong', 'cho', 'the', 'voi', 'tai', 've', 'theo', 'hoac', 'la', 'co', 'nhung']);

/** The words of a text, marks and case folded, without numbering or little words. */
export function tokens(text: string): Set<string> {
  const words = foldForSearch(text)
    .replace(/[^a-z0-9]+/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 1 && !/^\d+$/u.test(w) && !STOP_WORDS.has(w));
  return new Set(words);
}

/**
 * The indicators whose names share most words with a row's text: the share of the
 * indicator's words found in the row (and of the row's in the indicator's), best three.
 */
export function suggestIndicators(text: string, indicators: readonly Pick<Indicator, 'code' | 'name'>[], limit = 3): IndicatorSuggestion[] {
  const row = tokens(text);
  if (row.size === 0) return [];
  const scored = indicators.map((i) => {
    const name = tokens(i.name);
    let shared = 0;
    for (const w of name) if (row.has(w)) shared++;
    const score = name.size === 0 ? 0 : (2 * shared) / (name.size + row.size);
    return { code: i.code, name: i.name, score: Math.round(score * 100) / 100 };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
    .slice(0, limit);
}

function planFor(catalog: Awaited<ReturnType<typeof loadCatalog>>, period: string | undefined): PlanDetail | null {
  const year = period ? catalog.periods.find((p) => p.code === period)?.planYear : undefined;
  if (year !== undefined) return catalog.plans.get(year) ?? null;
  const years = [...catalog.plans.keys()].sort((a, b) => b - a);
  return years[0] !== undefined ? (catalog.plans.get(years[0]) ?? null) : null;
}

/** The text at the profile's period cell, so the clerk sees what an import will check against the period. */
function periodTextOf(model: WorkbookModel, sheetName: string, cell: string | undefined): string | null {
  if (!cell) return null;
  const found = findSheet(model, sheetName)?.cells.find((c) => c.address === cell);
  const text = found ? displayText(found) : '';
  return text || null;
}

export async function previewProfile(ctx: AppContext, args: { file: FileBytes; definition: unknown; period?: string }): Promise<ProfilePreview> {
  const profile = parseProfile(args.definition, `"${(args.definition as { name?: unknown } | null)?.name ?? ''}"`);
  if (profile.layout.kind !== 'indicator-rows') {
    throw new AppError('UNSUPPORTED_PROFILE', 'Trình tạo mẫu bố cục chỉ xem trước được bảng mỗi dòng một chỉ tiêu; mẫu "mỗi dòng một đơn vị" hãy lưu bằng mô tả JSON.');
  }
  const { model, problems: readProblems } = await readModel(args.file);
  if (!model) throw new AppError('UNREADABLE_WORKBOOK', readProblems.find((p) => p.severity === 'error')?.message ?? `Không đọc được tệp ${args.file.name}.`, readProblems);
  const catalog = await loadCatalog(ctx);
  const plan = planFor(catalog, args.period);
  if (!plan) throw new AppError('NO_PLAN', 'Chưa có kế hoạch nào để đối chiếu các dòng với chỉ tiêu.');
  const indicators = plan.tasks.flatMap((t) => t.indicators).filter((i) => !i.retired);
  const reading = describeProfileRows(model, profile, plan, catalog.agencies);
  const recognition = applyProfile(model, profile, catalog, { file: args.file.name, period: args.period });
  const problems = [...readProblems, ...recognition.problems];
  if (!reading) {
    return { sheet: null, valueColumn: null, agency: null, planYear: plan.plan.year, periodText: null, rows: [], problems, reports: [] };
  }
  const by = profile.layout.match.by;
  const rows: ProfilePreviewRow[] = reading.rows.map((r) => {
    // The figures have their own column; the row's words are what the clerk recognises it by.
    const text = r.texts.filter((x) => !/^[-+\d.,%\s()]+$/u.test(x)).join(' · ');
    const label = normaliseLabel(r.key);
    const confirmKey = by === 'label' ? (r.group && r.group !== label ? `${r.group.toUpperCase()}.${r.key.replace(/[.)\]:]+$/u, '')}` : r.key) : r.key;
    const longest = [...r.texts].sort((a, b) => b.length - a.length)[0] ?? '';
    return {
      row: r.row,
      key: r.key,
      text,
      value: displayText(r.valueCell),
      role: r.role,
      indicator: r.indicator ? { code: r.indicator.code, name: r.indicator.name, unit: r.indicator.unit, computed: r.indicator.aggregation === 'ratio' } : null,
      confirmKey,
      suggestions: r.role === 'unmatched' ? suggestIndicators(by === 'name' ? r.key : longest, indicators) : [],
    };
  });
  if (rows.length === 0) problems.push(problem('PROFILE_NO_ROWS', 'warning', '', `${args.file.name}: không có dòng nào dưới dòng tiêu đề ${profile.headerRows.last}.`));
  return {
    sheet: reading.sheet,
    valueColumn: reading.valueColumn,
    agency: reading.agency ? { code: reading.agency.code, name: reading.agency.name } : null,
    planYear: plan.plan.year,
    periodText: periodTextOf(model, reading.sheet, profile.periodCell),
    rows,
    problems,
    reports: recognition.reports.map((r) => ({ agency: r.agencyCode, values: r.values.length })),
  };
}
