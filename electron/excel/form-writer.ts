// The report form (biểu mẫu) sent to one agency for one period (excel.md §1): a
// protected sheet where only the shaded cells take input, and the hidden "_meta" sheet
// that tells the importer (or anyone's tool) which cell holds which field.
import ExcelJS from 'exceljs';
import type { Cell, DataValidation, Worksheet } from 'exceljs';
import type { Agency, Indicator, Organization, Period, PlanDetail, Task } from '../../shared/domain';
import { ROLE_LABELS, type AssignmentRole } from '../../shared/domain';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import {
  FORM_CODE_COLUMN,
  FORM_FORMAT,
  FORM_SHEET,
  FORM_STATUS_LABELS,
  FORM_VERSION,
  META_ENTRY_HEADER,
  META_KEYS,
  META_SHEET,
  cellRef,
  fieldKey,
  planKey,
  type CellKind,
  type FormField,
  type FormMeta,
  type MetaEntry,
} from './form-contract';
import { CENTRED, THIN_BORDER, WRAP_TOP, applyA4Setup, cellText, font, rowHeightFor, setColumns, solidFill, writeHeading } from './heading';

export interface ReportFormInput {
  organization: Organization;
  plan: PlanDetail;
  period: Period;
  agency: Agency;
  /** ISO date-time; written into "_meta" and the workbook properties. */
  generatedAt: string;
}

/** `BaoCao_2022-Q1_CA.xlsx`: ASCII only, because forms travel by USB stick and mail. */
export function reportFormFileName(periodCode: string, agencyCode: string): string {
  const safe = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/gu, '')
      .replace(/đ/gu, 'd')
      .replace(/Đ/gu, 'D')
      .replace(/[^A-Za-z0-9-]+/gu, '-')
      .replace(/^-+|-+$/gu, '');
  return `BaoCao_${safe(periodCode) || 'ky'}_${safe(agencyCode) || 'donvi'}.xlsx`;
}

// Columns, shared by both parts so one set of widths serves the whole sheet:
//          part I        part II
//   A      STT           STT
//   B      code          code            (FORM_CODE_COLUMN)
//   C      task          indicator
//   D      role          unit
//   E      status        value
//   F      results       note (F:H merged)
//   G      difficulties
//   H      proposals
const COL = { stt: 1, code: 2, name: 3, role: 4, input: 5, results: 6, difficulties: 7, proposals: 8 } as const;
const WIDTHS = [6, 10, 38, 11, 17, 44, 32, 32];
const LAST = WIDTHS.length;
const width = (column: number): number => WIDTHS[column - 1] ?? 10;

const INPUT_FILL = 'FFFFF2CC';
const HEADER_FILL = 'FFD9E1F2';
const GROUP_FILL = 'FFF2F2F2';
const FORMULA_FILL = 'FFEDEDED';

interface Assigned {
  task: Task;
  role: AssignmentRole;
}

/** Tasks this agency leads or coordinates, in plan order; leading wins if it is listed as both. */
export function tasksFor(plan: PlanDetail, agencyCode: string): Assigned[] {
  return plan.tasks
    .filter((t) => !t.retired)
    .flatMap((task): Assigned[] => {
      if (task.lead.includes(agencyCode)) return [{ task, role: 'lead' }];
      if (task.coordinate.includes(agencyCode)) return [{ task, role: 'coordinate' }];
      return [];
    });
}

/** Indicators this agency reports, grouped by their (live) task, in plan order. */
export function indicatorsFor(plan: PlanDetail, agencyCode: string): { task: Task; indicators: Indicator[] }[] {
  return plan.tasks
    .filter((t) => !t.retired)
    .map((task) => ({ task, indicators: task.indicators.filter((i) => !i.retired && i.reporters.includes(agencyCode)) }))
    .filter((g) => g.indicators.length > 0);
}

// ---- small cell helpers ----

function text(ws: Worksheet, row: number, column: number, value: string, options: { bold?: boolean; italic?: boolean; centre?: boolean } = {}): Cell {
  const cell = ws.getCell(row, column);
  cell.value = cellText(value);
  cell.font = font({ bold: options.bold, italic: options.italic });
  cell.alignment = options.centre ? CENTRED : WRAP_TOP;
  cell.border = THIN_BORDER;
  return cell;
}

function line(ws: Worksheet, row: number, value: string, options: { bold?: boolean; italic?: boolean; size?: number; centre?: boolean } = {}): void {
  ws.mergeCells(row, 1, row, LAST);
  const cell = ws.getCell(row, 1);
  cell.value = cellText(value);
  cell.font = font({ bold: options.bold, italic: options.italic, size: options.size });
  cell.alignment = { horizontal: options.centre ? 'center' : 'left', vertical: 'middle', wrapText: true };
}

