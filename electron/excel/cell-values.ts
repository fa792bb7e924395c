// From a model cell to the value a report field wants (excel.md §2), with every
// problem placed at "Sheet!A1" in words a clerk can act on. What this module decides:
// - numbers typed as text follow parseVietnameseNumber; ambiguous forms are refused
//   with a request to retype, never guessed;
// - a negative or fractional count is returned as read: the caller applies checkFigure
//   (shared/problems.ts), the one place where those rules live;
// - a cell formatted as a percent ("0.0%") holds 0.855 for 85,5%: it is returned as
//   85.5 with `percent: true`, the same as the text "85,5%", i.e. what the clerk sees;
// - legacy TCVN3 / VNI text is converted and said so in a warning; decomposed Unicode
//   (NFD) is normalised to NFC silently, because nothing visible changes;
// - dates: cells Excel knows as dates, day numbers of the 1900 and 1904 systems, and
//   dd/mm/yyyy text; never Date.parse.
import { problem, type Problem } from '../../shared/problems';
import { formatDateVi, formatNumber, parseVietnameseNumber } from '../../shared/numbers';
import { parseVietnameseDate } from '../../shared/dates';
import { foldForSearch, nfc } from '../../shared/text';
import { TASK_STATUSES, TASK_STATUS_LABELS, type TaskStatus } from '../../shared/domain';
import { decodeLegacyText, LEGACY_ENCODING_LABELS } from '../../shared/legacy-text';
import { shownDifference, type ShownDifference } from './number-format';
import type { ModelCell } from './workbook-model';

export type FieldKind = 'integer' | 'decimal' | 'status' | 'text';

/** Where a cell is and what it stands for, for the messages. */
export interface CellPlace {
  sheet: string;
  /** "F23" */
  address: string;
  /** What the field is, as the clerk knows it: "chỉ tiêu NV2.01 – Số vụ án hình sự đã thụ lý". */
  label?: string;
  /** The workbook's date system (WorkbookModel.date1904). */
  date1904?: boolean;
}

export interface CellRead<T> {
  /** Null when the cell is empty or its value cannot be used (then an error says why). */
  value: T | null;
  problems: Problem[];
}

export interface NumberRead extends CellRead<number> {
  /** The cell said "%" (typed, or by its number format); `value` is then in percent (85.5). */
  percent: boolean;
}

export type FieldRead =
  | ({ kind: 'integer' | 'decimal' } & NumberRead)
  | ({ kind: 'status' } & CellRead<TaskStatus>)
  | ({ kind: 'text' } & CellRead<string>);

/** "Báo cáo!F23", the form every message and problem uses. */
export function cellRef(sheet: string, address: string): string {
  return `${sheet}!${address}`;
}

function refOf(place: CellPlace): string {
  return cellRef(place.sheet, place.address);
}

function about(place: CellPlace): string {
  return place.label ? ` (${place.label})` : '';
}

/** Every cell problem carries its cell as a param; `extra` the raw values its message names. */
function err(code: string, place: CellPlace, text: string, extra: Record<string, string | number> = {}): Problem {
  return problem(code, 'error', refOf(place), `${refOf(place)}: ${text}`, { cell: refOf(place), ...extra });
}

// ---------------------------------------------------------------------------------
// Problems every kind shares: formulas and error values

/**
 * A computed and a stored result are the same when they agree far below anything a
 * figure shows: summing in another order, as Excel may, moves the last of the 15 digits
 * it keeps, and 0.1+0.2−0.3 is 5.6E-17 here and 0 there.
 */
