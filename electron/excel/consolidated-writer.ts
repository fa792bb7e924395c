// The consolidated workbook (biểu tổng hợp) for one period, and the list of agencies
// still to chase (excel.md §4). Built from a Consolidation, so what the workbook says
// is what the screen says; totals are real formulas carrying the figure the app
// computed as their cached result, so a clerk can audit them in Excel. Narratives and
// other imported text are written as plain strings: never a formula, never a link.
//
// One module per sheet (consolidated/: summary, by-agency, statuses, narratives,
// receipts, checks), over what they share (layout, notes, input) and the cells every
// written workbook is built from (cell-kit.ts). This one puts the workbooks together.
import ExcelJS from 'exceljs';
import { RECEIPT_STATE_LABELS } from '../../shared/labels';
import { formatDateVi } from '../../shared/numbers';
import { applyA4Setup, caption, freeze, header, put, rowHeightFor, setColumns, writeHeading } from './cell-kit';
import { writeByAgency } from './consolidated/by-agency';
import { writeChecks } from './consolidated/checks';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput, MISSING_SHEET, type MissingListInput } from './consolidated/input';
import { GREY, NO_CONTACT } from './consolidated/layout';
import { writeNarratives } from './consolidated/narratives';
import { completenessText } from './consolidated/notes';
import { receiptRow, writeReceipts } from './consolidated/receipts';
import { writeStatuses } from './consolidated/statuses';
import { writeSummary } from './consolidated/summary';
import { finishWorkbook } from './xlsx-finish';
export { CONSOLIDATED_SHEETS, MISSING_SHEET, type ConsolidatedInput, type MissingListInput } from './consolidated/input';
export { NO_CONTACT, toRoman } from './consolidated/layout';
export { BY_AGENCY_HEADER, BY_AGENCY_SCALE, pagesAcross } from './consolidated/by-agency';
export { COUNT_LABELS } from './consolidated/statuses';

/** ASCII-safe names, like the forms'. */
export function consolidatedFileName(periodCode: string): string {
  return `TongHop_${periodCode.replace(/[^A-Za-z0-9-]+/gu, '-')}.xlsx`;
}

export function missingListFileName(periodCode: string): string {
  return `DonViChuaNop_${periodCode.replace(/[^A-Za-z0-9-]+/gu, '-')}.xlsx`;
}

export function newWorkbook(title: string, generatedAt: string): ExcelJS.Workbook {
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
