// The report form (biểu mẫu) sent to one agency for one period (excel.md §1): a
// protected sheet where only the shaded cells take input, and the hidden "_meta" sheet
// that tells the importer (or anyone's tool) which cell holds which field.
//
// The filled form is the agency's own document, printed and signed by its head: so its
// heading is the agency's (its superior body and its name, its number and date, as
// input cells), the committee's plan is named in the title it answers to, and a
// signature block and "Nơi nhận" close it. Rows holding what the agency types have no
// set height: Excel and LibreOffice fit them to the text, so a long answer prints whole.
import ExcelJS from 'exceljs';
import type { Cell, DataValidation, Worksheet } from 'exceljs';
import type { Agency, Indicator, Organization, Period, PlanDetail, Task } from '../../shared/domain';
import { ROLE_LABELS, type AssignmentRole } from '../../shared/domain';
import { formatDateVi, formatNumber } from '../../shared/numbers';
import { NATIONAL_MOTTO, NATIONAL_NAME, PARTY_LINE, numberLine, placeAndDate, type HeadingStyle } from '../../shared/document-heading';
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
  type SlotKey,
} from './form-contract';
import { applyA4Setup, cellText, CENTRED, font, GROUP_FILL, header, INPUT_FILL, put, rowHeightFor, setColumns, solidFill, textLine, THIN_BORDER, viFormat, WRAP_TOP } from './cell-kit';
import { RECIPIENTS_LABEL } from '../documents/signature-block';
import { finishWorkbook } from './xlsx-finish';

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
// 132 characters: a landscape page at 90%, so the 12 pt text prints at 10,8 pt.
const WIDTHS = [5, 8, 26, 9, 13, 31, 20, 20];
const LAST = WIDTHS.length;
const width = (column: number): number => WIDTHS[column - 1] ?? 10;

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

/** A line of text across the form's columns (cell-kit.ts, textLine). */
function line(ws: Worksheet, row: number, value: string, options: { bold?: boolean; italic?: boolean; size?: number; centre?: boolean } = {}): void {
  textLine(ws, row, value, WIDTHS, options);
}