function sameResult(computed: NonNullable<ModelCell['computed']>, cell: ModelCell): boolean {
  if (computed.type === 'number' && typeof cell.value === 'number') {
    const a = computed.value as number;
    const b = cell.value;
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (computed.type === 'error') return cell.resultType === 'error' && String(cell.value) === computed.value;
  return computed.type === cell.resultType && computed.value === cell.value;
}

function shownResult(v: number | string | boolean | null): string {
  return typeof v === 'number' ? formatNumber(v) : v === null ? '(trống)' : `"${String(v)}"`;
}

/**
 * The problem with a formula or error cell, or null when its value can be used. A
 * formula's stored result is held to what the formula computes (formula-eval.ts),
 * because what Excel shows on opening the file is the computed one.
 */
function formulaProblem(cell: ModelCell, place: CellPlace): Problem | null {
  if (cell.type === 'error') {
    return err('CELL_ERROR', place, `ô báo lỗi ${String(cell.value)}${about(place)}. Hãy sửa ô này trong Excel, lưu lại rồi nhập lại.`, { value: String(cell.value) });
  }
  if (cell.type !== 'formula') return null;
  const shown = cell.formula ? ` =${cell.formula}` : '';
  if (cell.externalRef) {
    return err('EXTERNAL_REFERENCE', place, `công thức${shown} lấy số liệu từ một sổ làm việc khác${about(place)}. Hãy thay công thức bằng giá trị (Sao chép → Dán đặc biệt → Giá trị), lưu lại rồi nhập lại.`);
  }
  const computed = cell.computed;
  if (computed?.type === 'error') {
    return err('CELL_ERROR', place, `công thức${shown} cho kết quả lỗi ${String(computed.value)}${about(place)}. Hãy sửa công thức trong Excel, lưu lại rồi nhập lại.`, { value: String(computed.value) });
  }
  if (!cell.hasCachedResult) {
    // Computed here, the figure is what Excel would show; else there is none to take.
    if (computed) return null;
    return err('FORMULA_NO_RESULT', place, `ô có công thức${shown} nhưng tệp không lưu kết quả tính, và ứng dụng không tự tính được công thức này${about(place)}. Hãy mở tệp bằng Excel để Excel tính lại, lưu lại rồi nhập lại; hoặc nhập số trực tiếp vào ô.`);
  }
  if (cell.resultType === 'error') {
    return err('CELL_ERROR', place, `công thức${shown} cho kết quả lỗi ${String(cell.value)}${about(place)}. Hãy sửa công thức trong Excel, lưu lại rồi nhập lại.`, { value: String(cell.value) });
  }
  if (computed && !sameResult(computed, cell)) {
    return err(
      'FORMULA_RESULT_MISMATCH',
      place,
      `công thức${shown} tính ra ${shownResult(computed.value)} (số Excel hiện khi mở tệp), nhưng tệp lưu kết quả ${shownResult(cell.value)}${about(place)}. Tệp có thể đã bị sửa bằng công cụ khác Excel. Hãy mở tệp bằng Excel để tính lại, lưu lại rồi nhập lại.`,
    );
  }
  return null;
}

/** A formula this app could not compute: its stored result is taken, and the clerk is told. */
function formulaNotChecked(cell: ModelCell | undefined, place: CellPlace): Problem[] {
  if (!cell || cell.type !== 'formula' || cell.computed || !cell.hasCachedResult) return [];
  return [
    problem(
      'FORMULA_NOT_CHECKED',
      'warning',
      refOf(place),
      `${refOf(place)}: công thức =${cell.formula ?? ''} dùng hàm hoặc tham chiếu mà ứng dụng không tự tính được; số liệu lấy theo kết quả tệp đã lưu (${shownResult(cell.value)})${about(place)}. Hãy kiểm tra lại số này.`,
      { cell: refOf(place), formula: cell.formula ?? '' },
    ),
  ];
}

/** What the cell holds once formulas are replaced by their cached result. */
function effective(cell: ModelCell): { type: 'number' | 'string' | 'date' | 'boolean'; value: number | string | boolean } | null {
  // What Excel shows is what the formula computes; the stored result only when it cannot
  // be computed here, or when it agrees (then it is Excel's own arithmetic, to the last bit).
  if (cell.type === 'formula' && cell.computed && cell.computed.type !== 'error' && !(cell.hasCachedResult && sameResult(cell.computed, cell))) {
    return { type: cell.computed.type, value: cell.computed.value };
  }
  const value = cell.value;
  if (value === null) return null;
  switch (cell.type) {
    case 'number':
    case 'date':
    case 'boolean':
      return { type: cell.type, value };
    case 'string':
    case 'richText':
      return { type: 'string', value: String(value) };
    case 'formula':
      if (cell.resultType === 'number' || cell.resultType === 'string' || cell.resultType === 'date' || cell.resultType === 'boolean') {
        return { type: cell.resultType, value };
      }
      return null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------
// Text

/** Text as stored: NFC, legacy encodings converted (with a warning), lines kept, ends trimmed. */
export function readTextCell(cell: ModelCell | undefined, place: CellPlace): CellRead<string> {
  if (!cell || cell.type === 'empty') return { value: null, problems: [] };
  const bad = formulaProblem(cell, place);
  if (bad) return { value: null, problems: [bad] };
  const v = effective(cell);
  if (!v) return { value: null, problems: [] };
  // 15 significant digits, as Excel shows them: 0.1 + 0.2 reads "0.3".
  if (v.type === 'number') return { value: String(Number((v.value as number).toPrecision(15))), problems: [] };
  if (v.type === 'boolean') return { value: v.value ? 'TRUE' : 'FALSE', problems: [] };
  if (v.type === 'date') return { value: formatDateVi(String(v.value)), problems: [] };
  return decodeText(String(v.value), cell.fontName, place);
}

function decodeText(raw: string, fontName: string | undefined, place: CellPlace): CellRead<string> {
  const problems: Problem[] = [];
  let text = raw;
  const legacy = decodeLegacyText(text, fontName);
  if (legacy) {
    text = legacy.text;
    const how = legacy.by === 'font' && fontName ? ` (phông chữ ${fontName})` : '';
    problems.push(
      problem(
        'LEGACY_ENCODING',
        'warning',
        refOf(place),
        `${refOf(place)}: văn bản gõ bằng bảng mã ${LEGACY_ENCODING_LABELS[legacy.encoding]}${how} đã được chuyển sang Unicode thành "${preview(legacy.text)}"${about(place)}. Hãy kiểm tra lại nội dung.`,
        { cell: refOf(place), encoding: LEGACY_ENCODING_LABELS[legacy.encoding], text: preview(legacy.text) },
      ),
    );
  }
  const value = nfc(text).replace(/\r\n?/gu, '\n').trim();
  return { value: value === '' ? null : value, problems };
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

// ---------------------------------------------------------------------------------
// Numbers

/** A "%" in a number format outside quoted literals ("0.0%", not "0 \"%\""). */
function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt.replace(/"[^"]*"/gu, '').replace(/\\./gu, '').includes('%');
}

/** 0.855 × 100 is 85.49999999999999 in binary; round away the noise, not the digits. */
function toPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

/** A cell whose number format shows the agency something other than the figure it holds. */
function formatProblem(d: ShownDifference, n: number, format: string, place: CellPlace): Problem {
  const shown =
    d.kind === 'hidden'
      ? 'không hiện gì (ô trông như trống)'
      : d.kind === 'replaced'
        ? `hiện "${d.text}"`
        : d.kind === 'duration'
          ? 'hiện số đó thành một khoảng thời gian (giờ:phút:giây)'
          : `hiện số đã chia cho ${formatNumber(d.by, 'integer')}`;
  return err(
    'FORMAT_HIDES_FIGURE',
    place,
    `ô lưu số ${formatNumber(n, Number.isInteger(n) ? 'integer' : 'decimal')} nhưng định dạng số "${format}" làm Excel ${shown}, nên đơn vị thấy khác với số được lưu${about(place)}. Hãy đề nghị đơn vị đặt lại định dạng ô là Số (Number) rồi gửi lại, hoặc hỏi lại đơn vị rồi sửa ô này.`,
    { value: n, format },
  );
}

/**
 * A number cell's figure. `whole`: the field takes whole numbers only (a count), so the
 * examples the clerk is given are whole numbers too.
 */
export function readNumberCell(cell: ModelCell | undefined, place: CellPlace, whole = false): NumberRead {
  const example = whole ? 'ví dụ 1.234' : 'ví dụ 1.234 hoặc 12,5';
  const none: NumberRead = { value: null, percent: false, problems: [] };
  if (!cell || cell.type === 'empty') return none;
  const bad = formulaProblem(cell, place);
  if (bad) return { ...none, problems: [bad] };
  const v = effective(cell);
  if (!v) return none;

  if (v.type === 'number') {
    const n = v.value as number;
    if (!Number.isFinite(n)) return { ...none, problems: [err('NOT_A_NUMBER', place, `giá trị không phải là số${about(place)}.`)] };
    const hidden = shownDifference(cell.numFmt, n);
    if (hidden) return { ...none, problems: [formatProblem(hidden, n, cell.numFmt ?? '', place)] };
    return isPercentFormat(cell.numFmt) ? { value: toPercent(n), percent: true, problems: [] } : { value: n, percent: false, problems: [] };
  }
  if (v.type === 'date') {
    return {
      ...none,
      problems: [err('NOT_A_NUMBER', place, `ô chứa ngày ${formatDateVi(String(v.value))}, không phải là số${about(place)}. Có thể Excel đã tự đổi số gõ vào thành ngày tháng; hãy định dạng ô là Số (Number) rồi gõ lại.`)],
    };
  }
  if (v.type === 'boolean') {
    return { ...none, problems: [err('NOT_A_NUMBER', place, `"${v.value ? 'TRUE' : 'FALSE'}" không phải là số${about(place)}.`)] };
  }

  const raw = nfc(String(v.value)).trim();
  if (raw === '') return none;
  const parsed = parseVietnameseNumber(raw);
  if (parsed.ok) return { value: parsed.value, percent: parsed.percent, problems: [] };
  if (parsed.reason === 'empty') return none;
  if (parsed.reason === 'ambiguous') {
    return {
      ...none,
      problems: [
        err(
          'AMBIGUOUS_NUMBER',
          place,
          `"${raw}" không rõ là số nào vì dấu chấm, dấu phẩy có thể là phân cách hàng nghìn hoặc dấu thập phân${about(place)}. Hãy gõ lại: ${whole ? 'dấu chấm phân cách hàng nghìn' : 'dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân'} (${example}), hoặc gõ số không có dấu phân cách.`,
          { text: raw },
        ),
      ],
    };
  }
  return { ...none, problems: [err('NOT_A_NUMBER', place, `"${raw}" không phải là số${about(place)}. Hãy nhập bằng chữ số, ${example}.`, { text: raw })] };
}

// ---------------------------------------------------------------------------------
// Task status

const STATUS_BY_FOLDED: ReadonlyMap<string, TaskStatus> = new Map(
  TASK_STATUSES.flatMap((s) => [
    [foldForSearch(TASK_STATUS_LABELS[s]), s],
    [foldForSearch(s.replace(/_/gu, ' ')), s],
  ]),
);

/** One of the four labels, any case, tone placement or missing marks ("hoan thanh", "HOÀN THÀNH"); null otherwise. */
export function parseStatusLabel(text: string): TaskStatus | null {
  const folded = foldForSearch(text).replace(/[.;:,!]+$/u, '').trim();
  return STATUS_BY_FOLDED.get(folded) ?? null;
}

export function readStatusCell(cell: ModelCell | undefined, place: CellPlace): CellRead<TaskStatus> {
  if (!cell || cell.type === 'empty') return { value: null, problems: [] };
  const bad = formulaProblem(cell, place);
  if (bad) return { value: null, problems: [bad] };
  const v = effective(cell);
  if (!v) return { value: null, problems: [] };
  const raw = String(v.type === 'date' ? formatDateVi(String(v.value)) : v.value);
  if (raw.trim() === '') return { value: null, problems: [] };
  // A status typed in an old font is still the status the clerk meant; no warning needed.
  const legacy = v.type === 'string' ? decodeLegacyText(raw, cell.fontName) : null;
  const status = parseStatusLabel(raw) ?? (legacy ? parseStatusLabel(legacy.text) : null);
  if (status) return { value: status, problems: [] };
  const allowed = TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s]).join(', ');
  return {
    value: null,
    problems: [err('STATUS_INVALID', place, `"${nfc(raw).trim()}" không phải là tình trạng hợp lệ${about(place)}. Hãy chọn một trong: ${allowed}.`, { text: nfc(raw).trim() })],
  };
}

// ---------------------------------------------------------------------------------
// Dates

const MS_PER_DAY = 86_400_000;

/**
 * ISO date of an Excel day number. 1900 system: 1 is 01/01/1900 and 60 is Lotus's
 * 29/02/1900, a day that never was (null). 1904 system: 0 is 01/01/1904. The time of
 * day is dropped.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  // To the second first, as the workbook model and Excel's display round: 44638.999999 is 19/03.
  const day = Math.floor(Math.round(serial * 86_400) / 86_400);
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + day * MS_PER_DAY;
  else if (day === 0 || day === 60) return null;
  else if (day < 60) ms = Date.UTC(1899, 11, 31) + day * MS_PER_DAY;
  else ms = Date.UTC(1899, 11, 30) + day * MS_PER_DAY;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The ISO date when it is a day of the calendar ("1900-02-29" is not), else null. */
function realDate(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]) ? iso : null;
}

