// The workbook reader (electron/excel/workbook-reader.ts) against exceljs's reading of
// the same bytes: on the app's own forms, filled; on agencies' own layouts; and on a
// workbook with every kind of cell the import meets. Then the parts of SpreadsheetML
// exceljs reads differently or not at all, each with what the reader must make of it.
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { generateForms } from '../../electron/app/forms';
import { readWorkbook, isDateFormat, slideFormula } from '../../electron/excel/workbook-reader';
import { scanWorkbook } from '../../electron/excel/zip-scan';
import { findSheet, indexCells, type WorkbookModel } from '../../electron/excel/workbook-model';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import { buildDistrictWorkbook, buildJudicialWorkbook, buildLookalikeWorkbook, buildPoliceWorkbook, buildUnrelatedWorkbook } from '../fixtures/foreign-workbooks';
import { minimalXlsxEntries, sheetXml, writeZip, type ZipEntryInput } from '../fixtures/zip-writer';
import { cleanupTempDirs, local, openTestApp } from '../helpers/app';
import { exceljsModel } from '../helpers/exceljs-model';

afterAll(cleanupTempDirs);

async function read(bytes: Uint8Array, name = 'test.xlsx'): Promise<WorkbookModel> {
  const scan = await scanWorkbook(bytes, name);
  expect(scan.problems).toEqual([]);
  const { model, problems } = readWorkbook(scan.parts, scan.entryNames, name);
  expect(problems).toEqual([]);
  return model as WorkbookModel;
}

/**
 * Both readings of the same bytes, sheet by sheet, merges in a stable order. The sheet's
 * extent is left out: exceljs counts rows that hold only a format in rowCount but not in
 * columnCount; the reader counts what holds a value or a merge (asserted below).
 */
async function expectSameAsExceljs(bytes: Uint8Array): Promise<WorkbookModel> {
  const ours = await read(bytes);
  const theirs = await exceljsModel(bytes, ours.externalLinks);
  const normal = (m: WorkbookModel) => ({ ...m, sheets: m.sheets.map(({ rowCount: _r, columnCount: _c, ...s }) => ({ ...s, merges: [...s.merges].sort() })) });
  expect(normal(ours)).toEqual(normal(theirs));
  return ours;
}

