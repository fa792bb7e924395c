// What every workbook the office sends on shares (domain.md, "Documents the office
// sends on"): the issuing body's heading block, Times New Roman, A4 print setup, and
// cell text that Excel will accept. Party documents follow Hướng dẫn 36-HD/VPTW, State
// documents Nghị định 30/2020/NĐ-CP; both put the number and the place-and-date line
// on the same line, under the two heading blocks.
import ExcelJS from 'exceljs';
import type { Alignment, Borders, Fill, Font, Worksheet } from 'exceljs';
import type { Organization } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { nfc } from '../../shared/text';
import { NATIONAL_MOTTO, NATIONAL_NAME, PARTY_LINE, numberLine, placeAndDate } from '../../shared/document-heading';
// The Word documents' wording of the foot of a document, so a workbook's "Nơi nhận:" reads as the report's.
import { RECIPIENTS_LABEL, recipientLine } from '../documents/signature-block';

export const FONT_NAME = 'Times New Roman';
export const BODY_SIZE = 12;
const HEADING_SIZE = 13;

/**
 * A Times New Roman font; always a fresh object, because exceljs shares style objects
 * between cells. An option left undefined keeps the default: a font without a size
 * would print at the reader's default of 11 pt.
 */
export function font(options: Partial<Font> = {}): Partial<Font> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { name: FONT_NAME, size: BODY_SIZE, ...given };
}

/**
 * Vietnamese (LCID 0x042A) as the locale of every number format we write. An .xlsx
 * number format cannot carry separators: its "," and "." are placeholders that Excel
 * fills with the PC's own (Windows' regional setting, or Excel's "Use system
 * separators"), and Excel reads the locale tag for month and day names only. LibreOffice
 * binds a format to its locale, so there the tag makes 1.234.567 and 1.520,5 on any PC.
 * README, "Numbers in the workbooks".
 */
export const VI_LOCALE = '[$-42A]';

