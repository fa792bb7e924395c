// The layout-profile wizard (excel.md §3): the clerk opens a sample workbook in an
// agency's own layout, points at its header rows and columns, and sees every row
// matched to an indicator (through the same reader an import uses), with the closest
// indicators suggested for the rows that match none. The profile is saved by
// 'profiles.save' like any other.
import type { FileBytes, GridMerge, IndicatorSuggestion, InspectedSheet, PreviewMatchedBy, ProfilePreview, ProfilePreviewColumn, ProfilePreviewRow, WorkbookInspection } from '../../shared/api';
import type { Indicator, PlanDetail } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import { problem } from '../../shared/problems';
import { foldForSearch, nfc } from '../../shared/text';
import { decodeLegacyText } from '../../shared/legacy-text';
import { parseRange } from '../../shared/cells';
import { readUntrustedWorkbook } from '../excel/parse';
import { applyProfile, describeAgencyRows, describeProfileRows, normaliseLabel, periodTextOn, rowSkipKey } from '../excel/profile-reader';
import { findSheet, type ModelCell, type ModelSheet } from '../excel/workbook-model';
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
  // The clerk sees the letters a legacy font (".VnTime", "VNI-Times") draws, not its bytes.
  if (kind === 'string' || kind === 'richText') return nfc(decodeLegacyText(v, cell.fontName)?.text ?? v);
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

/** A code as written ("NV2.01", "nv 2.1", "NV2.01."), folded so that both sides compare alike. */
function codeOf(text: string): string {
  return foldForSearch(text)
    .toUpperCase()
    .replace(/\s+/gu, '')
    .replace(/[.:;,)]+$/u, '')
    .replace(/\d+/gu, (digits) => String(Number(digits)));
}

/** The code-like words of a text ("NV2.01", "NV 2.04"). */
function codesIn(text: string): string[] {
  return [...text.matchAll(/\b[A-Za-zĐđ]{1,4}\s?\d+(?:\.\d+)*/gu)].map((m) => codeOf(m[0]));
}

/**
 * A sub-row: a part of the row above ("Trong đó:", "- Án thụ lý mới", "+ Án cũ"), never
 * an indicator of its own, so "bỏ qua" is suggested before any indicator.
 */
export function isSubRow(text: string): boolean {
  const folded = foldForSearch(text).trim();
  return /^[-+–—•*]\s*\S/u.test(folded) || /^(trong do|trong so do|bao gom|chia ra|cu the|rieng)\b/u.test(folded);
}

/** How close a suggestion by name must be to come before one by position. */
const CLOSE_BY_NAME = 0.5;
/** Below this, a name shares a word or two by chance ("ghi" of "Ghi chú" and "ghi âm"): no suggestion. */
const LEAST_BY_NAME = 0.3;
/** An indicator another row already gives is a weaker guess than one no row gives. */
const TAKEN_WEIGHT = 0.6;

/**
 * The indicators a row most likely means, each with why: its code written in the row
 * (sure), its name sharing most words with the row's text (the share of both sides'
 * words, best first), or its place in the plan between the indicators matched just
 * above and below (`position`, given by the caller). Best three.
 */
export function suggestIndicators(
  text: string,
  indicators: readonly Pick<Indicator, 'code' | 'name'>[],
  limit = 3,
  options: { position?: Pick<Indicator, 'code' | 'name'> | null; taken?: ReadonlySet<string> } = {},
): IndicatorSuggestion[] {
  const taken = options.taken ?? new Set<string>();
  const weighed = (s: IndicatorSuggestion) => s.score * (taken.has(s.code) ? TAKEN_WEIGHT : 1);
  const written = new Set(codesIn(text));
  const byCode: IndicatorSuggestion[] = indicators.filter((i) => written.has(codeOf(i.code))).map((i) => ({ code: i.code, name: i.name, score: 1, reason: 'code' }));
  const row = tokens(text);
  const byName: IndicatorSuggestion[] =
    row.size === 0
      ? []
      : indicators
          .map((i) => {
            const name = tokens(i.name);
            let shared = 0;
            for (const w of name) if (row.has(w)) shared++;
            const score = name.size === 0 ? 0 : (2 * shared) / (name.size + row.size);
            return { code: i.code, name: i.name, score: Math.round(score * 100) / 100, reason: 'name' as const };
          })
          .filter((s) => s.score >= LEAST_BY_NAME)
          .sort((a, b) => weighed(b) - weighed(a) || a.code.localeCompare(b.code));
  const position: IndicatorSuggestion[] = options.position ? [{ code: options.position.code, name: options.position.name, score: 0.5, reason: 'position' }] : [];
  const close = byName.filter((s) => weighed(s) >= CLOSE_BY_NAME);
  const rest = byName.filter((s) => !close.includes(s));
  const out: IndicatorSuggestion[] = [];
  for (const s of [...byCode, ...close, ...position, ...rest]) if (!out.some((o) => o.code === s.code)) out.push(s);
  return out.slice(0, limit);
}

