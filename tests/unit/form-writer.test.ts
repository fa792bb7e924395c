// The report form as the agency's own document: its heading, number, date and signer
// are input cells of the agency (named in "_meta" under their keys, never read by the
// import), the committee's plan is named in the title, and the rows the agency types
// into grow with the text. On the seed plan, real .xlsx bytes read back with exceljs
// and as zip parts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/app/bootstrap';
import type { AppContext } from '../../electron/app/context';
import { loadPlanDetail, requirePlan } from '../../electron/app/plans';
import { getOrganization } from '../../electron/app/organization';
import { listAgencyRows } from '../../db/queries/agencies';
import { toAgency } from '../../electron/app/agencies';
import { requirePeriod, toPeriod } from '../../electron/app/periods';
import { agencyHeadingStyle, buildReportForm } from '../../electron/excel/form-writer';
import { FORM_SHEET, META_KEYS, META_SHEET, SLOT_KEYS, parseCellRef, type SlotKey } from '../../electron/excel/form-contract';
import { BLANK, NATIONAL_MOTTO, NATIONAL_NAME, PARTY_LINE } from '../../shared/document-heading';
import type { Agency, Indicator, Organization, Period, PlanDetail } from '../../shared/domain';
import { sheetPartOf, zipEntries } from '../helpers/workbooks';

let dir: string;
let ctx: AppContext;
let organization: Organization;
let plan: PlanDetail;
let nine: Period;
let agencies: Agency[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'form-writer-'));
  ctx = await openApp(path.join(dir, 'tonghop.sqlite'));
  organization = await getOrganization(ctx);
  plan = await loadPlanDetail(ctx.db, await requirePlan(ctx.db, 2022));
  nine = toPeriod(await requirePeriod(ctx.db, '2022-9M'));
  agencies = (await listAgencyRows(ctx.db)).map(toAgency);
});

afterAll(async () => {
  await ctx?.handle.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function agency(code: string): Agency {
  const found = agencies.find((a) => a.code === code);
  if (!found) throw new Error(`no agency ${code}`);
  return found;
}

async function form(code: string, changedPlan: PlanDetail = plan): Promise<{ bytes: Buffer; wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; keys: Map<string, unknown> }> {
  const bytes = await buildReportForm({ organization, plan: changedPlan, period: nine, agency: agency(code), generatedAt: '2022-08-25T09:00:00' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(FORM_SHEET);
  const meta = wb.getWorksheet(META_SHEET);
  if (!ws || !meta) throw new Error('no form sheets');
  const keys = new Map<string, unknown>();
  meta.eachRow((row) => {
    const key = row.getCell(1).value;
    if (typeof key === 'string' && key !== 'cell') keys.set(key, row.getCell(2).value);
  });
  return { bytes, wb, ws, keys };
}

function slotCell(ws: ExcelJS.Worksheet, keys: Map<string, unknown>, key: SlotKey): ExcelJS.Cell {
  const ref = parseCellRef(String(keys.get(key)));
  if (!ref || ref.sheet !== FORM_SHEET) throw new Error(`no cell for ${key}`);
  return ws.getCell(ref.address);
}

function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && cell.type !== ExcelJS.ValueType.Merge && out.push(cell.value))));
  return out;
}