/** A number format with the Vietnamese locale tag in front. */
export function viFormat(code: string): string {
  return code.startsWith(VI_LOCALE) ? code : `${VI_LOCALE}${code}`;
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

// Advance widths of Times New Roman, in ems (its metrics are Liberation Serif's), for the
// letters once their Vietnamese marks are taken off: marks sit above or below a letter
// and add no width. Anything not listed counts as a lower-case letter.
const EM: Record<string, number> = {
  ' ': 0.25, a: 0.444, b: 0.5, c: 0.444, d: 0.5, e: 0.444, f: 0.333, g: 0.5, h: 0.5, i: 0.278, j: 0.278, k: 0.5, l: 0.278, m: 0.778,
  n: 0.5, o: 0.5, p: 0.5, q: 0.5, r: 0.333, s: 0.389, t: 0.278, u: 0.5, v: 0.5, w: 0.722, x: 0.5, y: 0.5, z: 0.444,
  A: 0.722, B: 0.667, C: 0.667, D: 0.722, E: 0.611, F: 0.556, G: 0.722, H: 0.722, I: 0.333, J: 0.389, K: 0.722, L: 0.611, M: 0.889,
  N: 0.722, O: 0.722, P: 0.556, Q: 0.722, R: 0.667, S: 0.556, T: 0.611, U: 0.722, V: 0.722, W: 0.944, X: 0.722, Y: 0.722, Z: 0.611,
  '.': 0.25, ',': 0.25, ';': 0.278, ':': 0.278, '(': 0.333, ')': 0.333, '-': 0.333, '–': 0.5, '/': 0.278, '%': 0.833, '"': 0.408, '*': 0.5,
};
/** Bold Times New Roman is a little wider than regular. */
const BOLD_WIDER = 1.08;
/** What a cell keeps clear on each side of its text, in points. */
const CELL_PADDING = 2.5;
/** A wrapped line of Times New Roman takes 1.31 times its size on Excel's rows (15.75 pt at 12 pt). */
const LINE_HEIGHT = 1.31;

function base(ch: string): string {
  return ch === 'đ' ? 'd' : ch === 'Đ' ? 'D' : ch.normalize('NFD').charAt(0);
}

/** How wide a text is, in points, in Times New Roman of this size. */
export function textWidthPt(text: string, size = BODY_SIZE, bold = false): number {
  let em = 0;
  for (const ch of nfc(text)) em += EM[base(ch)] ?? (/\d/u.test(ch) ? 0.5 : 0.444);
  return em * size * (bold ? BOLD_WIDER : 1);
}

/** How many lines a text takes, wrapped word by word into a cell this many points wide. */
export function linesFor(text: string, widthPt: number, size = BODY_SIZE, bold = false): number {
  const room = Math.max(size, widthPt - 2 * CELL_PADDING);
  const space = textWidthPt(' ', size, bold);
  let lines = 0;
  for (const paragraph of nfc(text).split('\n')) {
    let line = 0;
    let used = 0;
    for (const word of paragraph.split(/\s+/u).filter(Boolean)) {
      let w = textWidthPt(word, size, bold);
      if (line > 0 && used + space + w <= room) {
        used += space + w;
        continue;
      }
      // A word longer than the cell is broken across lines, as Excel does.
      line++;
      while (w > room) {
        w -= room;
        line++;
      }
      used = w;
    }
    lines += Math.max(1, line);
  }
  return lines;
}

export interface TextInCell {
  text: string;
  /** The cell's width, in characters (the sum of a merged cell's columns). */
  width: number;
  size?: number;
  bold?: boolean;
}

/**
 * A row height that shows wrapped text whole. exceljs cannot measure text and Excel
 * does not re-fit a row whose height is set, so measure it here: each text wrapped
 * word by word in Times New Roman, at Excel's line height, erring on the tall side.
 */
export function rowHeightFor(cells: ReadonlyArray<TextInCell>, minimum = 18, fontSize = BODY_SIZE): number {
  let height = 0;
  for (const cell of cells) {
    const size = cell.size ?? fontSize;
    const lines = linesFor(cell.text, columnPx(cell.width) * 0.75, size, cell.bold ?? false);
    height = Math.max(height, lines * size * LINE_HEIGHT + 4);
  }
  return Math.min(MAX_ROW_HEIGHT, Math.max(minimum, Math.ceil(height)));
}

// ---- the heading block ----

export interface HeadingInput {
  organization: Organization;
  /** "08-KH/BCĐ"; null leaves the number blank for the office to fill in when it registers the document. */
  documentNumber: string | null;
  /** The whole number line, when the caller builds it (documentNumberLine: "Số      -BC/BCĐ"; "" for none); else from `documentNumber`. */
  numberText?: string;
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

// The wording is shared with the Word documents (electron/documents/), so it lives in shared/.
export { numberLine, placeAndDate, PARTY_LINE, NATIONAL_NAME, NATIONAL_MOTTO } from '../../shared/document-heading';

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
  const numberText = input.numberText ?? numberLine(input.documentNumber, style);
  if (numberText !== '') writeBlock(ws, numberRow, 1, leftColumns, { text: numberText, font: font({ size }) });
  const date = placeAndDate(org.place, input.date, style, input.year);
  writeBlock(ws, numberRow, leftColumns + 1, columns, { text: date, font: font({ size, italic: true }) });
  ws.getRow(numberRow).height = 19;
  return numberRow + 2;
}

// ---- the foot of a document: "Nơi nhận:" and the signature ----

export interface SignatureInput {
  style: Organization['headingStyle'];
  signer: Settings['signer'];
  recipients: readonly string[];
}

export interface SignaturePlacement {
  /** First row of the block. */
  row: number;
  /** Columns of "Nơi nhận:" and its list. */
  left: { from: number; to: number };
  /** Columns of the signer's lines, centred across them. */
  right: { from: number; to: number };
}

/** Room for the signature and the seal between the title and the name: four empty lines, as on the Word documents. */
const SIGNATURE_SPACE = 4;

/**
 * "Nơi nhận:" with its list on the left and, on the right, the signer's capacity and
 * title (bold capitals), room to sign, and the name (bold), from Cài đặt. Party
 * documents (36-HD/VPTW) underline "Nơi nhận:"; State ones (Nghị định 30/2020) set it
 * in bold italics and the list in 11 pt. Returns the first row after the block.
 */
export function writeSignature(ws: Worksheet, input: SignatureInput, at: SignaturePlacement): number {
  const party = input.style === 'party';
  const merge = (row: number, span: { from: number; to: number }) => {
    if (span.to > span.from) ws.mergeCells(row, span.from, row, span.to);
    return ws.getCell(row, span.from);
  };
  const leftWidth = Array.from({ length: at.left.to - at.left.from + 1 }, (_, k) => ws.getColumn(at.left.from + k).width ?? DEFAULT_WIDTH).reduce((a, b) => a + b, 0);

  const left: { text: string; font: Partial<Font> }[] = [
    { text: RECIPIENTS_LABEL, font: party ? font({ underline: true, size: HEADING_SIZE }) : font({ bold: true, italic: true }) },
    ...input.recipients.map((line) => ({ text: recipientLine(line), font: font({ size: party ? BODY_SIZE : 11 }) })),
  ];
  const { capacity, title, name } = input.signer;
  const right: { text: string; bold: boolean }[] = [
    ...[capacity, title].filter((line) => line.trim() !== '').map((line) => ({ text: upper(line), bold: true })),
    ...Array.from({ length: SIGNATURE_SPACE }, () => ({ text: '', bold: false })),
    // The name as set; with none set yet the line stays empty, for the signer to write in.
    { text: nfc(name).trim(), bold: true },
  ];
  const rows = Math.max(left.length, right.length);
  for (let k = 0; k < rows; k++) {
    const row = at.row + k;
    const l = left[k];
    if (l) {
      const cell = merge(row, at.left);
      cell.value = cellText(l.text);
      cell.font = l.font;
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    }
    const r = right[k];
    if (r) {
      const cell = merge(row, at.right);
      cell.value = r.text === '' ? null : cellText(r.text);
      cell.font = font({ bold: r.bold, size: HEADING_SIZE });
      cell.alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
    }
    ws.getRow(row).height = rowHeightFor([{ text: l?.text ?? '', width: leftWidth }], 19, HEADING_SIZE);
  }
  return at.row + rows;
}

// ---- A4 print setup ----

const mm = (millimetres: number): number => Math.round((millimetres / 25.4) * 1000) / 1000;

/** Margins of an office document, top/bottom/left/right 20/20/30/15 mm, in the inches exceljs wants. */
export const A4_MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(8), footer: mm(8) };
const A4 = 9;