async function save(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the same model as exceljs', () => {
  it('on the forms of every agency, filled', async () => {
    const app = await openTestApp({ now: () => local(2022, 3, 16, 10) });
    try {
      const forms = await generateForms(app.ctx, { period: '2022-Q1' });
      expect(forms.length).toBeGreaterThan(15);
      for (const [i, form] of forms.entries()) {
        const filled = await fillForm(form.bytes, (entry) => sampleValue(entry, i + 1));
        const model = await expectSameAsExceljs(filled.bytes);
        expect(findSheet(model, '_meta')?.state).toBe('veryHidden');
      }
    } finally {
      await app.close();
    }
  });

  it("on agencies' own layouts", async () => {
    for (const bytes of [
      await buildPoliceWorkbook(),
      await buildPoliceWorkbook({ title: 'BÁO CÁO 6 THÁNG ĐẦU NĂM 2022', sheetName: '__proto__' }),
      await buildJudicialWorkbook(),
      await buildDistrictWorkbook(),
      await buildDistrictWorkbook({ header: 'codes' }),
      await buildUnrelatedWorkbook(),
      await buildLookalikeWorkbook(),
    ]) {
      await expectSameAsExceljs(bytes);
    }
  });

  it('on every kind of cell', async () => {
    for (const date1904 of [false, true]) {
      const wb = new ExcelJS.Workbook();
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet('Số liệu');
      ws.getCell('A1').value = 'Công an tỉnh Lạng Sơn';
      ws.mergeCells('A1:D1');
      ws.getCell('B2').value = 1234;
      ws.getCell('C2').value = -0.25;
      ws.getCell('D2').value = 0.125;
      ws.getCell('D2').numFmt = '0.0%';
      ws.getCell('E2').value = 1_234_567.5;
      ws.getCell('E2').numFmt = '#,##0.0';
      ws.getCell('B3').value = new Date(Date.UTC(2022, 2, 18));
      ws.getCell('C3').value = new Date(Date.UTC(2022, 2, 18, 10, 30));
      ws.getCell('C3').numFmt = 'dd/mm/yyyy hh:mm';
      ws.getCell('D3').value = true;
      ws.getCell('E3').value = { error: '#N/A' };
      ws.getCell('B4').value = { formula: 'B2*2', result: 2468 };
      ws.getCell('C4').value = { formula: 'IF(B2>0,"có","không")', result: 'có' };
      ws.getCell('D4').value = { formula: 'B2>0', result: true };
      ws.getCell('E4').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      ws.getCell('F4').value = { formula: 'B3+1', result: new Date(Date.UTC(2022, 2, 19)) };
      ws.getCell('F4').numFmt = 'dd/mm/yyyy';
      ws.getCell('G4').value = { formula: 'B2+1' } as ExcelJS.CellFormulaValue;
      ws.getCell('H4').value = { formula: '[1]Sheet1!$A$1', result: 5 };
      for (let r = 5; r <= 8; r++) {
        ws.getCell(`B${r}`).value = r;
        ws.getCell(`C${r}`).value = r === 5 ? { formula: 'B5*10', result: 50, shareType: 'shared', ref: 'C5:C8' } as ExcelJS.CellFormulaValue : { sharedFormula: 'C5', result: r * 10 } as ExcelJS.CellSharedFormulaValue;
      }
      ws.getCell('B9').value = 'C«ng an tØnh';
      ws.getCell('B9').font = { name: '.VnTime' };
      ws.getCell('C9').value = { richText: [{ text: 'Vieät ', font: { name: 'VNI-Times' } }, { text: 'Nam' }] };
      ws.getCell('D9').value = { richText: [{ text: 'không ' }, { text: 'định dạng', font: { bold: true } }] };
      ws.getCell('E9').value = '';
      ws.getCell('F9').value = '  khoảng trắng  ';
      ws.getCell('B10').value = 'ô bị gộp';
      ws.mergeCells('B10:C11');
      ws.getCell('E10').value = '1.234,5';
      ws.getCell('E10').numFmt = '@';
      ws.getCell('Z40').style = { font: { bold: true } };
      wb.addWorksheet('Ẩn', { state: 'hidden' }).getCell('A1').value = 1;
      wb.addWorksheet('_meta', { state: 'veryHidden' }).getCell('A1').value = 'format';
      const model = await expectSameAsExceljs(await save(wb));
      const sheet = findSheet(model, 'Số liệu')!;
      // H4 is the last column with a value, row 11 the end of the B10:C11 merge; Z40 holds only a format.
      expect([sheet.rowCount, sheet.columnCount]).toEqual([11, 8]);
      const cells = indexCells(sheet);
      expect(cells.get('C6')).toMatchObject({ type: 'formula', formula: 'B6*10', value: 60 });
      expect(cells.get('H4')).toMatchObject({ externalRef: true });
      expect(cells.get('B3')).toMatchObject({ type: 'date', value: '2022-03-18' });
    }
  });
});

