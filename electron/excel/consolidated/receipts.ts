// Sheet "Tiến độ nộp": when each agency's report came, and how; its rows also make the
// list of agencies still to chase (the missing list).
import type ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { AgencyReceipt, ReceiptState } from '../../../shared/api';
import { gapsText, RECEIPT_STATE_LABELS } from '../../../shared/labels';
import { formatDateVi } from '../../../shared/numbers';
import { applyA4Setup, caption, freeze, header, put, rowHeightFor, setColumns } from '../cell-kit';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput } from './input';
import { ORANGE, RED } from './layout';
import { completenessText } from './notes';

/** The day of an ISO date-time as an Excel date (exceljs counts dates in UTC). */
export function excelDay(iso: string | null): Date | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/u.exec(iso) : null;
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

export const STATE_COLOURS: Partial<Record<ReceiptState, string>> = { late: ORANGE, returned: ORANGE, missing: RED };

export function receiptRow(ws: Worksheet, row: number, index: number, a: AgencyReceipt, stateLabel: string): void {
  put(ws, row, 1, index, { centre: true });
  put(ws, row, 2, a.code, { centre: true });
  put(ws, row, 3, a.name);
  put(ws, row, 4, excelDay(a.receivedOn), { centre: true, numFmt: 'dd/mm/yyyy' });
  put(ws, row, 5, a.revision, { centre: true, numFmt: '0' });
  const colour = STATE_COLOURS[a.state];
  put(ws, row, 6, stateLabel, { centre: true, bold: a.state !== 'on_time', ...(colour ? { colour } : {}) });
}

export function writeReceipts(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
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