/** Nothing the office prints is smaller than this, once the page is scaled. */
export const MIN_PRINT_PT = 10;

/**
 * How wide the printable part of an A4 page is, in the pixels (1/96 inch) column widths
 * are counted in: 297 − 30 − 15 mm across a landscape page, 210 − 45 mm down a portrait one.
 */
export const PRINTABLE_PX = { landscape: ((297 - 30 - 15) / 25.4) * 96, portrait: ((210 - 30 - 15) / 25.4) * 96 } as const;

/**
 * A column's width in pixels, the way Excel turns a stored width into pixels: the
 * Normal font's digit is 8 px wide, Times New Roman 12 being the Normal font of every
 * workbook we write (xlsx-finish.ts).
 */
export function columnPx(width: number): number {
  const digit = 8;
  return Math.trunc(((256 * width + Math.trunc(128 / digit)) / 256) * digit);
}

/** Excel's default column width, in characters, when a column has none of its own. */
const DEFAULT_WIDTH = 9.140625;

/** The width of columns `from`..`to` of a sheet, in pixels. */
export function columnsPx(ws: Worksheet, from: number, to: number): number {
  let px = 0;
  for (let c = from; c <= to; c++) px += columnPx(ws.getColumn(c).width ?? DEFAULT_WIDTH);
  return px;
}

