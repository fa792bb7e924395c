// Workbooks written by generators (exceljs, report tools, scripts) carry formulas with no
// stored result: Excel computes them on opening. The layout-profile path reads them as
// the form path does: the worker computes what it can (formula-eval.ts), the model holds
// the computed value where the file stored none, so headings, labels, the period title
// and figures read as Excel would show them; only a cell that cannot be computed gets a
// problem of its own, with its place, and the rest of the file is read.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { LayoutProfileInput } from '../../shared/profiles';
import { importFiles } from '../../electron/app/intake';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { findSheet, indexCells } from '../../electron/excel/workbook-model';
import { buildPoliceWorkbook, POLICE_CELLS, POLICE_PROFILE_NAME, POLICE_SHEET, policeProfile } from '../fixtures/foreign-workbooks';
import { call, cleanupTempDirs, local, openTestApp, type TestApp } from '../helpers/app';

let pool: ParsePool;
beforeAll(() => {
  pool = createParsePool(2);
});
afterAll(async () => {
  await pool.close();
  cleanupTempDirs();
});
const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

/**
 * The police's own layout as a generator writes it: the agency heading, the period
 * title, a row label and figures are formulas, and exceljs stores no result for them
 * (`{ formula }` without `result`), as such tools do.
 */
async function generatedPoliceWorkbook(options: { uncomputable?: boolean } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await buildPoliceWorkbook()) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(POLICE_SHEET)!;
  const formula = (address: string, text: string) => {
    ws.getCell(address).value = { formula: text } as ExcelJS.CellFormulaValue;
  };
  formula('A1', '"CÔNG AN TỈNH "&"LẠNG SƠN"');
  formula('A3', '"BÁO CÁO SỐ LIỆU QUÝ I NĂM "&2022');
  formula('B19', '"Số thoả thuận, bản ghi nhớ được ký kết hoặc tiếp tục thực hiện"');
  formula('D8', '100+20');
  formula('D9', 'E9');
  formula('D16', 'ROUND(1250.4,0)');
  formula('D23', 'SUM(D8:D21)');
  // VLOOKUP is not computed here: this one cell cannot be read, the others can.
  if (options.uncomputable) formula('D14', 'VLOOKUP(6,$E$14:$E$14,1,FALSE)');
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return bytes;
}

async function start(): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 3, 16) });
  open.push(app);
  await call(app.h, 'profiles.save', { definition: policeProfile() as LayoutProfileInput });
  return app;
}

describe('formulas without a stored result, through a layout profile', () => {
  it('the file really stores no results, and the worker gives the model the computed values', async () => {
    const bytes = await generatedPoliceWorkbook();
    const { model, problems } = await pool.parse(bytes, { fileName: 'generated.xlsx' });
    expect(problems).toEqual([]);
    const cells = indexCells(findSheet(model!, POLICE_SHEET)!);
    expect(cells.get('D8')).toMatchObject({ type: 'formula', formula: '100+20', hasCachedResult: false, value: 120, resultType: 'number' });
    expect(cells.get('A1')).toMatchObject({ type: 'formula', hasCachedResult: false, value: 'CÔNG AN TỈNH LẠNG SƠN', resultType: 'string' });
    expect(cells.get('D23')).toMatchObject({ hasCachedResult: false, computed: { type: 'number', value: 3040.5 } });
  });

  it('reads every figure, the agency and the period as Excel would show them', async () => {
    const app = await start();
    const [o] = await importFiles(app.ctx, [{ name: 'CA generated.xlsx', bytes: await generatedPoliceWorkbook() }], { receivedOn: '2022-03-16', profile: POLICE_PROFILE_NAME }, pool);
    expect(o).toMatchObject({ ok: true, status: 'imported', agency: 'CA', period: '2022-Q1', readAs: 'profile', profile: POLICE_PROFILE_NAME });
    expect(o!.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const after = new Map(o!.changes.map((c) => [c.field, c.after]));
    expect(after.get('NV2.01')).toBe(120);
    expect(after.get('NV2.02')).toBe(POLICE_CELLS['NV2.02'].value);
    expect(after.get('NV4.03')).toBe(1250);
    // Found by its label, itself a formula with no stored result.
    expect(after.get('NV6.02')).toBe(POLICE_CELLS['NV6.02'].value);
  });

  it('a formula that cannot be computed is a problem at its cell only, with what to do', async () => {
    const app = await start();
    const [o] = await importFiles(app.ctx, [{ name: 'CA generated.xlsx', bytes: await generatedPoliceWorkbook({ uncomputable: true }) }], { receivedOn: '2022-03-16', profile: POLICE_PROFILE_NAME, dryRun: true }, pool);
    const errors = o!.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.cell])).toEqual([['FORMULA_NO_RESULT', `${POLICE_SHEET}!D14`]]);
    expect(errors[0]?.message).toContain('VLOOKUP');
    expect(errors[0]?.message).toContain('Hãy mở tệp bằng Excel');
    // The rest of the file is read: the agency and period are known, and once the clerk
    // gives D14 its figure (a correction with a note) the file is taken with every other one.
    expect(o).toMatchObject({ agency: 'CA', period: '2022-Q1', readAs: 'profile' });
    const [taken] = await importFiles(
      app.ctx,
      [{ name: 'CA generated.xlsx', bytes: await generatedPoliceWorkbook({ uncomputable: true }), corrections: [{ field: 'indicator:NV4.01', number: 6, note: 'Theo điện thoại với đ/c Bình ngày 16/3/2022' }] }],
      { receivedOn: '2022-03-16', profile: POLICE_PROFILE_NAME },
      pool,
    );
    expect(taken).toMatchObject({ ok: true, status: 'imported', agency: 'CA' });
    const after = new Map(taken!.changes.map((c) => [c.field, c.after]));
    expect([after.get('NV2.01'), after.get('NV4.01'), after.get('NV6.02')]).toEqual([120, 6, POLICE_CELLS['NV6.02'].value]);
  });
});