function headerRow(ws: Worksheet, row: number, labels: readonly string[]): void {
  labels.forEach((label, index) => {
    const cell = text(ws, row, index + 1, label, { bold: true, centre: true });
    cell.fill = solidFill(HEADER_FILL);
  });
  ws.getRow(row).height = 34;
}

const NUMBER_FORMATS: Record<'integer' | 'decimal' | 'percent', string> = {
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0',
};

const STATUS_VALIDATION: DataValidation = {
  type: 'list',
  allowBlank: true,
  // The list is written inline, so the four labels travel with the cell.
  formulae: [`"${FORM_STATUS_LABELS.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Tình trạng không hợp lệ',
  error: `Hãy chọn một tình trạng trong danh sách: ${FORM_STATUS_LABELS.join('; ')}.`,
};

// Excel caps an error title at 32 characters and a message at 255; these stay well under.
function numberValidation(kind: 'integer' | 'decimal' | 'percent'): DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: 'Số liệu không hợp lệ' };
  switch (kind) {
    case 'integer':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: 'Hãy nhập một số nguyên không âm (0, 1, 2, …), chỉ ghi chữ số, không ghi chữ hay đơn vị tính.' };
    case 'decimal':
      return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: 'Hãy nhập một số không âm (ví dụ 12,5), chỉ ghi chữ số, không ghi chữ hay đơn vị tính.' };
    case 'percent':
      return { ...common, type: 'decimal', operator: 'between', formulae: [0, 100], error: 'Hãy nhập tỷ lệ phần trăm từ 0 đến 100, chỉ ghi số, không ghi dấu %.' };
  }
}

/** An input cell: unlocked, shaded, recorded for "_meta". */
function input(ws: Worksheet, row: number, column: number, field: FormField, kind: CellKind, entries: MetaEntry[]): Cell {
  const cell = ws.getCell(row, column);
  cell.protection = { locked: false };
  cell.fill = solidFill(INPUT_FILL);
  cell.border = THIN_BORDER;
  cell.font = font();
  entries.push({ cell: cellRef(FORM_SHEET, cell.address), field: fieldKey(field), kind });
  return cell;
}

// ---- part I: tasks ----

function writeTasks(ws: Worksheet, start: number, assigned: readonly Assigned[], entries: MetaEntry[]): number {
  let row = start;
  line(ws, row++, 'I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ', { bold: true });
  headerRow(ws, row++, ['STT', 'Mã', 'Nhiệm vụ', 'Vai trò', 'Tình trạng', 'Kết quả thực hiện', 'Tồn tại, hạn chế, khó khăn, vướng mắc', 'Kiến nghị, đề xuất']);
  if (assigned.length === 0) {
    line(ws, row++, '(Đơn vị không chủ trì, phối hợp nhiệm vụ nào của kế hoạch.)', { italic: true });
    return row;
  }
  assigned.forEach(({ task, role }, index) => {
    text(ws, row, COL.stt, String(index + 1), { centre: true });
    text(ws, row, COL.code, task.code, { centre: true });
    text(ws, row, COL.name, task.title);
    text(ws, row, COL.role, ROLE_LABELS[role], { centre: true, bold: role === 'lead' });

    const status = input(ws, row, COL.input, { type: 'task', taskCode: task.code, part: 'status' }, 'status', entries);
    status.dataValidation = STATUS_VALIDATION;
    status.alignment = CENTRED;
    for (const [column, part] of [
      [COL.results, 'results'],
      [COL.difficulties, 'difficulties'],
      [COL.proposals, 'proposals'],
    ] as const) {
      const cell = input(ws, row, column, { type: 'task', taskCode: task.code, part }, 'text', entries);
      // Text format, so Excel keeps "1/2" or "=…" typed here as the words they are.
      cell.numFmt = '@';
      cell.alignment = WRAP_TOP;
    }
    // Room to type a paragraph; the sheet lets the agency make rows taller.
    ws.getRow(row).height = rowHeightFor([{ text: task.title, width: width(COL.name) }], 96);
    row++;
  });
  return row;
}

// ---- part II: indicators ----

/** How the value cell of an indicator behaves in this agency's form. */
type ValueKind = 'formula' | 'computed-elsewhere' | 'integer' | 'decimal' | 'percent' | 'text';

function valueKind(indicator: Indicator, reported: ReadonlySet<string>): ValueKind {
  if (indicator.aggregation === 'ratio') {
    const both = indicator.numeratorCode && indicator.denominatorCode && reported.has(indicator.numeratorCode) && reported.has(indicator.denominatorCode);
    // The services never take a typed ratio (submissions.ts): without both parts here, the office computes it.
    return both ? 'formula' : 'computed-elsewhere';
  }
  if (indicator.kind === 'text') return 'text';
  if (indicator.kind === 'percent') return 'percent';
  return indicator.kind;
}

function noteFor(indicator: Indicator, kind: ValueKind): string {
  const parts: string[] = [];
  switch (kind) {
    case 'formula':
      parts.push(`Tự động tính = ${indicator.numeratorCode} / ${indicator.denominatorCode} × 100; không cần nhập.`);
      break;
    case 'computed-elsewhere':
      parts.push(`Tỷ lệ do cơ quan tổng hợp tính từ chỉ tiêu ${indicator.numeratorCode ?? '…'} và ${indicator.denominatorCode ?? '…'}; không cần nhập.`);
      break;
    case 'integer':
      parts.push('Số nguyên, không âm.');
      break;
    case 'decimal':
      parts.push('Số không âm.');
      break;
    case 'percent':
      parts.push('Tỷ lệ phần trăm, từ 0 đến 100.');
      break;
    case 'text':
      parts.push('Ghi bằng chữ.');
      break;
  }
  if (indicator.target !== null) {
    const sign = indicator.targetDirection === 'max' ? '≤' : '≥';
    const percent = indicator.kind === 'percent' || indicator.aggregation === 'ratio';
    parts.push(`Chỉ tiêu kế hoạch: ${sign} ${formatNumber(indicator.target, percent ? 'percent' : 'decimal')}.`);
  }
  return parts.join(' ');
}

function writeIndicators(
  ws: Worksheet,
  start: number,
  groups: ReadonlyArray<{ task: Task; indicators: Indicator[] }>,
  entries: MetaEntry[],
): number {
  let row = start;
  line(ws, row++, 'II. SỐ LIỆU CÁC CHỈ TIÊU', { bold: true });
  headerRow(ws, row, ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu kỳ báo cáo', 'Ghi chú', '', '']);
  ws.mergeCells(row, COL.results, row, LAST);
  row++;
  if (groups.length === 0) {
    line(ws, row++, '(Đơn vị không được giao báo cáo chỉ tiêu số liệu nào.)', { italic: true });
    return row;
  }

  const reported = new Set(groups.flatMap((g) => g.indicators.map((i) => i.code)));
  const rowOf = new Map<string, number>();
  const formulas: { row: number; indicator: Indicator }[] = [];
  let stt = 0;
  for (const { task, indicators } of groups) {
    // The group row keeps column B empty: only task and indicator rows carry codes.
    ws.mergeCells(row, 1, row, LAST);
    const group = ws.getCell(row, 1);
    group.value = cellText(`${task.ordinalLabel ?? `Nhiệm vụ ${task.ordinal}`}: ${task.title}`);
    group.font = font({ bold: true, italic: true });
    group.alignment = { vertical: 'middle', wrapText: true };
    group.fill = solidFill(GROUP_FILL);
    group.border = THIN_BORDER;
    ws.getRow(row).height = rowHeightFor([{ text: String(group.value), width: WIDTHS.reduce((a, b) => a + b, 0) }]);
    row++;

    for (const indicator of indicators) {
      const kind = valueKind(indicator, reported);
      text(ws, row, COL.stt, String(++stt), { centre: true });
      text(ws, row, COL.code, indicator.code, { centre: true });
      text(ws, row, COL.name, indicator.name);
      text(ws, row, COL.role, indicator.unit, { centre: true });
      ws.mergeCells(row, COL.results, row, LAST);
      const note = text(ws, row, COL.results, noteFor(indicator, kind), { italic: true });
      note.font = font({ italic: true, size: 11 });
      for (let c = COL.results + 1; c <= LAST; c++) ws.getCell(row, c).border = THIN_BORDER;

      const field: FormField = { type: 'indicator', indicatorCode: indicator.code };
      if (kind === 'formula' || kind === 'computed-elsewhere') {
        const cell = ws.getCell(row, COL.input);
        cell.fill = solidFill(FORMULA_FILL);
        cell.border = THIN_BORDER;
        cell.numFmt = NUMBER_FORMATS.percent;
        cell.alignment = { horizontal: 'right', vertical: 'top' };
        if (kind === 'formula') formulas.push({ row, indicator });
      } else if (kind === 'text') {
        const cell = input(ws, row, COL.input, field, 'text', entries);
        cell.numFmt = '@';
        cell.alignment = WRAP_TOP;
      } else {
        // A typed percent is a decimal within 0–100 for the importer.
        const cell = input(ws, row, COL.input, field, kind === 'percent' ? 'decimal' : kind, entries);
        cell.numFmt = NUMBER_FORMATS[kind];
        cell.dataValidation = numberValidation(kind);
        cell.alignment = { horizontal: 'right', vertical: 'top' };
      }
      rowOf.set(indicator.code, row);
      ws.getRow(row).height = rowHeightFor(
        [
          { text: indicator.name, width: width(COL.name) },
          { text: String(note.value ?? ''), width: width(COL.results) + width(COL.difficulties) + width(COL.proposals) },
        ],
        22,
      );
      row++;
    }
  }

  // Formulas last, once every row is known: this agency's own numerator over its denominator.
  const column = ws.getColumn(COL.input).letter;
  for (const { row: at, indicator } of formulas) {
    const n = `${column}${rowOf.get(indicator.numeratorCode ?? '')}`;
    const d = `${column}${rowOf.get(indicator.denominatorCode ?? '')}`;
    ws.getCell(at, COL.input).value = { formula: `IF(${d}>0,${n}/${d}*100,"")` };
  }
  return row;
}

// ---- the sheets ----

async function writeFormSheet(wb: ExcelJS.Workbook, input: ReportFormInput, entries: MetaEntry[]): Promise<void> {
  const { organization, plan, period, agency } = input;
  const ws = wb.addWorksheet(FORM_SHEET, { properties: { defaultRowHeight: 18 } });
  setColumns(ws, WIDTHS);

  let row = writeHeading(ws, { organization, documentNumber: plan.plan.number, date: plan.plan.issuedOn, year: plan.plan.year }, { columns: LAST, leftColumns: 3 });
  line(ws, row, 'BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ TRỌNG TÂM CÔNG TÁC CẢI CÁCH TƯ PHÁP', { bold: true, size: 14, centre: true });
  ws.getRow(row++).height = 22;
  // The preamble is kept short: everything down to part I's header stays frozen on screen.
  line(ws, row++, `Kỳ báo cáo: ${period.label} – Đơn vị báo cáo: ${agency.name}`, { bold: true, centre: true });
  const issued = plan.plan.issuedOn ? ` ngày ${formatDateVi(plan.plan.issuedOn)}` : '';
  line(
    ws,
    row++,
    `Số liệu tính từ ngày ${formatDateVi(period.from)} đến ngày ${formatDateVi(period.to)}; hạn gửi báo cáo: ${formatDateVi(period.due)} (theo Kế hoạch số ${plan.plan.number}${issued}).`,
    { italic: true, centre: true },
  );
  line(
    ws,
    row,
    'Cách điền: chỉ nhập vào các ô nền vàng; chọn tình trạng trong danh sách; số liệu ghi bằng chữ số, không kèm chữ hay đơn vị. Không chèn, xoá, di chuyển dòng, cột và không đổi tên trang tính.',
    { italic: true },
  );
  ws.getRow(row++).height = 32;

  const partOne = row + 1; // the header row of part I, which the frozen pane keeps in view
  row = writeTasks(ws, row, tasksFor(plan, agency.code), entries);
  row++;
  writeIndicators(ws, row, indicatorsFor(plan, agency.code), entries);

  const firstInput = entries[0]?.cell.split('!')[1] ?? `A${partOne + 1}`;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: partOne, topLeftCell: `A${partOne + 1}`, activeCell: firstInput }];
  applyA4Setup(ws, { orientation: 'landscape' });
  // Against accidents, not people (excel.md §1): no password. Row heights and column
  // widths stay adjustable so long answers can be shown whole.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

async function writeMetaSheet(wb: ExcelJS.Workbook, input: ReportFormInput, entries: readonly MetaEntry[]): Promise<void> {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const meta: FormMeta = {
    format: FORM_FORMAT,
    version: FORM_VERSION,
    plan: planKey(input.plan.plan.number, input.plan.plan.year),
    planNumber: input.plan.plan.number,
    planYear: input.plan.plan.year,
    period: input.period.code,
    agency: input.agency.code,
    generated: input.generatedAt,
    codeColumn: FORM_CODE_COLUMN,
  };
  for (const key of META_KEYS) {
    const value = meta[key];
    ws.addRow([key, typeof value === 'string' ? cellText(value) : value]);
  }
  ws.addRow([...META_ENTRY_HEADER]);
  for (const e of entries) ws.addRow([e.cell, e.field, e.kind]);
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 10;
  await ws.protect('', {});
}

/** The form for one agency and period, as .xlsx bytes. */
export async function buildReportForm(input: ReportFormInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tổng hợp CCTP';
  wb.title = `Báo cáo ${input.period.label} – ${input.agency.name}`;
  const generated = new Date(input.generatedAt);
  if (!Number.isNaN(generated.getTime())) {
    wb.created = generated;
    wb.modified = generated;
  }
  // The ratio formulas have no cached result in a blank form; ask Excel to compute on open.
  wb.calcProperties = { fullCalcOnLoad: true };

  const entries: MetaEntry[] = [];
  await writeFormSheet(wb, input, entries);
  await writeMetaSheet(wb, input, entries);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