/** The last column holding anything, and the smallest font of any cell with text or a number. */
function usedArea(ws: Worksheet): { lastColumn: number; smallestFont: number } {
  let lastColumn = 1;
  let smallestFont = Number.POSITIVE_INFINITY;
  ws.eachRow((row) =>
    row.eachCell((cell, col) => {
      lastColumn = Math.max(lastColumn, col);
      if (cell.type === ExcelJS.ValueType.Merge || cell.value === null || cell.value === undefined || cell.value === '') return;
      smallestFont = Math.min(smallestFont, cell.font?.size ?? BODY_SIZE);
    }),
  );
  return { lastColumn, smallestFont: Number.isFinite(smallestFont) ? smallestFont : BODY_SIZE };
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Rows printed again at the top of every page, e.g. a table's header rows. */
  titleRows?: { from: number; to: number };
  /** Columns printed again at the left of every page, for a table too wide for one page. */
  titleColumns?: { from: number; to: number };
  /**
   * A fixed scale (percent), for a sheet whose pages are laid out by hand with column
   * breaks; the caller keeps its smallest font at MIN_PRINT_PT or above once scaled.
   */
  scale?: number;
}

/** How a sheet is fitted to the page, as applyA4Setup decided it. */
export interface PrintFit {
  /** Fitted to one page wide (Excel picks the scale, about `scale`). */
  fitToWidth: boolean;
  /** The scale, in percent, the sheet prints at. */
  scale: number;
  /** The smallest font on the page once scaled, in points. */
  smallestPrinted: number;
}

/**
 * A4, the office margins, page numbers in the footer; and the sheet fitted to one page
 * wide only when that keeps its smallest text at MIN_PRINT_PT or more. A sheet wider
 * than that prints at full size over several pages across, its title columns repeated.
 */
export function applyA4Setup(ws: Worksheet, setup: PrintSetup): PrintFit {
  const { lastColumn, smallestFont } = usedArea(ws);
  const width = columnsPx(ws, 1, lastColumn);
  const room = PRINTABLE_PX[setup.orientation];
  let fit: PrintFit;
  if (setup.scale !== undefined) {
    fit = { fitToWidth: false, scale: setup.scale, smallestPrinted: (smallestFont * setup.scale) / 100 };
  } else if (width <= room) {
    fit = { fitToWidth: false, scale: 100, smallestPrinted: smallestFont };
  } else {
    // Excel rounds its fitted scale down to a whole percent.
    const scale = Math.floor((room / width) * 100);
    fit = (smallestFont * scale) / 100 >= MIN_PRINT_PT ? { fitToWidth: true, scale, smallestPrinted: (smallestFont * scale) / 100 } : { fitToWidth: false, scale: 100, smallestPrinted: smallestFont };
  }
  const titles = {
    ...(setup.titleRows ? { printTitlesRow: `${setup.titleRows.from}:${setup.titleRows.to}` } : {}),
    ...(setup.titleColumns ? { printTitlesColumn: `${ws.getColumn(setup.titleColumns.from).letter}:${ws.getColumn(setup.titleColumns.to).letter}` } : {}),
  };
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation: setup.orientation,
    ...(fit.fitToWidth
      ? // 0 = as many pages tall as the content needs.
        { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
      : { fitToPage: false, scale: fit.scale }),
    margins: A4_MARGINS,
    horizontalCentered: true,
    ...titles,
  };
  // The page number scales with the sheet: sized so it too prints at MIN_PRINT_PT or more.
  const footerSize = Math.max(MIN_PRINT_PT, Math.ceil((MIN_PRINT_PT * 100) / fit.scale));
  ws.headerFooter = { oddFooter: `&C&"${FONT_NAME},Regular"&${footerSize}Trang &P/&N` };
  return fit;
}

/** Excel's height of a row with none of its own, Times New Roman 12 being the Normal font. */
const DEFAULT_ROW_PT = 15.75;

