// The consolidated workbook (biểu tổng hợp) for one period, and the list of agencies
// still to chase (excel.md §4). Built from a Consolidation, so what the workbook says
// is what the screen says; totals are real formulas carrying the figure the app
// computed as their cached result, so a clerk can audit them in Excel. Narratives and
// other imported text are written as plain strings: never a formula, never a link.
import ExcelJS from 'exceljs';
import type { Cell, Worksheet } from 'exceljs';
import type { AgencyFigure, AgencyReceipt, ComparedFigure, Completeness, Consolidation, IndicatorConsolidation, ReceiptState, TaskConsolidation, TaskNarrative } from '../../shared/api';
import { AGENCY_GROUP_LABELS, ROLE_LABELS, TASK_STATUS_LABELS, type Agency, type AgencyGroup, type Correction, type Organization, type Period, type PlanDetail } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { round6 } from '../../shared/aggregate';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import { CHECK_RULE_LABELS, DERIVED_EXCLUSION_LABELS, FIGURE_STATE_LABELS, RECEIPT_STATE_LABELS, SEVERITY_LABELS, TARGET_LABELS, coverageText, gapsText } from '../../shared/labels';
import { documentNumberLine, issuerSymbol } from '../documents/document-heading';
import {
  CENTRED,
  PRINTABLE_PX,
  THIN_BORDER,
  WRAP_TOP,
  applyA4Setup,
  cellText,
  columnPx,
  columnsPx,
  keepTogether,
  font,
  textWidthPt,
  BODY_SIZE,
  rowHeightFor,
  setColumns,
  solidFill,
  viFormat,
  writeHeading,
  writeSignature,
} from './heading';
import { finishWorkbook } from './xlsx-finish';

export const CONSOLIDATED_SHEETS = {
  summary: 'Tổng hợp',
  byAgency: 'Theo đơn vị',
  statuses: 'Tình trạng nhiệm vụ',
  narratives: 'Nội dung',
  receipts: 'Tiến độ nộp',
  checks: 'Kiểm tra số liệu',
} as const;
export const MISSING_SHEET = 'Đơn vị chưa nộp';

export interface ConsolidatedInput {
  organization: Organization;
  plan: PlanDetail;
  consolidation: Consolidation;
  /** The agencies on record, for the groups "Theo đơn vị" prints a page at a time. */
  agencies: readonly Agency[];
  /** Who signs the workbook, and its "Nơi nhận:" (Cài đặt). */
  settings: Pick<Settings, 'signer' | 'recipients'>;
  /** The report's number and symbol ("45-BC/BCĐ"); null leaves a blank before "-BC/BCĐ" for the clerk to write in. */
  documentNumber: string | null;
  /** ISO date of the report, for the place-and-date line; null: the day it is written. */
  documentDate: string | null;
  /** ISO date-time; its date goes on the heading's place-and-date line when no date is given. */
  generatedAt: string;
}

export interface MissingListInput {
  organization: Organization;
  plan: PlanDetail;
  /** With each agency's contact person and phone, for the clerk who chases. */
  completeness: Completeness;
  generatedAt: string;
}

/** ASCII-safe names, like the forms'. */
export function consolidatedFileName(periodCode: string): string {
  return `TongHop_${periodCode.replace(/[^A-Za-z0-9-]+/gu, '-')}.xlsx`;
}

export function missingListFileName(periodCode: string): string {
  return `DonViChuaNop_${periodCode.replace(/[^A-Za-z0-9-]+/gu, '-')}.xlsx`;
}

// ---- cells ----

const HEADER_FILL = 'FFD9E1F2';
const GROUP_FILL = 'FFF2F2F2';
const NOT_ASSIGNED_FILL = 'FFD9D9D9';
/** A figure the office corrected itself (after phoning the agency). */
const CORRECTED_FILL = 'FFFFF2CC';
const RED = 'FFC00000';
const GREY = 'FF595959';
/** What the missing list shows where the agencies' list has no contact person or phone. */
export const NO_CONTACT = 'Chưa có trong danh mục';
const ORANGE = 'FFC65911';

interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  colour?: string;
  centre?: boolean;
  right?: boolean;
  numFmt?: string;
  fill?: string;
}

function put(ws: Worksheet, row: number, column: number, value: ExcelJS.CellValue, style: CellStyle = {}): Cell {
  const cell = ws.getCell(row, column);
  // Strings always pass through cellText and are stored as strings, whatever they start with.
  cell.value = typeof value === 'string' ? cellText(value) : value;
  cell.font = font({ bold: style.bold, italic: style.italic, ...(style.colour ? { color: { argb: style.colour } } : {}) });
  // Right-aligned cells wrap too: a figure shown but not counted ("28 (không tính)") stays within its column.
  cell.alignment = style.centre ? CENTRED : style.right ? { horizontal: 'right', vertical: 'top', wrapText: true } : WRAP_TOP;
  cell.border = THIN_BORDER;
  if (style.numFmt) cell.numFmt = style.numFmt;
  if (style.fill) cell.fill = solidFill(style.fill);
  return cell;
}

/** A line of text above a table; not merged, so it never straddles a frozen pane. */
function caption(ws: Worksheet, row: number, value: string, style: { bold?: boolean; italic?: boolean; size?: number; centreAcross?: number } = {}): void {
  if (style.centreAcross && style.centreAcross > 1) ws.mergeCells(row, 1, row, style.centreAcross);
  const cell = ws.getCell(row, 1);
  cell.value = cellText(value);
  cell.font = font({ bold: style.bold, italic: style.italic, size: style.size });
  cell.alignment = style.centreAcross ? { horizontal: 'center', vertical: 'middle', wrapText: true } : { vertical: 'middle' };
}

function header(ws: Worksheet, row: number, labels: readonly string[], widths: readonly number[], from = 1): void {
  labels.forEach((label, index) => put(ws, row, from + index, label, { bold: true, centre: true, fill: HEADER_FILL }));
  ws.getRow(row).height = rowHeightFor(
    labels.map((label, index) => ({ text: label, width: widths[from - 1 + index] ?? 10, bold: true })),
    30,
  );
}

