// The workbook writers, on the real seed plan and real .xlsx bytes read back with
// exceljs: the report form and its "_meta" contract, the consolidated workbook and the
// list of missing agencies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import { dispatch } from '../../electron/app/dispatch';
import type { AppContext } from '../../electron/app/context';
import type { ArgsOf, Consolidation, Handlers, MethodName, ResultOf } from '../../shared/api';
import type { Agency, Organization, Period, PlanDetail } from '../../shared/domain';
import { buildReportForm, indicatorsFor, reportFormFileName, tasksFor } from '../../electron/excel/form-writer';
import {
  FORM_CODE_COLUMN,
  FORM_FORMAT,
  FORM_SHEET,
  FORM_STATUS_LABELS,
  FORM_VERSION,
  META_KEYS,
  META_LAYOUT,
  META_SHEET,
  cellRef,
  fieldKey,
  isCellKind,
  parseCellRef,
  parseFieldKey,
  parsePlanKey,
  planKey,
  statusFromLabel,
} from '../../electron/excel/form-contract';
import { buildConsolidatedWorkbook, buildMissingListWorkbook, CONSOLIDATED_SHEETS, COUNT_LABELS, MISSING_SHEET, NO_CONTACT, toRoman } from '../../electron/excel/consolidated-writer';
import { A4_MARGINS, FONT_NAME, cellText, numberLine, placeAndDate, viFormat } from '../../electron/excel/heading';
import { SLOT_KEYS } from '../../electron/excel/form-contract';
import { RECEIPT_STATE_LABELS, TARGET_LABELS } from '../../shared/labels';
import { DEFAULT_SETTINGS } from '../../shared/settings';

let dir: string;
let ctx: AppContext;
let handlers: Handlers;
let organization: Organization;
let plan: PlanDetail;
let periods: Period[];
let agencies: Agency[];
let consolidation: Consolidation;

async function call<K extends MethodName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const result = await dispatch(handlers, name, args);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

const FORMULA_LIKE = '=1+1 là kết quả, không phải công thức';

function enter(agency: string, period: string, receivedAt: string, values: Record<string, number>, tasks: ArgsOf<'submissions.enter'>['taskReports'] = []) {
  return call('submissions.enter', {
    period,
    agency,
    receivedOn: receivedAt.slice(0, 10),
    taskReports: tasks,
    values: Object.entries(values).map(([indicatorCode, number]) => ({ indicatorCode, number })),
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'excel-writers-'));
  ctx = await openApp(path.join(dir, 'tonghop.sqlite'));
  handlers = createHandlers(ctx);
  [organization, plan, periods, agencies] = await Promise.all([
    call('organization.get', {}),
    call('plans.get', {}),
    call('periods.list', {}),
    call('agencies.list', {}),
  ]);

  await enter('CA', '2022-Q1', '2022-03-16', { 'NV2.01': 10, 'NV2.02': 8, 'NV1.01': 3, 'NV7.05': 150.5 });
  await enter('VKS', '2022-Q1', '2022-03-25', { 'NV2.01': 5, 'NV2.02': 5 });
  await enter('TA', '2022-Q1', '2022-03-17', { 'NV2.01': 4, 'NV2.02': 2 });

  await enter('CA', '2022-H1', '2022-06-16', { 'NV2.01': 25, 'NV2.02': 20, 'NV1.01': 7, 'NV7.05': 300.25 }, [
    { taskCode: 'NV2', status: 'completed', results: FORMULA_LIKE, difficulties: '-khó khăn về biên chế', proposals: '@đề nghị bổ sung kinh phí' },
    { taskCode: 'NV1', status: null, results: '+ Đã tổ chức 7 hội nghị', difficulties: '', proposals: '' },
  ]);
  await enter('VKS', '2022-H1', '2022-06-20', { 'NV2.01': 9, 'NV2.02': 9 }, [{ taskCode: 'NV2', status: 'in_progress', results: 'Đang thực hiện', difficulties: '', proposals: '' }]);
  const ta = await enter('TA', '2022-H1', '2022-06-15', { 'NV2.01': 6, 'NV2.02': 3 });
  await call('submissions.return', { id: ta.id, reason: 'Thiếu số liệu NV2.04' });
  await enter('STP', '2022-H1', '2022-06-10', { 'NV2.08': 2 });
  consolidation = await call('consolidation.get', { period: '2022-H1' });
});

