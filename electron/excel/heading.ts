// What every workbook the office sends on shares (domain.md, "Documents the office
// sends on"): the issuing body's heading block, Times New Roman, A4 print setup, and
// cell text that Excel will accept. Party documents follow Hướng dẫn 36-HD/VPTW, State
// documents Nghị định 30/2020/NĐ-CP; both put the number and the place-and-date line
// on the same line, under the two heading blocks.
import type { Alignment, Borders, Fill, Font, Worksheet } from 'exceljs';
import type { Organization } from '../../shared/domain';
import { nfc } from '../../shared/text';

export const FONT_NAME = 'Times New Roman';
export const BODY_SIZE = 12;
const HEADING_SIZE = 13;

/** A Times New Roman font; always a fresh object, because exceljs shares style objects between cells. */
export function font(options: Partial<Font> = {}): Partial<Font> {
  return { name: FONT_NAME, size: BODY_SIZE, ...options };
}

export const THIN_BORDER: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function solidFill(argb: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export const WRAP_TOP: Partial<Alignment> = { wrapText: true, vertical: 'top' };
export const CENTRED: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

// ---- text that Excel accepts ----

/** Excel refuses a cell longer than this; a longer narrative would make the whole file "corrupt". */
const CELL_LIMIT = 32_767;
const TRUNCATION_NOTE = ' … [đã cắt bớt do vượt giới hạn độ dài một ô Excel; xem bản đầy đủ trong ứng dụng]';
// XML 1.0 cannot carry these; exceljs would write them and Excel would refuse the file.
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu;

/**
 * Text ready for a cell: NFC, without characters XML cannot hold, within Excel's cell
 * limit. Always written as a plain string value, so a narrative that starts with "="
 * stays text (never a formula or a link).
 */
export function cellText(text: string | null | undefined): string {
  const clean = nfc(text ?? '').replace(NOT_IN_XML, '');
  if (clean.length <= CELL_LIMIT) return clean;
  return clean.slice(0, CELL_LIMIT - TRUNCATION_NOTE.length) + TRUNCATION_NOTE;
}

/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

/**
 * A row height that shows wrapped text whole. exceljs cannot measure text and Excel
 * does not re-fit rows when it opens a file, so estimate: a little over one character
 * per unit of column width in Times New Roman 12, erring on the tall side.
 */
export function rowHeightFor(cells: ReadonlyArray<{ text: string; width: number }>, minimum = 18, fontSize = BODY_SIZE): number {
  let lines = 1;
  for (const { text, width } of cells) {
    const perLine = Math.max(1, Math.floor((width - 1) * 1.15));
    const count = text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
    lines = Math.max(lines, count);
  }
  return Math.min(MAX_ROW_HEIGHT, Math.max(minimum, Math.ceil(lines * fontSize * 1.3 + 4)));
}

// ---- the heading block ----

export interface HeadingInput {
  organization: Organization;
  /** "08-KH/BCĐ"; null leaves the number blank for the office to fill in when it registers the document. */
  documentNumber: string | null;
  /** ISO date; null leaves day and month blank ("ngày   tháng   năm 2022"), as on a draft awaiting signature. */
  date: string | null;
  /** The year written when `date` is null. */
  year?: number;
}

export interface HeadingPlacement {
  /** Columns the block spans, counted from column A. */
  columns: number;
  /** Columns of the left block (superior and issuing body); the rest hold the Party or national line. */
  leftColumns?: number;
  /** First row of the block; 1 by default. */
  row?: number;
}

const BLANK = '\u00a0'.repeat(6);

function pad2(n: string): string {
  return n.padStart(2, '0');
}

/**
 * "Lạng Sơn, ngày 21 tháng 02 năm 2022". A Party document pads day and month below 10
 * with a zero (36-HD/VPTW); a State document pads the day below 10 but, of the months,
 * only 1 and 2 (Nghị định 30/2020: so that nobody can turn them into 11 or 12).
 */
export function placeAndDate(place: string, isoDate: string | null, style: Organization['headingStyle'], year?: number): string {
  const m = isoDate ? /^(\d{4})-(\d{2})-(\d{2})/u.exec(isoDate) : null;
  if (!m) return `${nfc(place)}, ngày${BLANK}tháng${BLANK}năm ${year ?? ''}`.trimEnd();
  const [, y = '', mo = '', d = ''] = m;
  const day = pad2(String(Number(d)));
  const monthNumber = Number(mo);
  const month = style === 'party' || monthNumber <= 2 ? pad2(String(monthNumber)) : String(monthNumber);
  return `${nfc(place)}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "Số 08-KH/BCĐ" for the Party (no colon), "Số: 12/BC-UBND" for the State. */
export function numberLine(documentNumber: string | null, style: Organization['headingStyle']): string {
  const label = style === 'party' ? 'Số' : 'Số:';
  return documentNumber ? `${label} ${nfc(documentNumber).trim()}` : `${label}${BLANK}`;
}

export const PARTY_LINE = 'ĐẢNG CỘNG SẢN VIỆT NAM';
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

interface Line {
  text: string;
  font: Partial<Font>;
  rule?: boolean;
}

function upper(text: string): string {
  return nfc(text).trim().toLocaleUpperCase('vi');
}

function writeBlock(ws: Worksheet, row: number, from: number, to: number, line: Line | undefined): void {
  if (!line) return;
  if (to > from) ws.mergeCells(row, from, row, to);
  const cell = ws.getCell(row, from);
  cell.value = cellText(line.text);
  cell.font = line.font;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  if (line.rule) {
    // A merged cell shows a border only where each of its cells carries it.
    for (let c = from; c <= to; c++) ws.getCell(row, c).border = { bottom: { style: 'thin' } };
  }
}

/**
 * Writes the four-line heading block from `placement.row` and returns the first row
 * after it (one blank row is left as spacing). Left: superior body, issuing body, the
 * Party "*" and the number; right: the Party or national line with its rule, and the
 * place and date in italics on the number's line.
 */
export function writeHeading(ws: Worksheet, input: HeadingInput, placement: HeadingPlacement): number {
  const { organization: org } = input;
  const style = org.headingStyle;
  const top = placement.row ?? 1;
  const columns = Math.max(2, placement.columns);
  const leftColumns = Math.min(columns - 1, Math.max(1, placement.leftColumns ?? Math.floor(columns / 2)));
  const size = HEADING_SIZE;

  const left: Line[] = [];
  if (org.parentBody.trim() !== '') left.push({ text: upper(org.parentBody), font: font({ size }) });
  left.push({ text: upper(org.issuingBody), font: font({ size, bold: true }), rule: style === 'state' });
  if (style === 'party') left.push({ text: '*', font: font({ size }) });

  const right: Line[] =
    style === 'party'
      ? [{ text: PARTY_LINE, font: font({ size: size + 1, bold: true }), rule: true }]
      : [
          { text: NATIONAL_NAME, font: font({ size, bold: true }) },
          { text: NATIONAL_MOTTO, font: font({ size: size + 1, bold: true }), rule: true },
        ];

  for (let i = 0; i < 3; i++) {
    writeBlock(ws, top + i, 1, leftColumns, left[i]);
    writeBlock(ws, top + i, leftColumns + 1, columns, right[i]);
    ws.getRow(top + i).height = 19;
  }
  const numberRow = top + 3;
  writeBlock(ws, numberRow, 1, leftColumns, { text: numberLine(input.documentNumber, style), font: font({ size }) });
  const date = placeAndDate(org.place, input.date, style, input.year);
  writeBlock(ws, numberRow, leftColumns + 1, columns, { text: date, font: font({ size, italic: true }) });
  ws.getRow(numberRow).height = 19;
  return numberRow + 2;
}

// ---- A4 print setup ----

const mm = (millimetres: number): number => Math.round((millimetres / 25.4) * 1000) / 1000;

/** Margins of an office document, top/bottom/left/right 20/20/30/15 mm, in the inches exceljs wants. */
export const A4_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(8), footer: mm(8) };
const A4 = 9;

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Rows printed again at the top of every page, e.g. a table's header rows. */
  titleRows?: { from: number; to: number };
}

/** A4, the office margins, one page wide and as many pages long as needed, page numbers in the footer. */
export function applyA4Setup(ws: Worksheet, setup: PrintSetup): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation: setup.orientation,
    fitToPage: true,
    fitToWidth: 1,
    // 0 = as many pages tall as the content needs.
    fitToHeight: 0,
    margins: A4_MARGINS,
    horizontalCentered: true,
    ...(setup.titleRows ? { printTitlesRow: `${setup.titleRows.from}:${setup.titleRows.to}` } : {}),
  };
  ws.headerFooter = { oddFooter: `&C&"${FONT_NAME},Regular"&10Trang &P/&N` };
}

/** Every column starts in Times New Roman, so cells the clerk types into later are too. */
export function setColumns(ws: Worksheet, widths: readonly number[]): void {
  widths.forEach((width, index) => {
    const column = ws.getColumn(index + 1);
    column.width = width;
    column.font = font();
  });
}
