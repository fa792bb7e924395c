// Hostile and broken workbooks, built as real bytes on disk, must each be refused with
// their own problem code, quickly, and without taking the process down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { isExcelLockFile, readCfbStreamNames, sniffWorkbook } from '../../electron/excel/sniff';
import { MAX_ZIP_ENTRIES, scanWorkbook } from '../../electron/excel/zip-scan';
import { MAX_MERGES, MAX_MERGES_PER_SHEET } from '../../electron/excel/workbook-reader';
import { createParsePool, parseWorkbook, readUntrustedWorkbook, type ParsePool } from '../../electron/excel/parse';
import { findSheet, hasExternalReference, indexCells, type WorkbookModel } from '../../electron/excel/workbook-model';
import { readNumberCell } from '../../electron/excel/cell-values';
import { AppError } from '../../shared/errors';
import { deflatedZeros, minimalXlsxEntries, sheetXml, writeZip, type ZipEntryInput } from '../fixtures/zip-writer';

let dir: string;
let pool: ParsePool;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cctp-intake-'));
  pool = createParsePool(2);
});

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the file and reads it back, as the importer will. */
function onDisk(name: string, bytes: Uint8Array): Uint8Array {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return new Uint8Array(readFileSync(path));
}

/** The codes of the problems the whole intake (scan and read, in a worker) finds. */
async function codesOf(name: string, bytes: Uint8Array): Promise<string[]> {
  const { problems } = await readUntrustedWorkbook(onDisk(name, bytes), name, { pool });
  return problems.map((p) => p.code);
}

/** The model of a workbook that must read without problems. */
async function modelOf(name: string, bytes: Uint8Array, using: ParsePool = pool): Promise<WorkbookModel> {
  const { model, problems } = await using.parse(onDisk(name, bytes), { fileName: name });
  expect(problems).toEqual([]);
  expect(model).not.toBeNull();
  return model as WorkbookModel;
}