function planFor(catalog: Awaited<ReturnType<typeof loadCatalog>>, period: string | undefined): PlanDetail | null {
  const year = period ? catalog.periods.find((p) => p.code === period)?.planYear : undefined;
  if (year !== undefined) return catalog.plans.get(year) ?? null;
  const years = [...catalog.plans.keys()].sort((a, b) => b - a);
  return years[0] !== undefined ? (catalog.plans.get(years[0]) ?? null) : null;
}


type PlanIndicator = PlanDetail['tasks'][number]['indicators'][number];

function indicatorRef(i: PlanIndicator): NonNullable<ProfilePreviewRow['indicator']> {
  return { code: i.code, name: i.name, unit: i.unit, computed: i.aggregation === 'ratio' };
}

/** The words of a row the clerk recognises it by: figures have their own column. */
function wordsOf(texts: readonly string[]): string {
  return texts.filter((x) => !/^[-+\d.,%\s()]+$/u.test(x)).join(' · ');
}

/**
 * Where each unmatched row would sit in the plan: the k-th unmatched row after a row
 * matched to the plan's n-th indicator is the (n+k)-th, if no row gives that one and
 * it comes before the indicator matched below. Sub-rows take no place.
 */
function positions(rows: readonly { role: string; code: string | null; subRow: boolean }[], order: readonly PlanIndicator[]): (PlanIndicator | null)[] {
  const index = new Map(order.map((i, n) => [i.code, n]));
  const taken = new Set(rows.map((r) => r.code).filter((c): c is string => c !== null));
  const out: (PlanIndicator | null)[] = rows.map(() => null);
  let above: number | null = null;
  let k = 0;
  rows.forEach((r, n) => {
    if (r.code !== null) {
      above = index.get(r.code) ?? null;
      k = 0;
      return;
    }
    if (r.role !== 'unmatched' || r.subRow || above === null) return;
    k++;
    const below = rows.slice(n + 1).find((x) => x.code !== null)?.code ?? null;
    const limit = below !== null ? (index.get(below) ?? order.length) : order.length;
    const at = above + k;
    const candidate = order[at];
    if (candidate && at < limit && !taken.has(candidate.code)) out[n] = candidate;
  });
  return out;
}

