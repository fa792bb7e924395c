// Page breaks laid by hand (heading.ts keepTogether): a task's heading never left at a
// page's foot, the signature never alone under a repeated header, and every page's end
// set, so the printer never breaks on its own at a row a little off.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { keepTogether, pageStarts } from '../../electron/excel/heading';

/** A landscape sheet: a 60 pt header row, then rows of the given heights. */
function sheet(heights: number[]): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet('S');
  ws.getRow(1).height = 60;
  heights.forEach((h, k) => {
    ws.getCell(k + 2, 1).value = `r${k + 2}`;
    ws.getRow(k + 2).height = h;
  });
  return ws;
}
const setup = { orientation: 'landscape', titleRows: { from: 1, to: 1 } } as const;
const fit = { fitToWidth: false, scale: 100, smallestPrinted: 12 };
const breaksOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id);

describe('page breaks laid by hand', () => {
  it('lays rows down a page of 170 mm less 2 %, the header repeated on every later page', () => {
    // 471.9 pt a page: the header and 20 rows of 20 pt (460), the 21st over.
    const ws = sheet(Array.from({ length: 45 }, () => 20));
    expect(pageStarts(ws, setup, fit)).toEqual([1, 22, 42]);
    // At 50 % the page holds twice as much: 45 rows and the header.
    expect(pageStarts(ws, setup, { scale: 50 })).toEqual([1, 46]);
  });

  it("moves a group's heading left at a page's foot over to its rows", () => {
    const ws = sheet(Array.from({ length: 40 }, () => 20));
    // Row 21 is the last row of page 1: as a heading, it goes to page 2.
    const rows = keepTogether(ws, setup, fit, { firstTableRow: 2, lastTableRow: 41, groupRows: new Set([2, 21]) });
    expect(rows[0]).toBe(20);
    expect(breaksOf(ws)).toEqual(rows);
    expect(pageStarts(ws, setup, fit, 41, new Set(rows))[1]).toBe(21);
  });

  it('keeps the closing block with the last rows of the table, never under the header alone', () => {
    // The table ends at row 21, the last of page 1; notes and the signature (rows 22–29) would open page 2 alone.
    const ws = sheet([...Array.from({ length: 20 }, () => 20), ...Array.from({ length: 8 }, () => 22)]);
    const rows = keepTogether(ws, setup, fit, { firstTableRow: 2, lastTableRow: 21, closingTo: 29 });
    // Page 2 starts with the table's last three rows.
    expect(rows).toEqual([18]);
    expect(pageStarts(ws, setup, fit, 29, new Set(rows))).toEqual([1, 19]);
  });

  it('leaves a closing block taller than a page where the printer puts it, and sets every page end', () => {
    const ws = sheet([...Array.from({ length: 20 }, () => 20), ...Array.from({ length: 30 }, () => 22)]);
    const rows = keepTogether(ws, setup, fit, { firstTableRow: 2, lastTableRow: 21, closingTo: 51 });
    expect(rows).toEqual(pageStarts(ws, setup, fit, 51).slice(1).map((r) => r - 1));
  });
});