function freeze(ws: Worksheet, rows: number, columns = 0): void {
  ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows, topLeftCell: `${ws.getColumn(columns + 1).letter}${rows + 1}` }];
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(n: number): string {
  let rest = Math.max(0, Math.floor(n));
  let out = '';
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

type Figure = Pick<IndicatorConsolidation, 'kind' | 'aggregation'>;

/** The digits of a figure: whole numbers grouped, a ratio or percent to one decimal, other decimals to two. */
function numberCode(indicator: Figure): string {
  if (indicator.aggregation === 'ratio' || indicator.kind === 'percent') return '#,##0.0';
  if (indicator.kind === 'integer') return '#,##0';
  return '#,##0.00';
}

/** A figure's number format, with "suffix" (a quoted literal) after the digits; the separators are the PC's (viFormat). */
function numberFormat(indicator: Figure, suffix = ''): string {
  return viFormat(`${numberCode(indicator)}${suffix}`);
}

const MARKED = '" *"';

function windowText(period: Period): string {
  return `Số liệu tính từ ngày ${formatDateVi(period.from)} đến ngày ${formatDateVi(period.to)}; hạn nộp báo cáo: ${formatDateVi(period.due)}.`;
}

function completenessText(c: Completeness): string {
  const n = c.counts;
  const word = (state: ReceiptState) => RECEIPT_STATE_LABELS[state].toLocaleLowerCase('vi');
  return `Số đơn vị phải báo cáo: ${n.expected}; đã nộp: ${n.received} (${word('on_time')} ${n.onTime}, ${word('late')} ${n.late}; đủ ${n.complete}, chưa đủ ${n.incomplete}); ${word('returned')}: ${n.returned}; ${word('missing')}: ${n.missing}.`;
}

function names(c: Consolidation, codes: readonly string[]): string {
  const known = new Map(c.completeness.agencies.map((a) => [a.code, a.name]));
  for (const i of c.indicators) for (const f of i.byAgency) known.set(f.code, f.name);
  return codes.map((code) => known.get(code) ?? code).join(', ');
}

/** Whether a comparison covers other agencies than this period's figure. */
function differs(f: ComparedFigure | null): boolean {
  return f !== null && (f.onlyHere.length > 0 || f.onlyThere.length > 0);
}

function comparisonNote(c: Consolidation, f: ComparedFigure): string {
  const parts = [`${f.label}: ${coverageText(f.coverage)}${f.derived ? ', suy ra từ số lũy kế' : ''}.`];
  if (f.onlyHere.length > 0) parts.push(`Chỉ có ở kỳ này: ${names(c, f.onlyHere)}.`);
  if (f.onlyThere.length > 0) parts.push(`Chỉ có ở kỳ so sánh: ${names(c, f.onlyThere)}.`);
  return parts.join(' ');
}

/** What the office's correction of a figure says, for a cell's note. */
function correctionNote(k: Correction): string {
  const by = [k.by.clerk, k.by.osUser ? `máy: ${k.by.osUser}` : ''].filter(Boolean).join(', ');
  return `Văn phòng sửa ngày ${formatDateVi(k.at)}${by ? ` (${by})` : ''}. Tệp ghi: "${k.fileText}". Ghi chú: ${k.note}`;
}

/** Indicators grouped under their tasks, in the consolidation's order; strays (no live task) go last. */
function byTask(consolidation: Consolidation): { task: Pick<TaskConsolidation, 'code' | 'title'>; indicators: IndicatorConsolidation[] }[] {
  const groups = consolidation.tasks.map((task) => ({ task: { code: task.code, title: task.title }, indicators: consolidation.indicators.filter((i) => i.taskCode === task.code) }));
  const known = new Set(consolidation.tasks.map((t) => t.code));
  const strays = consolidation.indicators.filter((i) => !known.has(i.taskCode));
  if (strays.length > 0) groups.push({ task: { code: '', title: 'Chỉ tiêu khác' }, indicators: strays });
  return groups;
}

/** A task's row over its indicators; its title is merged from `mergeFrom` to `mergeTo` (the last column unless said). */
function groupRow(ws: Worksheet, row: number, index: number, code: string, title: string, lastColumn: number, titleWidth: number, mergeFrom = 3, mergeTo = lastColumn): void {
  put(ws, row, 1, toRoman(index), { bold: true, centre: true, fill: GROUP_FILL });
  if (mergeFrom > 2) put(ws, row, 2, code, { bold: true, centre: true, fill: GROUP_FILL });
  for (let c = mergeFrom; c <= lastColumn; c++) put(ws, row, c, null, { fill: GROUP_FILL });
  if (mergeTo > mergeFrom) ws.mergeCells(row, mergeFrom, row, mergeTo);
  put(ws, row, mergeFrom, title, { bold: true, fill: GROUP_FILL });
  ws.getRow(row).height = rowHeightFor([{ text: title, width: titleWidth, bold: true }], 20);
}

// ---- "Tổng hợp" ----

function writeSummary(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const { consolidation: c, plan, organization } = input;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.summary);
  const derived = c.indicators.find((i) => i.inQuarter)?.inQuarter ?? null;
  // The derived quarter is always labelled as such, whether or not the service's label says so.
  const derivedLabel = derived ? (/lũy kế/u.test(derived.label) ? derived.label : `${derived.label}\n(tính từ số lũy kế)`) : '';
  const previous = c.indicators.find((i) => i.previous)?.previous ?? null;
  const lastYear = c.indicators.find((i) => i.sameLastYear)?.sameLastYear ?? null;
  // Like with like: a quarter beside the quarter before; every period beside the same one last year.
  const quarterly = c.period.kind === 'quarter';

  const labels = [
    'STT',
    'Mã',
    'Chỉ tiêu',
    'Đơn vị tính',
    `Kỳ báo cáo\n(${c.period.label})`,
    'Số đơn vị',
    ...(derived ? [derivedLabel] : []),
    ...(quarterly ? [previous ? `Quý trước\n(${previous.label})` : 'Quý trước'] : []),
    lastYear ? `Cùng kỳ năm trước\n(${lastYear.label})` : 'Cùng kỳ năm trước',
    'Chỉ tiêu kế hoạch',
    'Đánh giá',
  ];
  // Within a landscape page's 952 px at full size, so the signed summary prints at 12 pt.
  const widths = [5, 8, 30, 8, 12, 11, ...(derived ? [12] : []), ...(quarterly ? [12] : []), 12, 9, 8];
  const last = widths.length;
  setColumns(ws, widths);

  const numberText = documentNumberLine(input.documentNumber, 'BC', issuerSymbol(plan.plan.number), organization.headingStyle);
  const date = input.documentDate ?? input.generatedAt.slice(0, 10);
  let row = writeHeading(ws, { organization, documentNumber: input.documentNumber, numberText, date, year: plan.plan.year }, { columns: last, leftColumns: 4 });
  caption(ws, row, 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ TRỌNG TÂM CÔNG TÁC CẢI CÁCH TƯ PHÁP', { bold: true, size: 14, centreAcross: last });
  ws.getRow(row++).height = 22;
  caption(ws, row++, `${c.period.label} (theo Kế hoạch số ${plan.plan.number}${plan.plan.issuedOn ? ` ngày ${formatDateVi(plan.plan.issuedOn)}` : ''})`, { bold: true, centreAcross: last });
  caption(ws, row++, windowText(c.period), { italic: true, centreAcross: last });
  caption(ws, row++, completenessText(c.completeness), { italic: true, centreAcross: last });
  row++;
  const headerAt = row;
  header(ws, row++, labels, widths);

  const groupRows = new Set<number>();
  byTask(c).forEach(({ task, indicators }, index) => {
    groupRows.add(row);
    groupRow(ws, row++, index + 1, task.code, task.title, last, widths.slice(2).reduce((a, b) => a + b, 0));
    indicators.forEach((i, n) => {
      const fmt = numberFormat(i);
      let column = 1;
      put(ws, row, column++, n + 1, { centre: true });
      put(ws, row, column++, i.code, { centre: true });
      put(ws, row, column++, i.name);
      put(ws, row, column++, i.unit, { centre: true });
      put(ws, row, column++, i.value, { right: true, numFmt: fmt, bold: true });
      put(ws, row, column++, coverageText(i.coverage), { centre: true, ...(i.coverage.reported < i.coverage.expected ? { colour: ORANGE } : {}) });
      if (derived) {
        const cell = put(ws, row, column++, i.inQuarter?.value ?? null, { right: true, numFmt: fmt, italic: true });
        const q = i.inQuarter;
        if (q && q.coverage.reported < q.coverage.expected) {
          const out = q.left.filter((l) => l.reason !== 'no_current');
          cell.note = `${coverageText(q.coverage)}.${out.length > 0 ? ` Không tính: ${out.map((l) => `${names(c, [l.code])} (${DERIVED_EXCLUSION_LABELS[l.reason]})`).join('; ')}.` : ''}`;
          cell.numFmt = numberFormat(i, MARKED);
        }
      }
      const compare = (f: ComparedFigure | null) => {
        const cell = put(ws, row, column++, f?.value ?? null, { right: true, numFmt: differs(f) ? numberFormat(i, MARKED) : fmt });
        if (f && differs(f)) cell.note = comparisonNote(c, f);
      };
      if (quarterly) compare(i.previous);
      compare(i.sameLastYear);
      // The direction lives in the number format, so the target stays a number.
      const sign = i.targetDirection === 'max' ? '≤' : '≥';
      const targetFmt = viFormat(`"${sign} "${i.target !== null && Number.isInteger(i.target) ? '#,##0' : numberCode(i)}`);
      put(ws, row, column++, i.target, { right: true, numFmt: targetFmt });
      const met = i.targetMet === null ? '' : i.targetMet ? TARGET_LABELS.met : TARGET_LABELS.notMet;
      put(ws, row, column++, met, { centre: true, bold: i.targetMet === false, ...(i.targetMet === false ? { colour: RED } : {}) });
      ws.getRow(row).height = rowHeightFor(
        [
          { text: i.name, width: widths[2] ?? 30 },
          { text: i.unit, width: widths[3] ?? 8 },
          { text: coverageText(i.coverage), width: widths[5] ?? 11 },
        ],
        20,
      );
      row++;
    });
  });

  const lastTableRow = row - 1;
  row++;
  const errors = c.checks.filter((k) => k.severity === 'error');
  const notes = [
    'Ghi chú: tỷ lệ (%) = tổng tử số / tổng mẫu số × 100 của các đơn vị báo cáo đủ cả hai số, không lấy trung bình các tỷ lệ.',
    'Cột "Số đơn vị": số đơn vị có số liệu được tính trên số đơn vị phải báo cáo chỉ tiêu; ô trống không được tính là 0.',
    ...(derived ? [`Cột "${derivedLabel.replace('\n', ' ')}" là số liệu suy ra: số lũy kế kỳ này trừ số lũy kế ${derived.fromLabel}, trên các đơn vị có số liệu cả hai kỳ.`] : []),
    '* Số đánh dấu sao: kỳ so sánh (hoặc số suy ra) không gồm cùng các đơn vị với kỳ này; ghi chú của ô cho biết đơn vị nào.',
    ...(c.checks.length > 0
      ? [`Kiểm tra số liệu: ${errors.length} lỗi (${errors.filter((k) => k.accepted).length} đã được chấp nhận có lý do), ${c.checks.length - errors.length} cảnh báo; xem trang "${CONSOLIDATED_SHEETS.checks}".`]
      : []),
    'Số liệu chi tiết của từng đơn vị xem ở trang "Theo đơn vị".',
  ];
  for (const note of notes) {
    caption(ws, row, note, { italic: true, centreAcross: last });
    ws.getCell(row, 1).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(row++).height = rowHeightFor([{ text: note, width: widths.reduce((a, b) => a + b, 0) }]);
  }

  row++;
  const end = writeSignature(
    ws,
    { style: organization.headingStyle, signer: input.settings.signer, recipients: input.settings.recipients },
    { row, left: { from: 1, to: 4 }, right: { from: last - 4, to: last } },
  );

  freeze(ws, headerAt);
  const setup = { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } } as const;
  keepTogether(ws, setup, applyA4Setup(ws, setup), { firstTableRow: headerAt + 1, lastTableRow, groupRows, closingTo: end - 1 });
}

