// The workbooks the office prints and signs, on A4, as a clerk would take them from the
// printer: the consolidated workbook of 9 months of 2022 with every agency's report but
// two, the list of agencies to chase, and a form as an agency fills it. Their print
// settings read back with exceljs and from the zip parts; then, where LibreOffice is
// installed, each is rendered to PDF and PNG pages (kept, to look at) and the pages are
// held to A4, to text no smaller than 10 pt, to the repeated headers and to vi-VN figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consolidation } from '../../shared/api';
import { AGENCY_GROUPS, type Agency } from '../../shared/domain';
import { BLANK } from '../../shared/document-heading';
import { formatNumber } from '../../shared/numbers';
import { BY_AGENCY_HEADER, BY_AGENCY_SCALE, CONSOLIDATED_SHEETS, MISSING_SHEET, NO_CONTACT, pagesAcross } from '../../electron/excel/consolidated-writer';
import { FONT_NAME, MIN_PRINT_PT, PRINTABLE_PX, VI_LOCALE, columnsPx, rowHeightFor, textWidthPt } from '../../electron/excel/heading';
import { FORM_SHEET } from '../../electron/excel/form-contract';
import { finishWorkbook, withAbsolutePrintAreas, withColumnBreaks, withGrowingRows, withNormalFont } from '../../electron/excel/xlsx-finish';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { call, cleanupTempDirs, local, openTestApp, refuse, type TestApp } from '../helpers/app';
import { render, renderTools, type Rendered } from '../helpers/render';
import { describeWith } from '../helpers/needs';
import { editWorkbook, loadWorkbook, metaEntries, sheetPartOf, splitRef, zipEntries } from '../helpers/workbooks';