export function readDateCell(cell: ModelCell | undefined, place: CellPlace): CellRead<string> {
  if (!cell || cell.type === 'empty') return { value: null, problems: [] };
  const bad = formulaProblem(cell, place);
  if (bad) return { value: null, problems: [bad] };
  const v = effective(cell);
  if (!v) return { value: null, problems: [] };
  let iso: string | null = null;
  let shown = String(v.value);
  // A date cell may hold Excel's 29/02/1900, a day that never was, or day 0 of the 1900
  // system (00/01/1900, a time alone): neither is a date to take, as for the day numbers.
  if (v.type === 'date') {
    shown = formatDateVi(String(v.value));
    iso = realDate(String(v.value).slice(0, 10));
    if (iso !== null && iso < '1900-01-01') iso = null;
  }
  else if (v.type === 'number') iso = excelSerialToIsoDate(v.value as number, place.date1904 === true);
  else if (v.type === 'string') {
    shown = nfc(String(v.value)).trim();
    if (shown === '') return { value: null, problems: [] };
    iso = parseVietnameseDate(shown);
  }
  if (iso) return { value: iso, problems: [] };
  return {
    value: null,
    problems: [err('DATE_INVALID', place, `"${shown}" không phải là ngày hợp lệ${about(place)}. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 18/03/2022.`, { text: shown })],
  };
}