// ---- "Theo đơn vị" ----

/** An agency with a column on "Theo đơn vị", with the group it prints with. */
interface AgencyColumn {
  code: string;
  name: string;
  group: AgencyGroup;
}

/**
 * Agencies with a column: every expected reporter, then any agency with a figure on
 * record that is not counted; gathered by group (the groups in the order their first
 * agency comes in the office's list, the agencies in that order within), so each
 * printed page across holds whole groups.
 */
function reportingAgencies(c: Consolidation, known: readonly Agency[]): AgencyColumn[] {
  const groupOf = new Map(known.map((a) => [a.code, a.group]));
  const ordered: AgencyColumn[] = [];
  const seen = new Set<string>();
  const reporting = new Set(c.indicators.flatMap((i) => i.byAgency.map((f) => f.code)));
  for (const a of [...c.completeness.agencies, ...c.indicators.flatMap((i) => i.byAgency)]) {
    if (!reporting.has(a.code) || seen.has(a.code)) continue;
    seen.add(a.code);
    ordered.push({ code: a.code, name: a.name, group: groupOf.get(a.code) ?? 'other' });
  }
  const groups = [...new Set(ordered.map((a) => a.group))];
  return groups.flatMap((g) => ordered.filter((a) => a.group === g));
}

/**
 * Splits runs of columns (one run per group) into pages across of at most `perPage`:
 * a group goes whole onto the page it fits on, or onto a new page when it does not fit
 * what is left; a group wider than a page fills what is left and goes on over the next.
 */