export async function previewProfile(ctx: AppContext, args: { file: FileBytes; definition: unknown; period?: string }): Promise<ProfilePreview> {
  const profile = parseProfile(args.definition, `"${(args.definition as { name?: unknown } | null)?.name ?? ''}"`);
  const { model, problems: readProblems } = await readModel(args.file);
  if (!model) throw new AppError('UNREADABLE_WORKBOOK', readProblems.find((p) => p.severity === 'error')?.message ?? `Không đọc được tệp ${args.file.name}.`, readProblems);
  const catalog = await loadCatalog(ctx);
  const plan = planFor(catalog, args.period);
  if (!plan) throw new AppError('NO_PLAN', 'Chưa có kế hoạch nào để đối chiếu các dòng với chỉ tiêu.');
  const indicators = plan.tasks.flatMap((t) => t.indicators).filter((i) => !i.retired);
  const recognition = applyProfile(model, profile, catalog, { file: args.file.name, period: args.period });
  const problems = [...readProblems, ...recognition.problems];
  // The reports an import would take (none where an error stops it), and the table as read
  // all the same, so the clerk sees which sheets and rows to mark.
  const reports = recognition.reports.map((r) => ({ agency: r.agencyCode, values: r.values.length }));
  const asRead = recognition.asRead ?? recognition.reports;
  const read = asRead.map((r) => ({ agency: r.agencyCode, values: r.values.length }));
  const agencyRef = (code: string) => {
    const a = catalog.agencies.find((x) => x.code === code);
    return { code, name: a?.name ?? code };
  };
  // One sheet per agency: the sheet each report was read from (its figures' cells say it).
  const sheets = profile.eachSheet
    ? asRead.map((r) => {
        const cell = r.values[0]?.sourceCell ?? '';
        return { name: cell.slice(0, cell.lastIndexOf('!')), agency: agencyRef(r.agencyCode) };
      })
    : [];
  const confirmed = profile.layout.match.confirmed;
  const by = profile.layout.match.by;
  const matchedBy = (key: string, code: string | undefined): PreviewMatchedBy | null => (code === undefined ? null : confirmed[key] === code ? 'confirmed' : by);

  if (profile.layout.kind === 'agency-rows') {
    const reading = describeAgencyRows(model, profile, plan, catalog.agencies);
    const empty = { sheet: null, valueColumn: null, agency: null, planYear: plan.plan.year, periodText: null, rows: [], problems, reports, read, kind: 'agency-rows' as const, columns: [], sheets };
    if (!reading) return empty;
    const taken = new Set(reading.columns.map((c) => c.indicator?.code).filter((c): c is string => c !== undefined));
    const columns: ProfilePreviewColumn[] = reading.columns.map((c) => ({
      column: c.column,
      header: c.header,
      indicator: c.indicator ? indicatorRef(c.indicator) : null,
      matchedBy: matchedBy(c.header, c.indicator?.code),
      confirmKey: c.header,
      suggestions: c.indicator ? [] : suggestIndicators(c.header, indicators, 3, { taken }),
    }));
    const rows: ProfilePreviewRow[] = reading.rows.map((r) => ({
      row: r.row,
      key: r.key,
      text: wordsOf(r.texts),
      value: r.cells.some((c) => displayText(c) !== '') ? r.cells.map(displayText).join(' · ') : '',
      role: r.role,
      indicator: null,
      matchedBy: null,
      agency: r.agency ? { code: r.agency.code, name: r.agency.name } : null,
      confirmKey: r.key,
      skipKey: r.key,
      suggestions: [],
      skipSuggested: r.role === 'unmatched' && isSubRow(r.key) ? 'sub-row' : null,
    }));
    if (rows.length === 0) problems.push(problem('PROFILE_NO_ROWS', 'warning', '', `${args.file.name}: không có dòng nào dưới dòng tiêu đề ${profile.headerRows.last}.`));
    return { ...empty, sheet: reading.sheet, periodText: periodTextOn(model, reading.sheet, profile), rows, columns };
  }

  const reading = describeProfileRows(model, profile, plan, catalog.agencies);
  if (!reading) {
    return { sheet: null, valueColumn: null, agency: null, planYear: plan.plan.year, periodText: null, rows: [], problems, reports, read, kind: 'indicator-rows', columns: [], sheets };
  }
  const twice = (code: string) => reading.rows.filter((x) => x.indicator?.code === code).length > 1;
  const keyed = reading.rows.map((r) => {
    const label = normaliseLabel(r.key);
    const confirmKey = by === 'label' ? (r.group && r.group !== label ? `${r.group.toUpperCase()}.${r.key.replace(/[.)\]:]+$/u, '')}` : r.key) : r.key;
    const text = wordsOf(r.texts);
    // The bullet may sit in the STT column, left of the key ("-" | "Số vụ án … đã giải quyết").
    const looksSub = isSubRow(r.key) || isSubRow(text) || isSubRow(`${r.lead} ${r.key}`);
    const skipKey = r.skipEntry ?? rowSkipKey(profile, r.key, r.lead, r.group);
    // A sub-row that took an indicator another row also gives ("- Số vụ án … đã giải quyết" under "Trong đó") is the part, not the whole.
    const subRow = looksSub && (r.role === 'unmatched' || (r.role === 'matched' && r.indicator !== null && twice(r.indicator.code)));
    return { reading: r, confirmKey, skipKey, text, subRow };
  });
  const taken = new Set(reading.rows.map((r) => r.indicator?.code).filter((c): c is string => c !== undefined));
  const placed = positions(
    keyed.map((k) => ({ role: k.reading.role, code: k.reading.indicator?.code ?? null, subRow: k.subRow })),
    indicators,
  );
  // One column per agency: the row's figure in each agency's column, left to right, is what the clerk checks against the file.
  const agencyColumns = profile.layout.kind === 'indicator-rows' && profile.layout.agency.mode === 'columns' ? profile.layout.agency.columns : null;
  const cellsOfSheet = new Map((findSheet(model, reading.sheet)?.cells ?? []).map((c) => [c.address, c]));
  const figuresOf = (row: number, columns: readonly string[]) => columns.map((col) => displayText(cellsOfSheet.get(`${col}${row}`)) || '(trống)').join(' · ');
  const rows: ProfilePreviewRow[] = keyed.map(({ reading: r, confirmKey, skipKey, text, subRow }, n) => {
    const longest = [...r.texts].sort((a, b) => b.length - a.length)[0] ?? '';
    // By code, the code may be written anywhere in the row; by name or label, the row's words say what it is.
    const about = by === 'name' ? r.key : by === 'code' ? r.texts.join(' ') : longest;
    return {
      row: r.row,
      key: r.key,
      text,
      value: agencyColumns ? figuresOf(r.row, agencyColumns) : displayText(r.valueCell),
      role: r.role,
      indicator: r.indicator ? indicatorRef(r.indicator) : null,
      matchedBy: matchedBy(confirmKey, r.indicator?.code),
      agency: null,
      confirmKey,
      skipKey,
      suggestions: r.role === 'unmatched' ? suggestIndicators(about, indicators, 3, { taken, position: subRow ? null : placed[n] }) : [],
      skipSuggested: subRow ? 'sub-row' : null,
    };
  });
  if (rows.length === 0) problems.push(problem('PROFILE_NO_ROWS', 'warning', '', `${args.file.name}: không có dòng nào dưới dòng tiêu đề ${profile.headerRows.last}.`));
  return {
    sheet: reading.sheet,
    valueColumn: reading.valueColumn,
    agency: reading.agency ? { code: reading.agency.code, name: reading.agency.name } : null,
    planYear: plan.plan.year,
    periodText: periodTextOn(model, reading.sheet, profile),
    rows,
    problems,
    reports,
    read,
    kind: 'indicator-rows',
    columns: [],
    sheets,
  };
}