afterAll(async () => {
  await ctx?.handle.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function agency(code: string): Agency {
  const found = agencies.find((a) => a.code === code);
  if (!found) throw new Error(`no agency ${code}`);
  return found;
}

const q1 = (): Period => periods.find((p) => p.code === '2022-Q1') as Period;

/** What exceljs keeps on a worksheet but leaves out of its typings. */
interface SheetInternals {
  dataValidations: { model: Record<string, ExcelJS.DataValidation> };
  sheetProtection: Record<string, unknown> | null;
}
const internals = (ws: ExcelJS.Worksheet): SheetInternals => ws as unknown as SheetInternals;

/** A cell's own value; exceljs hands a merged cell's followers the value of its first cell. */
function own(cell: ExcelJS.Cell): ExcelJS.CellValue {
  return cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
}

/** The row whose code column holds `code`, on a sheet whose codes are in column B. */
function rowWithCode(ws: ExcelJS.Worksheet, code: string): number {
  let found = -1;
  ws.eachRow((row, n) => {
    if (found < 0 && own(row.getCell(2)) === code) found = n;
  });
  if (found < 0) throw new Error(`no row with code ${code} on ${ws.name}`);
  return found;
}

function readMeta(ws: ExcelJS.Worksheet): { keys: Map<string, unknown>; header: unknown[]; entries: { cell: string; field: string; kind: string }[] } {
  const keys = new Map<string, unknown>();
  for (let r = META_LAYOUT.firstKeyRow; r < META_LAYOUT.headerRow; r++) keys.set(String(ws.getCell(r, 1).value), ws.getCell(r, 2).value);
  const header = [1, 2, 3].map((c) => ws.getCell(META_LAYOUT.headerRow, c).value);
  const entries: { cell: string; field: string; kind: string }[] = [];
  for (let r = META_LAYOUT.firstEntryRow; r <= ws.rowCount; r++) {
    const cell = ws.getCell(r, 1).value;
    if (cell === null || cell === undefined) continue;
    entries.push({ cell: String(cell), field: String(ws.getCell(r, 2).value), kind: String(ws.getCell(r, 3).value) });
  }
  return { keys, header, entries };
}

function fontsOf(ws: ExcelJS.Worksheet): Set<string | undefined> {
  const names = new Set<string | undefined>();
  ws.eachRow((row) => row.eachCell((cell) => void (cell.value !== null && cell.value !== undefined && names.add(cell.font?.name))));
  return names;
}

describe('heading and contract helpers', () => {
  it('writes the place-and-date line the Party and the State way', () => {
    expect(placeAndDate('Lạng Sơn', '2022-02-21', 'party')).toBe('Lạng Sơn, ngày 21 tháng 02 năm 2022');
    expect(placeAndDate('Lạng Sơn', '2022-03-05', 'party')).toBe('Lạng Sơn, ngày 05 tháng 03 năm 2022');
    // Nghị định 30/2020 pads only months 1 and 2.
    expect(placeAndDate('Lạng Sơn', '2022-03-05', 'state')).toBe('Lạng Sơn, ngày 05 tháng 3 năm 2022');
    expect(placeAndDate('Lạng Sơn', '2022-02-05', 'state')).toBe('Lạng Sơn, ngày 05 tháng 02 năm 2022');
    expect(placeAndDate('Lạng Sơn', null, 'party', 2022)).toMatch(/^Lạng Sơn, ngày\s+tháng\s+năm 2022$/u);
    expect(numberLine('08-KH/BCĐ', 'party')).toBe('Số 08-KH/BCĐ');
    expect(numberLine('12/BC-UBND', 'state')).toBe('Số: 12/BC-UBND');
  });

  it('keeps cell text within what Excel accepts', () => {
    expect(cellText('Ta\u0300i lie\u0302\u0323u\u0007')).toBe('Tài liệu');
    expect(cellText('x'.repeat(40_000)).length).toBeLessThanOrEqual(32_767);
  });

  it('round-trips fields, plan keys and cell references', () => {
    expect(parseFieldKey(fieldKey({ type: 'task', taskCode: 'NV1', part: 'difficulties' }))).toEqual({ type: 'task', taskCode: 'NV1', part: 'difficulties' });
    expect(parseFieldKey('indicator:NV2.01')).toEqual({ type: 'indicator', indicatorCode: 'NV2.01' });
    expect(parseFieldKey('task:NV1:colour')).toBeNull();
    expect(parsePlanKey(planKey('08-KH/BCĐ', 2022))).toEqual({ number: '08-KH/BCĐ', year: 2022 });
    expect(parseCellRef(cellRef(FORM_SHEET, 'F23'))).toEqual({ sheet: 'Báo cáo', address: 'F23' });
    expect(parseCellRef("'Báo cáo'!$F$23")).toEqual({ sheet: 'Báo cáo', address: 'F23' });
    expect(statusFromLabel(' hoàn thành ')).toBe('completed');
    expect(toRoman(8)).toBe('VIII');
  });
});

describe('report form', () => {
  it('is named in ASCII for USB sticks and mail', () => {
    expect(reportFormFileName('2022-Q1', 'CA')).toBe('BaoCao_2022-Q1_CA.xlsx');
    expect(reportFormFileName('2022-Q1', 'HU-ĐL')).toBe('BaoCao_2022-Q1_HU-DL.xlsx');
    expect(reportFormFileName('2022-H1', 'TU-LS')).toMatch(/^[\x20-\x7e]+$/u);
  });

  it('carries a complete _meta contract whose every cell is an unlocked input on a row with its code', async () => {
    const generatedAt = '2022-03-01T09:00:00';
    const wb = await load(await buildReportForm({ organization, plan, period: q1(), agency: agency('CA'), generatedAt }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([FORM_SHEET, META_SHEET]);
    const form = sheet(wb, FORM_SHEET);
    const metaSheet = sheet(wb, META_SHEET);
    expect(metaSheet.state).toBe('veryHidden');
    expect(form.state).toBe('visible');

    const meta = readMeta(metaSheet);
    expect([...meta.keys.keys()]).toEqual([...META_KEYS]);
    expect(meta.keys.get('format')).toBe(FORM_FORMAT);
    expect(meta.keys.get('version')).toBe(FORM_VERSION);
    expect(meta.keys.get('plan')).toBe('08-KH/BCĐ 2022');
    expect(meta.keys.get('planNumber')).toBe('08-KH/BCĐ');
    expect(meta.keys.get('planYear')).toBe(2022);
    expect(meta.keys.get('period')).toBe('2022-Q1');
    expect(meta.keys.get('agency')).toBe('CA');
    expect(meta.keys.get('generated')).toBe(generatedAt);
    expect(meta.keys.get('codeColumn')).toBe(FORM_CODE_COLUMN);
    expect(meta.header).toEqual(['cell', 'field', 'kind']);

    const validations = internals(form).dataValidations.model;
    const listed = new Set<string>();
    for (const entry of meta.entries) {
      const ref = parseCellRef(entry.cell);
      const field = parseFieldKey(entry.field);
      expect(ref?.sheet).toBe(FORM_SHEET);
      expect(field).not.toBeNull();
      expect(isCellKind(entry.kind)).toBe(true);
      const cell = form.getCell(ref?.address ?? 'A1');
      expect(cell.protection?.locked, entry.cell).toBe(false);
      const code = field?.type === 'task' ? field.taskCode : field?.indicatorCode;
      expect(form.getCell(`${FORM_CODE_COLUMN}${cell.row}`).value, entry.cell).toBe(code);
      listed.add(cell.address);
      // Every number and status carries its validation; free text does not.
      const validation = validations[cell.address];
      if (entry.kind === 'status') {
        expect(validation?.type).toBe('list');
        expect(String(validation?.formulae?.[0])).toBe(`"${FORM_STATUS_LABELS.join(',')}"`);
      } else if (entry.kind === 'integer') {
        expect(validation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], showErrorMessage: true });
        expect(validation?.error).toMatch(/số nguyên/u);
      } else if (entry.kind === 'decimal') {
        expect(validation?.type).toBe('decimal');
      } else {
        expect(validation).toBeUndefined();
      }
    }
    expect(listed.size).toBe(meta.entries.length);
    // The agency's own document's cells (heading, number, date, signer) are named by their keys.
    for (const key of SLOT_KEYS) {
      const ref = parseCellRef(String(meta.keys.get(key)));
      expect(ref?.sheet, key).toBe(FORM_SHEET);
      listed.add(ref?.address ?? '');
    }

    // No unlocked cell escapes the contract.
    let unlocked = 0;
    form.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        // A merged slot's followers share its first cell's style; the first cell is the input.
        if (cell.protection?.locked !== false || cell.type === ExcelJS.ValueType.Merge) return;
        unlocked++;
        expect(listed.has(cell.address), cell.address).toBe(true);
      }),
    );
    expect(unlocked).toBe(listed.size);
    expect(listed.size).toBe(meta.entries.length + SLOT_KEYS.length);

    // The fields are exactly the agency's live tasks and indicators.
    const taskCodes = tasksFor(plan, 'CA').map((t) => t.task.code);
    const indicatorCodes = indicatorsFor(plan, 'CA').flatMap((g) => g.indicators.filter((i) => i.aggregation !== 'ratio').map((i) => i.code));
    const fields = meta.entries.map((e) => e.field);
    expect(fields).toEqual([
      ...taskCodes.flatMap((code) => ['status', 'results', 'difficulties', 'proposals'].map((part) => `task:${code}:${part}`)),
      ...indicatorCodes.map((code) => `indicator:${code}`),
    ]);
    expect(taskCodes).toContain('NV2');
    expect(meta.entries.find((e) => e.field === 'indicator:NV7.05')?.kind).toBe('decimal');
    expect(meta.entries.find((e) => e.field === 'indicator:NV2.01')?.kind).toBe('integer');
  });

  it('computes a ratio from its own rows, protects the sheet and prints on A4', async () => {
    const wb = await load(await buildReportForm({ organization, plan, period: q1(), agency: agency('CA'), generatedAt: '2022-03-01T09:00:00' }));
    const form = sheet(wb, FORM_SHEET);
    const ratioRow = rowWithCode(form, 'NV2.03');
    const value = form.getCell(`E${ratioRow}`);
    const formula = (value.value as ExcelJS.CellFormulaValue).formula;
    const m = /^IF\(E(\d+)>0,E(\d+)\/E\1\*100,""\)$/u.exec(formula);
    expect(m, formula).not.toBeNull();
    expect(form.getCell(`B${m?.[1]}`).value).toBe('NV2.01');
    expect(form.getCell(`B${m?.[2]}`).value).toBe('NV2.02');
    expect(value.protection?.locked).not.toBe(false);

    expect(internals(form).sheetProtection).toMatchObject({ sheet: true });
    expect(internals(form).sheetProtection).not.toHaveProperty('hashValue');
    // One page wide at 90% (12 pt prints at 10,8 pt), the instructions in row 1 left out of the print.
    expect(form.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    expect(form.pageSetup.printArea).toMatch(/^A\$?2:H\$?\d+$/u);
    expect(form.pageSetup.margins?.left).toBeCloseTo(30 / 25.4, 2);
    expect(form.pageSetup.margins?.top).toBeCloseTo(A4_MARGINS.top, 3);
    expect(fontsOf(form)).toEqual(new Set([FONT_NAME]));

    // The heading is the agency's (form-writer.test.ts holds its slots); the committee's plan is named in the title.
    const texts: string[] = [];
    form.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
    expect(texts).toContain('BÁO CÁO');
    expect(texts).toContain('Kết quả thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp quý I năm 2022');
    expect(texts).toContain('(Thực hiện Kế hoạch số 08-KH/BCĐ ngày 21/02/2022 của Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn)');
    expect(texts.some((t) => t.includes('15/12/2021') && t.includes('14/03/2022') && t.includes('18/03/2022'))).toBe(true);
    expect(texts.every((t) => t === t.normalize('NFC'))).toBe(true);
  });

  it('leaves a ratio to the office when the agency does not report both of its parts', async () => {
    const trimmed: PlanDetail = structuredClone(plan);
    const nv2 = trimmed.tasks.find((t) => t.code === 'NV2');
    const denominator = nv2?.indicators.find((i) => i.code === 'NV2.01');
    if (!denominator) throw new Error('seed changed');
    denominator.reporters = denominator.reporters.filter((code) => code !== 'TA');
    const wb = await load(await buildReportForm({ organization, plan: trimmed, period: q1(), agency: agency('TA'), generatedAt: '2022-03-01T09:00:00' }));
    const form = sheet(wb, FORM_SHEET);
    const row = rowWithCode(form, 'NV2.03');
    expect(form.getCell(`E${row}`).value).toBeNull();
    const fields = readMeta(sheet(wb, META_SHEET)).entries.map((e) => e.field);
    expect(fields).toContain('indicator:NV2.02');
    expect(fields).not.toContain('indicator:NV2.03');
    expect(fields).not.toContain('indicator:NV2.01');
  });

  it('still makes a valid form for an agency with nothing assigned', async () => {
    const stranger: Agency = { ...agency('CA'), code: 'KHAC', name: 'Đơn vị khác' };
    const wb = await load(await buildReportForm({ organization, plan, period: q1(), agency: stranger, generatedAt: '2022-03-01T09:00:00' }));
    const meta = readMeta(sheet(wb, META_SHEET));
    expect(meta.keys.get('agency')).toBe('KHAC');
    expect(meta.header).toEqual(['cell', 'field', 'kind']);
    expect(meta.entries).toEqual([]);
  });

  it('skips retired tasks and indicators', async () => {
    const changed: PlanDetail = structuredClone(plan);
    for (const t of changed.tasks) {
      if (t.code === 'NV1') t.retired = true;
      for (const i of t.indicators) if (i.code === 'NV2.08') i.retired = true;
    }
    const wb = await load(await buildReportForm({ organization, plan: changed, period: q1(), agency: agency('CA'), generatedAt: '2022-03-01T09:00:00' }));
    const fields = readMeta(sheet(wb, META_SHEET)).entries.map((e) => e.field);
    expect(fields.some((f) => f.startsWith('task:NV1:') || f.startsWith('indicator:NV1.'))).toBe(false);
    expect(fields).not.toContain('indicator:NV2.08');
    expect(fields).toContain('indicator:NV2.01');
  });
});