export function pagesAcross<T>(groups: readonly (readonly T[])[], perPage: number): T[][] {
  const size = Math.max(1, Math.floor(perPage));
  const pages: T[][] = [];
  let page: T[] = [];
  for (const group of groups) {
    if (group.length <= size - page.length) {
      page.push(...group);
      continue;
    }
    let rest = [...group];
    if (group.length <= size || page.length === 0) {
      if (page.length > 0) pages.push(page);
      page = [];
    } else {
      rest = group.slice(size - page.length);
      page.push(...group.slice(0, size - page.length));
      pages.push(page);
      page = [];
    }
    while (rest.length > size) {
      pages.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    page = rest;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * The total of one indicator row: SUM (or MAX) over the agency cells with the app's
 * figure as cached result. When the agency cells do not add up to the app's figure
 * (a figure from an agency no longer expected this period, say), the figure is written
 * as a plain number with a note, rather than a formula whose result would disagree.
 */
function writeTotal(ws: Worksheet, row: number, column: number, i: IndicatorConsolidation, range: string | null): void {
  const style: CellStyle = { right: true, bold: true, numFmt: numberFormat(i) };
  if (i.kind === 'text' && i.aggregation !== 'ratio') {
    put(ws, row, column, null, style);
    return;
  }
  // Only counted figures are numbers in the row (the others are written as text), so SUM adds exactly them.
  const given = i.byAgency.filter((f) => f.state === 'counted').map((f) => f.value).filter((v): v is number => v !== null);
  const fn = i.aggregation === 'sum' ? 'SUM' : i.aggregation === 'max' ? 'MAX' : null;
  if (fn && range) {
    if (i.value === null && given.length === 0) {
      put(ws, row, column, { formula: `IF(COUNT(${range})=0,"",${fn}(${range}))` }, style);
      return;
    }
    const computed = fn === 'SUM' ? round6(given.reduce((a, b) => a + b, 0)) : Math.max(...given);
    if (given.length > 0 && computed === i.value) {
      put(ws, row, column, { formula: `${fn}(${range})`, result: i.value }, style);
      return;
    }
  }
  const cell = put(ws, row, column, i.value, style);
  if (fn) cell.note = 'Số tổng hợp của ứng dụng; các ô của dòng không cộng lại đúng số này nên không ghi công thức.';
}

/** One agency's cell of the table: a counted figure as a number; any other figure on record as text, so no formula counts it. */
function agencyCell(ws: Worksheet, row: number, column: number, i: IndicatorConsolidation, f: AgencyFigure): void {
  const fmt = numberFormat(i);
  if (i.kind === 'text' && i.aggregation !== 'ratio') {
    // A text left out (returned report, no longer assigned) is marked as a number would be.
    if (f.state !== 'counted' && (f.text ?? '').trim() !== '') {
      const cell = put(ws, row, column, `${f.text ?? ''} (không tính)`, { italic: true, colour: ORANGE });
      cell.note = `${FIGURE_STATE_LABELS[f.state]}.`;
      return;
    }
    const cell = put(ws, row, column, f.text ?? '', f.correction ? { fill: CORRECTED_FILL } : {});
    if (f.correction) cell.note = correctionNote(f.correction);
    return;
  }
  if (f.state === 'counted') {
    const cell = put(ws, row, column, f.value, { right: true, numFmt: fmt, ...(f.correction ? { fill: CORRECTED_FILL } : {}) });
    if (f.correction) cell.note = correctionNote(f.correction);
    return;
  }
  const shown = i.aggregation === 'ratio' ? (f.numerator !== null && f.numerator !== undefined ? `${formatNumber(f.numerator)}/${formatNumber(f.denominator)}` : '') : f.value !== null ? formatNumber(f.value) : '';
  if (!shown) {
    put(ws, row, column, null);
    return;
  }
  const cell = put(ws, row, column, `${shown} (không tính)`, { right: true, italic: true, colour: ORANGE });
  cell.note = `${FIGURE_STATE_LABELS[f.state]}.`;
}

/**
 * "Theo đơn vị" prints at 90%: its 12 pt text at 10,8 pt, and eight agency columns
 * across a landscape page beside the indicator columns, which every page repeats.
 */
export const BY_AGENCY_SCALE = 90;
const BY_AGENCY_WIDTHS = { stt: 5, code: 9, name: 30, unit: 8, agency: 9, total: 11, coverage: 12 } as const;
/** Rows printed on every page: the groups, the agencies' names, their codes. */
export const BY_AGENCY_HEADER = { groups: 4, names: 5, codes: 6 } as const;

/** What "Theo đơn vị" needs once written: where its printed pages across end. */
interface ByAgencyLayout {
  /** Columns after which a page across ends (1-based). */
  breaks: number[];
}

function writeByAgency(wb: ExcelJS.Workbook, input: ConsolidatedInput): ByAgencyLayout {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.byAgency);
  const agencies = reportingAgencies(c, input.agencies);
  const first = 5;
  const totalColumn = first + agencies.length;
  const coverageColumn = totalColumn + 1;
  const W = BY_AGENCY_WIDTHS;
  const widths = [W.stt, W.code, W.name, W.unit, ...agencies.map(() => W.agency), W.total, W.coverage];
  setColumns(ws, widths);

  // Pages across: what one page holds beside the repeated indicator columns (2% spare, for renderers that round).
  const room = ((PRINTABLE_PX.landscape * 100) / BY_AGENCY_SCALE) * 0.98 - columnsPx(ws, 1, 4);
  const perPage = Math.floor(room / columnPx(W.agency));
  const runs = [...new Set(agencies.map((a) => a.group))].map((g) => agencies.filter((a) => a.group === g));
  const pages = pagesAcross(runs, perPage);
  const breaks: number[] = [];
  let column = first - 1;
  for (const page of pages.slice(0, -1)) {
    column += page.length;
    breaks.push(column);
  }
  // The total and the coverage go on the last page, or on a page of their own when it is full.
  const lastPage = pages[pages.length - 1] ?? [];
  if (lastPage.length > 0 && lastPage.length * columnPx(W.agency) + columnPx(W.total) + columnPx(W.coverage) > room) breaks.push(totalColumn - 1);

  // The title and the window sit over the indicator columns, which every page across repeats.
  const captionRow = (row: number, text: string, style: { bold?: boolean; italic?: boolean; size?: number }) => {
    ws.mergeCells(row, 1, row, 4);
    const cell = ws.getCell(row, 1);
    cell.value = cellText(text);
    cell.font = font(style);
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(row).height = rowHeightFor([{ text, width: W.stt + W.code + W.name + W.unit, bold: style.bold }], 18, style.size);
  };
  captionRow(1, `SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  captionRow(2, windowText(c.period), { italic: true });
  ws.getRow(3).height = 8;

  const H = BY_AGENCY_HEADER;
  header(ws, H.names, ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', ...agencies.map((a) => a.name), 'Tổng hợp', 'Số đơn vị'], widths);
  // Agency names stand on end so eight columns fit across a page; the row is as tall as the longest name needs.
  const rotated: Partial<ExcelJS.Alignment> = { textRotation: 90, horizontal: 'center', vertical: 'middle', wrapText: true };
  agencies.forEach((_, k) => void (ws.getCell(H.names, first + k).alignment = rotated));
  const columnPt = columnPx(W.agency) * 0.75;
  const linesAcross = Math.max(1, Math.floor((columnPt - 5) / (BODY_SIZE * 1.31)));
  if (agencies.length > 0) {
    ws.getRow(H.names).height = Math.min(160, Math.max(60, ...agencies.map((a) => Math.ceil((textWidthPt(a.name, BODY_SIZE, true) / linesAcross) * 1.2) + 10)));
  }
  // Under the names, the agency codes, the key clerks and files share.
  ['', '', '', '', ...agencies.map((a) => a.code), '', ''].forEach((code, index) => {
    put(ws, H.codes, index + 1, code, { italic: true, centre: true, fill: HEADER_FILL });
  });
  ws.getRow(H.codes).height = 18;
  // Over the names, each group, on every page it is printed on. A group of one agency
  // on a page is named by that agency: its name stands over both rows instead.
  let at = first;
  const printed = new Set<AgencyGroup>();
  const bands: { text: string; width: number; bold: boolean }[] = [];
  for (const page of pages) {
    for (const g of [...new Set(page.map((a) => a.group))]) {
      const span = page.filter((a) => a.group === g).length;
      const label = printed.has(g) ? `${AGENCY_GROUP_LABELS[g]} (tiếp theo)` : AGENCY_GROUP_LABELS[g];
      printed.add(g);
      if (span === 1) {
        const name = ws.getCell(H.names, at).value;
        put(ws, H.names, at, null, { fill: HEADER_FILL });
        put(ws, H.groups, at, name, { bold: true, fill: HEADER_FILL }).alignment = rotated;
        ws.mergeCells(H.groups, at, H.names, at);
      } else {
        for (let k = 0; k < span; k++) put(ws, H.groups, at + k, null, { fill: HEADER_FILL });
        ws.mergeCells(H.groups, at, H.groups, at + span - 1);
        put(ws, H.groups, at, label, { bold: true, centre: true, fill: HEADER_FILL });
        bands.push({ text: label, width: span * W.agency, bold: true });
      }
      at += span;
    }
  }
  ws.getRow(H.groups).height = rowHeightFor(bands, 20);
  // The indicator and total columns' headers stand over all three header rows.
  for (const col of [1, 2, 3, 4, totalColumn, coverageColumn]) {
    const label = ws.getCell(H.names, col).value;
    put(ws, H.groups, col, label, { bold: true, centre: true, fill: HEADER_FILL });
    put(ws, H.names, col, null, { fill: HEADER_FILL });
    ws.mergeCells(H.groups, col, H.codes, col);
  }

  const range = (row: number): string | null =>
    agencies.length > 0 ? `${ws.getColumn(first).letter}${row}:${ws.getColumn(totalColumn - 1).letter}${row}` : null;
  const rowOf = new Map<string, number>();
  const ratios: { row: number; indicator: IndicatorConsolidation }[] = [];

  let row = H.codes + 1;
  byTask(c).forEach(({ task, indicators }, index) => {
    // The task's title within the repeated columns, so every page across reads it whole.
    groupRow(ws, row++, index + 1, task.code, task.title, coverageColumn, W.name + W.unit, 3, 4);
    indicators.forEach((i, n) => {
      put(ws, row, 1, n + 1, { centre: true });
      put(ws, row, 2, i.code, { centre: true });
      put(ws, row, 3, i.name);
      put(ws, row, 4, i.unit, { centre: true });
      const figures = new Map(i.byAgency.map((f) => [f.code, f]));
      agencies.forEach((a, k) => {
        const f = figures.get(a.code);
        if (!f) put(ws, row, first + k, null, { fill: NOT_ASSIGNED_FILL });
        else agencyCell(ws, row, first + k, i, f);
      });
      if (i.aggregation === 'ratio') ratios.push({ row, indicator: i });
      else writeTotal(ws, row, totalColumn, i, range(row));
      put(ws, row, coverageColumn, coverageText(i.coverage), { centre: true, ...(i.coverage.reported < i.coverage.expected ? { colour: ORANGE } : {}) });
      rowOf.set(i.code, row);
      const shownTexts = agencies.map((_, k) => ws.getCell(row, first + k).value).filter((v): v is string => typeof v === 'string');
      ws.getRow(row).height = rowHeightFor(
        [
          { text: i.name, width: W.name },
          { text: i.unit, width: W.unit },
          { text: coverageText(i.coverage), width: W.coverage },
          ...shownTexts.map((text) => ({ text, width: W.agency })),
        ],
        20,
      );
      row++;
    });
  });

  // A ratio's total is a formula over the total cells of its numerator and denominator,
  // but only where those totals are the very sums the ratio was taken from (they differ
  // when an agency reported one part without the other); otherwise the app's figure.
  const planIndicators = new Map(input.plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
  const consolidated = new Map(c.indicators.map((i) => [i.code, i]));
  const total = ws.getColumn(totalColumn).letter;
  for (const { row: at, indicator: i } of ratios) {
    const style: CellStyle = { right: true, bold: true, numFmt: numberFormat(i) };
    const spec = planIndicators.get(i.code);
    const numerator = consolidated.get(spec?.numeratorCode ?? '');
    const denominator = consolidated.get(spec?.denominatorCode ?? '');
    const n = rowOf.get(numerator?.code ?? '');
    const d = rowOf.get(denominator?.code ?? '');
    const totalsMatch =
      numerator?.aggregation === 'sum' && denominator?.aggregation === 'sum' && i.numerator !== null && i.numerator !== undefined && numerator.value === i.numerator && denominator.value === i.denominator;
    if (n !== undefined && d !== undefined && totalsMatch) {
      const formula = `IF(${total}${d}>0,${total}${n}/${total}${d}*100,"")`;
      put(ws, at, totalColumn, i.value === null ? { formula } : { formula, result: i.value }, style);
    } else {
      put(ws, at, totalColumn, i.value, style);
    }
  }

  // The key to the shading, under the table, within the repeated columns so every page across ends with it.
  row++;
  for (const note of [
    'Ô nền xám: đơn vị không được giao báo cáo chỉ tiêu. Ô nền vàng: số do Văn phòng sửa (xem ghi chú của ô). "(không tính)": số có trong báo cáo nhưng không được tính vào tổng.',
    'Cột "Tổng hợp" là công thức: tổng các đơn vị; tỷ lệ = tổng tử số / tổng mẫu số × 100.',
  ]) {
    ws.mergeCells(row, 1, row, 4);
    const cell = ws.getCell(row, 1);
    cell.value = cellText(note);
    cell.font = font({ italic: true });
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(row++).height = rowHeightFor([{ text: note, width: W.stt + W.code + W.name + W.unit }]);
  }

  freeze(ws, H.codes, 4);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: H.groups, to: H.codes }, titleColumns: { from: 1, to: 4 }, scale: BY_AGENCY_SCALE });
  return { breaks };
}

// ---- "Tình trạng nhiệm vụ" ----

export const COUNT_LABELS = ['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Không thuộc phạm vi', 'Chưa báo cáo tình trạng'] as const;
const NO_REPORT = 'Chưa báo cáo';
const NO_STATUS = 'Không ghi';

function writeStatuses(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.statuses);
  // Members as the consolidation counted them, so the grid and the counts under it cannot disagree.
  const membersOf = (task: TaskConsolidation): Map<string, 'lead' | 'coordinate'> => new Map(task.members.map((m) => [m.code, m.role]));
  const involved = new Set(c.tasks.flatMap((t) => [...t.members.map((m) => m.code), ...t.reports.map((r) => r.code)]));
  const agencies = c.completeness.agencies.filter((a) => involved.has(a.code)).map((a) => ({ code: a.code, name: a.name }));
  for (const t of c.tasks) for (const r of t.reports) if (!agencies.some((a) => a.code === r.code)) agencies.push({ code: r.code, name: r.name });

  // Agencies down, tasks across: eight task columns fit a landscape page at full size, twenty-odd agency columns would not.
  const first = 4;
  const taskWidth = 9.5;
  const widths = [5, 8, 28, ...c.tasks.map(() => taskWidth)];
  setColumns(ws, widths);
  caption(ws, 1, `TÌNH TRẠNG THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  caption(ws, 2, windowText(c.period), { italic: true });
  caption(ws, 3, `Chữ đậm: đơn vị chủ trì; ô nền xám: đơn vị không được giao nhiệm vụ; "${NO_STATUS}": đơn vị có báo cáo nhưng không ghi tình trạng.`, { italic: true });
  const headerAt = 5;
  header(ws, headerAt, ['STT', 'Mã', 'Đơn vị', ...c.tasks.map((t, k) => `${toRoman(k + 1)}. ${t.code}`)], widths);
  // The task titles under their codes, smaller, so the reader need not look them up.
  c.tasks.forEach((t, k) => {
    const cell = put(ws, headerAt + 1, first + k, t.title, { italic: true, centre: true, fill: HEADER_FILL });
    cell.font = font({ italic: true, size: 10 });
  });
  for (const col of [1, 2, 3]) {
    put(ws, headerAt + 1, col, null, { fill: HEADER_FILL });
    ws.mergeCells(headerAt, col, headerAt + 1, col);
  }
  ws.getRow(headerAt + 1).height = Math.min(200, rowHeightFor(c.tasks.map((t) => ({ text: t.title, width: taskWidth })), 30, 10));

  const members = new Map(c.tasks.map((t) => [t.code, membersOf(t)]));
  const reports = new Map(c.tasks.map((t) => [t.code, new Map(t.reports.map((r) => [r.code, r]))]));
  let row = headerAt + 2;
  agencies.forEach((a, index) => {
    put(ws, row, 1, index + 1, { centre: true });
    put(ws, row, 2, a.code, { centre: true });
    put(ws, row, 3, a.name);
    c.tasks.forEach((task, k) => {
      const role = members.get(task.code)?.get(a.code);
      const report = reports.get(task.code)?.get(a.code);
      if (!role) {
        // A report from an agency no longer assigned: shown, greyed, not counted below.
        const shown = report?.status ? `${TASK_STATUS_LABELS[report.status]} (không tính)` : null;
        put(ws, row, first + k, shown, { fill: NOT_ASSIGNED_FILL, centre: true, italic: true });
        return;
      }
      const label = !report ? NO_REPORT : report.status ? TASK_STATUS_LABELS[report.status] : NO_STATUS;
      const cell = put(ws, row, first + k, label, { centre: true, bold: role === 'lead', ...(report ? {} : { colour: RED }), ...(report?.correction ? { fill: CORRECTED_FILL } : {}) });
      if (report?.correction) cell.note = correctionNote(report.correction);
    });
    const shown = c.tasks.map((_, k) => ws.getCell(row, first + k).value).filter((v): v is string => typeof v === 'string');
    ws.getRow(row).height = rowHeightFor([{ text: a.name, width: widths[2] ?? 28 }, ...shown.map((text) => ({ text, width: taskWidth, bold: true }))], 20);
    row++;
  });

  // The consolidation's own counts per task, the figures the screen shows.
  const counts = (t: TaskConsolidation): number[] => {
    const n = t.statusCounts;
    return [n.completed, n.inProgress, n.notStarted, n.notApplicable, n.noReport];
  };
  COUNT_LABELS.forEach((label, k) => {
    put(ws, row, 1, null, { fill: GROUP_FILL });
    put(ws, row, 2, null, { fill: GROUP_FILL });
    put(ws, row, 3, `Số đơn vị: ${label.toLocaleLowerCase('vi')}`, { bold: true, fill: GROUP_FILL });
    c.tasks.forEach((t, j) => put(ws, row, first + j, counts(t)[k] ?? 0, { centre: true, bold: true, numFmt: viFormat('#,##0'), fill: GROUP_FILL }));
    row++;
  });

  freeze(ws, headerAt + 1, 3);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt + 1 }, titleColumns: { from: 1, to: 3 } });
}

