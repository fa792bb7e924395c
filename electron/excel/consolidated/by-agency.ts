// Sheet "Theo đơn vị": every agency's figure for every indicator, a group of agencies
// a printed page, with the total as a formula over the agencies' cells.
import type ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import { round6 } from '../../../shared/aggregate';
import type { AgencyFigure, Consolidation, IndicatorConsolidation } from '../../../shared/api';
import { type Agency, AGENCY_GROUP_LABELS, type AgencyGroup } from '../../../shared/domain';
import { coverageText, FIGURE_STATE_LABELS } from '../../../shared/labels';
import { formatNumber } from '../../../shared/numbers';
import { applyA4Setup, BODY_SIZE, type CellStyle, cellText, columnPx, columnsPx, font, freeze, header, HEADER_FILL, PRINTABLE_PX, put, rowHeightFor, setColumns, textWidthPt } from '../cell-kit';
import { CONSOLIDATED_SHEETS, type ConsolidatedInput } from './input';
import { byTask, CORRECTED_FILL, groupRow, NOT_ASSIGNED_FILL, numberFormat, ORANGE } from './layout';
import { correctionNote, windowText } from './notes';

/** An agency with a column on "Theo đơn vị", with the group it prints with. */
export interface AgencyColumn {
  code: string;
  name: string;
  group: AgencyGroup;
}

/**
 * Agencies with a column: every expected reporter, then any agency with a figure on
 * record that is not counted; gathered by group (the groups in the order their first
 * agency comes in the office's list, the agencies in that order within), so each
 * printed page across holds whole groups.
 */
export function reportingAgencies(c: Consolidation, known: readonly Agency[]): AgencyColumn[] {
  const groupOf = new Map(known.map((a) => [a.code, a.group]));
  const ordered: AgencyColumn[] = [];
  const seen = new Set<string>();
  const reporting = new Set(c.indicators.flatMap((i) => i.byAgency.map((f) => f.code)));
  for (const a of [...c.completeness.agencies, ...c.indicators.flatMap((i) => i.byAgency)]) {
    if (!reporting.has(a.code) || seen.has(a.code)) continue;
    seen.add(a.code);
    ordered.push({ code: a.code, name: a.name, group: groupOf.get(a.code) ?? 'other' });
  }
  const groups = [...new Set(ordered.map((a) => a.group))];
  return groups.flatMap((g) => ordered.filter((a) => a.group === g));
}

/**
 * Splits runs of columns (one run per group) into pages across of at most `perPage`:
 * a group goes whole onto the page it fits on, or onto a new page when it does not fit
 * what is left; a group wider than a page fills what is left and goes on over the next.
 */
