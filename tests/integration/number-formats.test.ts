// What Excel shows the agency is what the app stores, or the file is refused: a figure
// cell whose number format hides the figure, shows other digits or divides it by a
// thousand is refused at that cell, and can be put right by the office with a note.
// Real .xlsx bytes, written by ExcelJS with the format set as Excel would save it.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fillForm } from '../fixtures/fill-form';
import { cellOfField, metaEntries } from '../helpers/workbooks';
import { call, cleanupTempDirs, count, openTestApp, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function formWithFormat(app: TestApp, format: string, value = 15): Promise<{ bytes: Uint8Array<ArrayBuffer>; ref: string }> {
  const [blank] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: ['TA'] });
  const filled = await fillForm(blank!.bytes, (e) => (e.field === 'indicator:NV2.01' ? value : e.field === 'indicator:NV2.02' ? 10 : null));
  const ref = cellOfField((await metaEntries(filled.bytes)).entries, 'indicator:NV2.01').ref;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(filled.bytes) as unknown as ArrayBuffer);
  const cut = ref.lastIndexOf('!');
  const ws = wb.getWorksheet(ref.slice(0, cut).replace(/^'(.*)'$/u, '$1'));
  ws!.getCell(ref.slice(cut + 1)).numFmt = format;
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()) as Uint8Array<ArrayBuffer>, ref };
}

describe('a figure cell shows what it holds', () => {
  it.each([
    [';;;', 'không hiện gì'],
    ['"12"', 'hiện "12"'],
    ['#,##0,', 'hiện số đã chia cho 1.000'],
  ])('refuses format %s at its cell, and nothing is stored', async (format, said) => {
    const app = await openTestApp({});
    open.push(app);
    const { bytes, ref } = await formWithFormat(app, format, 15000);
    const [o] = await call(app.h, 'intake.import', { files: [{ name: 'TA.xlsx', bytes }], period: '2022-Q1' });
    expect(o?.status).toBe('rejected');
    const p = o?.problems.find((x) => x.code === 'FORMAT_HIDES_FIGURE' && x.cell === ref);
    expect(p).toMatchObject({ severity: 'error', cell: ref, remedy: 'correct' });
    expect(p?.message).toContain(said);
    expect(p?.message).toContain('15.000');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
    // The office, having phoned the agency, gives the figures with a note (ExcelJS gave
    // the cell below the same style, so it is refused too).
    const refused = o?.problems.filter((x) => x.code === 'FORMAT_HIDES_FIGURE').map((x) => x.field) ?? [];
    const corrections = refused.map((field) => ({ field: field ?? '', number: field === 'indicator:NV2.01' ? 15000 : 10, note: 'Đơn vị xác nhận qua điện thoại' }));
    const [fixed] = await call(app.h, 'intake.import', { files: [{ name: 'TA.xlsx', bytes, corrections }], period: '2022-Q1' });
    expect(fixed?.status).toBe('imported');
  });

  it('takes the formats agencies use that show the figure: thousands, decimals, units, accounting', async () => {
    const app = await openTestApp({});
    open.push(app);
    for (const format of ['#,##0', '#,##0" vụ"', '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', '[Blue]#,##0']) {
      const { bytes } = await formWithFormat(app, format);
      const [o] = await call(app.h, 'intake.import', { files: [{ name: `TA ${format}.xlsx`, bytes }], period: '2022-Q1', dryRun: true });
      expect(o?.problems.map((p) => p.code), format).not.toContain('FORMAT_HIDES_FIGURE');
      expect(o?.status, format).toBe('checked');
    }
  });
});