/** The first rows of each printed page, as Excel lays the rows down a page: a row is never split. */
export function pageStarts(
  ws: Worksheet,
  setup: Pick<PrintSetup, 'orientation' | 'titleRows'>,
  fit: Pick<PrintFit, 'scale'>,
  lastRow = ws.rowCount,
  breaksAfter: ReadonlySet<number> = new Set(),
): number[] {
  const paperMm = setup.orientation === 'landscape' ? 210 : 297;
  // The page's height between the top and bottom margins, in the sheet's points once scaled.
  // Two per cent short of it, for the rounding of row heights to the printer's dots.
  const pageH = ((((paperMm - 20 - 20) / 25.4) * 72 * 100) / fit.scale) * 0.98;
  const heightOf = (r: number) => ws.getRow(r).height ?? DEFAULT_ROW_PT;
  let titlesH = 0;
  if (setup.titleRows) for (let r = setup.titleRows.from; r <= setup.titleRows.to; r++) titlesH += heightOf(r);
  const starts = [1];
  let y = 0;
  for (let r = 1; r <= lastRow; r++) {
    const h = heightOf(r);
    if ((y + h > pageH || breaksAfter.has(r - 1)) && r !== starts.at(-1)) {
      starts.push(r);
      // Later pages begin with the repeated header, once the rows below it are reached.
      y = setup.titleRows && r > setup.titleRows.to ? titlesH : 0;
    }
    y += h;
  }
  return starts;
}

/** A table printed over pages, with the rows that must not be parted from what follows. */
export interface PagedTable {
  firstTableRow: number;
  lastTableRow: number;
  /** Group heading rows (a task above its indicators): never the last row of a page. */
  groupRows?: ReadonlySet<number>;
  /** The closing block after the table (notes, "Nơi nhận", the signature), to its last row. */
  closingTo?: number;
}

/**
 * Lays manual page breaks where Excel's own would part what belongs together: a group's
 * heading left at a page's foot goes over to its rows; and the closing block, where it
 * would start a page or be cut in two, goes over with the table's last rows, up to `keep` (a
 * signature alone under a repeated header, or cut from its "Nơi nhận", is not signed).
 * The layout is made here from the rows' set heights and the page's scale (so every row
 * written must carry its height), and every page's end is set by hand. Returns the rows
 * a page break follows.
 */
export function keepTogether(ws: Worksheet, setup: PrintSetup, fit: PrintFit, table: PagedTable, keep = 3): number[] {
  const last = table.closingTo ?? table.lastTableRow;
  const breaks = new Set<number>();
  const isGroup = (r: number) => table.groupRows?.has(r) ?? false;
  // Each pass moves one orphaned heading; a heading moved starts a page, so this ends.
  for (let pass = 0; pass <= (table.groupRows?.size ?? 0); pass++) {
    const orphan = pageStarts(ws, setup, fit, last, breaks).find((r) => r > table.firstTableRow + 1 && r <= table.lastTableRow + 1 && isGroup(r - 1) && !breaks.has(r - 2));
    if (orphan === undefined) break;
    breaks.add(orphan - 2);
  }
  if (table.closingTo !== undefined) {
    const splits = (b: ReadonlySet<number>) => pageStarts(ws, setup, fit, last, b).some((r) => r > table.lastTableRow && r <= last);
    // As many of the table's last rows as fit with the block, `keep` at most, one at least;
    // a block taller than a page is left where Excel puts it.
    for (let k = keep; k >= 1 && splits(breaks); k--) {
      let breakAfter = Math.max(table.firstTableRow, table.lastTableRow - k);
      while (breakAfter > table.firstTableRow && isGroup(breakAfter)) breakAfter--;
      const withIt = new Set([...breaks].filter((b) => b < breakAfter)).add(breakAfter);
      if (!splits(withIt)) {
        breaks.clear();
        for (const b of withIt) breaks.add(b);
      }
    }
  }
  // Every page's end set by hand, on pages a little shorter than the printer's: Excel and
  // LibreOffice then never break on their own, at a row a little off from this layout.
  const rows = pageStarts(ws, setup, fit, last, breaks)
    .slice(1)
    .map((r) => r - 1);
  for (const r of rows) ws.getRow(r).addPageBreak();
  return rows;
}

/** Every column starts in Times New Roman, so cells the clerk types into later are too. */
export function setColumns(ws: Worksheet, widths: readonly number[]): void {
  widths.forEach((width, index) => {
    const column = ws.getColumn(index + 1);
    column.width = width;
    column.font = font();
  });
}
