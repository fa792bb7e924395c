// Sheet "Nội dung": what each agency wrote of each task (results, difficulties,
// proposals), as plain text: never a formula, never a link.
import type ExcelJS from 'exceljs';
import type { TaskNarrative } from '../../../shared/api';
import { ROLE_LABELS, TASK_STATUS_LABELS } from '../../../shared/domain';
import { applyA4Setup, caption, freeze, header, put, rowHeightFor, setColumns } from '../cell-kit';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput } from './input';
import { groupRow } from './layout';
import { windowText } from './notes';

export function narrativeOrder(reports: readonly TaskNarrative[]): TaskNarrative[] {
  return [...reports.filter((r) => r.role === 'lead'), ...reports.filter((r) => r.role !== 'lead')];
}

export function writeNarratives(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.narratives);
  // Within a landscape page at full size; narratives wrap and their rows are as tall as they need.
  const widths = [5, 15, 9, 11, 40, 19, 19];
  const last = widths.length;
  setColumns(ws, widths);
  caption(ws, 1, `NỘI DUNG BÁO CÁO CỦA CÁC ĐƠN VỊ THEO NHIỆM VỤ – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  caption(ws, 2, windowText(c.period), { italic: true });
  const headerAt = 4;
  header(ws, headerAt, ['STT', 'Đơn vị', 'Vai trò', 'Tình trạng', 'Kết quả thực hiện', 'Tồn tại, hạn chế, khó khăn, vướng mắc', 'Kiến nghị, đề xuất'], widths);

  let row = headerAt + 1;
  c.tasks.forEach((task, index) => {
    groupRow(ws, row++, index + 1, task.code, `${task.code}. ${task.title}`, last, widths.slice(1).reduce((a, b) => a + b, 0), 2);
    const reports = narrativeOrder(task.reports);
    if (reports.length === 0) {
      for (let col = 1; col <= last; col++) put(ws, row, col, null);
      ws.mergeCells(row, 1, row, last);
      put(ws, row, 1, '(Chưa có đơn vị báo cáo nhiệm vụ này.)', { italic: true });
      row++;
      return;
    }
    reports.forEach((r, n) => {
      put(ws, row, 1, n + 1, { centre: true });
      put(ws, row, 2, r.name);
      put(ws, row, 3, r.role ? ROLE_LABELS[r.role] : 'Không còn được giao', { centre: true, bold: r.role === 'lead', italic: r.role === null });
      put(ws, row, 4, r.status ? TASK_STATUS_LABELS[r.status] : '', { centre: true });
      put(ws, row, 5, r.results);
      put(ws, row, 6, r.difficulties);
      put(ws, row, 7, r.proposals);
      ws.getRow(row).height = rowHeightFor(
        [
          { text: r.name, width: widths[1] ?? 22 },
          { text: r.results, width: widths[4] ?? 50 },
          { text: r.difficulties, width: widths[5] ?? 40 },
          { text: r.proposals, width: widths[6] ?? 40 },
        ],
        20,
      );
      row++;
    });
  });

  freeze(ws, headerAt);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt } });
}