async function realXlsx(fill?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  if (fill) fill(wb);
  else {
    const ws = wb.addWorksheet('Báo cáo');
    ws.getCell('A1').value = 'Công an tỉnh Lạng Sơn';
    for (let r = 2; r < 200; r++) ws.getRow(r).values = [r, `Chỉ tiêu ${r}`, r * 3];
    ws.mergeCells('A1:C1');
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function xlsxWith(sheets: Parameters<typeof minimalXlsxEntries>[0], extra?: ZipEntryInput[]): Uint8Array {
  return writeZip(minimalXlsxEntries(sheets, { extra }));
}

/** A compound file (MS-CFB, v3) whose directory holds the given stream names. */
function compoundFile(streams: string[]): Uint8Array {
  const sector = 512;
  const header = Buffer.alloc(sector, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory at sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(sector, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(0xfffffffe, 4); // the directory ends in sector 1
  const directory = Buffer.alloc(sector, 0);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const base = i * 128;
    Buffer.from(`${name}\0`, 'utf16le').copy(directory, base);
    directory.writeUInt16LE((name.length + 1) * 2, base + 64);
    directory[base + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, fat, directory, Buffer.alloc(sector, 0x2a)]);
}

describe('sniffing', () => {
  it('refuses an empty file', async () => {
    expect(await codesOf('empty.xlsx', new Uint8Array())).toEqual(['FILE_EMPTY']);
  });

  it('refuses random bytes named .xlsx', async () => {
    const bytes = randomBytes(64 * 1024);
    bytes[0] = 0x00;
    expect(await codesOf('random.xlsx', bytes)).toEqual(['NOT_A_WORKBOOK']);
  });

  it('tells an Excel 97-2003 file how to become .xlsx', async () => {
    const bytes = compoundFile(['Workbook', '\u0005SummaryInformation']);
    expect(readCfbStreamNames(bytes)).toEqual(['Root Entry', 'Workbook', '\u0005SummaryInformation']);
    const report = await scanWorkbook(onDisk('old.xls', bytes), 'old.xls');
    expect(report.problems.map((p) => p.code)).toEqual(['XLS_OLD_FORMAT']);
    expect(report.problems[0]?.message).toContain('Tệp "old.xls" là định dạng Excel 97-2003 (.xls)');
    expect(report.problems[0]?.message).toContain('Lưu thành (Save As) → Sổ làm việc Excel (.xlsx)');
  });

  it('recognises a password-protected workbook', async () => {
    const bytes = compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']);
    expect(sniffWorkbook(bytes, 'locked.xlsx')).toMatchObject({ kind: 'ole', ole: 'encrypted' });
    expect(await codesOf('locked.xlsx', bytes)).toEqual(['ENCRYPTED']);
  });

  it('says "either" when a compound file has no readable directory', async () => {
    const bytes = Buffer.concat([compoundFile([]).subarray(0, 512), randomBytes(2048)]);
    bytes.writeUInt32LE(0x7fffffff, 0x30); // the directory points nowhere
    expect(await codesOf('mystery.xls', bytes)).toEqual(['XLS_OR_ENCRYPTED']);
    // ... unless the stream names are still there to be seen.
    const withNames = Buffer.concat([bytes, Buffer.from('EncryptedPackage', 'utf16le')]);
    expect(await codesOf('mystery.xlsx', withNames)).toEqual(['ENCRYPTED']);
  });

  it('skips Excel lock files', () => {
    expect(isExcelLockFile('~$BaoCao_2022-Q1_CA.xlsx')).toBe(true);
    expect(isExcelLockFile('C:\\Users\\vt\\Desktop\\~$BaoCao.xlsx')).toBe(true);
    expect(isExcelLockFile('/home/vt/~$BaoCao.xlsx')).toBe(true);
    expect(isExcelLockFile('BaoCao~$.xlsx')).toBe(false);
  });

  it('refuses a zip that is no workbook', async () => {
    const docx = writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]);
    expect(await codesOf('letter.xlsx', docx)).toEqual(['NOT_A_WORKBOOK']);
  });
});

describe('zip pre-scan', () => {
  it('passes a real workbook and lists its parts', async () => {
    const report = await scanWorkbook(onDisk('good.xlsx', await realXlsx()), 'good.xlsx');
    expect(report.problems).toEqual([]);
    expect(report.entryNames).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a truncated workbook', async () => {
    const whole = await realXlsx();
    expect(await codesOf('half.xlsx', whole.subarray(0, Math.floor(whole.length / 2)))).toEqual(['ZIP_TRUNCATED']);
  });

  it('refuses a damaged central directory', async () => {
    const bytes = Buffer.from(await realXlsx());
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(0xdeadbeef, central);
    expect(await codesOf('damaged.xlsx', bytes)).toEqual(['ZIP_TRUNCATED']);
  });

  it('refuses two parts whose names differ only in case (readers would pick different ones)', async () => {
    const other = sheetXml('<row r="2"><c r="B2"><v>999</v></c></row>');
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('<row r="2"><c r="B2"><v>111</v></c></row>') }], [{ name: 'xl/worksheets/Sheet1.xml', data: other }]);
    expect(await codesOf('case.xlsx', bytes)).toEqual(['ZIP_DUPLICATE_PART']);
    const same = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('') }], [{ name: 'xl/styles.xml', data: '<styleSheet/>' }, { name: 'xl/styles.xml', data: '<styleSheet/>' }]);
    expect(await codesOf('twice.xlsx', same)).toEqual(['ZIP_DUPLICATE_PART']);
  });

  it('refuses central-directory records hidden past the declared count', async () => {
    const bytes = Buffer.from(xlsxWith([{ name: 'Báo cáo', xml: sheetXml('') }], [{ name: 'xl/media/hidden.bin', data: 'x' }]));
    const end = bytes.length - 22;
    const count = bytes.readUInt16LE(end + 10);
    bytes.writeUInt16LE(count - 1, end + 8);
    bytes.writeUInt16LE(count - 1, end + 10);
    expect(await codesOf('hidden.xlsx', bytes)).toEqual(['ZIP_CORRUPT']);
  });

  it('refuses a zip bomb by its declared ratio, without inflating it', async () => {
    const zeros = 400 * 1024 * 1024;
    const deflated = deflatedZeros(zeros);
    expect(deflated.length).toBeLessThan(1024 * 1024);
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('') }], [{ name: 'xl/media/image1.png', deflated, uncompressedSize: zeros }]);
    const started = Date.now();
    const report = await scanWorkbook(onDisk('bomb.xlsx', bytes), 'bomb.xlsx');
    expect(report.problems.map((p) => p.code)).toEqual(['ZIP_BOMB']);
    expect(report.problems[0]?.message).toContain('xl/media/image1.png');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stops a bomb that lies about its size as soon as it passes the declared size', async () => {
    const deflated = deflatedZeros(400 * 1024 * 1024);
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('') }], [{ name: 'xl/worksheets/sheet2.xml', deflated, uncompressedSize: 100_000 }]);
    const started = Date.now();
    const heapBefore = process.memoryUsage().rss;
    expect(await codesOf('liar-bomb.xlsx', bytes)).toEqual(['ZIP_SIZE_MISMATCH']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses an entry whose declared size lies either way', async () => {
    const xml = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(50));
    const small = xlsxWith([{ name: 'Báo cáo', xml }]).subarray(0); // honest control
    expect(await codesOf('honest.xlsx', small)).toEqual([]);
    const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml }]);
    const tooSmall = entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, uncompressedSize: 100 } : e));
    expect(await codesOf('declared-small.xlsx', writeZip(tooSmall))).toEqual(['ZIP_SIZE_MISMATCH']);
    const tooBig = entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, uncompressedSize: 50_000 } : e));
    expect(await codesOf('declared-big.xlsx', writeZip(tooBig))).toEqual(['ZIP_SIZE_MISMATCH']);
  });

  it('refuses a workbook of 10,000 entries', async () => {
    const filler = Array.from({ length: 10_000 }, (_, i) => ({ name: `xl/media/x${i}.bin`, data: 'x', method: 0 as const }));
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('') }], filler);
    const report = await scanWorkbook(onDisk('many.xlsx', bytes), 'many.xlsx');
    expect(report.problems.map((p) => p.code)).toEqual(['ZIP_TOO_MANY_ENTRIES']);
    expect(report.problems[0]?.message).toContain(MAX_ZIP_ENTRIES.toLocaleString('vi-VN'));
  });

  it('refuses a merge over the whole sheet, naming the sheet', async () => {
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('', '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>') }]);
    const { model, problems } = await readUntrustedWorkbook(onDisk('merge-all.xlsx', bytes), 'merge-all.xlsx', { pool });
    expect(model).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['SHEET_AREA_TOO_LARGE']);
    expect(problems[0]?.message).toContain('trang tính "Báo cáo"');
    // The place to look: the sheet and the merge itself.
    expect(problems[0]?.cell).toBe('Báo cáo!A1:XFD1048576');
  });

  it('reads a sheet whose dimension claims the whole sheet: the cells it holds are what count', async () => {
    // Gnumeric declares A1:XFD1048576; the cap on cells really held (MAX_SHEET_CELLS) stays.
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1"><v>22</v></c></row>', '', 'A1:XFD1048576') }]);
    expect(await codesOf('dimension.xlsx', bytes)).toEqual([]);
  });

  it('is not fooled by attribute tricks around the merge reference', async () => {
    const tricky = `<mergeCells><mergeCell xmlns:x="urn:x" x:note=' ref="A1:B2"' ref="A1:XFD1048576"/></mergeCells>`;
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('', tricky) }]);
    expect(await codesOf('tricky.xlsx', bytes)).toEqual(['SHEET_AREA_TOO_LARGE']);
  });

  it('never expands defined names, however much they cover', async () => {
    const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1"><v>3</v></c></row>') }]);
    const workbook = entries.find((e) => e.name === 'xl/workbook.xml')!;
    workbook.data = String(workbook.data).replace('</sheets>', `</sheets><definedNames><definedName name="all">'Báo cáo'!$A$1:$XFD$1048576</definedName></definedNames>`);
    const started = Date.now();
    const model = await modelOf('names.xlsx', writeZip(entries));
    expect(findSheet(model, 'Báo cáo')?.cells.map((c) => c.value)).toEqual([3]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  const smallMerges = (count: number, from = 1): string =>
    `<mergeCells count="${count}">${Array.from({ length: count }, (_, i) => `<mergeCell ref="A${from + i}:B${from + i}"/>`).join('')}</mergeCells>`;

  it(`refuses 30,000 small merges (limit ${MAX_MERGES_PER_SHEET} a sheet)`, async () => {
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('', smallMerges(30_000)) }]);
    const { problems } = await readUntrustedWorkbook(onDisk('merges.xlsx', bytes), 'merges.xlsx', { pool });
    expect(problems.map((p) => p.code)).toEqual(['TOO_MANY_MERGES']);
    expect(problems[0]?.message).toContain('trang tính "Báo cáo"');
  });

  it(`refuses merges spread over sheets past ${MAX_MERGES} in all, and passes a sheet at the limit`, async () => {
    const sheets = Array.from({ length: 6 }, (_, i) => ({ name: `Trang ${i + 1}`, xml: sheetXml('', smallMerges(MAX_MERGES_PER_SHEET)) }));
    expect(await codesOf('spread.xlsx', xlsxWith(sheets))).toEqual(['TOO_MANY_MERGES']);
    expect(await codesOf('at-limit.xlsx', xlsxWith(sheets.slice(0, 1)))).toEqual([]);
  });
});

