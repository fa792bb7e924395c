// Sheet "Tình trạng nhiệm vụ": each task's status as each agency reported it, counted.
import type ExcelJS from 'exceljs';
import type { TaskConsolidation } from '../../../shared/api';
import { TASK_STATUS_LABELS } from '../../../shared/domain';
import { applyA4Setup, caption, font, freeze, GROUP_FILL, header, HEADER_FILL, put, rowHeightFor, setColumns, viFormat } from '../cell-kit';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput } from './input';
import { CORRECTED_FILL, NOT_ASSIGNED_FILL, RED, toRoman } from './layout';
import { correctionNote, windowText } from './notes';

export const COUNT_LABELS = ['Hoàn thành', 'Đang thực hiện', 'Chưa thực hiện', 'Không thuộc phạm vi', 'Chưa báo cáo tình trạng'] as const;

export const NO_REPORT = 'Chưa báo cáo';

export const NO_STATUS = 'Không ghi';

export function writeStatuses(wb: ExcelJS.Workbook, input: ConsolidatedInput): void {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.statuses);
  // Members as the consolidation counted them, so the grid and the counts under it cannot disagree.
  const membersOf = (task: TaskConsolidation): Map<string, 'lead' | 'coordinate'> => new Map(task.members.map((m) => [m.code, m.role]));
  const involved = new Set(c.tasks.flatMap((t) => [...t.members.map((m) => m.code), ...t.reports.map((r) => r.code)]));
  const agencies = c.completeness.agencies.filter((a) => involved.has(a.code)).map((a) => ({ code: a.code, name: a.name }));
  for (const t of c.tasks) for (const r of t.reports) if (!agencies.some((a) => a.code === r.code)) agencies.push({ code: r.code, name: r.name });

  // Agencies down, tasks across: eight task columns fit a landscape page at full size, twenty-odd agency columns would not.
  const first = 4;
  const taskWidth = 9.5;
  const widths = [5, 8, 28, ...c.tasks.map(() => taskWidth)];
  setColumns(ws, widths);
  caption(ws, 1, `TÌNH TRẠNG THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  caption(ws, 2, windowText(c.period), { italic: true });
  caption(ws, 3, `Chữ đậm: đơn vị chủ trì; ô nền xám: đơn vị không được giao nhiệm vụ; "${NO_STATUS}": đơn vị có báo cáo nhưng không ghi tình trạng.`, { italic: true });
  const headerAt = 5;
  header(ws, headerAt, ['STT', 'Mã', 'Đơn vị', ...c.tasks.map((t, k) => `${toRoman(k + 1)}. ${t.code}`)], widths);
  // The task titles under their codes, smaller, so the reader need not look them up.
  c.tasks.forEach((t, k) => {
    const cell = put(ws, headerAt + 1, first + k, t.title, { italic: true, centre: true, fill: HEADER_FILL });
    cell.font = font({ italic: true, size: 10 });
  });
  for (const col of [1, 2, 3]) {
    put(ws, headerAt + 1, col, null, { fill: HEADER_FILL });
    ws.mergeCells(headerAt, col, headerAt + 1, col);
  }
  ws.getRow(headerAt + 1).height = Math.min(200, rowHeightFor(c.tasks.map((t) => ({ text: t.title, width: taskWidth })), 30, 10));

  const members = new Map(c.tasks.map((t) => [t.code, membersOf(t)]));
  const reports = new Map(c.tasks.map((t) => [t.code, new Map(t.reports.map((r) => [r.code, r]))]));
  let row = headerAt + 2;
  agencies.forEach((a, index) => {
    put(ws, row, 1, index + 1, { centre: true });
    put(ws, row, 2, a.code, { centre: true });
    put(ws, row, 3, a.name);
    c.tasks.forEach((task, k) => {
      const role = members.get(task.code)?.get(a.code);
      const report = reports.get(task.code)?.get(a.code);
      if (!role) {
        // A report from an agency no longer assigned: shown, greyed, not counted below.
        const shown = report?.status ? `${TASK_STATUS_LABELS[report.status]} (không tính)` : null;
        put(ws, row, first + k, shown, { fill: NOT_ASSIGNED_FILL, centre: true, italic: true });
        return;
      }
      const label = !report ? NO_REPORT : report.status ? TASK_STATUS_LABELS[report.status] : NO_STATUS;
      const cell = put(ws, row, first + k, label, { centre: true, bold: role === 'lead', ...(report ? {} : { colour: RED }), ...(report?.correction ? { fill: CORRECTED_FILL } : {}) });
      if (report?.correction) cell.note = correctionNote(report.correction);
    });
    const shown = c.tasks.map((_, k) => ws.getCell(row, first + k).value).filter((v): v is string => typeof v === 'string');
    ws.getRow(row).height = rowHeightFor([{ text: a.name, width: widths[2] ?? 28 }, ...shown.map((text) => ({ text, width: taskWidth, bold: true }))], 20);
    row++;
  });

  // The consolidation's own counts per task, the figures the screen shows.
  const counts = (t: TaskConsolidation): number[] => {
    const n = t.statusCounts;
    return [n.completed, n.inProgress, n.notStarted, n.notApplicable, n.noReport];
  };
  COUNT_LABELS.forEach((label, k) => {
    put(ws, row, 1, null, { fill: GROUP_FILL });
    put(ws, row, 2, null, { fill: GROUP_FILL });
    put(ws, row, 3, `Số đơn vị: ${label.toLocaleLowerCase('vi')}`, { bold: true, fill: GROUP_FILL });
    c.tasks.forEach((t, j) => put(ws, row, first + j, counts(t)[k] ?? 0, { centre: true, bold: true, numFmt: viFormat('#,##0'), fill: GROUP_FILL }));
    row++;
  });

  freeze(ws, headerAt + 1, 3);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: headerAt, to: headerAt + 1 }, titleColumns: { from: 1, to: 3 } });
}