const NINE = '2022-9M';
const SIGNER = { capacity: 'T/M BAN CHỈ ĐẠO', title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', name: 'Nguyễn Văn Hùng' };
const RECIPIENTS = ['Ban Chỉ đạo Cải cách tư pháp Trung ương (b/c),', 'Thường trực Tỉnh ủy (b/c),', '- Lưu Văn phòng.'];
const LONG_RESULTS =
  'Đã tổ chức quán triệt đầy đủ các nghị quyết, chỉ thị, kết luận của Trung ương và của Tỉnh ủy về công tác cải cách tư pháp đến toàn thể cán bộ, chiến sĩ; ' +
  'phối hợp với các cơ quan tiến hành tố tụng tổ chức các phiên tòa rút kinh nghiệm, phiên tòa trực tuyến; đẩy mạnh chuyển đổi số trong hoạt động điều tra, ' +
  'số hóa hồ sơ vụ án; tăng cường kiểm tra, giám sát nội bộ, kịp thời chấn chỉnh những tồn tại, hạn chế. Kết quả cụ thể được thể hiện tại phần số liệu kèm theo.';

let app: TestApp;
let consolidation: Consolidation;
let agencies: Agency[];
let plain: Uint8Array;
let numbered: Uint8Array;
let missing: Uint8Array;

/** The figures of an agency for a cumulative period: every indicator it reports, parts under their wholes. */
function figures(agency: string, indicators: { code: string; reporters: string[]; aggregation: string }[], scale: number): { indicatorCode: string; number: number }[] {
  const parts: Record<string, string> = { 'NV2.02': 'NV2.01', 'NV2.05': 'NV2.04', 'NV5.03': 'NV5.02' };
  const given = new Map<string, number>();
  const out: { indicatorCode: string; number: number }[] = [];
  let k = agency.length * 7;
  for (const i of indicators.filter((x) => x.reporters.includes(agency) && x.aggregation !== 'ratio')) {
    const whole = parts[i.code];
    const n = whole ? Math.floor((given.get(whole) ?? 0) * 0.8) : Math.round((((k++ * 37) % 900) + (i.code === 'NV7.05' ? 12_000 : 3)) * scale);
    given.set(i.code, n);
    out.push({ indicatorCode: i.code, number: n });
  }
  return out;
}

beforeAll(async () => {
  app = await openTestApp({ now: () => local(2022, 9, 30, 9) });
  await call(app.h, 'settings.update', { signer: SIGNER, recipients: RECIPIENTS });
  await call(app.h, 'agencies.update', { code: 'HU-DL', changes: { contactPerson: 'Hoàng Thị Mai', contactPhone: '0205 3882 123' } });
  await call(app.h, 'agencies.update', { code: 'TA', changes: { contactPerson: 'Lê Văn Nam', contactPhone: '0205 3870 456' } });
  agencies = await call(app.h, 'agencies.list', {});
  const plan = await call(app.h, 'plans.get', { year: 2022 });
  const indicators = plan.tasks.flatMap((t) => t.indicators);
  for (const a of agencies.filter((x) => !['DLS', 'HU-DL'].includes(x.code))) {
    const taskReports = plan.tasks
      .filter((t) => t.lead.includes(a.code) || t.coordinate.includes(a.code))
      .map((t, n) => ({ taskCode: t.code, status: n % 3 === 0 ? ('completed' as const) : ('in_progress' as const), results: n === 0 ? LONG_RESULTS : 'Đã triển khai theo kế hoạch.', difficulties: '', proposals: '' }));
    await call(app.h, 'submissions.enter', { period: '2022-H1', agency: a.code, receivedOn: '2022-06-15', taskReports, values: figures(a.code, indicators, 0.5) });
    await call(app.h, 'submissions.enter', { period: NINE, agency: a.code, receivedOn: a.code === 'CA' ? '2022-09-20' : '2022-09-15', taskReports, values: figures(a.code, indicators, 1) });
  }
  const [ta] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
  await call(app.h, 'submissions.return', { id: ta?.id ?? 0, reason: 'Thiếu số liệu NV2.04' });
  consolidation = await call(app.h, 'consolidation.get', { period: NINE });
  plain = (await call(app.h, 'exports.consolidated', { period: NINE })).bytes;
  numbered = (await call(app.h, 'exports.consolidated', { period: NINE, number: '45-BC/BCĐ', date: '2022-10-03' })).bytes;
  missing = (await call(app.h, 'exports.missing', { period: NINE })).bytes;
}, 120_000);

afterAll(async () => {
  await app?.close();
  cleanupTempDirs();
});

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Every cell with something to print, its own (not a merged follower). */
function printed(ws: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (cell.type !== ExcelJS.ValueType.Merge && cell.value !== null && cell.value !== '' && out.push(cell))));
  return out;
}

function find(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  const cell = printed(ws).find((c) => c.value === text);
  if (!cell) throw new Error(`no cell "${text}" on ${ws.name}`);
  return cell;
}

async function partXml(bytes: Uint8Array, sheetName: string): Promise<string> {
  const part = await sheetPartOf(bytes, sheetName);
  return (await zipEntries(bytes)).find((e) => e.name === part)?.data.toString('utf8') ?? '';
}

