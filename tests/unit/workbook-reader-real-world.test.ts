// What real-world files (Gnumeric, LibreOffice, generators; see the corpus test) need of
// the workbook reader, each defect pinned on real .xlsx bytes: the declared dimension,
// empty shared-string indexes, both date systems with the days before 1 March 1900, and
// number formats that are dates only when they really are.
import { describe, expect, it } from 'vitest';
import { MAX_SHEET_CELLS, readWorkbook, isDateFormat, serialToIso } from '../../electron/excel/workbook-reader';
import { scanWorkbook } from '../../electron/excel/zip-scan';
import { findSheet, indexCells, type ModelCell, type WorkbookModel } from '../../electron/excel/workbook-model';
import { readDateCell, readNumberCell } from '../../electron/excel/cell-values';
import { shownDifference } from '../../electron/excel/number-format';
import { minimalXlsxEntries, sheetXml, writeZip, type ZipEntryInput } from '../fixtures/zip-writer';

const SHEET = 'Báo cáo';

async function read(entries: ZipEntryInput[], name = 'test.xlsx'): Promise<WorkbookModel> {
  const scan = await scanWorkbook(writeZip(entries), name);
  expect(scan.problems).toEqual([]);
  const { model, problems } = readWorkbook(scan.parts, scan.entryNames, name);
  expect(problems).toEqual([]);
  return model as WorkbookModel;
}

async function cellsOf(entries: ZipEntryInput[]): Promise<Map<string, ModelCell>> {
  return indexCells(findSheet(await read(entries), SHEET)!);
}

/** A styles part whose cell style i+1 carries formats[i] (style 0 is General). */
function withFormats(entries: ZipEntryInput[], formats: readonly string[]): ZipEntryInput[] {
  const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;');
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${formats.length}">${formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` +
    '<fonts count="1"><font><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${formats.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${formats.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('')}</cellXfs></styleSheet>`;
  return entries.map((e) => (e.name === 'xl/styles.xml' ? { ...e, data: styles } : e));
}

/** One row of numeric cells, cell i in column i+1 with style styleOf(i). */
function numberRow(values: readonly (number | string)[], styleOf: (i: number) => number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `<row r="1">${values.map((v, i) => `<c r="${letters[i]}1" s="${styleOf(i)}"><v>${v}</v></c>`).join('')}</row>`;
}

describe('the declared dimension', () => {
  it('is not a reason to refuse: a sheet declaring A1:XFD1048576 with a few cells reads', async () => {
    // Gnumeric writes the whole sheet as its dimension; what counts is what the sheet holds.
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Công an tỉnh</t></is></c><c r="B1"><v>22</v></c></row>';
    const model = await read(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows, '', 'A1:XFD1048576') }]), 'gnumeric.xlsx');
    const sheet = findSheet(model, SHEET)!;
    expect(sheet.cells.map((c) => `${c.address}=${c.value}`)).toEqual(['A1=Công an tỉnh', 'B1=22']);
    expect([sheet.rowCount, sheet.columnCount]).toEqual([1, 2]);
  });

  it(`still refuses a sheet that really holds more than ${MAX_SHEET_CELLS.toLocaleString('en')} cells, naming the sheet`, async () => {
    const row = (r: number) => `<row r="${r}">${Array.from({ length: 1000 }, (_, i) => `<c><v>${r * 1000 + i}</v></c>`).join('')}</row>`;
    const rows = Array.from({ length: MAX_SHEET_CELLS / 1000 + 1 }, (_, i) => row(i + 1)).join('');
    const scan = await scanWorkbook(writeZip(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows, '', 'A1:ALL1001') }])), 'many.xlsx');
    expect(scan.problems).toEqual([]);
    const { model, problems } = readWorkbook(scan.parts, scan.entryNames, 'many.xlsx');
    expect(model).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['SHEET_AREA_TOO_LARGE']);
    expect(problems[0]?.message).toContain(`trang tính "${SHEET}"`);
  });
});

describe('the package', () => {
  it('finds the workbook through the package relationships, wherever its parts are (OPC part names are free)', async () => {
    // A generator may put the workbook at the root: /workbook.xml, /sheet1.xml, named from _rels/.rels.
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Viện kiểm sát</t></is></c><c r="B1" s="1"><v>44638</v></c></row>';
    const entries = minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows) }], { dateStyle: true }).map((e) => {
      const name = e.name.replace(/^xl\//u, '').replace(/^worksheets\//u, '');
      const data = e.name === '_rels/.rels' ? String(e.data).replace('Target="xl/workbook.xml"', 'Target="/workbook.xml"') : e.name === 'xl/_rels/workbook.xml.rels' ? String(e.data).replace('worksheets/sheet1.xml', 'sheet1.xml') : e.data;
      return { ...e, name, data };
    });
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'workbook.xml', '_rels/workbook.xml.rels', 'sheet1.xml', 'styles.xml']);
    const cells = await cellsOf(entries);
    expect([...cells.values()].map((c) => [c.address, c.type, c.value])).toEqual([
      ['A1', 'string', 'Viện kiểm sát'],
      ['B1', 'date', '2022-03-18'],
    ]);
  });

  it('still says "not a workbook" of a zip whose package names no workbook', async () => {
    const entries = minimalXlsxEntries([{ name: SHEET, xml: sheetXml('') }]).map((e) => (e.name === '_rels/.rels' ? { ...e, data: String(e.data).replace('Target="xl/workbook.xml"', 'Target="xl/nothing.xml"') } : e)).filter((e) => e.name !== 'xl/workbook.xml');
    const scan = await scanWorkbook(writeZip(entries), 'other.zip');
    expect(scan.problems.map((p) => p.code)).toEqual(['NOT_A_WORKBOOK']);
  });
});

