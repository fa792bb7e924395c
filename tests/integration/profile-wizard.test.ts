// The layout-profile wizard's Api (excel.md §3): a sample workbook in an agency's own
// layout is shown as a grid with its merges, a profile pointed out on it is previewed
// row by row through the same reader an import uses (with suggestions for the rows that
// match nothing), and once saved the profile reads that workbook on its own.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LayoutProfileInput } from '../../shared/profiles';
import { suggestIndicators, tokens } from '../../electron/app/profile-wizard';
import { importFiles } from '../../electron/app/intake';
import { buildJudicialWorkbook, buildPoliceWorkbook, judicialProfile, POLICE_CELLS, POLICE_SHEET, POLICE_UNMATCHED_ROW } from '../fixtures/foreign-workbooks';
import { call, cleanupTempDirs, local, openTestApp, refuse, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(() => cleanupTempDirs());
const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 3, 16) });
  open.push(app);
  return app;
}

/** What a clerk points out on the police workbook in the wizard. */
function pointed(confirmed: Record<string, string> = {}): LayoutProfileInput {
  return {
    name: 'CA – mẫu riêng (trình tạo)',
    sheet: { name: POLICE_SHEET },
    headerRows: { first: 5, last: 6 },
    layout: {
      kind: 'indicator-rows',
      keyColumn: 'B',
      match: { by: 'name', confirmed },
      value: { headerText: 'Kỳ báo cáo' },
      agency: { mode: 'cell', cell: 'A1' },
    },
  };
}

describe('profiles.inspect', () => {
  it('shows the sheets as a grid: merged two-row headers as merges, Vietnamese text intact', async () => {
    const app = await start();
    const file = { name: 'BC_CongAn_QuyI.xlsx', bytes: new Uint8Array(await buildPoliceWorkbook()) };
    const inspection = await call(app.h, 'profiles.inspect', { file });
    expect(inspection.sheets.map((s) => s.name)).toEqual(['Hướng dẫn', POLICE_SHEET]);
    const sheet = inspection.sheets[1];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rows[0]?.[0]).toBe('CÔNG AN TỈNH LẠNG SƠN');
    expect(sheet.rows[4]?.slice(0, 4)).toEqual(['STT', 'Nội dung', 'Đơn vị tính', 'Số liệu']);
    expect(sheet.rows[5]?.slice(3, 6)).toEqual(['Kỳ báo cáo', 'Lũy kế', 'Cùng kỳ']);
    // Roman-numbered groups and the old tone placement come through as written.
    expect(sheet.rows[12]?.slice(0, 2)).toEqual(['II', 'CÔNG TÁC XÂY DỰNG LỰC LƯỢNG']);
    expect(sheet.rows[18]?.[1]).toBe('Số thoả thuận, bản ghi nhớ được ký kết hoặc tiếp tục thực hiện');
    // Figures as a Vietnamese reader sees them.
    expect(sheet.rows[19]?.[3]).toBe('1.520,5');
    expect(sheet.merges).toEqual(
      expect.arrayContaining([
        { row: 5, col: 1, rowSpan: 2, colSpan: 1 },
        { row: 5, col: 2, rowSpan: 2, colSpan: 1 },
        { row: 5, col: 4, rowSpan: 1, colSpan: 3 },
        { row: 1, col: 1, rowSpan: 1, colSpan: 3 },
      ]),
    );
    expect(sheet.rows.length).toBeLessThanOrEqual(60);
    expect(sheet.rows.every((r) => r.length <= 20)).toBe(true);
  });

  it('refuses what is not a workbook, in Vietnamese', async () => {
    const app = await start();
    const error = await refuse(app.h, 'profiles.inspect', { file: { name: 'ghi-chu.xlsx', bytes: new TextEncoder().encode('không phải Excel') } });
    expect(error.message).toMatch(VIETNAMESE);
  });
});