describe('parsing in a worker', () => {
  it('reads a real workbook into a plain model', async () => {
    const bytes = await realXlsx((wb) => {
      const ws = wb.addWorksheet('Báo cáo');
      ws.getCell('A1').value = 'C«ng an tØnh';
      ws.getCell('A1').font = { name: '.VnTime' };
      ws.getCell('B2').value = 1234;
      ws.getCell('C2').value = { formula: 'B2*2', result: 2468 };
      ws.getCell('D2').value = new Date(Date.UTC(2022, 2, 18));
      ws.getCell('E2').value = { richText: [{ text: 'Vieät ', font: { name: 'VNI-Times' } }, { text: 'Nam' }] };
      ws.mergeCells('A5:C6');
      wb.addWorksheet('_meta', { state: 'veryHidden' }).getCell('A1').value = 'format';
    });
    const { model, problems } = await readUntrustedWorkbook(onDisk('form.xlsx', bytes), 'form.xlsx', { pool });
    expect(problems).toEqual([]);
    const sheet = findSheet(model!, 'Báo cáo')!;
    expect(sheet.merges).toEqual(['A5:C6']);
    const cells = indexCells(sheet);
    expect(cells.get('A1')).toMatchObject({ type: 'string', value: 'C«ng an tØnh', fontName: '.VnTime' });
    expect(cells.get('B2')).toMatchObject({ type: 'number', value: 1234 });
    expect(cells.get('C2')).toMatchObject({ type: 'formula', formula: 'B2*2', value: 2468, hasCachedResult: true });
    expect(cells.get('D2')).toMatchObject({ type: 'date', value: '2022-03-18' });
    expect(cells.get('E2')).toMatchObject({ type: 'richText', value: 'Vieät Nam', fontName: 'VNI-Times' });
    expect(findSheet(model!, '_meta')?.state).toBe('veryHidden');
    expect(model!.date1904).toBe(false);
    expect(structuredClone(model)).toEqual(model);
  });

  it('does not expand data validations, formats or links laid over a whole sheet', async () => {
    const whole = 'A1:XFD1048576';
    const after =
      `<conditionalFormatting sqref="${whole}"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>` +
      `<dataValidations count="1"><dataValidation type="whole" operator="greaterThanOrEqual" allowBlank="1" sqref="${whole}"><formula1>0</formula1></dataValidation></dataValidations>` +
      `<hyperlinks><hyperlink ref="${whole}" display="x"/></hyperlinks>`;
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>', after) }]);
    const started = Date.now();
    const { model, problems } = await readUntrustedWorkbook(onDisk('validated.xlsx', bytes), 'validated.xlsx', { pool });
    expect(problems).toEqual([]);
    expect(findSheet(model!, 'Báo cáo')?.cells).toEqual([{ address: 'A1', row: 1, col: 1, type: 'number', value: 7 }]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('computes a formula without a cached result when it can, and refuses one it cannot', async () => {
    const rows = '<row r="2"><c r="A2"><v>5</v></c><c r="B2"><f>A2*2</f></c><c r="C2"><f>VLOOKUP(A2,A1:B2,2,FALSE)</f></c></row>';
    const model = await modelOf('no-result.xlsx', xlsxWith([{ name: 'Báo cáo', xml: sheetXml(rows) }]));
    const cells = indexCells(findSheet(model, 'Báo cáo')!);
    // No result stored: the computed one is the cell's value, for every reader of the model.
    expect(cells.get('B2')).toMatchObject({ type: 'formula', formula: 'A2*2', hasCachedResult: false, value: 10, resultType: 'number', computed: { type: 'number', value: 10 } });
    expect(cells.get('C2')).toMatchObject({ hasCachedResult: false, value: null });
    const computed = readNumberCell(cells.get('B2'), { sheet: 'Báo cáo', address: 'B2' });
    expect(computed).toMatchObject({ value: 10, problems: [] });
    const read = readNumberCell(cells.get('C2'), { sheet: 'Báo cáo', address: 'C2', label: 'chỉ tiêu NV2.01 – Số vụ án hình sự đã thụ lý' });
    expect(read.problems.map((p) => p.code)).toEqual(['FORMULA_NO_RESULT']);
    expect(read.problems[0]?.cell).toBe('Báo cáo!C2');
  });

  it('refuses a stored result the formula does not compute (=1+1 stored as 999), with both numbers', async () => {
    const rows = '<row r="2"><c r="A2"><v>140</v></c><c r="B2"><f>1+1</f><v>999</v></c><c r="C2"><f>SUM(A2:A3)+B3</f><v>150</v></c></row><row r="3"><c r="A3"><v>7</v></c><c r="B3"><v>3</v></c></row>';
    const model = await modelOf('stored.xlsx', xlsxWith([{ name: 'Báo cáo', xml: sheetXml(rows) }]));
    const cells = indexCells(findSheet(model, 'Báo cáo')!);
    const wrong = readNumberCell(cells.get('B2'), { sheet: 'Báo cáo', address: 'B2' });
    expect(wrong.value).toBeNull();
    expect(wrong.problems.map((p) => p.code)).toEqual(['FORMULA_RESULT_MISMATCH']);
    expect(wrong.problems[0]?.message).toContain('công thức =1+1 tính ra 2 (số Excel hiện khi mở tệp), nhưng tệp lưu kết quả 999');
    expect(readNumberCell(cells.get('C2'), { sheet: 'Báo cáo', address: 'C2' })).toMatchObject({ value: 150, problems: [] });
  });

  it('holds a stored result to the computed one far below what a figure shows, not to the last bit (0.1+0.2−0.3 stored as 0)', async () => {
    const rows = '<row r="2"><c r="B2"><f>0.1+0.2-0.3</f><v>0</v></c><c r="C2"><f>0.1+0.2</f><v>0.3</v></c><c r="D2"><f>0.1+0.2</f><v>0.3001</v></c></row>';
    const model = await modelOf('float.xlsx', xlsxWith([{ name: 'Báo cáo', xml: sheetXml(rows) }]));
    const cells = indexCells(findSheet(model, 'Báo cáo')!);
    // Where both agree, the figure is the one Excel stored: 0, not 5.6E-17.
    expect(readNumberCell(cells.get('B2'), { sheet: 'Báo cáo', address: 'B2' })).toMatchObject({ value: 0, problems: [] });
    expect(readNumberCell(cells.get('C2'), { sheet: 'Báo cáo', address: 'C2' }).problems).toEqual([]);
    expect(readNumberCell(cells.get('D2'), { sheet: 'Báo cáo', address: 'D2' }).problems.map((p) => p.code)).toEqual(['FORMULA_RESULT_MISMATCH']);
  });

  it('flags a reference to another workbook', async () => {
    const rows = '<row r="3"><c r="B3"><f>[1]Sheet1!$A$1</f><v>5</v></c><c r="C3"><f>SUM(Table1[2022])</f><v>1</v></c></row>';
    const link = '<?xml version="1.0" encoding="UTF-8"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>';
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml(rows) }], [{ name: 'xl/externalLinks/externalLink1.xml', data: link }]);
    const model = await modelOf('external.xlsx', bytes);
    expect(model.externalLinks).toEqual(['xl/externalLinks/externalLink1.xml']);
    const cells = indexCells(findSheet(model, 'Báo cáo')!);
    expect(cells.get('B3')).toMatchObject({ externalRef: true, value: 5 });
    expect(cells.get('C3')?.externalRef).toBeUndefined();
    const read = readNumberCell(cells.get('B3'), { sheet: 'Báo cáo', address: 'B3' });
    expect(read.problems.map((p) => p.code)).toEqual(['EXTERNAL_REFERENCE']);
    expect(hasExternalReference("'C:\\Báo cáo\\[Tong hop.xlsx]Sheet 1'!A1")).toBe(true);
    expect(hasExternalReference('[Book.xlsx]Sheet1!A1+1')).toBe(true);
    expect(hasExternalReference("'[1]Sheet 1'!A1*2")).toBe(true);
    expect(hasExternalReference('[1]!TongSo')).toBe(true);
    expect(hasExternalReference('"[1]x!"&A1')).toBe(false);
    expect(hasExternalReference('SUM(Table1[2022])+Sheet2!A1')).toBe(false);
    expect(hasExternalReference("Table1[[#This Row],[Số]]*'Báo cáo'!F2")).toBe(false);
  });

  it('keeps a sheet and headers named "__proto__" as plain data', async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>__proto__</t></is></c><c r="B1" t="inlineStr"><is><t>constructor</t></is></c></row>';
    const bytes = xlsxWith([
      { name: '__proto__', xml: sheetXml(rows) },
      { name: 'constructor', xml: sheetXml('') },
    ]);
    const model = await modelOf('proto.xlsx', bytes);
    expect(model.sheets.map((s) => s.name)).toEqual(['__proto__', 'constructor']);
    expect(findSheet(model, '__proto__')?.cells.map((c) => c.value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('reads the 1904 date system', async () => {
    const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1"><v>43540</v></c></row>') }], { date1904: true });
    const model = await modelOf('mac.xlsx', writeZip(entries));
    expect(model.date1904).toBe(true);
    // 43540 in the 1904 system is 2023-03-17; the same number in the 1900 system would be 2019-03-15.
    const dated = minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1" s="1"><v>43540</v></c></row>') }], { date1904: true, dateStyle: true });
    expect(indexCells(findSheet(await modelOf('mac-date.xlsx', writeZip(dated)), 'Báo cáo')!).get('A1')).toMatchObject({ type: 'date', value: '2023-03-17' });
  });

  it('turns XML that is not well formed into PARSE_FAILED', async () => {
    const bytes = xlsxWith([{ name: 'Báo cáo', xml: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>' }]);
    const { model, problems } = await readUntrustedWorkbook(onDisk('broken.xlsx', bytes), 'broken.xlsx', { pool });
    expect(model).toBeNull();
    expect(problems.map((p) => p.code)).toEqual(['PARSE_FAILED']);
    expect(problems[0]?.message).toContain('"broken.xlsx"');
  });

  it('stops a parse that runs past its time limit, and the pool carries on', async () => {
    // Big enough that no read finishes within the 1 ms allowed.
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const bytes = onDisk('slow.xlsx', xlsxWith([{ name: 'Báo cáo', xml: sheetXml(rows) }]));
    const result = await readUntrustedWorkbook(bytes, 'slow.xlsx', { pool, timeoutMs: 1 });
    expect(result.model).toBeNull();
    expect(result.problems.map((p) => p.code)).toEqual(['PARSE_TIMEOUT']);
    await expect(parseWorkbook(bytes, { timeoutMs: 1 })).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'PARSE_TIMEOUT');
    const again = await modelOf('slow.xlsx', bytes);
    expect(findSheet(again, 'Báo cáo')?.cells).toHaveLength(20_000);
  });

  it('turns a worker that runs out of memory into PARSE_FAILED', async () => {
    // 24 MB is enough to start the worker and read a report, not to hold 120,000 rows.
    const rows = Array.from({ length: 120_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>${i * 2}</v></c><c r="C${i + 1}"><v>${i / 7}</v></c></row>`).join('');
    const bytes = onDisk('big.xlsx', xlsxWith([{ name: 'Báo cáo', xml: sheetXml(rows) }]));
    await expect(parseWorkbook(bytes, { maxHeapMb: 24, fileName: 'big.xlsx' })).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'PARSE_FAILED' && e.message.includes('bộ nhớ'),
    );
  });
});

describe('a worker is not left tampered with', () => {
  it('reads a workbook with defined names on a sheet called "__proto__" as plain data, and the next file cleanly', async () => {
    const single = createParsePool(1);
    try {
      const entries = minimalXlsxEntries([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }]);
      const workbook = entries.find((e) => e.name === 'xl/workbook.xml')!;
      workbook.data = String(workbook.data).replace(
        '</sheets>',
        `</sheets><definedNames><definedName name="x">'__proto__'!$A$1</definedName><definedName name="__proto__">'Báo cáo'!$B$2</definedName></definedNames>`,
      );
      const poisoned = await modelOf('poison.xlsx', writeZip(entries), single);
      expect(poisoned.sheets.map((s) => s.name)).toEqual(['Báo cáo']);
      expect(({} as Record<string, unknown>)[1]).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
      const next = await modelOf('after-poison.xlsx', await realXlsx(), single);
      expect(indexCells(findSheet(next, 'Báo cáo')!).get('A1')?.value).toBe('Công an tỉnh Lạng Sơn');
    } finally {
      await single.close();
    }
  });
});

describe('a pool of the app\u2019s life', () => {
  it('starts a worker per file as files come, ends its workers once idle, and starts again for the next file', async () => {
    const idle = createParsePool(2, { idleMs: 150 });
    try {
      expect(idle.running).toBe(0);
      const bytes = xlsxWith([{ name: 'Báo cáo', xml: sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>') }]);
      const first = await modelOf('mot.xlsx', bytes, idle);
      expect(indexCells(findSheet(first, 'Báo cáo')!).get('A1')?.value).toBe(7);
      // One file, one worker: the second core is not woken for nothing.
      expect(idle.running).toBe(1);
      await new Promise((r) => setTimeout(r, 400));
      expect(idle.running).toBe(0);
      const again = await modelOf('hai.xlsx', bytes, idle);
      expect(indexCells(findSheet(again, 'Báo cáo')!).get('A1')?.value).toBe(7);
      expect(idle.running).toBe(1);
    } finally {
      await idle.close();
    }
  });
});