describe('shared strings', () => {
  it('an empty index (<v></v>, <v/> or no v) on a t="s" cell is an empty cell, not the first string', async () => {
    const strings =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Tên</t></si><si><t>Tuổi</t></si></sst>';
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v></v></c><c r="C1" t="s"><v/></c><c r="D1" t="s"/><c r="E1" t="s"><v> </v></c><c r="F1" t="s"><v>1</v></c></row>';
    const entries = minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows) }]);
    const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels')!;
    rels.data = String(rels.data).replace('</Relationships>', '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>');
    const cells = await cellsOf([...entries, { name: 'xl/sharedStrings.xml', data: strings }]);
    expect([...cells.values()].map((c) => `${c.address}=${c.value}`)).toEqual(['A1=Tên', 'F1=Tuổi']);
  });

  it('decodes the _xHHHH_ escapes of ST_Xstring in shared, inline and formula text; _x005F_ keeps an underscore', async () => {
    // ECMA-376 part 1, §22.9.2.19: Excel writes a carriage return as _x000D_ and shows the character.
    const strings =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>ABC_x000D_\nDEF</t></si></sst>';
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Tổng_x0009_cộng</t></is></c><c r="C1" t="inlineStr"><is><t>_x005F_x000D_ và _x00_ và _xZZZZ_</t></is></c>' +
      '<c r="D1" t="str"><f>"a"&amp;"b"</f><v>a_x000A_b</v></c></row>';
    const entries = minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows) }]);
    const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels')!;
    rels.data = String(rels.data).replace('</Relationships>', '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>');
    const cells = await cellsOf([...entries, { name: 'xl/sharedStrings.xml', data: strings }]);
    expect([...cells.values()].map((c) => c.value)).toEqual(['ABC\r\nDEF', 'Tổng\tcộng', '_x000D_ và _x00_ và _xZZZZ_', 'a\nb']);
  });

  it('an empty style attribute (s="") is no style, not the first one', async () => {
    const rows = '<row r="1"><c r="A1" s=""><v>44638</v></c></row>';
    // Style 0 shows dates here, so reading "" as 0 would turn the number into a date.
    const entries = withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows) }], { dateStyle: true }), ['dd/mm/yyyy']).map((e) =>
      e.name === 'xl/styles.xml' ? { ...e, data: String(e.data).replace('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/>') } : e,
    );
    expect((await cellsOf(entries)).get('A1')).toMatchObject({ type: 'number', value: 44638 });
  });
});