describe("the consolidated workbook's heading", () => {
  it('leaves the number for the clerk before the symbol, "Số      -BC/BCĐ", and dates itself today', async () => {
    const ws = sheet(await loadWorkbook(plain), CONSOLIDATED_SHEETS.summary);
    expect(ws.getCell('A4').value).toBe(`Số${BLANK}-BC/BCĐ`);
    expect(ws.getCell('E4').value).toBe('Lạng Sơn, ngày 30 tháng 09 năm 2022');
    expect(ws.getCell('E4').font?.italic).toBe(true);
  });

  it('carries the number and date given for the report', async () => {
    const ws = sheet(await loadWorkbook(numbered), CONSOLIDATED_SHEETS.summary);
    expect(ws.getCell('A4').value).toBe('Số 45-BC/BCĐ');
    expect(ws.getCell('E4').value).toBe('Lạng Sơn, ngày 03 tháng 10 năm 2022');
    const audit = await call(app.h, 'audit.list', { limit: 5, entity: 'consolidation' });
    expect(audit.find((e) => e.action === 'export')?.detail).toMatchObject({ documentNumber: '45-BC/BCĐ', documentDate: '2022-10-03' });
  });

  it('refuses a number longer than 60 characters and a date that is not one', async () => {
    expect((await refuse(app.h, 'exports.consolidated', { period: NINE, number: 'x'.repeat(61) })).code).toBe('INVALID_ARGUMENT');
    expect((await refuse(app.h, 'exports.consolidated', { period: NINE, date: '03/10/2022' })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('the signature block and "Nơi nhận" of the summary', () => {
  it('stand under the notes: the recipients on the left, the signer from Cài đặt on the right', async () => {
    const ws = sheet(await loadWorkbook(plain), CONSOLIDATED_SHEETS.summary);
    let lastFigure = 0;
    ws.eachRow((row, n) => void (/^NV\d\.\d\d$/u.test(String(row.getCell(2).value)) && (lastFigure = n)));
    const label = find(ws, 'Nơi nhận:');
    expect(Number(label.row)).toBeGreaterThan(lastFigure);
    expect(label.col).toBe(1);
    // Party style (36-HD/VPTW): underlined, upright.
    expect(label.font?.underline).toBe(true);
    const lines = [1, 2, 3].map((k) => ws.getCell(Number(label.row) + k, 1).value);
    expect(lines).toEqual(['- Ban Chỉ đạo Cải cách tư pháp Trung ương (b/c),', '- Thường trực Tỉnh ủy (b/c),', '- Lưu Văn phòng.']);

    const capacity = find(ws, 'T/M BAN CHỈ ĐẠO');
    const title = find(ws, 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC');
    const name = find(ws, 'Nguyễn Văn Hùng');
    expect(capacity.row).toBe(label.row);
    expect(Number(title.row)).toBe(Number(capacity.row) + 1);
    expect(Number(name.row) - Number(title.row)).toBe(5);
    for (const cell of [capacity, title, name]) {
      expect(cell.font?.bold).toBe(true);
      expect(cell.alignment?.horizontal).toBe('center');
      expect(Number(cell.col)).toBeGreaterThan(4);
    }
  });
});

describe('the print settings, read back', () => {
  it('put every sheet on A4 with the office margins, one page wide at a scale that keeps its text at 10 pt or more', async () => {
    const plan = (await call(app.h, 'exports.plan', { year: 2022 })).bytes;
    for (const [bytes, names, orientation] of [
      [plain, Object.values(CONSOLIDATED_SHEETS), 'landscape'],
      [missing, [MISSING_SHEET], 'landscape'],
      [plan, ['Kế hoạch'], 'portrait'],
    ] as const) {
      const wb = await loadWorkbook(bytes);
      expect(wb.worksheets.map((w) => w.name)).toEqual(names);
      for (const ws of wb.worksheets) {
        const setup = ws.pageSetup;
        expect(setup.paperSize, ws.name).toBe(9);
        expect(setup.orientation, ws.name).toBe(orientation);
        expect(setup.margins).toMatchObject({ top: 0.787, bottom: 0.787, left: 1.181, right: 0.591 });
        const lastColumn = Math.max(...printed(ws).map((c) => Number(c.col)));
        const width = columnsPx(ws, 1, lastColumn);
        // Fitted to one page wide, Excel shrinks the sheet to the page (to a whole percent); else it prints at its scale.
        const scale = setup.fitToPage ? Math.floor((PRINTABLE_PX[orientation] / width) * 100) / 100 : (setup.scale ?? 100) / 100;
        if (setup.fitToPage) expect(setup, ws.name).toMatchObject({ fitToWidth: 1, fitToHeight: 0 });
        if (ws.name !== CONSOLIDATED_SHEETS.byAgency) {
          // One page wide: nothing spills onto a page of its own.
          expect(width * scale, ws.name).toBeLessThanOrEqual(PRINTABLE_PX[orientation]);
        }
        for (const cell of printed(ws)) {
          expect(cell.font?.name, `${ws.name}!${cell.address}`).toBe(FONT_NAME);
          expect((cell.font?.size ?? 0) * scale, `${ws.name}!${cell.address}`).toBeGreaterThanOrEqual(MIN_PRINT_PT);
        }
        // The page number, scaled with the sheet, too.
        const footer = /&(\d+)Trang &P\/&N/u.exec(ws.headerFooter.oddFooter ?? '');
        expect(Number(footer?.[1]) * scale, ws.name).toBeGreaterThanOrEqual(MIN_PRINT_PT);
        expect(setup.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/u);
      }
    }
  });

  it('print "Theo đơn vị" at 90%, a group of agencies a page, its header rows and indicator columns on every page', async () => {
    const ws = sheet(await loadWorkbook(plain), CONSOLIDATED_SHEETS.byAgency);
    expect(ws.pageSetup).toMatchObject({ scale: BY_AGENCY_SCALE, printTitlesRow: `${BY_AGENCY_HEADER.groups}:${BY_AGENCY_HEADER.codes}`, printTitlesColumn: 'A:D' });
    const xml = await partXml(plain, CONSOLIDATED_SHEETS.byAgency);
    const breaks = [...xml.matchAll(/<brk id="(\d+)" max="1048575" man="1"\/>/gu)].map((m) => Number(m[1]));
    expect(xml).toMatch(new RegExp(`<colBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">`, 'u'));

    // The agency columns, by their codes, and the groups they belong to.
    const codes = new Map<number, string>();
    ws.getRow(BY_AGENCY_HEADER.codes).eachCell((cell, col) => void (cell.type === ExcelJS.ValueType.String && cell.value !== '' && codes.set(col, String(cell.value))));
    const groupOf = new Map(agencies.map((a) => [a.code, a.group]));
    const columns = [...codes.keys()].sort((a, b) => a - b);
    const totalColumn = Math.max(...columns) + 1;
    expect(ws.getCell(BY_AGENCY_HEADER.groups, totalColumn).value).toBe('Tổng hợp');
    // Every page across, beside the repeated columns, fits the page at 90%.
    const room = (PRINTABLE_PX.landscape * 100) / BY_AGENCY_SCALE - columnsPx(ws, 1, 4);
    const edges = [4, ...breaks, totalColumn + 1];
    for (let p = 0; p + 1 < edges.length; p++) expect(columnsPx(ws, (edges[p] ?? 0) + 1, edges[p + 1] ?? 0), `page ${p + 1}`).toBeLessThanOrEqual(room);
    // Whole groups on a page: a group that fits one page is never cut by a break.
    const pageOf = (col: number) => edges.findIndex((edge, k) => col > edge && col <= (edges[k + 1] ?? Infinity));
    const perPage = Math.floor((room * 0.98) / columnsPx(ws, 5, 5));
    for (const g of AGENCY_GROUPS) {
      const members = columns.filter((c) => groupOf.get(codes.get(c) ?? '') === g);
      if (members.length > 0 && members.length <= perPage) expect(new Set(members.map(pageOf)).size, g).toBe(1);
      // Gathered: a group's columns stand side by side.
      if (members.length > 0) expect(Math.max(...members) - Math.min(...members) + 1, g).toBe(members.length);
    }
    // The seed's 21 agencies, eight a page: the standing office, the judicial and the oversight
    // bodies on page 1; the bar, the border guard and six district committees on page 2; the
    // other five and the totals on page 3.
    expect(breaks).toEqual([4 + 8, 4 + 16]);
    expect(codes.get(5)).toBe('BNC');
  });

  it('show figures in vi-VN wherever the format has its say: every number format carries the Vietnamese locale', async () => {
    const wb = await loadWorkbook(plain);
    let numbers = 0;
    for (const ws of wb.worksheets) {
      for (const cell of printed(ws)) {
        const value = typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value ? cell.value.result : cell.value;
        // Every figure that groups its digits (a row number or a revision never reaches a thousand).
        const grouped = (typeof value === 'number' && Math.abs(value) >= 1000) || (cell.numFmt ?? '').includes('#,##0');
        if (!grouped) continue;
        numbers++;
        expect(cell.numFmt?.startsWith(VI_LOCALE), `${ws.name}!${cell.address}: ${cell.numFmt}`).toBe(true);
      }
    }
    expect(numbers).toBeGreaterThan(300);
    // The Normal style, which every width is measured in, is Times New Roman 12.
    const styles = (await zipEntries(plain)).find((e) => e.name === 'xl/styles.xml')?.data.toString('utf8') ?? '';
    expect(/<fonts\b[^>]*>\s*<font>([\s\S]*?)<\/font>/u.exec(styles)?.[1]).toBe('<sz val="12"/><name val="Times New Roman"/><family val="1"/>');
  });
});

describe('the list of agencies to chase', () => {
  it("lists each agency's contact person and phone from the agencies' list, and says where there is none", async () => {
    const ws = sheet(await loadWorkbook(missing), MISSING_SHEET);
    const row = (code: string) => {
      let found = 0;
      ws.eachRow((r, n) => void (r.getCell(2).value === code && (found = n)));
      return ws.getRow(found);
    };
    expect(row('HU-DL').getCell(7).value).toBe('Hoàng Thị Mai');
    expect(row('HU-DL').getCell(8).value).toBe('0205 3882 123');
    // Returned for correction: chased too, with its contact.
    expect(row('TA').getCell(6).value).toBe('Trả lại để chỉnh sửa');
    expect(row('TA').getCell(7).value).toBe('Lê Văn Nam');
    expect(row('DLS').getCell(7).value).toBe(NO_CONTACT);
    expect(row('DLS').getCell(8).value).toBe(NO_CONTACT);
    const completeness = await call(app.h, 'consolidation.status', { period: NINE });
    expect(completeness.agencies.find((a) => a.code === 'HU-DL')).toMatchObject({ contactPerson: 'Hoàng Thị Mai', contactPhone: '0205 3882 123' });
  });
});

describe('what exceljs cannot write, written after it', () => {
  it('splits agencies into pages across by group: whole groups where they fit, a big group over as many pages as it takes', () => {
    const groups = [['BNC'], ['CA', 'VKS', 'TA', 'STP', 'THADS'], ['BPH', 'MTTQ'], ['DLS'], ['BDBP'], Array.from({ length: 11 }, (_, k) => `HU${k}`)];
    expect(pagesAcross(groups, 9).map((p) => p.length)).toEqual([9, 9, 3]);
    expect(pagesAcross(groups, 7).map((p) => p.length)).toEqual([6, 7, 7, 1]);
    expect(pagesAcross(groups, 7)[1]).toEqual(['BPH', 'MTTQ', 'DLS', 'BDBP', 'HU0', 'HU1', 'HU2']);
    expect(pagesAcross([['A', 'B', 'C'], ['D', 'E']], 4)).toEqual([['A', 'B', 'C'], ['D', 'E']]);
    expect(pagesAcross([], 5)).toEqual([]);
  });

  it('puts the column breaks where the schema wants them, before the notes drawing', () => {
    const xml = '<worksheet><sheetData/><pageSetup paperSize="9"/><headerFooter><oddFooter>x</oddFooter></headerFooter><legacyDrawing r:id="rId1"/></worksheet>';
    expect(withColumnBreaks(xml, [21, 13, 13])).toBe(
      '<worksheet><sheetData/><pageSetup paperSize="9"/><headerFooter><oddFooter>x</oddFooter></headerFooter><colBreaks count="2" manualBreakCount="2"><brk id="13" max="1048575" man="1"/><brk id="21" max="1048575" man="1"/></colBreaks><legacyDrawing r:id="rId1"/></worksheet>',
    );
    expect(withColumnBreaks('<worksheet><sheetData/></worksheet>', [3])).toBe('<worksheet><sheetData/><colBreaks count="1" manualBreakCount="1"><brk id="3" max="1048575" man="1"/></colBreaks></worksheet>');
    expect(withColumnBreaks(xml, [])).toBe(xml);
    expect(withAbsolutePrintAreas('<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Báo cáo A1&apos;!$A2:$H57</definedName>')).toBe(
      '<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Báo cáo A1&apos;!$A$2:$H$57</definedName>',
    );
    expect(withGrowingRows('<row r="3" ht="40" customHeight="1"><c/></row><row r="4" ht="20" customHeight="1">', [3])).toBe('<row r="3" ht="40"><c/></row><row r="4" ht="20" customHeight="1">');
    expect(withNormalFont('<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/></font></fonts>')).toBe(
      '<fonts count="2"><font><sz val="12"/><name val="Times New Roman"/><family val="1"/></font><font><b/></font></fonts>',
    );
  });

  it('leaves a workbook whole: exceljs opens it again with every value, and the zip lists the same parts', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Thử');
    ws.getCell('A1').value = 'Tiếng Việt';
    ws.getCell('B2').value = 1234.5;
    ws.getCell('B2').note = 'ghi chú';
    const before = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const after = finishWorkbook(before, { columnBreaks: new Map([['Thử', [1]]]) });
    expect((await zipEntries(after)).map((e) => e.name)).toEqual((await zipEntries(before)).map((e) => e.name));
    const again = await loadWorkbook(after);
    expect(again.getWorksheet('Thử')?.getCell('A1').value).toBe('Tiếng Việt');
    expect(again.getWorksheet('Thử')?.getCell('B2').value).toBe(1234.5);
    expect(await partXml(after, 'Thử')).toMatch(/<colBreaks count="1" manualBreakCount="1"><brk id="1" max="1048575" man="1"\/><\/colBreaks><legacyDrawing/u);
  });

  it("measures text the way Times New Roman sets it, so a row is as tall as its wrapped text", () => {
    // 12 pt: an "m" is nearly three "i"s wide; capitals are wider than small letters; Vietnamese marks add no width.
    expect(textWidthPt('m') / textWidthPt('i')).toBeCloseTo(2.8, 1);
    expect(textWidthPt('ĐẢNG')).toBeGreaterThan(textWidthPt('đảng'));
    expect(textWidthPt('Việt')).toBeCloseTo(textWidthPt('Viet'), 6);
    expect(rowHeightFor([{ text: 'Ngắn', width: 30 }], 18)).toBe(20);
    // Two lines in a 10-character column, three in a column half as wide as the text.
    expect(rowHeightFor([{ text: 'Số vụ án hình sự', width: 10 }], 18)).toBe(Math.ceil(2 * 12 * 1.31 + 4));
    expect(rowHeightFor([{ text: 'a'.repeat(400), width: 30 }], 18)).toBeGreaterThan(rowHeightFor([{ text: 'a'.repeat(200), width: 30 }], 18));
    expect(rowHeightFor([{ text: 'x '.repeat(5000), width: 10 }])).toBe(409);
  });
});

// ---- rendered, and looked at ----

/** Kept after the run, for a person to look at: the PDFs and one PNG a page. */
const OUT = path.join(os.tmpdir(), 'tonghop-render', 'workbooks');
const PDFTOTEXT = renderTools.ok ? renderTools.tools.pdftotext : 'pdftotext';

/** The words of a rendered PDF set horizontally, with their heights in points (pdftotext -bbox). */
function horizontalWords(pdf: string): { text: string; height: number; page: number }[] {
  const xml = execFileSync(PDFTOTEXT, ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const out: { text: string; height: number; page: number }[] = [];
  let page = 0;
  for (const line of xml.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/u.exec(line);
    if (!m) continue;
    const width = Number(m[3]) - Number(m[1]);
    const height = Number(m[4]) - Number(m[2]);
    // A word of three letters or more set across is wider than tall; one stood on end (the agencies' names) is not.
    if ([...(m[5] ?? '')].length >= 3 && width >= height) out.push({ text: m[5] ?? '', height, page });
  }
  return out;
}

/** Poppler boxes a word of Liberation Serif 1,3 times its size tall (10 pt: 13,0 pt). */
const BOX_PER_POINT = 1.3;

function pageTexts(pdf: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, k) => execFileSync(PDFTOTEXT, ['-layout', '-f', String(k + 1), '-l', String(k + 1), pdf, '-'], { encoding: 'utf8' }));
}

describeWith(renderTools, 'rendered on A4 by LibreOffice', () => {
  let workbook: Rendered;
  let list: Rendered;
  let filledForm: Rendered;
  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    workbook = render(numbered, 'TongHop_2022-9M.xlsx', OUT);
    list = render(missing, 'DonViChuaNop_2022-9M.xlsx', OUT);

    // A form as Công an tỉnh fills it: its own heading, number, date and signer, figures and long answers.
    const [form] = await call(app.h, 'forms.generate', { period: NINE, agencies: ['CA'] });
    const { keys } = await metaEntries(form?.bytes ?? new Uint8Array());
    const typed: Record<string, string> = {
      superiorBodyCell: 'BỘ CÔNG AN',
      agencyNameCell: 'CÔNG AN TỈNH LẠNG SƠN',
      documentNumberCell: 'Số: 125/BC-CAT-PV01',
      documentDateCell: 'Lạng Sơn, ngày 14 tháng 9 năm 2022',
      signerCapacityCell: 'KT. GIÁM ĐỐC',
      signerTitleCell: 'PHÓ GIÁM ĐỐC',
      signerNameCell: 'Đại tá Nguyễn Văn Bình',
    };
    const filled = await fillForm(form?.bytes ?? new Uint8Array(), (e) => (e.kind === 'text' ? (e.field.endsWith(':results') ? `${LONG_RESULTS} ${LONG_RESULTS}` : e.field.endsWith(':difficulties') ? 'Biên chế còn thiếu so với khối lượng công việc.' : '') : sampleValue(e, 3)));
    const bytes = await editWorkbook(filled.bytes, (wb) => {
      for (const [key, text] of Object.entries(typed)) {
        const ref = splitRef(String(keys.get(key)));
        wb.getWorksheet(ref.sheet)!.getCell(ref.address).value = text;
      }
      // The agency's Excel fits each row it types into to the text (LibreOffice does so too as
      // a cell is edited, but not on opening an .xlsx a tool filled): done here as Excel would.
      const ws = wb.getWorksheet(FORM_SHEET)!;
      ws.eachRow((row) => {
        if (!/^NV\d$/u.test(String(row.getCell(2).value))) return;
        const cells = [3, 5, 6, 7, 8].map((col) => ({ text: String(row.getCell(col).value ?? ''), width: ws.getColumn(col).width ?? 10 }));
        row.height = rowHeightFor(cells, row.height ?? 18);
      });
    });
    // Saved by exceljs, the file has lost its Normal font and the form of its print area; the agency's Excel keeps both.
    filledForm = render(finishWorkbook(bytes), 'BaoCao_2022-9M_CA_da-dien.xlsx', OUT);
  }, 600_000);

  it('prints every page on A4 landscape, no text under 10 pt, no figure too wide for its cell', () => {
    for (const r of [workbook, list, filledForm]) {
      expect(r.pageSizeMm.width, r.pdf).toBeCloseTo(297, 0);
      expect(r.pageSizeMm.height, r.pdf).toBeCloseTo(210, 0);
      expect(r.pages.length, r.pdf).toBeGreaterThan(0);
      const words = horizontalWords(r.pdf);
      expect(words.length, r.pdf).toBeGreaterThan(100);
      const smallest = words.reduce((a, b) => (b.height < a.height ? b : a));
      expect(smallest.height / BOX_PER_POINT, `${r.pdf}: "${smallest.text}" on page ${smallest.page}`).toBeGreaterThanOrEqual(MIN_PRINT_PT - 0.05);
      expect(r.text, r.pdf).not.toContain('###');
    }
  });

  it('shows the figures in vi-VN grouping and decimals, whatever the machine: 1.234 and 12.345,6', () => {
    const sum = consolidation.indicators.find((i) => i.code === 'NV1.02');
    const money = consolidation.indicators.find((i) => i.code === 'NV7.05');
    expect(sum?.value).toBeGreaterThan(1000);
    expect(workbook.text).toContain(formatNumber(sum?.value, 'integer'));
    expect(formatNumber(sum?.value, 'integer')).toMatch(/^\d{1,3}(\.\d{3})+$/u);
    expect(workbook.text).toContain(`${formatNumber(money?.value, 'integer')},00`);
  });

  it('starts with the heading, the number line and the date, and ends the summary with the signature', () => {
    const pages = pageTexts(workbook.pdf, workbook.pages.length);
    expect(pages[0]).toMatch(/TỈNH ỦY LẠNG SƠN\s+ĐẢNG CỘNG SẢN VIỆT NAM/u);
    expect(pages[0]).toMatch(/Số 45-BC\/BCĐ\s+Lạng Sơn, ngày 03 tháng 10 năm 2022/u);
    const signed = pages.findIndex((p) => p.includes('PHÓ TRƯỞNG BAN THƯỜNG TRỰC'));
    const byAgency = pages.findIndex((p) => p.includes('SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ'));
    expect(signed).toBeGreaterThanOrEqual(0);
    expect(signed).toBeLessThan(byAgency);
    expect(pages[signed]).toMatch(/Nơi nhận:\s+T\/M BAN CHỈ ĐẠO/u);
    expect(pages[signed]).toContain('Nguyễn Văn Hùng');
    // Never a signature under a repeated header alone: the table's last rows come with it.
    const lastCode = consolidation.indicators.at(-1)?.code ?? '';
    expect(pages[signed]).toContain(lastCode);
    expect(pages[signed]?.match(/NV\d\.\d\d/gu)?.length ?? 0).toBeGreaterThanOrEqual(2);
    // And no task heading is left alone at the foot of a page of the summary.
    for (const page of pages.slice(0, signed + 1)) {
      const lines = page.split('\n').filter((l) => l.trim() !== '' && !/Trang \d+\/\d+/u.test(l));
      expect(lines.at(-1), page.slice(-300)).not.toMatch(/^\s*[IVX]+\s+NV\d\s/u);
    }
  });

  it('prints "Theo đơn vị" a group at a time, every page with its header rows and its indicators', () => {
    const pages = pageTexts(workbook.pdf, workbook.pages.length);
    const first = pages.findIndex((p) => p.includes('SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ'));
    const after = pages.findIndex((p) => p.includes('TÌNH TRẠNG THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ'));
    const byAgency = pages.slice(first, after);
    // Three pages across (see the break test above), each as many pages down.
    expect(byAgency.length % 3).toBe(0);
    for (const [k, text] of byAgency.entries()) {
      expect(text, `page ${first + k + 1}`).toMatch(/STT\s+Mã\s+Chỉ tiêu/u);
      expect(text, `page ${first + k + 1}`).toMatch(/NV\d\.\d\d/u);
    }
    const down = byAgency.length / 3;
    expect(byAgency[0]).toContain('Cơ quan tư pháp');
    expect(byAgency[down]).toContain('Cấp ủy huyện, thành phố');
    expect(byAgency[2 * down]).toContain('Cấp ủy huyện, thành phố (tiếp theo)');
    expect(byAgency[3 * down - 1]).toContain('Tổng hợp');
    for (const a of consolidation.completeness.agencies) expect(byAgency.join('\n'), a.code).toContain(a.code);
  });

  it("prints the agency's form as its own document: its heading, number, date, the plan it answers, its signer; not the instructions", () => {
    const text = filledForm.text;
    expect(text).toMatch(/BỘ CÔNG AN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/u);
    expect(text).toMatch(/CÔNG AN TỈNH LẠNG SƠN\s+Độc lập - Tự do - Hạnh phúc/u);
    expect(text).toMatch(/Số: 125\/BC-CAT-PV01\s+Lạng Sơn, ngày 14 tháng 9 năm 2022/u);
    expect(text).toContain('(Thực hiện Kế hoạch số 08-KH/BCĐ ngày 21/02/2022 của Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn)');
    expect(text).toMatch(/Nơi nhận:\s+KT\. GIÁM ĐỐC/u);
    expect(text).toContain('Đại tá Nguyễn Văn Bình');
    expect(text).not.toContain('Cách điền');
    expect(list.text).toContain('Hoàng Thị Mai');
    // Where to look: the pages are kept.
    console.log(`Rendered pages: ${[workbook, list, filledForm].map((r) => `${path.basename(r.pdf)} ${r.pages.length}`).join(', ')} in ${OUT}`);
  });
});
