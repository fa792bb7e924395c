// What the consolidated workbook's sheets share: their colours, a figure's number
// format, indicators grouped under their tasks, and a task's row over them.
import type { Worksheet } from 'exceljs';
import type { Consolidation, IndicatorConsolidation, TaskConsolidation } from '../../../shared/api';
import { GROUP_FILL, INPUT_FILL, put, rowHeightFor, viFormat } from '../cell-kit';

export const NOT_ASSIGNED_FILL = 'FFD9D9D9';

/** A figure the office corrected itself (after phoning the agency). */
export const CORRECTED_FILL = INPUT_FILL;

export const RED = 'FFC00000';

export const GREY = 'FF595959';

/** What the missing list shows where the agencies' list has no contact person or phone. */
export const NO_CONTACT = 'Chưa có trong danh mục';

export const ORANGE = 'FFC65911';

export const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(n: number): string {
  let rest = Math.max(0, Math.floor(n));
  let out = '';
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

export type Figure = Pick<IndicatorConsolidation, 'kind' | 'aggregation'>;

/** The digits of a figure: whole numbers grouped, a ratio or percent to one decimal, other decimals to two. */
export function numberCode(indicator: Figure): string {
  if (indicator.aggregation === 'ratio' || indicator.kind === 'percent') return '#,##0.0';
  if (indicator.kind === 'integer') return '#,##0';
  return '#,##0.00';
}

/** A figure's number format, with "suffix" (a quoted literal) after the digits; the separators are the PC's (viFormat). */
export function numberFormat(indicator: Figure, suffix = ''): string {
  return viFormat(`${numberCode(indicator)}${suffix}`);
}

export const MARKED = '" *"';

/** Indicators grouped under their tasks, in the consolidation's order; strays (no live task) go last. */
export function byTask(consolidation: Consolidation): { task: Pick<TaskConsolidation, 'code' | 'title'>; indicators: IndicatorConsolidation[] }[] {
  const groups = consolidation.tasks.map((task) => ({ task: { code: task.code, title: task.title }, indicators: consolidation.indicators.filter((i) => i.taskCode === task.code) }));
  const known = new Set(consolidation.tasks.map((t) => t.code));
  const strays = consolidation.indicators.filter((i) => !known.has(i.taskCode));
  if (strays.length > 0) groups.push({ task: { code: '', title: 'Chỉ tiêu khác' }, indicators: strays });
  return groups;
}

/** A task's row over its indicators; its title is merged from `mergeFrom` to `mergeTo` (the last column unless said). */
export function groupRow(ws: Worksheet, row: number, index: number, code: string, title: string, lastColumn: number, titleWidth: number, mergeFrom = 3, mergeTo = lastColumn): void {
  put(ws, row, 1, toRoman(index), { bold: true, centre: true, fill: GROUP_FILL });
  if (mergeFrom > 2) put(ws, row, 2, code, { bold: true, centre: true, fill: GROUP_FILL });
  for (let c = mergeFrom; c <= lastColumn; c++) put(ws, row, c, null, { fill: GROUP_FILL });
  if (mergeTo > mergeFrom) ws.mergeCells(row, mergeFrom, row, mergeTo);
  put(ws, row, mergeFrom, title, { bold: true, fill: GROUP_FILL });
  ws.getRow(row).height = rowHeightFor([{ text: title, width: titleWidth, bold: true }], 20);
}