describe('dates', () => {
  it('in the 1900 system, the days before 1 March 1900 included (Excel counts a 29 February 1900)', async () => {
    const serials = [1, 31, 59, 60, 61, 10.632060185185185, 44638, 44638.4375, 0.4375];
    const cells = await cellsOf(withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(numberRow(serials, () => 1)) }], { dateStyle: true }), ['yyyy-mm-dd hh:mm:ss']));
    expect([...cells.values()].map((c) => c.value)).toEqual([
      '1900-01-01',
      '1900-01-31',
      '1900-02-28',
      // The day that never was, as Excel shows it: the reader of a date field refuses it.
      '1900-02-29',
      '1900-03-01',
      '1900-01-10T15:10:10',
      '2022-03-18',
      '2022-03-18T10:30:00',
      // A time alone: day 0 of the system, which Excel shows as 00/01/1900.
      '1899-12-31T10:30:00',
    ]);
  });

  it('in the 1904 system (workbookPr date1904)', async () => {
    const serials = [0, 1, 44638 - 1462, 10.632060185185185, 0.4375];
    const entries = withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(numberRow(serials, () => 1)) }], { dateStyle: true, date1904: true }), ['yyyy-mm-dd hh:mm:ss']);
    const model = await read(entries);
    expect(model.date1904).toBe(true);
    expect(findSheet(model, SHEET)!.cells.map((c) => c.value)).toEqual(['1904-01-01', '1904-01-02', '2022-03-18', '1904-01-11T15:10:10', '1904-01-01T10:30:00']);
  });

  it('a serial no calendar holds (negative, past 9999) stays the number it is', async () => {
    const cells = await cellsOf(withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(numberRow([-1, 2958466], () => 1)) }], { dateStyle: true }), ['dd/mm/yyyy']));
    expect([...cells.values()].map((c) => [c.type, c.value])).toEqual([
      ['number', -1],
      ['number', 2958466],
    ]);
  });

  it('converts day numbers to the second, rounding as Excel shows them', () => {
    expect(serialToIso(44638.999999, false)).toBe('2022-03-19');
    expect(serialToIso(44638 + 0.5 / 86400 - 1e-9, false)).toBe('2022-03-18');
    expect(serialToIso(Number.NaN, false)).toBeNull();
  });

  it('an ISO time alone (t="d", "10:10:10") is a time on day 0 of the system', async () => {
    const rows = '<row r="1"><c r="A1" t="d"><v>10:10:10</v></c><c r="B1" t="d"><v>2021-01-01T10:10:10</v></c></row>';
    for (const date1904 of [false, true]) {
      const model = await read(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(rows) }], { date1904 }));
      expect(findSheet(model, SHEET)!.cells.map((c) => [c.type, c.value])).toEqual([
        ['date', date1904 ? '1904-01-01T10:10:10' : '1899-12-31T10:10:10'],
        ['date', '2021-01-01T10:10:10'],
      ]);
    }
  });

  it('a date field refuses the 29 February 1900 Excel shows, in a date cell or as a number', async () => {
    const cells = await cellsOf(withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(numberRow([60, 61], () => 1)) }], { dateStyle: true }), ['dd/mm/yyyy']));
    const fake = readDateCell(cells.get('A1'), { sheet: SHEET, address: 'A1' });
    expect(fake.value).toBeNull();
    expect(fake.problems.map((p) => [p.code, p.cell])).toEqual([['DATE_INVALID', `${SHEET}!A1`]]);
    expect(fake.problems[0]?.message).toContain('29/02/1900');
    expect(readDateCell(cells.get('B1'), { sheet: SHEET, address: 'B1' })).toEqual({ value: '1900-03-01', problems: [] });
  });
});

describe('number formats', () => {
  const DATES = ['dd/mm/yyyy', 'mm-dd-yy', '[$-42A]dddd, dd mmmm yyyy', 'h:mm', 'h:mm AM/PM', 'yyyy"年"m"月"', 'mmm-yy', '[Red]dd/mm/yyyy', 'hh:mm:ss.0'];
  const NOT_DATES = [
    '0.00E+00',
    '##0.0E+0',
    '[Red]0.00',
    '[Red]#,##0;[Blue]-#,##0',
    '#,##0 "ngày"',
    '"dd/mm/yy"0',
    '0\\ \\d\\a\\y\\s',
    '#,##0_);[Red](#,##0)',
    '* #,##0',
    '#,##0 [$₫-42A]',
    '@',
    '"Số: "@',
    'General',
    // Elapsed time is a duration, a number of days: not a point in time.
    '[h]:mm:ss',
    '[hh]:mm:ss',
    '[mm]:ss',
    '[s].00',
  ];

  it('a format is a date only when it really is one', () => {
    for (const f of DATES) expect(isDateFormat(f), f).toBe(true);
    for (const f of NOT_DATES) expect(isDateFormat(f), f).toBe(false);
  });

  it('a figure under an elapsed-time format is refused for what it shows (a duration), not as hidden', async () => {
    const cells = await cellsOf(withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(numberRow([10.5], () => 1)) }], { dateStyle: true }), ['[h]:mm:ss']));
    expect(shownDifference('[h]:mm:ss', 10.5)).toEqual({ kind: 'duration' });
    const read = readNumberCell(cells.get('A1'), { sheet: SHEET, address: 'A1', label: 'chỉ tiêu NV2.01 – Số vụ án hình sự đã thụ lý' });
    expect(read.value).toBeNull();
    expect(read.problems.map((p) => [p.code, p.cell])).toEqual([['FORMAT_HIDES_FIGURE', `${SHEET}!A1`]]);
    expect(read.problems[0]?.message).toContain('khoảng thời gian');
    expect(read.problems[0]?.message).not.toContain('không hiện gì');
  });

  it('on real bytes: numbers under non-date formats stay numbers, elapsed times included', async () => {
    const formats = [...DATES, ...NOT_DATES];
    const cells = await cellsOf(withFormats(minimalXlsxEntries([{ name: SHEET, xml: sheetXml(numberRow(formats.map(() => 10.5), (i) => i + 1)) }], { dateStyle: true }), formats));
    const seen = [...cells.values()].map((c, i) => [formats[i], c.type]);
    expect(seen).toEqual(formats.map((f, i) => [f, i < DATES.length ? 'date' : 'number']));
  });
});