const NUMBER_FORMATS: Record<'integer' | 'decimal' | 'percent', string> = {
  integer: viFormat('#,##0'),
  decimal: viFormat('#,##0.00'),
  percent: viFormat('0.0'),
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

/** Room to start typing in a task's row: three lines, or the task's title if it is longer; the row grows from there. */
function taskRowHeight(title: string): number {
  return rowHeightFor([{ text: title, width: width(COL.name) }], Math.ceil(3 * 12 * 1.31 + 4));
}

function writeTasks(ws: Worksheet, start: number, assigned: readonly Assigned[], entries: MetaEntry[], growing: number[]): number {
  let row = start;
  line(ws, row++, 'I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ', { bold: true });
  header(ws, row++, ['STT', 'Mã', 'Nhiệm vụ', 'Vai trò', 'Tình trạng', 'Kết quả thực hiện', 'Tồn tại, hạn chế, khó khăn, vướng mắc', 'Kiến nghị, đề xuất'], WIDTHS);
  if (assigned.length === 0) {
    line(ws, row++, '(Đơn vị không chủ trì, phối hợp nhiệm vụ nào của kế hoạch.)', { italic: true });
    return row;
  }
  assigned.forEach(({ task, role }, index) => {
    put(ws, row, COL.stt, String(index + 1), { centre: true });
    put(ws, row, COL.code, task.code, { centre: true });
    put(ws, row, COL.name, task.title);
    put(ws, row, COL.role, ROLE_LABELS[role], { centre: true, bold: role === 'lead' });

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
    // A height to start from, not set by hand (xlsx-finish): the row grows with what the agency types, on screen and on paper.
    ws.getRow(row).height = taskRowHeight(task.title);
    growing.push(row);
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
  growing: number[],
): number {
  let row = start;
  line(ws, row++, 'II. SỐ LIỆU CÁC CHỈ TIÊU', { bold: true });
  header(ws, row, ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu kỳ báo cáo', 'Ghi chú', '', ''], WIDTHS);
  ws.getRow(row).height = rowHeightFor([{ text: 'Số liệu kỳ báo cáo', width: width(COL.input), bold: true }, { text: 'Đơn vị tính', width: width(COL.role), bold: true }], 30);
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
    ws.getRow(row).height = rowHeightFor([{ text: String(group.value), width: WIDTHS.reduce((a, b) => a + b, 0), bold: true }]);
    row++;

    for (const indicator of indicators) {
      const kind = valueKind(indicator, reported);
      put(ws, row, COL.stt, String(++stt), { centre: true });
      put(ws, row, COL.code, indicator.code, { centre: true });
      put(ws, row, COL.name, indicator.name);
      put(ws, row, COL.role, indicator.unit, { centre: true });
      // A figure typed as words grows its row, which Excel only fits to cells that are not merged: its note keeps to one column.
      const noteTo = kind === 'text' ? COL.results : LAST;
      if (noteTo > COL.results) ws.mergeCells(row, COL.results, row, noteTo);
      else ws.mergeCells(row, COL.results + 1, row, LAST);
      const note = put(ws, row, COL.results, noteFor(indicator, kind), { italic: true });
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
      // A figure's row holds only known text, measured here; a figure in words grows from there with what is typed.
      const noteWidth = kind === 'text' ? width(COL.results) : width(COL.results) + width(COL.difficulties) + width(COL.proposals);
      ws.getRow(row).height = rowHeightFor(
        [
          { text: indicator.name, width: width(COL.name) },
          { text: indicator.unit, width: width(COL.role) },
          { text: String(note.value ?? ''), width: noteWidth },
        ],
        22,
      );
      if (kind === 'text') growing.push(row);
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

// ---- the agency's own document: heading, title, signature ----

/**
 * The heading the agency's document takes: a Party body (the standing office, a
 * district Party committee) under "ĐẢNG CỘNG SẢN VIỆT NAM" (Hướng dẫn 36-HD/VPTW), any
 * other agency under the national name and motto (Nghị định 30/2020/NĐ-CP).
 */
export function agencyHeadingStyle(agency: Pick<Agency, 'group'>): HeadingStyle {
  return agency.group === 'standing' || agency.group === 'district' ? 'party' : 'state';
}

/** An input cell of the agency's document (not read by the import), merged over `from`..`to`, named in "_meta" under `key`. */
function slot(
  ws: Worksheet,
  row: number,
  from: number,
  to: number,
  key: SlotKey,
  slots: Map<SlotKey, string>,
  value: string,
  style: { bold?: boolean; italic?: boolean; size?: number; centre?: boolean; toRow?: number } = {},
): Cell {
  const toRow = style.toRow ?? row;
  if (to > from || toRow > row) ws.mergeCells(row, from, toRow, to);
  const cell = ws.getCell(row, from);
  cell.value = value === '' ? null : cellText(value);
  cell.protection = { locked: false };
  cell.fill = solidFill(INPUT_FILL);
  cell.font = font({ bold: style.bold, italic: style.italic, size: style.size });
  cell.alignment = { horizontal: style.centre === false ? 'left' : 'center', vertical: 'middle', wrapText: true };
  slots.set(key, cellRef(FORM_SHEET, cell.address));
  return cell;
}

function fixed(ws: Worksheet, row: number, from: number, to: number, value: string, style: { bold?: boolean; italic?: boolean; size?: number; rule?: boolean } = {}): void {
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = value === '' ? null : cellText(value);
  cell.font = font({ bold: style.bold, italic: style.italic, size: style.size });
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // A merged cell shows a border only where each of its cells carries it.
  if (style.rule) for (let c = from; c <= to; c++) ws.getCell(row, c).border = { bottom: { style: 'thin' } };
}

const HEADING_SIZE = 13;
/** Left block of the heading (the agency), then the right block (the Party or national line, the date). */
const HEADING_LEFT = { from: 1, to: 3 } as const;
const HEADING_RIGHT = { from: 4, to: LAST } as const;
const leftWidth = WIDTHS.slice(0, HEADING_LEFT.to).reduce((a, b) => a + b, 0);

/**
 * The agency's heading, from `top`: its superior body and its own name (input cells,
 * the name filled in from the agencies' list), the Party "*" or the State's rule, its
 * number; the Party or national line opposite, and the place and date on the number's
 * line (input cells, with blanks for the agency to write in).
 */
function writeAgencyHeading(ws: Worksheet, top: number, input: ReportFormInput, slots: Map<SlotKey, string>): number {
  const style = agencyHeadingStyle(input.agency);
  const size = HEADING_SIZE;
  const { from: lf, to: lt } = HEADING_LEFT;
  const { from: rf, to: rt } = HEADING_RIGHT;
  const name = cellText(input.agency.name).toLocaleUpperCase('vi');

  slot(ws, top, lf, lt, 'superiorBodyCell', slots, '', { size });
  const agencyName = slot(ws, top + 1, lf, lt, 'agencyNameCell', slots, name, { size, bold: true });
  if (style === 'party') {
    fixed(ws, top, rf, rt, PARTY_LINE, { bold: true, size: size + 1, rule: true });
    fixed(ws, top + 2, lf, lt, '*', { size });
  } else {
    fixed(ws, top, rf, rt, NATIONAL_NAME, { bold: true, size });
    fixed(ws, top + 1, rf, rt, NATIONAL_MOTTO, { bold: true, size: size + 1, rule: true });
    // Nghị định 30's rule under the issuing body's name, drawn as the office's own workbooks draw it (heading.ts).
    for (let c = lf; c <= lt; c++) ws.getCell(top + 1, c).border = { bottom: { style: 'thin' } };
    agencyName.border = { bottom: { style: 'thin' } };
  }
  const year = Number((input.period.due || input.period.to).slice(0, 4)) || input.plan.plan.year;
  slot(ws, top + 3, lf, lt, 'documentNumberCell', slots, numberLine(null, style), { size });
  slot(ws, top + 3, rf, rt, 'documentDateCell', slots, placeAndDate(input.organization.place, null, style, year), { size, italic: true });
  ws.getRow(top).height = rowHeightFor([{ text: 'CƠ QUAN CẤP TRÊN CỦA ĐƠN VỊ', width: leftWidth, size }], 20, size);
  ws.getRow(top + 1).height = rowHeightFor([{ text: name, width: leftWidth, size, bold: true }], 20, size);
  ws.getRow(top + 2).height = 16;
  ws.getRow(top + 3).height = 22;
  return top + 5;
}

/** "Kết quả thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp 9 tháng năm 2022": the period's label in lower case, where the sentence takes it. */
function inSentence(label: string): string {
  return label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
}

/**
 * "Nơi nhận:" and its list on the left, the signer on the right: capacity, title, room
 * to sign, name, all input cells of the agency.
 */
function writeAgencySignature(ws: Worksheet, top: number, input: ReportFormInput, slots: Map<SlotKey, string>): number {
  const party = agencyHeadingStyle(input.agency) === 'party';
  const left = { from: 1, to: 4 };
  const right = { from: COL.results, to: LAST };
  fixed(ws, top, left.from, left.to, RECIPIENTS_LABEL, party ? { size: HEADING_SIZE } : { bold: true, italic: true });
  const label = ws.getCell(top, left.from);
  label.alignment = { horizontal: 'left', vertical: 'middle' };
  if (party) label.font = font({ underline: true, size: HEADING_SIZE });
  // The recipients: one cell over the rows beside the signature's room, for as many lines as the agency needs.
  const recipients = slot(ws, top + 1, left.from, left.to, 'recipientsCell', slots, `- ${input.organization.name} (b/c);\n- Lưu: VT.`, { size: 12, centre: false, toRow: top + 5 });
  recipients.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };

  slot(ws, top, right.from, right.to, 'signerCapacityCell', slots, '', { bold: true, size: HEADING_SIZE });
  slot(ws, top + 1, right.from, right.to, 'signerTitleCell', slots, '', { bold: true, size: HEADING_SIZE });
  slot(ws, top + 6, right.from, right.to, 'signerNameCell', slots, '', { bold: true, size: HEADING_SIZE });
  for (let r = top; r <= top + 6; r++) ws.getRow(r).height = 20;
  return top + 7;
}

// ---- the sheets ----

/** How to fill the form: on screen, above the document, and outside what prints. */
const HOW_TO_FILL =
  'Cách điền: chỉ nhập vào các ô nền vàng (kể cả tên cơ quan, số, ngày của văn bản và người ký); chọn tình trạng trong danh sách; số liệu ghi bằng chữ số, không kèm chữ hay đơn vị. Không chèn, xoá, di chuyển dòng, cột và không đổi tên trang tính. Phần in ra bắt đầu từ dòng 2.';

async function writeFormSheet(wb: ExcelJS.Workbook, input: ReportFormInput, entries: MetaEntry[], slots: Map<SlotKey, string>, growing: number[]): Promise<void> {
  const { organization, plan, period, agency } = input;
  // Excel's own default row height: any other makes every row "custom", and a custom row never grows with its text.
  const ws = wb.addWorksheet(FORM_SHEET);
  setColumns(ws, WIDTHS);

  line(ws, 1, HOW_TO_FILL, { italic: true });
  ws.getCell(1, 1).fill = solidFill(GROUP_FILL);
  let row = writeAgencyHeading(ws, 2, input, slots);
  line(ws, row++, 'BÁO CÁO', { bold: true, size: 14, centre: true });
  line(ws, row++, `Kết quả thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp ${inSentence(period.label)}`, { bold: true, size: HEADING_SIZE, centre: true });
  const issued = plan.plan.issuedOn ? ` ngày ${formatDateVi(plan.plan.issuedOn)}` : '';
  line(ws, row++, `(Thực hiện Kế hoạch số ${plan.plan.number}${issued} của ${organization.name})`, { italic: true, centre: true });
  line(ws, row++, `Số liệu tính từ ngày ${formatDateVi(period.from)} đến ngày ${formatDateVi(period.to)}; hạn gửi báo cáo: ${formatDateVi(period.due)}.`, { italic: true, centre: true });
  row++;

  row = writeTasks(ws, row, tasksFor(plan, agency.code), entries, growing);
  row++;
  row = writeIndicators(ws, row, indicatorsFor(plan, agency.code), entries, growing);
  row++;
  const end = writeAgencySignature(ws, row, input, slots) - 1;

  const firstInput = entries[0]?.cell.split('!')[1] ?? slots.get('agencyNameCell')?.split('!')[1] ?? 'A3';
  ws.views = [{ state: 'normal', activeCell: firstInput }];
  applyA4Setup(ws, { orientation: 'landscape' });
  // The instructions stay on screen; the agency's document starts under them.
  ws.pageSetup.printArea = `A2:${ws.getColumn(LAST).letter}${end}`;
  // Against accidents, not people (excel.md §1): no password. Row heights and column
  // widths stay adjustable so long answers can be shown whole.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

async function writeMetaSheet(wb: ExcelJS.Workbook, input: ReportFormInput, entries: readonly MetaEntry[], slots: ReadonlyMap<SlotKey, string>): Promise<void> {
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
    superiorBodyCell: slots.get('superiorBodyCell') ?? '',
    agencyNameCell: slots.get('agencyNameCell') ?? '',
    documentNumberCell: slots.get('documentNumberCell') ?? '',
    documentDateCell: slots.get('documentDateCell') ?? '',
    recipientsCell: slots.get('recipientsCell') ?? '',
    signerCapacityCell: slots.get('signerCapacityCell') ?? '',
    signerTitleCell: slots.get('signerTitleCell') ?? '',
    signerNameCell: slots.get('signerNameCell') ?? '',
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
  const slots = new Map<SlotKey, string>();
  const growing: number[] = [];
  await writeFormSheet(wb, input, entries, slots, growing);
  await writeMetaSheet(wb, input, entries, slots);
  return finishWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { growingRows: new Map([[FORM_SHEET, growing]]) });
}