describe('consolidated workbook', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(
      await buildConsolidatedWorkbook({ organization, plan, consolidation, agencies, settings: DEFAULT_SETTINGS, documentNumber: null, documentDate: null, generatedAt: '2022-06-25T10:00:00' }),
    );
  });

  it('has its six sheets, in Times New Roman, on A4, with frozen and repeated headers', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(CONSOLIDATED_SHEETS));
    const orientation = Object.fromEntries(wb.worksheets.map((w) => [w.name, w.pageSetup.orientation]));
    expect(orientation).toEqual({ 'Tổng hợp': 'landscape', 'Theo đơn vị': 'landscape', 'Tình trạng nhiệm vụ': 'landscape', 'Nội dung': 'landscape', 'Tiến độ nộp': 'landscape', 'Kiểm tra số liệu': 'landscape' });
    for (const ws of wb.worksheets) {
      expect(fontsOf(ws), ws.name).toEqual(new Set([FONT_NAME]));
      // Each fits a page wide at full size or prints at a set scale (workbooks-print.test.ts holds the sizes).
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/u);
      expect(ws.views[0]?.state, ws.name).toBe('frozen');
    }
  });

  it('"Tổng hợp" groups indicators under Roman-numbered tasks and compares periods', () => {
    const ws = sheet(wb, CONSOLIDATED_SHEETS.summary);
    expect(ws.getCell('E1').value).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(ws.getCell('E4').value).toBe('Lạng Sơn, ngày 25 tháng 06 năm 2022');
    const nv2 = rowWithCode(ws, 'NV2');
    expect(ws.getCell(`A${nv2}`).value).toBe('II');
    expect(ws.getCell(`A${nv2}`).font?.bold).toBe(true);
    expect(ws.getCell(`A${rowWithCode(ws, 'NV8')}`).value).toBe('VIII');

    const headers: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && headers.push(c.value))));
    expect(headers.some((h) => h.startsWith('Quý II năm 2022') && h.includes('tính từ số lũy kế'))).toBe(true);

    const row = rowWithCode(ws, 'NV2.01');
    const figure = consolidation.indicators.find((i) => i.code === 'NV2.01');
    expect(ws.getCell(`E${row}`).value).toBe(34);
    expect(figure?.value).toBe(34);
    // Beside the figure, how many of the agencies that owe it it covers.
    expect(ws.getCell(`F${row}`).value).toBe(`${figure?.coverage.reported}/${figure?.coverage.expected} đơn vị`);
    expect(ws.getCell(`G${row}`).value).toBe(figure?.inQuarter?.value); // 34 − 19
    // A cumulative period compares with the same period last year only, never with the quarter before it.
    expect(headers.some((h) => h.startsWith('Quý trước') || h.startsWith('Kỳ trước'))).toBe(false);
    expect(ws.getCell(`H${row}`).value).toBe(figure?.sameLastYear?.value ?? null);

    const ratio = rowWithCode(ws, 'NV2.03');
    const nv203 = consolidation.indicators.find((i) => i.code === 'NV2.03');
    expect(nv203?.targetMet).toBe(false);
    expect(ws.getCell(`I${ratio}`).value).toBe(90);
    expect(ws.getCell(`J${ratio}`).value).toBe(TARGET_LABELS.notMet);
    expect(ws.getCell(`E${ratio}`).numFmt).toBe(viFormat('#,##0.0'));
  });

  it('"Theo đơn vị" totals are SUM formulas whose cached results are the consolidated figures', () => {
    const ws = sheet(wb, CONSOLIDATED_SHEETS.byAgency);
    const header = 5;
    let totalColumn = 0;
    ws.getRow(header).eachCell((cell, col) => void (cell.value === 'Tổng hợp' && (totalColumn = col)));
    expect(totalColumn).toBeGreaterThan(4);
    let checked = 0;
    for (const i of consolidation.indicators) {
      const row = rowWithCode(ws, i.code);
      const total = ws.getCell(row, totalColumn).value as ExcelJS.CellFormulaValue;
      if (i.aggregation === 'sum' && i.value !== null) {
        expect(total.formula, i.code).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/u);
        expect(total.result, i.code).toBe(i.value);
        checked++;
      }
      if (i.aggregation === 'ratio' && i.value !== null) {
        expect(total.formula, i.code).toMatch(/^IF\(/u);
        expect(total.result, i.code).toBe(i.value);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
    // Agency columns carry the per-agency figures; agencies not assigned are shaded.
    const ca = ws.getRow(header + 1).values as unknown[];
    const caColumn = ca.indexOf('CA');
    expect(ws.getCell(rowWithCode(ws, 'NV2.01'), caColumn).value).toBe(25);
    expect(ws.getCell(rowWithCode(ws, 'NV3.02'), caColumn).fill).toMatchObject({ type: 'pattern' });
  });

  it('"Tình trạng nhiệm vụ" shows statuses in Vietnamese and the counts of the consolidation', () => {
    const ws = sheet(wb, CONSOLIDATED_SHEETS.statuses);
    const header = ws.getRow(5).values as unknown[];
    const nv1 = header.indexOf('I. NV1');
    const nv2 = header.indexOf('II. NV2');
    expect(nv2).toBeGreaterThan(3);
    expect(ws.getCell(rowWithCode(ws, 'CA'), nv2).value).toBe('Hoàn thành');
    expect(ws.getCell(rowWithCode(ws, 'CA'), nv2).font?.bold).toBe(true);
    expect(ws.getCell(rowWithCode(ws, 'VKS'), nv2).value).toBe('Đang thực hiện');
    expect(ws.getCell(rowWithCode(ws, 'TA'), nv2).value).toBe('Chưa báo cáo');
    expect(ws.getCell(rowWithCode(ws, 'CA'), nv1).value).toBe('Không ghi');
    expect(ws.getCell(rowWithCode(ws, 'BNC'), nv2).value).toBeNull();
    const countRow = (label: string): number => {
      let found = -1;
      ws.eachRow((row, n) => void (row.getCell(3).value === `Số đơn vị: ${label.toLocaleLowerCase('vi')}` && (found = n)));
      return found;
    };
    for (const t of consolidation.tasks) {
      const column = header.indexOf(`${toRoman(consolidation.tasks.indexOf(t) + 1)}. ${t.code}`);
      const n = t.statusCounts;
      const expected = [n.completed, n.inProgress, n.notStarted, n.notApplicable, n.noReport];
      COUNT_LABELS.forEach((label, k) => expect(ws.getCell(countRow(label), column).value, `${t.code} ${label}`).toBe(expected[k]));
    }
  });

  it('"Nội dung" writes narratives as text, even when they look like formulas', () => {
    const ws = sheet(wb, CONSOLIDATED_SHEETS.narratives);
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => void cells.push(c)));
    const formulaLike = cells.find((c) => c.value === FORMULA_LIKE);
    expect(formulaLike?.type).toBe(ExcelJS.ValueType.String);
    for (const text of ['-khó khăn về biên chế', '@đề nghị bổ sung kinh phí', '+ Đã tổ chức 7 hội nghị']) {
      expect(cells.find((c) => c.value === text)?.type, text).toBe(ExcelJS.ValueType.String);
    }
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula || c.type === ExcelJS.ValueType.Hyperlink)).toBe(false);
  });

  it('"Tiến độ nộp" lists every expected agency with its date, revision and state', () => {
    const ws = sheet(wb, CONSOLIDATED_SHEETS.receipts);
    const state = (code: string) => ws.getCell(rowWithCode(ws, code), 6).value;
    expect(state('CA')).toBe(RECEIPT_STATE_LABELS.on_time);
    expect(state('VKS')).toBe(RECEIPT_STATE_LABELS.late);
    expect(state('TA')).toBe(RECEIPT_STATE_LABELS.returned);
    expect(state('HU-DL')).toBe(RECEIPT_STATE_LABELS.missing);
    expect(RECEIPT_STATE_LABELS).toEqual({ on_time: 'Đúng hạn', late: 'Nộp muộn', returned: 'Trả lại để chỉnh sửa', missing: 'Chưa nộp' });
    const received = ws.getCell(rowWithCode(ws, 'VKS'), 4);
    expect(received.value).toEqual(new Date(Date.UTC(2022, 5, 20)));
    expect(received.numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell(rowWithCode(ws, 'VKS'), 5).value).toBe(1);
    let rows = 0;
    ws.eachRow((row) => void (typeof own(row.getCell(2)) === 'string' && own(row.getCell(2)) !== 'Mã' && rows++));
    expect(rows).toBe(consolidation.completeness.counts.expected);
  });
});