describe("the agency's heading, number and date", () => {
  it('are input cells of the agency, named in _meta after the keys every reader already had', async () => {
    const { ws, keys } = await form('CA');
    // The new keys come after the old ones, so the old ones keep their rows (intake.ts points at them).
    expect([...keys.keys()].slice(0, META_KEYS.length)).toEqual([...META_KEYS]);
    expect(META_KEYS.slice(0, 9)).toEqual(['format', 'version', 'plan', 'planNumber', 'planYear', 'period', 'agency', 'generated', 'codeColumn']);
    expect(keys.get('version')).toBe(1);
    const addresses = new Set<string>();
    for (const key of SLOT_KEYS) {
      const cell = slotCell(ws, keys, key);
      expect(cell.protection?.locked, key).toBe(false);
      expect(cell.fill, key).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFF2CC' } });
      addresses.add(cell.address);
    }
    expect(addresses.size).toBe(SLOT_KEYS.length);
  });

  it("holds the agency's own name, room for its superior body, and blanks for its number and date, never the committee's", async () => {
    const { ws, keys } = await form('CA');
    expect(slotCell(ws, keys, 'agencyNameCell').value).toBe('CÔNG AN TỈNH');
    expect(slotCell(ws, keys, 'agencyNameCell').font?.bold).toBe(true);
    expect(slotCell(ws, keys, 'superiorBodyCell').value).toBeNull();
    // Công an tỉnh is a State body: "Số:" with a colon, the national name and motto opposite (Nghị định 30/2020).
    expect(slotCell(ws, keys, 'documentNumberCell').value).toBe(`Số:${BLANK}`);
    expect(slotCell(ws, keys, 'documentDateCell').value).toBe(`Lạng Sơn, ngày${BLANK}tháng${BLANK}năm 2022`);
    expect(slotCell(ws, keys, 'documentDateCell').font?.italic).toBe(true);
    const all = texts(ws);
    expect(all).toContain(NATIONAL_NAME);
    expect(all).toContain(NATIONAL_MOTTO);
    expect(all).not.toContain(PARTY_LINE);
    // The committee's heading and the plan's number and date are nowhere in the heading.
    for (const t of ['TỈNH ỦY LẠNG SƠN', 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP', 'Số 08-KH/BCĐ', 'Lạng Sơn, ngày 21 tháng 02 năm 2022']) expect(all, t).not.toContain(t);
  });

  it('takes the Party heading for a district Party committee and the standing office', async () => {
    expect(agencyHeadingStyle(agency('HU-TD'))).toBe('party');
    expect(agencyHeadingStyle(agency('BNC'))).toBe('party');
    expect(agencyHeadingStyle(agency('TA'))).toBe('state');
    expect(agencyHeadingStyle(agency('MTTQ'))).toBe('state');
    const { ws, keys } = await form('HU-TD');
    expect(slotCell(ws, keys, 'agencyNameCell').value).toBe('HUYỆN ỦY TRÀNG ĐỊNH');
    expect(slotCell(ws, keys, 'documentNumberCell').value).toBe(`Số${BLANK}`);
    const all = texts(ws);
    expect(all).toContain(PARTY_LINE);
    expect(all).toContain('*');
    expect(all).not.toContain(NATIONAL_MOTTO);
  });
});

describe('the title and the signature', () => {
  it("names the committee's plan in the title, with the period and its data window", async () => {
    const { ws } = await form('CA');
    const all = texts(ws);
    expect(all).toContain('BÁO CÁO');
    expect(all).toContain('Kết quả thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp 9 tháng năm 2022');
    expect(all).toContain('(Thực hiện Kế hoạch số 08-KH/BCĐ ngày 21/02/2022 của Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn)');
    expect(all).toContain('Số liệu tính từ ngày 15/12/2021 đến ngày 14/09/2022; hạn gửi báo cáo: 16/09/2022.');
  });

  it("closes with the agency's Nơi nhận and a signature block for its head, under part II", async () => {
    const { ws, keys } = await form('CA');
    let lastIndicatorRow = 0;
    ws.eachRow((row, n) => void (/^NV\d\.\d\d$/u.test(String(row.getCell(2).value)) && (lastIndicatorRow = n)));
    const capacity = slotCell(ws, keys, 'signerCapacityCell');
    const title = slotCell(ws, keys, 'signerTitleCell');
    const name = slotCell(ws, keys, 'signerNameCell');
    expect(Number(capacity.row)).toBeGreaterThan(lastIndicatorRow);
    expect(Number(title.row)).toBe(Number(capacity.row) + 1);
    // Room to sign and seal between the title and the name.
    expect(Number(name.row) - Number(title.row)).toBeGreaterThanOrEqual(4);
    for (const cell of [capacity, title, name]) {
      expect(cell.font?.bold).toBe(true);
      expect(cell.alignment?.horizontal).toBe('center');
    }
    const recipients = slotCell(ws, keys, 'recipientsCell');
    expect(recipients.value).toBe('- Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn (b/c);\n- Lưu: VT.');
    expect(ws.getCell(Number(recipients.row) - 1, 1).value).toBe('Nơi nhận:');
    // The print ends with the signature; the instructions of row 1 are left off it.
    expect(ws.pageSetup.printArea).toBe(`A2:H${name.row}`);
    expect(String(ws.getCell('A1').value)).toMatch(/^Cách điền: chỉ nhập vào các ô nền vàng/u);
  });
});

describe('rows that grow with what the agency types', () => {
  it('give each task row a height to start from that is not marked as set by hand, so Excel fits it to the answer', async () => {
    const { bytes, ws } = await form('CA');
    const part = await sheetPartOf(bytes, FORM_SHEET);
    const xml = (await zipEntries(bytes)).find((e) => e.name === part)?.data.toString('utf8') ?? '';
    const rowTag = (n: number) => new RegExp(`<row r="${n}"[^>]*>`, 'u').exec(xml)?.[0] ?? '';
    // A sheet-wide custom default height would make every row fixed.
    expect(/<sheetFormatPr[^>]*customHeight="1"/u.test(xml)).toBe(false);
    const taskRows: number[] = [];
    ws.eachRow((row, n) => void (/^NV\d$/u.test(String(row.getCell(2).value)) && taskRows.push(n)));
    expect(taskRows.length).toBeGreaterThanOrEqual(5);
    for (const n of taskRows) {
      expect(rowTag(n), `row ${n}`).toMatch(/\bht="[\d.]+"/u);
      expect(rowTag(n), `row ${n}`).not.toMatch(/customHeight/u);
      // Three lines to start typing in, at least.
      expect(Number(/\bht="([\d.]+)"/u.exec(rowTag(n))?.[1])).toBeGreaterThanOrEqual(3 * 12 * 1.3);
      for (const column of ['F', 'G', 'H']) expect(ws.getCell(`${column}${n}`).alignment?.wrapText, `${column}${n}`).toBe(true);
    }
    // Rows of known text (a figure's name and note) keep their measured, fixed height.
    let figureRow = 0;
    ws.eachRow((row, n) => void (row.getCell(2).value === 'NV2.01' && (figureRow = n)));
    expect(rowTag(figureRow)).toMatch(/customHeight="1"/u);
  });

  it('lets a figure typed as words grow its row too: its note keeps to one column, unmerged', async () => {
    const worded: PlanDetail = structuredClone(plan);
    const nv2 = worded.tasks.find((t) => t.code === 'NV2');
    const added: Indicator = { ...(nv2?.indicators[0] as Indicator), code: 'NV2.99', name: 'Đánh giá chung về công tác phối hợp', kind: 'text', aggregation: 'latest', sortOrder: 99 };
    nv2?.indicators.push(added);
    const { bytes, ws } = await form('CA', worded);
    let row = 0;
    ws.eachRow((r, n) => void (r.getCell(2).value === 'NV2.99' && (row = n)));
    expect(ws.getCell(`F${row}`).isMerged).toBe(false);
    expect(ws.getCell(`E${row}`).alignment?.wrapText).toBe(true);
    const part = await sheetPartOf(bytes, FORM_SHEET);
    const xml = (await zipEntries(bytes)).find((e) => e.name === part)?.data.toString('utf8') ?? '';
    expect(new RegExp(`<row r="${row}"[^>]*>`, 'u').exec(xml)?.[0]).not.toMatch(/customHeight/u);
  });
});
