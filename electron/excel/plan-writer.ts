// The plan as a workbook (Kế hoạch), with the issuing body's heading, for printing or
// sending on: each task with its full text, lead and coordinating agencies, and the
// indicators agencies report against it.
import ExcelJS from 'exceljs';
import { AGGREGATION_LABELS, type Agency, type Organization, type PlanDetail } from '../../shared/domain';
import { formatNumber } from '../../shared/numbers';
import { applyA4Setup, put, rowHeightFor, setColumns, textLine, THIN_BORDER, writeHeading } from './cell-kit';
import { finishWorkbook } from './xlsx-finish';

export interface PlanWorkbookInput {
  organization: Organization;
  plan: PlanDetail;
  agencies: readonly Agency[];
  generatedAt: string;
}

export function planFileName(year: number): string {
  return `KeHoach_${year}.xlsx`;
}

// A portrait page at 95%: its 12 pt text prints at 11,4 pt.
const WIDTHS = [5, 9, 36, 9, 11, 12];
/** The columns a task's title and paragraphs are merged over (C to the last). */
const TEXT_WIDTH = WIDTHS.slice(2).reduce((a, b) => a + b, 0);
/** The plan's own header shade, lighter than the tables' (cell-kit.ts, HEADER_FILL). */
const PLAN_HEADER_FILL = 'FFDDE6F0';

export async function buildPlanWorkbook(input: PlanWorkbookInput): Promise<Buffer> {
  const { plan, organization } = input;
  const names = new Map(input.agencies.map((a) => [a.code, a.name]));
  const named = (codes: readonly string[]) => codes.map((c) => names.get(c) ?? c).join('; ');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tổng hợp CCTP';
  workbook.created = new Date(input.generatedAt);
  const ws = workbook.addWorksheet('Kế hoạch');
  setColumns(ws, WIDTHS);
  let row = writeHeading(ws, { organization, documentNumber: plan.plan.number, date: plan.plan.issuedOn, year: plan.plan.year }, { columns: WIDTHS.length, leftColumns: 3 });

  const title = (text: string, size: number, bold = true, italic = false) => {
    textLine(ws, row, text, WIDTHS, { bold, italic, size, centre: true, minHeight: 20 });
    row++;
  };
  row++;
  title('KẾ HOẠCH', 14);
  title(plan.plan.title, 13);
  if (plan.plan.basis) title(`Căn cứ: ${plan.plan.basis}`, 12, false, true);
  row++;

  const header = ['STT', 'Mã', 'Nội dung', 'Đơn vị tính', 'Cách tổng hợp', 'Chỉ tiêu kế hoạch'];
  // Its height is left to the program that opens it: every label fits its column on one line.
  header.forEach((text, i) => put(ws, row, i + 1, text, { bold: true, centre: true, fill: PLAN_HEADER_FILL }));
  const headerRow = row;
  row++;

  for (const task of plan.tasks.filter((t) => !t.retired)) {
    ws.mergeCells(row, 3, row, WIDTHS.length);
    const heading = `${task.ordinalLabel ?? `Nhiệm vụ ${task.ordinal}`}: ${task.title}`;
    const values = [String(task.ordinal), task.code, heading];
    values.forEach((v, i) => put(ws, row, i + 1, v, { bold: true, centre: i !== 2 }));
    // A merged cell shows a border only where each of its cells carries it.
    for (let c = values.length + 1; c <= WIDTHS.length; c++) ws.getCell(row, c).border = THIN_BORDER;
    ws.getRow(row).height = rowHeightFor([{ text: heading, width: TEXT_WIDTH, bold: true }], 20);
    row++;
    const paragraphs = [task.content, `Chủ trì: ${named(task.lead) || '—'}`, `Phối hợp: ${named(task.coordinate) || '—'}`];
    for (const text of paragraphs) {
      ws.mergeCells(row, 3, row, WIDTHS.length);
      put(ws, row, 3, text);
      for (const c of [1, 2, 4, 5, 6]) ws.getCell(row, c).border = THIN_BORDER;
      ws.getRow(row).height = rowHeightFor([{ text, width: TEXT_WIDTH }], 18);
      row++;
    }
    for (const [index, indicator] of task.indicators.filter((i) => !i.retired).entries()) {
      const target =
        indicator.target === null
          ? ''
          : `${indicator.targetDirection === 'max' ? '≤' : '≥'} ${formatNumber(indicator.target, indicator.kind === 'percent' ? 'percent' : 'decimal')}`;
      const how = indicator.aggregation === 'ratio' ? `Tỷ lệ ${indicator.numeratorCode}/${indicator.denominatorCode}` : AGGREGATION_LABELS[indicator.aggregation];
      const cells = [`${task.ordinal}.${index + 1}`, indicator.code, indicator.name, indicator.unit, how, target];
      cells.forEach((v, i) => put(ws, row, i + 1, v, { centre: i !== 2 && i !== 4 }));
      ws.getRow(row).height = rowHeightFor(
        [
          { text: indicator.name, width: WIDTHS[2] ?? 36 },
          { text: indicator.unit, width: WIDTHS[3] ?? 9 },
          { text: how, width: WIDTHS[4] ?? 11 },
          { text: target, width: WIDTHS[5] ?? 12 },
        ],
        18,
      );
      row++;
    }
  }
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  applyA4Setup(ws, { orientation: 'portrait', titleRows: { from: headerRow, to: headerRow } });
  return finishWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
}