// ---------------------------------------------------------------------------------

/** The value of a cell for a field of the given kind (the `kind` column of the form's _meta sheet). */
export function readFieldCell(cell: ModelCell | undefined, kind: FieldKind, place: CellPlace): FieldRead {
  const read = ((): FieldRead => {
    switch (kind) {
      case 'integer':
      case 'decimal':
        return { kind, ...readNumberCell(cell, place, kind === 'integer') };
      case 'status':
        return { kind, ...readStatusCell(cell, place) };
      case 'text':
        return { kind, ...readTextCell(cell, place) };
    }
  })();
  if (read.problems.some((p) => p.severity === 'error')) return read;
  const note = formulaNotChecked(cell, place);
  return note.length > 0 ? { ...read, problems: [...read.problems, ...note] } : read;
}

/**
 * A figure for an indicator, whichever reader found the cell: the cell is read by the
 * indicator's kind, and a percent ("12%", or a cell formatted as percent) where a count
 * or an amount is due is refused rather than read as 12.
 */
export function readIndicatorCell(cell: ModelCell | undefined, indicator: { code: string; name: string; kind: string }, place: Omit<CellPlace, 'label'>): FieldRead {
  const label = `chỉ tiêu ${indicator.code} – ${indicator.name}`;
  const kind: FieldKind = indicator.kind === 'integer' ? 'integer' : indicator.kind === 'text' ? 'text' : 'decimal';
  const read = readFieldCell(cell, kind, { ...place, label });
  if ((read.kind === 'integer' || read.kind === 'decimal') && read.percent && indicator.kind !== 'percent' && read.value !== null) {
    const where = cellRef(place.sheet, place.address);
    return {
      ...read,
      value: null,
      problems: [
        ...read.problems,
        problem('PERCENT_NOT_EXPECTED', 'error', where, `${where}: ô ghi tỷ lệ phần trăm nhưng chỉ tiêu cần một số (${label}). Hãy nhập số, không kèm dấu %.`, { cell: where, indicator: indicator.code }),
      ],
    };
  }
  return read;
}
