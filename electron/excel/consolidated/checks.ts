// Sheet "Kiểm tra số liệu": what the rule checks found in the period's figures, and
// which the office accepted, with its reason.
import type ExcelJS from 'exceljs';
import { CHECK_RULE_LABELS, SEVERITY_LABELS } from '../../../shared/labels';
import { formatDateVi } from '../../../shared/numbers';
import { applyA4Setup, caption, freeze, header, put, rowHeightFor, setColumns } from '../cell-kit';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput } from './input';
import { ORANGE, RED } from './layout';

export function writeChecks(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
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