describe('profiles.preview', () => {
  it('matches every row by name and suggests indicators for the rest', async () => {
    const app = await start();
    const file = { name: 'BC_CongAn_QuyI.xlsx', bytes: new Uint8Array(await buildPoliceWorkbook()) };
    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    expect(preview).toMatchObject({ sheet: POLICE_SHEET, valueColumn: 'D', agency: { code: 'CA' }, planYear: 2022 });
    const byRow = new Map(preview.rows.map((r) => [r.row, r]));
    for (const [code, { cell }] of Object.entries(POLICE_CELLS)) {
      if (code === 'NV2.07') continue;
      expect(byRow.get(Number(cell.slice(1)))?.indicator?.code, cell).toBe(code);
    }
    expect(byRow.get(7)?.role).toBe('group');
    expect(byRow.get(20)?.value).toBe('1.520,5');
    // The ratio row is matched but computed by the app.
    expect(byRow.get(10)?.indicator).toMatchObject({ code: 'NV2.03', computed: true });
    // The unit's own wording: unmatched, with the right indicator first among the suggestions.
    const own = byRow.get(11);
    expect(own?.role).toBe('unmatched');
    expect(own?.suggestions[0]?.code).toBe('NV2.07');
    expect(own?.suggestions.length).toBeLessThanOrEqual(3);
    expect(byRow.get(POLICE_UNMATCHED_ROW)?.role).toBe('unmatched');
    expect(byRow.get(23)?.role).toBe('passed');
    expect(preview.rows.some((r) => r.role === 'end')).toBe(true);
    expect(preview.problems.map((p) => p.code)).toContain('ROW_UNMATCHED');
    expect(preview.reports).toEqual([{ agency: 'CA', values: 7 }]);
    // No period cell pointed: the title above the table names the period, which an import holds the file to.
    expect(preview.periodText).toBe('BÁO CÁO SỐ LIỆU QUÝ I NĂM 2022');

    // Pointed further: the table ends at row 21, and A3 names the period, which the preview shows.
    const bounded = await call(app.h, 'profiles.preview', { file, definition: { ...pointed(), lastRow: 21, periodCell: 'A3' }, period: '2022-Q1' });
    expect(bounded.periodText).toBe('BÁO CÁO SỐ LIỆU QUÝ I NĂM 2022');
    expect(bounded.rows.at(-1)?.row).toBe(21);
    expect(bounded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The same cell read while taking in Q2 is refused: the workbook says Q1.
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2 });
    const wrong = await call(app.h, 'profiles.preview', { file, definition: { ...pointed(), periodCell: 'A3' }, period: '2022-Q2' });
    expect(wrong.problems.some((p) => p.severity === 'error' && p.cell.includes('A3'))).toBe(true);

    // Confirming the suggestion ties the row; the preview says so at once.
    const confirmed = await call(app.h, 'profiles.preview', { file, definition: pointed({ [own?.confirmKey ?? '']: 'NV2.07' }), period: '2022-Q1' });
    expect(confirmed.rows.find((r) => r.row === 11)?.indicator?.code).toBe('NV2.07');
    expect(confirmed.reports).toEqual([{ agency: 'CA', values: 8 }]);
  });

  it('confirms by group and label when rows are matched by their numbering', async () => {
    const app = await start();
    const file = { name: 'CA.xlsx', bytes: new Uint8Array(await buildPoliceWorkbook()) };
    const byLabel = { ...pointed(), layout: { ...pointed().layout, keyColumn: 'A', match: { by: 'label' as const, confirmed: {} } } } as LayoutProfileInput;
    const first = await call(app.h, 'profiles.preview', { file, definition: byLabel, period: '2022-Q1' });
    const row14 = first.rows.find((r) => r.row === 14);
    expect(row14).toMatchObject({ role: 'unmatched', confirmKey: 'II.1' });
    expect(row14?.suggestions[0]?.code).toBe('NV4.01');
  });

  it('previews a table with one column per agency: what each agency\'s column gives', async () => {
    const app = await start();
    const file = { name: 'SoLieu_KhoiNoiChinh.xlsx', bytes: new Uint8Array(await buildJudicialWorkbook()) };
    const preview = await call(app.h, 'profiles.preview', { file, definition: judicialProfile(), period: '2022-Q1' });
    expect(preview.agency).toBeNull();
    expect(preview.reports.map((r) => r.agency)).toEqual(['CA', 'VKS', 'TA']);
    expect(preview.reports.every((r) => r.values > 0)).toBe(true);
    expect(preview.rows.find((r) => r.row === 9)?.indicator?.code).toBe('NV2.01');
    expect(preview.periodText).toBe('SỐ LIỆU CỦA CÁC CƠ QUAN TƯ PHÁP QUÝ I NĂM 2022');
  });

  it('saved, the profile reads the same workbook on its own and says so', async () => {
    const app = await start();
    const bytes = await buildPoliceWorkbook();
    const definition = pointed({ 'Án oan sai, bỏ lọt tội phạm phát hiện qua công tác kiểm tra': 'NV2.07' });
    await call(app.h, 'profiles.save', { definition });
    const [outcome] = await importFiles(app.ctx, [{ name: 'BC_CA_QuyI_2022.xlsx', bytes }], { period: '2022-Q1', receivedOn: '2022-03-16' });
    expect(outcome).toMatchObject({ ok: true, status: 'imported', agency: 'CA', readAs: 'profile', profile: 'CA – mẫu riêng (trình tạo)' });
    expect(outcome?.message).toContain('đọc theo mẫu bố cục "CA – mẫu riêng (trình tạo)"');
    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    expect(c.indicators.find((i) => i.code === 'NV2.07')?.byAgency.find((a) => a.code === 'CA')?.value).toBe(0);
    expect(c.indicators.find((i) => i.code === 'NV7.05')?.byAgency.find((a) => a.code === 'CA')?.value).toBe(1520.5);
  });
});

describe('name suggestions', () => {
  it('fold marks and case and ignore little words', () => {
    expect([...tokens('SỐ VỤ ÁN HÌNH SỰ đã thụ lý')]).toEqual(['vu', 'an', 'hinh', 'su', 'thu', 'ly']);
    const list = [
      { code: 'A', name: 'Số vụ án hình sự đã thụ lý' },
      { code: 'B', name: 'Số vụ việc dân sự đã thụ lý' },
      { code: 'C', name: 'Kinh phí đầu tư' },
    ];
    expect(suggestIndicators('so vu an hinh su thu ly trong ky', list).map((s) => s.code)).toEqual(['A', 'B']);
  });
});