describe('what exceljs reads differently', () => {
  const workbook = (rows: string, options: { dateStyle?: boolean; after?: string; extra?: ZipEntryInput[] } = {}): Uint8Array =>
    writeZip(minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml(rows, options.after ?? '') }], { dateStyle: options.dateStyle, extra: options.extra }));

  it('a formula that shows an empty text has a cached result: the empty text', async () => {
    // Excel writes IF(…;"") as t="str" with an empty <v/>; exceljs takes that for "no cached result".
    const model = await read(workbook('<row r="1"><c r="A1" t="str"><f>IF(1&gt;2,"x","")</f><v></v></c></row>'));
    expect(findSheet(model, 'Báo cáo')?.cells[0]).toMatchObject({ type: 'formula', formula: 'IF(1>2,"x","")', hasCachedResult: true, value: '', resultType: 'string' });
  });

  it('cells and rows without a reference follow the one before', async () => {
    const model = await read(workbook('<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row>'));
    expect(findSheet(model, 'Báo cáo')?.cells.map((c) => `${c.address}=${c.value}`)).toEqual(['A1=1', 'B1=2', 'C2=3', 'D2=4']);
  });

  it('phonetic guides are not part of the text, in shared and inline strings', async () => {
    const strings =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">' +
      '<si><t xml:space="preserve">Tòa án </t><r><rPr><rFont val="Times New Roman"/></rPr><t>nhân dân</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si></sst>';
    const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Viện </t><rPh><t>x</t></rPh><t>kiểm sát</t></is></c></row>') }]);
    const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels')!;
    rels.data = String(rels.data).replace('</Relationships>', '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>');
    const model = await read(writeZip([...entries, { name: 'xl/sharedStrings.xml', data: strings }]));
    const cells = indexCells(findSheet(model, 'Báo cáo')!);
    expect(cells.get('A1')).toMatchObject({ type: 'richText', value: 'Tòa án nhân dân', fontName: 'Times New Roman' });
    expect(cells.get('B1')).toMatchObject({ type: 'string', value: 'Viện kiểm sát' });
  });

  it('ISO dates (t="d"), numbers that are not numbers, and a date format by its built-in id', async () => {
    const rows = '<row r="1"><c r="A1" t="d"><v>2022-03-18T00:00:00Z</v></c><c r="B1"><v>mười hai</v></c><c r="C1" s="1"><v>44638</v></c><c r="D1" s="1"><v>44638.4375</v></c></row>';
    const cells = indexCells(findSheet(await read(workbook(rows, { dateStyle: true })), 'Báo cáo')!);
    expect(cells.get('A1')).toMatchObject({ type: 'date', value: '2022-03-18' });
    expect(cells.get('B1')).toMatchObject({ type: 'string', value: 'mười hai' });
    expect(cells.get('C1')).toMatchObject({ type: 'date', value: '2022-03-18', numFmt: 'mm-dd-yy', fontName: 'Times New Roman' });
    expect(cells.get('D1')).toMatchObject({ type: 'date', value: '2022-03-18T10:30:00' });
  });

  it('a shared formula moves its relative references, not its absolute ones or its text', async () => {
    expect(slideFormula('SUM($B5:C5)*D$1&"A1"', { row: 5, col: 3 }, { row: 7, col: 4 })).toBe('SUM($B7:D7)*E$1&"A1"');
    expect(slideFormula("'Báo cáo'!F23+LOG10(A1)", { row: 1, col: 1 }, { row: 2, col: 1 })).toBe("'Báo cáo'!F24+LOG10(A2)");
    expect(slideFormula('A2-1', { row: 2, col: 2 }, { row: 1, col: 1 })).toBe('#REF!-1');
  });

  it('date formats are told from number formats', () => {
    for (const f of ['dd/mm/yyyy', 'mm-dd-yy', '[$-42A]d mmmm yyyy', 'h:mm', 'yyyy"年"m"月"']) expect(isDateFormat(f), f).toBe(true);
    // An elapsed time ("[h]:mm:ss") is a duration: more in workbook-reader-real-world.test.ts.
    for (const f of ['0.0%', '#,##0', '#,##0 "người"', '0.00E+00', '[Red]#,##0', '#,##0 [$₫-42A]', '@', 'General', '0\\ "ngày"', '[h]:mm:ss']) expect(isDateFormat(f), f).toBe(false);
  });

  it('an XML part that is not well formed is an error, not a half-read model', async () => {
    const scan = await scanWorkbook(workbook('<row r="1"><c r="A1"><v>1</v></row>'), 'broken.xlsx');
    expect(() => readWorkbook(scan.parts, scan.entryNames, 'broken.xlsx')).toThrow();
  });

  it('a worksheet the workbook names but the archive lacks is an error', async () => {
    const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml('') }]).filter((e) => e.name !== 'xl/worksheets/sheet1.xml');
    const scan = await scanWorkbook(writeZip(entries), 'missing.xlsx');
    expect(() => readWorkbook(scan.parts, scan.entryNames, 'missing.xlsx')).toThrow(/missing/u);
  });

  it('keeps the text of a cell written as UTF-16', async () => {
    const xml = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Lạng Sơn</t></is></c></row>').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml: '' }]).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]) } : e));
    const model = await read(writeZip(entries));
    expect(findSheet(model, 'Báo cáo')?.cells[0]?.value).toBe('Lạng Sơn');
  });
});