// ---- "Nội dung" ----

function narrativeOrder(reports: readonly TaskNarrative[]): TaskNarrative[] {
  return [...reports.filter((r) => r.role === 'lead'), ...reports.filter((r) => r.role !== 'lead')];
}

function writeNarratives(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.narratives);
  // Within a landscape page at full size; narratives wrap and their rows are as tall as they need.
  const widths = [5, 15, 9, 11, 40, 19, 19];
  const last = widths.length;
  setColumns(ws, widths);
  caption(ws, 1, `NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ THEO NHIỆM VỤ – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  caption(ws, 2, windowText(c.period), { italic: true });
  const headerAt = 4;
  header(ws, headerAt, ['STT', 'Đơn vị', 'Vai trò', 'Tình trạng', 'Kết quả thực hiện', 'Tồn tại, hạn chế, khó khăn, vướng mắc', 'Kiến nghị, đề xuất'], widths);

  let row = headerAt + 1;
  c.tasks.forEach((task, index) => {
    groupRow(ws, row++, index + 1, task.code, `${task.code}. ${task.title}`, last, widths.slice(1).reduce((a, b) => a + b, 0), 2);
    const reports = narrativeOrder(task.reports);
    if (reports.length === 0) {
      for (let col = 1; col <= last; col++) put(ws, row, col, null);
      ws.mergeCells(row, 1, row, last);
      put(ws, row, 1, '(Chưa có đơn vị báo cáo nhiệm vụ này.)', { italic: true });
      row++;
      return;
    }
    reports.forEach((r, n) => {
      put(ws, row, 1, n + 1, { centre: true });
      put(ws, row, 2, r.name);
      put(ws, row, 3, r.role ? ROLE_LABELS[r.role] : 'Không còn được giao', { centre: true, bold: r.role === 'lead', italic: r.role === null });
      put(ws, row, 4, r.status ? TASK_STATUS_LABELS[r.status] : '', { centre: true });
      put(ws, row, 5, r.results);
      put(ws, row, 6, r.difficulties);
      put(ws, row, 7, r.proposals);
      ws.getRow(row).height = rowHeightFor(
        [
          { text: r.name, width: widths[1] ?? 22 },
          { text: r.results, width: widths[4] ?? 50 },
          { text: r.difficulties, width: widths[5] ?? 40 },
          { text: r.proposals, width: widths[6] ?? 40 },
        ],
        20,
      );
      row++;
    });
  });

  freeze(ws, headerAt);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } });
}

// ---- "Tiến độ nộp" and the missing list ----

/** The day of an ISO date-time as an Excel date (exceljs counts dates in UTC). */
function excelDay(iso: string | null): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

const STATE_COLOURS: Partial<Record<ReceiptState, string>> = { late: ORANGE, returned: ORANGE, missing: RED };

function receiptRow(ws: Worksheet, row: number, index: number, a: AgencyReceipt, stateLabel: string): void {
  put(ws, row, 1, index, { centre: true });
  put(ws, row, 2, a.code, { centre: true });
  put(ws, row, 3, a.name);
  put(ws, row, 4, excelDay(a.receivedOn), { centre: true, numFmt: 'dd/mm/yyyy' });
  put(ws, row, 5, a.revision, { centre: true, numFmt: '0' });
  const colour = STATE_COLOURS[a.state];
  put(ws, row, 6, stateLabel, { centre: true, bold: a.state !== 'on_time', ...(colour ? { colour } : {}) });
}

function writeReceipts(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const c = input.consolidation.completeness;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.receipts);
  // Landscape at full size: in portrait these columns would print at 8 pt.
  const widths = [5, 9, 32, 11, 7, 14, 16, 22];
  setColumns(ws, widths);
  caption(ws, 1, `TIẾN ĐỘ NỘP BÁO CÁO – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13, centreAcross: widths.length });
  caption(ws, 2, `Hạn nộp: ${formatDateVi(c.period.due)}. ${completenessText(c)}`, { italic: true, centreAcross: widths.length });
  ws.getRow(2).height = 32;
  const headerAt = 4;
  header(ws, headerAt, ['STT', 'Mã', 'Đơn vị', 'Ngày nhận', 'Lần gửi', 'Tình trạng', 'Số văn bản', 'Đầy đủ'], widths);
  c.agencies.forEach((a, index) => {
    const row = headerAt + 1 + index;
    receiptRow(ws, row, index + 1, a, RECEIPT_STATE_LABELS[a.state]);
    put(ws, row, 7, a.documentNumber ?? '', { centre: true });
    put(ws, row, 8, gapsText(a.gaps), { ...(a.complete === false ? { colour: ORANGE } : {}) });
    ws.getRow(row).height = rowHeightFor(
      [
        { text: a.name, width: widths[2] ?? 32 },
        { text: RECEIPT_STATE_LABELS[a.state], width: widths[5] ?? 14, bold: a.state !== 'on_time' },
        { text: gapsText(a.gaps), width: widths[7] ?? 22 },
      ],
      20,
    );
  });
  freeze(ws, headerAt);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } });
}