describe('missing list', () => {
  it('carries the State heading of Nghị định 30/2020 when the organisation uses it', async () => {
    const state: Organization = { ...organization, parentBody: 'UBND tỉnh Lạng Sơn', issuingBody: 'Sở Tư pháp', headingStyle: 'state' };
    const wb = await load(await buildMissingListWorkbook({ organization: state, plan, completeness: consolidation.completeness, generatedAt: '2022-03-05T08:00:00' }));
    const ws = sheet(wb, MISSING_SHEET);
    expect(ws.getCell('A1').value).toBe('UBND TỈNH LẠNG SƠN');
    expect(ws.getCell('A2').value).toBe('SỞ TƯ PHÁP');
    expect(ws.getCell('A2').border?.bottom?.style).toBe('thin');
    expect(ws.getCell('E1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getCell('E2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(ws.getCell('E2').border?.bottom?.style).toBe('thin');
    // A list has no number of its own (it goes with a letter, or stays in the office): no bare "Số:".
    expect(ws.getCell('A4').value).toBeNull();
    expect(ws.getCell('E4').value).toBe('Lạng Sơn, ngày 05 tháng 3 năm 2022');
  });

  it('lists the agencies still missing or returned, under the heading', async () => {
    const completeness = { ...consolidation.completeness, agencies: consolidation.completeness.agencies.map((a) => (a.code === 'HU-DL' ? { ...a, contactPerson: 'Nguyễn Văn A', contactPhone: '0205 3812 345' } : a)) };
    const wb = await load(await buildMissingListWorkbook({ organization, plan, completeness, generatedAt: '2022-06-25T10:00:00' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual([MISSING_SHEET]);
    const ws = sheet(wb, MISSING_SHEET);
    expect(ws.getCell('A1').value).toBe('TỈNH ỦY LẠNG SƠN');
    const codes: string[] = [];
    ws.eachRow((row, n) => void (n > 5 && typeof own(row.getCell(2)) === 'string' && own(row.getCell(2)) !== 'Mã' && codes.push(String(own(row.getCell(2))))));
    const expected = consolidation.completeness.agencies.filter((a) => a.state === 'missing' || a.state === 'returned').map((a) => a.code);
    expect(codes).toEqual(expected);
    expect(codes).toContain('TA');
    expect(codes).not.toContain('CA');
    expect(ws.getCell(rowWithCode(ws, 'TA'), 6).value).toBe(RECEIPT_STATE_LABELS.returned);
    expect(ws.getCell(rowWithCode(ws, 'HU-DL'), 7).value).toBe('Nguyễn Văn A');
    expect(ws.getCell(rowWithCode(ws, 'HU-DL'), 8).value).toBe('0205 3812 345');
    // An agency with no contact on record says so, rather than a blank.
    expect(ws.getCell(rowWithCode(ws, 'TA'), 7).value).toBe(NO_CONTACT);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(fontsOf(ws)).toEqual(new Set([FONT_NAME]));
  });
});
