// The cells every workbook the app writes is built from (the consolidated workbook and
// missing list, the report form, the plan): one kit, so a header, a bordered cell or a
// line of text looks and prints the same in each. The formats under it (fonts, borders,
// fills, number formats, column widths, the A4 page, the heading and signature) live in
// heading.ts and are handed on from here, so a writer imports its cells from one place.
import type { Cell, CellValue, Worksheet } from 'exceljs';
import { cellText, CENTRED, font, rowHeightFor, solidFill, THIN_BORDER, WRAP_TOP } from './heading';

export {
  applyA4Setup,
  BODY_SIZE,
  cellText,
  CENTRED,
  columnPx,
  columnsPx,
  font,
  keepTogether,
  PRINTABLE_PX,
  rowHeightFor,
  setColumns,
  solidFill,
  textWidthPt,
  THIN_BORDER,
  viFormat,
  WRAP_TOP,
  writeHeading,
  writeSignature,
} from './heading';

/** A table's header row. */
export const HEADER_FILL = 'FFD9E1F2';
/** A task's row over its indicators. */
export const GROUP_FILL = 'FFF2F2F2';
/** A cell the agency types in (the form), or the office corrected (the consolidated workbook). */
export const INPUT_FILL = 'FFFFF2CC';

/** How a table cell looks: a thin border always, the rest as said. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  colour?: string;
  centre?: boolean;
  right?: boolean;
  numFmt?: string;
  fill?: string;
}

/** A bordered table cell; text goes through cellText, so it is stored as text, never a formula. */
export function put(ws: Worksheet, row: number, column: number, value: CellValue, style: CellStyle = {}): Cell {
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
export function caption(ws: Worksheet, row: number, value: string, style: { bold?: boolean; italic?: boolean; size?: number; centreAcross?: number } = {}): void {
  if (style.centreAcross && style.centreAcross > 1) ws.mergeCells(row, 1, row, style.centreAcross);
  const cell = ws.getCell(row, 1);
  cell.value = cellText(value);
  cell.font = font({ bold: style.bold, italic: style.italic, size: style.size });
  cell.alignment = style.centreAcross ? { horizontal: 'center', vertical: 'middle', wrapText: true } : { vertical: 'middle' };
}

/** A table's header row: bold, centred, shaded, as tall as its longest label needs at `widths` (by column, from column 1). */
export function header(ws: Worksheet, row: number, labels: readonly string[], widths: readonly number[], from = 1): void {
  labels.forEach((label, index) => put(ws, row, from + index, label, { bold: true, centre: true, fill: HEADER_FILL }));
  ws.getRow(row).height = rowHeightFor(
    labels.map((label, index) => ({ text: label, width: widths[from - 1 + index] ?? 10, bold: true })),
    30,
  );
}

/** Freezes the rows above a table's body (and the columns before it), so they stay on screen while it scrolls. */
export function freeze(ws: Worksheet, rows: number, columns = 0): void {
  ws.views = [{ state: 'frozen', xSplit: columns, ySplit: rows, topLeftCell: `${ws.getColumn(columns + 1).letter}${rows + 1}` }];
}

/**
 * A line of text merged across every column of `widths` (a title, a note above a table),
 * as tall as it needs: merged, so neither Excel nor LibreOffice would fit the row to it.
 */
export function textLine(
  ws: Worksheet,
  row: number,
  value: string,
  widths: readonly number[],
  style: { bold?: boolean; italic?: boolean; size?: number; centre?: boolean; minHeight?: number } = {},
): Cell {
  ws.mergeCells(row, 1, row, widths.length);
  const cell = ws.getCell(row, 1);
  cell.value = cellText(value);
  cell.font = font({ bold: style.bold, italic: style.italic, size: style.size });
  cell.alignment = style.centre ? CENTRED : { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(row).height = rowHeightFor([{ text: value, width: widths.reduce((a, b) => a + b, 0), bold: style.bold, size: style.size }], style.minHeight ?? 18, style.size);
  return cell;
}