// ---- "Kiểm tra số liệu" ----

function writeChecks(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.checks);
  const widths = [5, 9, 16, 9, 9, 14, 40, 17];
  setColumns(ws, widths);
  caption(ws, 1, `KIỂM TRA SỐ LIỆU – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13, centreAcross: widths.length });
  const errors = c.checks.filter((k) => k.severity === 'error');
  caption(
    ws,
    2,
    `${errors.length} lỗi (${errors.filter((k) => k.accepted).length} đã được chấp nhận có lý do), ${c.checks.length - errors.length} cảnh báo. Lỗi: số lũy kế giảm, tử số lớn hơn mẫu số, tỷ lệ ngoài 0–100%; cảnh báo: chênh lệch quá 5 lần so với cùng kỳ năm trước hoặc quý trước, số liệu không được tính.`,
    { italic: true, centreAcross: widths.length },
  );
  ws.getRow(2).height = 32;
  const headerAt = 4;
  header(ws, headerAt, ['STT', 'Mức độ', 'Quy tắc', 'Đơn vị', 'Chỉ tiêu', 'Ô', 'Nội dung', 'Đã chấp nhận (lý do)'], widths);
  let row = headerAt + 1;
  if (c.checks.length === 0) {
    for (let col = 1; col <= widths.length; col++) put(ws, row, col, null);
    ws.mergeCells(row, 1, row, widths.length);
    put(ws, row, 1, 'Không có lỗi hay cảnh báo nào.', { italic: true });
  }
  c.checks.forEach((k, index) => {
    const colour = k.severity === 'error' && !k.accepted ? RED : k.severity === 'error' ? ORANGE : undefined;
    put(ws, row, 1, index + 1, { centre: true });
    put(ws, row, 2, SEVERITY_LABELS[k.severity], { centre: true, bold: k.severity === 'error', ...(colour ? { colour } : {}) });
    put(ws, row, 3, CHECK_RULE_LABELS[k.rule]);
    put(ws, row, 4, k.agency ?? 'Toàn kỳ', { centre: true });
    put(ws, row, 5, k.indicator, { centre: true });
    put(ws, row, 6, k.cell ?? '');
    put(ws, row, 7, k.message);
    const accepted = k.accepted ? `${k.accepted.reason} (${formatDateVi(k.accepted.at)}${k.accepted.by.clerk ? `, ${k.accepted.by.clerk}` : ''})` : '';
    put(ws, row, 8, accepted);
    ws.getRow(row).height = rowHeightFor(
      [
        { text: k.message, width: widths[6] ?? 60 },
        { text: accepted, width: widths[7] ?? 30 },
      ],
      20,
    );
    row++;
  });
  freeze(ws, headerAt);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } });
}

// ---- the workbooks ----

function newWorkbook(title: string, generatedAt: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tổng hợp CCTP';
  wb.title = title;
  const generated = new Date(generatedAt);
  if (!Number.isNaN(generated.getTime())) {
    wb.created = generated;
    wb.modified = generated;
  }
  return wb;
}

/** The consolidated workbook of one period, as .xlsx bytes. */
export async function buildConsolidatedWorkbook(input: ConsolidatedInput): Promise<Buffer> {
  const wb = newWorkbook(`Tổng hợp ${input.consolidation.period.label}`, input.generatedAt);
  writeSummary(wb, input);
  const byAgency = writeByAgency(wb, input);
  writeStatuses(wb, input);
  writeNarratives(wb, input);
  writeReceipts(wb, input);
  writeChecks(wb, input);
  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { columnBreaks: new Map([[CONSOLIDATED_SHEETS.byAgency, byAgency.breaks]]) });
}

/** Agencies still to chase for a period: missing, or returned for correction, as .xlsx bytes. */
export async function buildMissingListWorkbook(input: MissingListInput): Promise<Buffer> {
  const { completeness: c, organization, plan } = input;
  const wb = newWorkbook(`Đơn vị chưa nộp báo cáo ${c.period.label}`, input.generatedAt);
  const ws = wb.addWorksheet(MISSING_SHEET);
  // Landscape at full size, with room for whom to call.
  const widths = [5, 8, 28, 11, 7, 16, 18, 13, 12];
  const last = widths.length;
  setColumns(ws, widths);

  // A list the office keeps or sends with a letter: it has no number of its own, so no number line.
  let row = writeHeading(ws, { organization, documentNumber: null, numberText: '', date: input.generatedAt.slice(0, 10), year: plan.plan.year }, { columns: last, leftColumns: 4 });
  caption(ws, row, 'DANH SÁCH ĐƠN VỊ CHƯA NỘP HOẶC PHẢI NỘP LẠI BÁO CÁO', { bold: true, size: 14, centreAcross: last });
  ws.getRow(row++).height = 22;
  caption(ws, row++, `${c.period.label} – hạn nộp: ${formatDateVi(c.period.due)}`, { bold: true, centreAcross: last });
  caption(ws, row++, `Tính đến ngày ${formatDateVi(input.generatedAt)}. ${completenessText(c)}`, { italic: true, centreAcross: last });
  ws.getRow(row - 1).height = 32;
  row++;
  const headerAt = row;
  header(ws, row++, ['STT', 'Mã', 'Đơn vị', 'Ngày nhận', 'Lần gửi', 'Tình trạng', 'Người liên hệ', 'Điện thoại', 'Ghi chú'], widths);

  const chase = c.agencies.filter((a) => a.state === 'missing' || a.state === 'returned');
  if (chase.length === 0) {
    for (let col = 1; col <= last; col++) put(ws, row, col, null);
    ws.mergeCells(row, 1, row, last);
    put(ws, row++, 1, 'Tất cả các đơn vị đã nộp báo cáo.', { italic: true });
  }
  chase.forEach((a, index) => {
    receiptRow(ws, row, index + 1, a, RECEIPT_STATE_LABELS[a.state]);
    // Where the agencies' list has no contact, say so, so the clerk knows to look it up (and add it) rather than a cell left blank.
    const person = a.contactPerson?.trim() || null;
    const phone = a.contactPhone?.trim() || null;
    put(ws, row, 7, person ?? NO_CONTACT, person ? {} : { italic: true, colour: GREY });
    put(ws, row, 8, phone ?? NO_CONTACT, phone ? { centre: true } : { centre: true, italic: true, colour: GREY });
    put(ws, row, 9, '');
    ws.getRow(row).height = rowHeightFor(
      [
        { text: a.name, width: widths[2] ?? 28 },
        { text: RECEIPT_STATE_LABELS[a.state], width: widths[5] ?? 16, bold: true },
        { text: person ?? NO_CONTACT, width: widths[6] ?? 18 },
        { text: phone ?? NO_CONTACT, width: widths[7] ?? 13 },
      ],
      20,
    );
    row++;
  });

  freeze(ws, headerAt);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } });
  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}