export function pagesAcross<T>(groups: readonly (readonly T[])[], perPage: number): T[][] {
  const size = Math.max(1, Math.floor(perPage));
  const pages: T[][] = [];
  let page: T[] = [];
  for (const group of groups) {
    if (group.length <= size - page.length) {
      page.push(...group);
      continue;
    }
    let rest = [...group];
    if (group.length <= size || page.length === 0) {
      if (page.length > 0) pages.push(page);
      page = [];
    } else {
      rest = group.slice(size - page.length);
      page.push(...group.slice(0, size - page.length));
      pages.push(page);
      page = [];
    }
    while (rest.length > size) {
      pages.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    page = rest;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/**
 * The total of one indicator row: SUM (or MAX) over the agency cells with the app's
 * figure as cached result. When the agency cells do not add up to the app's figure
 * (a figure from an agency no longer expected this period, say), the figure is written
 * as a plain number with a note, rather than a formula whose result would disagree.
 */
export function writeTotal(ws: Worksheet, row: number, column: number, i: IndicatorConsolidation, range: string | null): void {
  const style: CellStyle = { right: true, bold: true, numFmt: numberFormat(i) };
  if (i.kind === 'text' && i.aggregation !== 'ratio') {
    put(ws, row, column, null, style);
    return;
  }
  // Only counted figures are numbers in the row (the others are written as text), so SUM adds exactly them.
  const given = i.byAgency.filter((f) => f.state === 'counted').map((f) => f.value).filter((v): v is number => v !== null);
  const fn = i.aggregation === 'sum' ? 'SUM' : i.aggregation === 'max' ? 'MAX' : null;
  if (fn && range) {
    if (i.value === null && given.length === 0) {
      put(ws, row, column, { formula: `IF(COUNT(${range})=0,"",${fn}(${range}))` }, style);
      return;
    }
    const computed = fn === 'SUM' ? round6(given.reduce((a, b) => a + b, 0)) : Math.max(...given);
    if (given.length > 0 && computed === i.value) {
      put(ws, row, column, { formula: `${fn}(${range})`, result: i.value }, style);
      return;
    }
  }
  const cell = put(ws, row, column, i.value, style);
  if (fn) cell.note = 'Số tổng hợp của ứng dụng; các ô của dòng không cộng lại đúng số này nên không ghi công thức.';
}

/** One agency's cell of the table: a counted figure as a number; any other figure on record as text, so no formula counts it. */
export function agencyCell(ws: Worksheet, row: number, column: number, i: IndicatorConsolidation, f: AgencyFigure): void {
  const fmt = numberFormat(i);
  if (i.kind === 'text' && i.aggregation !== 'ratio') {
    // A text left out (returned report, no longer assigned) is marked as a number would be.
    if (f.state !== 'counted' && (f.text ?? '').trim() !== '') {
      const cell = put(ws, row, column, `${f.text ?? ''} (không tính)`, { italic: true, colour: ORANGE });
      cell.note = `${FIGURE_STATE_LABELS[f.state]}.`;
      return;
    }
    const cell = put(ws, row, column, f.text ?? '', f.correction ? { fill: CORRECTED_FILL } : {});
    if (f.correction) cell.note = correctionNote(f.correction);
    return;
  }
  if (f.state === 'counted') {
    const cell = put(ws, row, column, f.value, { right: true, numFmt: fmt, ...(f.correction ? { fill: CORRECTED_FILL } : {}) });
    if (f.correction) cell.note = correctionNote(f.correction);
    return;
  }
  const shown = i.aggregation === 'ratio' ? (f.numerator !== null && f.numerator !== undefined ? `${formatNumber(f.numerator)}/${formatNumber(f.denominator)}` : '') : f.value !== null ? formatNumber(f.value) : '';
  if (!shown) {
    put(ws, row, column, null);
    return;
  }
  const cell = put(ws, row, column, `${shown} (không tính)`, { right: true, italic: true, colour: ORANGE });
  cell.note = `${FIGURE_STATE_LABELS[f.state]}.`;
}

/**
 * "Theo đơn vị" prints at 90%: its 12 pt text at 10,8 pt, and eight agency columns
 * across a landscape page beside the indicator columns, which every page repeats.
 */
export const BY_AGENCY_SCALE = 90;

export const BY_AGENCY_WIDTHS = { stt: 5, code: 9, name: 30, unit: 8, agency: 9, total: 11, coverage: 12 } as const;

/** Rows printed on every page: the groups, the agencies' names, their codes. */
export const BY_AGENCY_HEADER = { groups: 4, names: 5, codes: 6 } as const;

/** What "Theo đơn vị" needs once written: where its printed pages across end. */
export interface ByAgencyLayout {
  /** Columns after which a page across ends (1-based). */
  breaks: number[];
}

export function writeByAgency(wb: ExcelJS.Workbook, input: ConsolidatedInput): ByAgencyLayout {
  const c = input.consolidation;
  const ws = wb.addWorksheet(CONSOLIDATED_SHEETS.byAgency);
  const agencies = reportingAgencies(c, input.agencies);
  const first = 5;
  const totalColumn = first + agencies.length;
  const coverageColumn = totalColumn + 1;
  const W = BY_AGENCY_WIDTHS;
  const widths = [W.stt, W.code, W.name, W.unit, ...agencies.map(() => W.agency), W.total, W.coverage];
  setColumns(ws, widths);

  // Pages across: what one page holds beside the repeated indicator columns (2% spare, for renderers that round).
  const room = ((PRINTABLE_PX.landscape * 100) / BY_AGENCY_SCALE) * 0.98 - columnsPx(ws, 1, 4);
  const perPage = Math.floor(room / columnPx(W.agency));
  const runs = [...new Set(agencies.map((a) => a.group))].map((g) => agencies.filter((a) => a.group === g));
  const pages = pagesAcross(runs, perPage);
  const breaks: number[] = [];
  let column = first - 1;
  for (const page of pages.slice(0, -1)) {
    column += page.length;
    breaks.push(column);
  }
  // The total and the coverage go on the last page, or on a page of their own when it is full.
  const lastPage = pages[pages.length - 1] ?? [];
  if (lastPage.length > 0 && lastPage.length * columnPx(W.agency) + columnPx(W.total) + columnPx(W.coverage) > room) breaks.push(totalColumn - 1);

  // The title and the window sit over the indicator columns, which every page across repeats.
  const captionRow = (row: number, text: string, style: { bold?: boolean; italic?: boolean; size?: number }) => {
    ws.mergeCells(row, 1, row, 4);
    const cell = ws.getCell(row, 1);
    cell.value = cellText(text);
    cell.font = font(style);
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(row).height = rowHeightFor([{ text, width: W.stt + W.code + W.name + W.unit, bold: style.bold }], 18, style.size);
  };
  captionRow(1, `SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ – ${c.period.label.toLocaleUpperCase('vi')}`, { bold: true, size: 13 });
  captionRow(2, windowText(c.period), { italic: true });
  ws.getRow(3).height = 8;

  const H = BY_AGENCY_HEADER;
  header(ws, H.names, ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', ...agencies.map((a) => a.name), 'Tổng hợp', 'Số đơn vị'], widths);
  // Agency names stand on end so eight columns fit across a page; the row is as tall as the longest name needs.
  const rotated: Partial<ExcelJS.Alignment> = { textRotation: 90, horizontal: 'center', vertical: 'middle', wrapText: true };
  agencies.forEach((_, k) => void (ws.getCell(H.names, first + k).alignment = rotated));
  const columnPt = columnPx(W.agency) * 0.75;
  const linesAcross = Math.max(1, Math.floor((columnPt - 5) / (BODY_SIZE * 1.31)));
  if (agencies.length > 0) {
    ws.getRow(H.names).height = Math.min(160, Math.max(60, ...agencies.map((a) => Math.ceil((textWidthPt(a.name, BODY_SIZE, true) / linesAcross) * 1.2) + 10)));
  }
  // Under the names, the agency codes, the key clerks and files share.
  ['', '', '', '', ...agencies.map((a) => a.code), '', ''].forEach((code, index) => {
    put(ws, H.codes, index + 1, code, { italic: true, centre: true, fill: HEADER_FILL });
  });
  ws.getRow(H.codes).height = 18;
  // Over the names, each group, on every page it is printed on. A group of one agency
  // on a page is named by that agency: its name stands over both rows instead.
  let at = first;
  const printed = new Set<AgencyGroup>();
  const bands: { text: string; width: number; bold: boolean }[] = [];
  for (const page of pages) {
    for (const g of [...new Set(page.map((a) => a.group))]) {
      const span = page.filter((a) => a.group === g).length;
      const label = printed.has(g) ? `${AGENCY_GROUP_LABELS[g]} (tiếp theo)` : AGENCY_GROUP_LABELS[g];
      printed.add(g);
      if (span === 1) {
        const name = ws.getCell(H.names, at).value;
        put(ws, H.names, at, null, { fill: HEADER_FILL });
        put(ws, H.groups, at, name, { bold: true, fill: HEADER_FILL }).alignment = rotated;
        ws.mergeCells(H.groups, at, H.names, at);
      } else {
        for (let k = 0; k < span; k++) put(ws, H.groups, at + k, null, { fill: HEADER_FILL });
        ws.mergeCells(H.groups, at, H.groups, at + span - 1);
        put(ws, H.groups, at, label, { bold: true, centre: true, fill: HEADER_FILL });
        bands.push({ text: label, width: span * W.agency, bold: true });
      }
      at += span;
    }
  }
  ws.getRow(H.groups).height = rowHeightFor(bands, 20);
  // The indicator and total columns' headers stand over all three header rows.
  for (const col of [1, 2, 3, 4, totalColumn, coverageColumn]) {
    const label = ws.getCell(H.names, col).value;
    put(ws, H.groups, col, label, { bold: true, centre: true, fill: HEADER_FILL });
    put(ws, H.names, col, null, { fill: HEADER_FILL });
    ws.mergeCells(H.groups, col, H.codes, col);
  }

  const range = (row: number): string | null =>
    agencies.length > 0 ? `${ws.getColumn(first).letter}${row}:${ws.getColumn(totalColumn - 1).letter}${row}` : null;
  const rowOf = new Map<string, number>();
  const ratios: { row: number; indicator: IndicatorConsolidation }[] = [];

  let row = H.codes + 1;
  byTask(c).forEach(({ task, indicators }, index) => {
    // The task's title within the repeated columns, so every page across reads it whole.
    groupRow(ws, row++, index + 1, task.code, task.title, coverageColumn, W.name + W.unit, 3, 4);
    indicators.forEach((i, n) => {
      put(ws, row, 1, n + 1, { centre: true });
      put(ws, row, 2, i.code, { centre: true });
      put(ws, row, 3, i.name);
      put(ws, row, 4, i.unit, { centre: true });
      const figures = new Map(i.byAgency.map((f) => [f.code, f]));
      agencies.forEach((a, k) => {
        const f = figures.get(a.code);
        if (!f) put(ws, row, first + k, null, { fill: NOT_ASSIGNED_FILL });
        else agencyCell(ws, row, first + k, i, f);
      });
      if (i.aggregation === 'ratio') ratios.push({ row, indicator: i });
      else writeTotal(ws, row, totalColumn, i, range(row));
      put(ws, row, coverageColumn, coverageText(i.coverage), { centre: true, ...(i.coverage.reported < i.coverage.expected ? { colour: ORANGE } : {}) });
      rowOf.set(i.code, row);
      const shownTexts = agencies.map((_, k) => ws.getCell(row, first + k).value).filter((v): v is string => typeof v === 'string');
      ws.getRow(row).height = rowHeightFor(
        [
          { text: i.name, width: W.name },
          { text: i.unit, width: W.unit },
          { text: coverageText(i.coverage), width: W.coverage },
          ...shownTexts.map((text) => ({ text, width: W.agency })),
        ],
        20,
      );
      row++;
    });
  });

  // A ratio's total is a formula over the total cells of its numerator and denominator,
  // but only where those totals are the very sums the ratio was taken from (they differ
  // when an agency reported one part without the other); otherwise the app's figure.
  const planIndicators = new Map(input.plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
  const consolidated = new Map(c.indicators.map((i) => [i.code, i]));
  const total = ws.getColumn(totalColumn).letter;
  for (const { row: at, indicator: i } of ratios) {
    const style: CellStyle = { right: true, bold: true, numFmt: numberFormat(i) };
    const spec = planIndicators.get(i.code);
    const numerator = consolidated.get(spec?.numeratorCode ?? '');
    const denominator = consolidated.get(spec?.denominatorCode ?? '');
    const n = rowOf.get(numerator?.code ?? '');
    const d = rowOf.get(denominator?.code ?? '');
    const totalsMatch =
      numerator?.aggregation === 'sum' && denominator?.aggregation === 'sum' && i.numerator !== null && i.numerator !== undefined && numerator.value === i.numerator && denominator.value === i.denominator;
    if (n !== undefined && d !== undefined && totalsMatch) {
      const formula = `IF(${total}${d}>0,${total}${n}/${total}${d}*100,"")`;
      put(ws, at, totalColumn, i.value === null ? { formula } : { formula, result: i.value }, style);
    } else {
      put(ws, at, totalColumn, i.value, style);
    }
  }

  // The key to the shading, under the table, within the repeated columns so every page across ends with it.
  row++;
  for (const note of [
    'Ô nền xám: đơn vị không được giao báo cáo chỉ tiêu. Ô nền vàng: số do Văn phòng sửa (xem ghi chú của ô). "(không tính)": số có trong báo cáo nhưng không được tính vào tổng.',
    'Cột "Tổng hợp" là công thức: tổng các đơn vị; tỷ lệ = tổng tử số / tổng mẫu số × 100.',
  ]) {
    ws.mergeCells(row, 1, row, 4);
    const cell = ws.getCell(row, 1);
    cell.value = cellText(note);
    cell.font = font({ italic: true });
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(row++).height = rowHeightFor([{ text: note, width: W.stt + W.code + W.name + W.unit }]);
  }

  freeze(ws, H.codes, 4);
  applyA4Setup(ws, { orientation: 'landscape', titleRows: { from: H.groups, to: H.codes }, titleColumns: { from: 1, to: 4 }, scale: BY_AGENCY_SCALE });
  return { breaks };
}
