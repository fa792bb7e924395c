// Every table shape agencies send, made through the wizard's own server calls
// (profiles.inspect, profiles.preview, profiles.save) and then taken in through
// intake.import, on real .xlsx bytes and a real SQLite file (excel.md §3, issue 12 item
// 4): indicators down with agencies across, agencies down with indicators across, one
// sheet per agency; rows marked "bỏ qua" never stored and never warned about; each
// suggestion says why it is made, and a sub-row's first suggestion is "bỏ qua".
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ProfilePreview } from '../../shared/api';
import type { LayoutProfileInput } from '../../shared/profiles';
import { parseProfile } from '../../electron/app/profiles';
import { isSubRow, suggestIndicators } from '../../electron/app/profile-wizard';
import { buildDistrictWorkbook, buildJudicialWorkbook, DISTRICT_INDICATORS, DISTRICT_ROWS, districtRow, JUDICIAL_FIGURES } from '../fixtures/foreign-workbooks';
import { AGENCY_SHEETS, BULLET_FIGURES, BULLET_ROWS, buildAgencySheetsWithSummary, buildAgencySheetsWorkbook, buildBulletInSttWorkbook, SHEET_FIGURES, SHEET_ROWS, SUB_ROW_KEYS } from '../fixtures/wizard-workbooks';
import { encodeTcvn3 } from '../fixtures/legacy-workbooks';
import { call, cleanupTempDirs, local, openTestApp, type TestApp } from '../helpers/app';

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

type Bytes = { name: string; bytes: Uint8Array<ArrayBuffer> };

function rowOf(preview: ProfilePreview, row: number) {
  const found = preview.rows.find((r) => r.row === row);
  if (!found) throw new Error(`row ${row} not in the preview`);
  return found;
}

function codes(preview: ProfilePreview): string[] {
  return preview.problems.map((p) => p.code);
}

/** What the wizard does last: save, then the intake takes the file in on its own (no profile named). */
async function saveAndImport(app: TestApp, definition: LayoutProfileInput, file: Bytes) {
  await call(app.h, 'profiles.save', { definition });
  const outcomes = await call(app.h, 'intake.import', { files: [file], period: '2022-Q1', receivedOn: '2022-03-16' });
  return outcomes;
}

async function figure(app: TestApp, indicator: string, agency: string): Promise<number | null | undefined> {
  const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
  return c.indicators.find((i) => i.code === indicator)?.byAgency.find((a) => a.code === agency)?.value;
}

/** The cells every stored figure was read from. */
function storedCells(app: TestApp): string[] {
  return (app.ctx.handle.sqlite.prepare('SELECT source_cell AS cell FROM value WHERE source_cell IS NOT NULL').all() as { cell: string }[]).map((r) => r.cell);
}

describe('agencies down, indicators across (one row per agency)', () => {
  // What the clerk points at: header rows 5–7, the agencies' names in column B.
  const pointed = (skip?: string[]): LayoutProfileInput => ({
    name: 'Các huyện ủy (trình tạo)',
    sheet: { name: 'Huyện ủy' },
    headerRows: { first: 5, last: 7 },
    periodCell: 'A3',
    layout: { kind: 'agency-rows', agencyColumn: 'B', match: { by: 'name', confirmed: {} }, ...(skip ? { skip } : {}) },
  });

  it('is previewed with its indicator columns and agency rows, a row marked "bỏ qua" is not warned about, and the saved profile reads the file', async () => {
    const app = await start();
    const file = { name: 'TongHop_HuyenUy_QuyI.xlsx', bytes: new Uint8Array(await buildDistrictWorkbook()) };
    const inspection = await call(app.h, 'profiles.inspect', { file });
    expect(inspection.sheets[0]?.rows[5]?.[1]).toBe('');
    expect(inspection.sheets[0]?.rows[8]?.[1]).toBe(DISTRICT_ROWS[0].name);

    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    expect(preview.kind).toBe('agency-rows');
    expect(preview.periodText).toBe('TỔNG HỢP SỐ LIỆU CỦA CÁC HUYỆN ỦY, THÀNH ỦY QUÝ I NĂM 2022');
    // Each value column with the indicator its header names, matched by name; the notes column matches none.
    expect(preview.columns.map((c) => [c.column, c.indicator?.code ?? null, c.matchedBy])).toEqual([
      ['C', DISTRICT_INDICATORS[0].code, 'name'],
      ['D', DISTRICT_INDICATORS[1].code, 'name'],
      ['E', DISTRICT_INDICATORS[2].code, 'name'],
      ['F', DISTRICT_INDICATORS[3].code, 'name'],
      ['G', null, null],
    ]);
    // Each row with its agency and its figures, as the clerk reads them.
    expect(rowOf(preview, districtRow('HU-VL'))).toMatchObject({ role: 'matched', agency: { code: 'HU-VL' }, value: '3 · 1 · 2 · 1' });
    expect(rowOf(preview, 8).role).toBe('group');
    expect(rowOf(preview, 15).role).toBe('passed');
    const other = rowOf(preview, 14);
    expect(other).toMatchObject({ role: 'unmatched', agency: null, confirmKey: 'Đảng ủy Khối các cơ quan tỉnh' });
    expect(codes(preview)).toContain('ROW_UNMATCHED');
    expect(preview.reports.map((r) => r.agency)).toEqual(['TU-LS', 'HU-TD', 'HU-VL', 'HU-VQ', 'HU-BG']);

    // Marked "bỏ qua": shown as such, and no warning about it any more.
    const skipped = await call(app.h, 'profiles.preview', { file, definition: pointed([other.confirmKey]), period: '2022-Q1' });
    expect(rowOf(skipped, 14).role).toBe('skipped');
    expect(codes(skipped)).not.toContain('ROW_UNMATCHED');

    const [outcome] = await saveAndImport(app, pointed([other.confirmKey]), file);
    expect(outcome).toMatchObject({ readAs: 'profile', profile: 'Các huyện ủy (trình tạo)' });
    expect(outcome?.problems.map((p) => p.code)).not.toContain('ROW_UNMATCHED');
    expect(await figure(app, 'NV5.02', 'HU-VL')).toBe(2);
    expect(await figure(app, 'NV8.01', 'TU-LS')).toBe(4);
    expect(storedCells(app).some((c) => c.endsWith('14'))).toBe(false);
  });

  it('an unmatched column header is confirmed by its text, and then says it was confirmed', async () => {
    const app = await start();
    const file = { name: 'HuyenUy.xlsx', bytes: new Uint8Array(await buildDistrictWorkbook()) };
    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    const notes = preview.columns.find((c) => c.column === 'G');
    expect(notes).toMatchObject({ indicator: null, confirmKey: 'Ghi chú' });
    // Confirming a column's header ties it: the notes column then reads as that indicator.
    const confirmed = await call(app.h, 'profiles.preview', {
      file,
      definition: { ...pointed(), layout: { ...pointed().layout, match: { by: 'name', confirmed: { 'Ghi chú': 'NV5.01' } } } } as LayoutProfileInput,
      period: '2022-Q1',
    });
    expect(confirmed.columns.find((c) => c.column === 'G')).toMatchObject({ indicator: { code: 'NV5.01' }, matchedBy: 'confirmed' });
  });
});

describe('indicators down, one column per agency', () => {
  it('made in the wizard and taken in: each agency\'s own column, its own figures', async () => {
    const app = await start();
    const file = { name: 'SoLieu_KhoiNoiChinh_QuyI.xlsx', bytes: new Uint8Array(await buildJudicialWorkbook()) };
    const definition: LayoutProfileInput = {
      name: 'Khối nội chính (trình tạo)',
      sheet: { name: 'Số liệu khối nội chính' },
      headerRows: { first: 5, last: 7 },
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'code', confirmed: {} }, agency: { mode: 'columns', columns: ['D', 'E', 'F'] } },
    };
    const preview = await call(app.h, 'profiles.preview', { file, definition, period: '2022-Q1' });
    expect(preview.kind).toBe('indicator-rows');
    expect(preview.reports.map((r) => r.agency)).toEqual(['CA', 'VKS', 'TA']);
    expect(rowOf(preview, 9)).toMatchObject({ role: 'matched', matchedBy: 'code', indicator: { code: 'NV2.01' } });
    const [outcome] = await saveAndImport(app, definition, file);
    expect(outcome).toMatchObject({ readAs: 'profile', profile: 'Khối nội chính (trình tạo)' });
    const row = JUDICIAL_FIGURES.find((f) => f.code === 'NV2.01');
    expect(await figure(app, 'NV2.01', 'VKS')).toBe(row?.VKS);
    expect(await figure(app, 'NV2.01', 'TA')).toBe(row?.TA);
  });
});

describe('one sheet per agency, with sub-rows', () => {
  // Pointed on the court's sheet: header row 5, names in B, "Kỳ báo cáo", the agency is the sheet's name.
  const pointed = (extra: { confirmed?: Record<string, string>; skip?: string[] } = {}): LayoutProfileInput => ({
    name: 'Khối tư pháp – mỗi trang một đơn vị',
    sheet: { name: 'Tòa án nhân dân tỉnh' },
    eachSheet: true,
    headerRows: { first: 5, last: 5 },
    periodCell: 'A3',
    layout: {
      kind: 'indicator-rows',
      keyColumn: 'B',
      match: { by: 'name', confirmed: extra.confirmed ?? {} },
      value: { headerText: 'Kỳ báo cáo' },
      agency: { mode: 'sheet' },
      ...(extra.skip ? { skip: extra.skip } : {}),
    },
  });

  it('suggests "bỏ qua" first for sub-rows and says why each indicator is suggested', async () => {
    const app = await start();
    const file = { name: 'BaoCao_KhoiTuPhap_QuyI.xlsx', bytes: new Uint8Array(await buildAgencySheetsWorkbook()) };
    const inspection = await call(app.h, 'profiles.inspect', { file });
    expect(inspection.sheets.map((s) => s.name)).toEqual(['Hướng dẫn', ...AGENCY_SHEETS.map((s) => s.sheet)]);

    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    expect(preview.sheets).toEqual(AGENCY_SHEETS.map((s) => ({ name: s.sheet, agency: { code: s.code, name: expect.any(String) } })));
    // Not yet marked, the sub-row gives NV2.02 a second figure: an import would refuse the file.
    expect(preview.reports).toEqual([]);
    expect(preview.problems.filter((p) => p.code === 'ROW_DUPLICATE' && p.severity === 'error')).toHaveLength(3);

    // "Trong đó:" and "- Án thụ lý mới": unmatched sub-rows; "bỏ qua" comes first, before any indicator.
    for (const row of [SHEET_ROWS.inWhich, SHEET_ROWS.subNew]) {
      expect(rowOf(preview, row)).toMatchObject({ role: 'unmatched', skipSuggested: 'sub-row' });
      expect(rowOf(preview, row).suggestions.every((s) => s.reason !== 'position')).toBe(true);
    }
    // The sub-row named like NV2.02 took it by name; the preview says it is a sub-row, to be skipped.
    expect(rowOf(preview, SHEET_ROWS.subSolved)).toMatchObject({ role: 'matched', indicator: { code: 'NV2.02' }, skipSuggested: 'sub-row' });
    expect(rowOf(preview, SHEET_ROWS['NV2.02'])).toMatchObject({ role: 'matched', indicator: { code: 'NV2.02' }, skipSuggested: null });
    expect(codes(preview)).toEqual(expect.arrayContaining(['ROW_UNMATCHED', 'ROW_DUPLICATE']));

    // The agency's own words between NV2.04 and NV2.06: suggested by position.
    expect(rowOf(preview, SHEET_ROWS['NV2.05']).suggestions[0]).toMatchObject({ code: 'NV2.05', reason: 'position' });
    // A code written in the row: suggested by code, sure.
    expect(rowOf(preview, SHEET_ROWS['NV2.07']).suggestions[0]).toMatchObject({ code: 'NV2.07', reason: 'code', score: 1 });
    // An ordinary row is not a sub-row.
    expect(rowOf(preview, SHEET_ROWS['NV2.01'])).toMatchObject({ role: 'matched', matchedBy: 'name', skipSuggested: null });
  });

  it('marked "bỏ qua", the sub-rows are never stored and raise no warning; every sheet is its agency\'s report', async () => {
    const app = await start();
    const file = { name: 'BaoCao_KhoiTuPhap_QuyI.xlsx', bytes: new Uint8Array(await buildAgencySheetsWorkbook()) };
    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    const keyOf = (row: number) => rowOf(preview, row).confirmKey;
    const skip = [keyOf(SHEET_ROWS.inWhich), keyOf(SHEET_ROWS.subNew), keyOf(SHEET_ROWS.subSolved)];
    expect(skip).toEqual([...SUB_ROW_KEYS]);
    const confirmed = { [keyOf(SHEET_ROWS['NV2.05'])]: 'NV2.05', [keyOf(SHEET_ROWS['NV2.07'])]: 'NV2.07' };
    const definition = pointed({ confirmed, skip });

    const final = await call(app.h, 'profiles.preview', { file, definition, period: '2022-Q1' });
    for (const row of [SHEET_ROWS.inWhich, SHEET_ROWS.subNew, SHEET_ROWS.subSolved]) expect(rowOf(final, row).role).toBe('skipped');
    expect(rowOf(final, SHEET_ROWS['NV2.02']).indicator?.code).toBe('NV2.02');
    expect(codes(final).filter((c) => c.startsWith('ROW_'))).toEqual([]);

    const outcomes = await saveAndImport(app, definition, file);
    // One outcome per agency's report of the workbook.
    expect(outcomes.map((o) => [o.agency, o.ok])).toEqual(AGENCY_SHEETS.map((a) => [a.code, true]));
    expect(outcomes.flatMap((o) => o.problems).filter((p) => p.code.startsWith('ROW_'))).toEqual([]);
    for (const a of AGENCY_SHEETS) {
      const f: Record<string, unknown> = SHEET_FIGURES[a.code];
      expect(await figure(app, 'NV2.01', a.code)).toBe(f['NV2.01']);
      // The real row's figure, not the sub-row's.
      expect(await figure(app, 'NV2.02', a.code)).toBe(f['NV2.02']);
      expect(await figure(app, 'NV2.07', a.code)).toBe(f['NV2.07']);
    }
    expect(await figure(app, 'NV2.05', 'TA')).toBe(SHEET_FIGURES.TA['NV2.05']);
    // No figure anywhere came from a skipped row.
    const cells = storedCells(app);
    expect(cells.length).toBeGreaterThan(0);
    for (const row of [SHEET_ROWS.subNew, SHEET_ROWS.subSolved]) expect(cells.filter((c) => c.endsWith(`!D${row}`))).toEqual([]);
  });

  it('not yet marked, a sub-row named like an indicator never gives that indicator its figure: two different figures refuse the file, nothing stored', async () => {
    const app = await start();
    const file = { name: 'BaoCao_KhoiTuPhap_QuyI.xlsx', bytes: new Uint8Array(await buildAgencySheetsWorkbook()) };
    // The sub-row "- Số vụ án hình sự đã giải quyết" comes above the real NV2.02 row.
    expect(SHEET_ROWS.subSolved).toBeLessThan(SHEET_ROWS['NV2.02']);
    const outcomes = await saveAndImport(app, pointed(), file);
    for (const o of outcomes) {
      expect(o.ok, o.agency ?? '').toBe(false);
      const conflict = o.problems.find((p) => p.code === 'ROW_DUPLICATE');
      expect(conflict?.severity).toBe('error');
      expect(conflict?.message).toMatch(new RegExp(`ô D${SHEET_ROWS.subSolved} ghi .+, ô D${SHEET_ROWS['NV2.02']} ghi `, 'u'));
      expect(conflict?.message).toContain('bỏ qua');
    }
    expect(storedCells(app)).toEqual([]);
  });

  it('refuses two sheets of one agency rather than merging them', async () => {
    const app = await start();
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildAgencySheetsWorkbook()) as unknown as ArrayBuffer);
    // The procuracy's sheet renamed to the police's code: two sheets for CA.
    const vks = wb.getWorksheet('VKS');
    if (vks) vks.name = 'CA';
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const preview = await call(app.h, 'profiles.preview', { file: { name: 'x.xlsx', bytes }, definition: pointed(), period: '2022-Q1' });
    expect(codes(preview)).toContain('SHEET_AGENCY_DUPLICATE');
    expect(preview.reports).toEqual([]);
  });
});

describe('a sub-row whose bullet sits in the STT column', () => {
  const pointed = (skip?: string[]): LayoutProfileInput => ({
    name: 'CA – gạch đầu dòng ở cột STT',
    sheet: { name: 'BC' },
    headerRows: { first: 5, last: 5 },
    layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { headerText: 'Kỳ báo cáo' }, agency: { mode: 'cell', cell: 'A1' }, ...(skip ? { skip } : {}) },
  });
  const fileOf = async () => ({ name: 'CA_QuyI.xlsx', bytes: new Uint8Array(await buildBulletInSttWorkbook()) });
  const importWith = async (app: TestApp, definition: LayoutProfileInput, file: Bytes) => {
    const saved = await call(app.h, 'profiles.save', { definition });
    return call(app.h, 'intake.import', { files: [file], period: '2022-Q1', receivedOn: '2022-03-16', profile: saved.name });
  };

  it('is suggested "bỏ qua", and marking it as ROW_DUPLICATE says skips it alone: the real row\'s figure is stored', async () => {
    const app = await start();
    const file = await fileOf();
    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    expect(codes(preview)).toContain('ROW_DUPLICATE');
    const duplicate = preview.problems.find((p) => p.code === 'ROW_DUPLICATE');
    expect(duplicate?.message).toContain('bỏ qua');
    const sub = rowOf(preview, BULLET_ROWS.subSolved);
    const real = rowOf(preview, BULLET_ROWS['NV2.02']);
    expect(sub).toMatchObject({ role: 'matched', indicator: { code: 'NV2.02' }, skipSuggested: 'sub-row' });
    expect(real).toMatchObject({ role: 'matched', indicator: { code: 'NV2.02' }, skipSuggested: null });
    // One key for the sub-row, another for the real row.
    expect(sub.skipKey).not.toBe(real.skipKey);

    // What the message says to do: mark the sub-row "bỏ qua".
    const definition = pointed([sub.skipKey]);
    const marked = await call(app.h, 'profiles.preview', { file, definition, period: '2022-Q1' });
    expect(rowOf(marked, BULLET_ROWS.subSolved).role).toBe('skipped');
    expect(rowOf(marked, BULLET_ROWS['NV2.02'])).toMatchObject({ role: 'matched', indicator: { code: 'NV2.02' } });
    expect(marked.problems.filter((p) => p.severity === 'error')).toEqual([]);

    const [outcome] = await importWith(app, definition, file);
    expect(outcome?.ok).toBe(true);
    expect(await figure(app, 'NV2.01', 'CA')).toBe(BULLET_FIGURES['NV2.01']);
    expect(await figure(app, 'NV2.02', 'CA')).toBe(BULLET_FIGURES['NV2.02']);
    const cells = storedCells(app);
    expect(cells).toContain(`BC!D${BULLET_ROWS['NV2.02']}`);
    expect(cells).not.toContain(`BC!D${BULLET_ROWS.subSolved}`);
  });

  it('refuses the file, storing nothing, when a "bỏ qua" key (as saved before) takes both rows with figures', async () => {
    const app = await start();
    const file = await fileOf();
    const preview = await call(app.h, 'profiles.preview', { file, definition: pointed(), period: '2022-Q1' });
    // The key column's text alone, as profiles were saved before: both rows have it.
    const bare = rowOf(preview, BULLET_ROWS.subSolved).key;
    expect(bare).toBe(rowOf(preview, BULLET_ROWS['NV2.02']).key);
    const [outcome] = await importWith(app, pointed([bare]), file);
    expect(outcome?.ok).toBe(false);
    const refusal = outcome?.problems.find((p) => p.code === 'SKIP_AMBIGUOUS');
    expect(refusal?.severity).toBe('error');
    expect(refusal?.message).toContain('CA_QuyI.xlsx');
    expect(refusal?.message).toContain('trang "BC"');
    expect(refusal?.message).toContain(`dòng ${BULLET_ROWS.subSolved}, ${BULLET_ROWS['NV2.02']}`);
    expect(refusal?.message).toContain('bỏ qua');
    expect(storedCells(app)).toEqual([]);
  });
});

describe('one sheet per agency, with a summary sheet', () => {
  const pointed = (extra: { skipSheets?: string[] } = {}): LayoutProfileInput => ({
    name: extra.skipSheets ? 'Mỗi trang một đơn vị – bỏ qua trang' : 'Mỗi trang một đơn vị – có trang tổng hợp',
    sheet: { name: 'VKS' },
    eachSheet: true,
    headerRows: { first: 5, last: 5 },
    ...(extra.skipSheets ? { skipSheets: extra.skipSheets } : {}),
    layout: {
      kind: 'indicator-rows',
      keyColumn: 'B',
      match: { by: 'name', confirmed: { 'Số việc đã kết thúc': 'NV2.05' } },
      value: { headerText: 'Kỳ báo cáo' },
      agency: { mode: 'cell', cell: 'A1' },
      skip: [...SUB_ROW_KEYS],
    },
  });
  const importWith = async (app: TestApp, definition: LayoutProfileInput, file: Bytes) => {
    const saved = await call(app.h, 'profiles.save', { definition });
    return call(app.h, 'intake.import', { files: [file], period: '2022-Q1', receivedOn: '2022-03-16', profile: saved.name });
  };

  it('passes over a "Tổng hợp" sheet headed by an agency, saying so, and stores only the agencies\' own sheets', async () => {
    const app = await start();
    const file = { name: 'KhoiTuPhap.xlsx', bytes: new Uint8Array(await buildAgencySheetsWithSummary()) };
    const outcomes = await importWith(app, pointed(), file);
    expect(outcomes.map((o) => [o.agency, o.ok])).toEqual(AGENCY_SHEETS.map((a) => [a.code, true]));
    const notes = outcomes.flatMap((o) => o.problems).filter((p) => p.code === 'SHEET_SUMMARY_SKIPPED');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]?.message).toContain('trang "Tổng hợp"');
    for (const a of AGENCY_SHEETS) expect(await figure(app, 'NV2.01', a.code)).toBe(SHEET_FIGURES[a.code]['NV2.01']);
    expect(storedCells(app).filter((c) => c.startsWith('Tổng hợp!'))).toEqual([]);
    // Every row no indicator took is said of its own sheet.
    const unmatched = outcomes.flatMap((o) => o.problems).filter((p) => p.code === 'ROW_UNMATCHED');
    expect(unmatched.length).toBeGreaterThan(0);
    for (const p of unmatched) expect(p.message).toContain(`trang "${p.cell.slice(0, p.cell.lastIndexOf('!'))}"`);
  });

  it('still reads an agency\'s own sheet whose title begins "Tổng hợp kết quả…": only a summary of several agencies is passed over', async () => {
    const app = await start();
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildAgencySheetsWorkbook()) as unknown as ArrayBuffer);
    for (const a of AGENCY_SHEETS) wb.getWorksheet(a.sheet)!.getCell('A2').value = 'TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH TƯ PHÁP';
    const file = { name: 'KhoiTuPhap.xlsx', bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) };
    const outcomes = await importWith(app, pointed(), file);
    expect(outcomes.flatMap((o) => o.problems).filter((p) => p.code === 'SHEET_SUMMARY_SKIPPED')).toEqual([]);
    for (const a of AGENCY_SHEETS) expect(await figure(app, 'NV2.01', a.code)).toBe(SHEET_FIGURES[a.code]['NV2.01']);
  });

  it('passes over the sheets the profile lists, and says which sheet gave no figure', async () => {
    const app = await start();
    const extra = { sheet: 'Ban Nội chính', heading: 'BAN NỘI CHÍNH TỈNH ỦY LẠNG SƠN' };
    const file = { name: 'KhoiTuPhap.xlsx', bytes: new Uint8Array(await buildAgencySheetsWithSummary(extra)) };
    // Not listed: that sheet is read, gives no figure the board owes, and the file is refused saying which sheet.
    const refused = await importWith(app, pointed(), file);
    expect(refused.every((o) => !o.ok)).toBe(true);
    const noData = refused.flatMap((o) => o.problems).find((p) => p.code === 'PROFILE_NO_DATA');
    expect(noData?.message).toContain(`trang "${extra.sheet}"`);
    // The agencies' sheets were read, and are said not taken in with the file.
    const notTaken = refused.flatMap((o) => o.problems).find((p) => p.code === 'SHEETS_NOT_TAKEN');
    for (const a of AGENCY_SHEETS) expect(notTaken?.message).toContain(`"${a.sheet}"`);
    expect(notTaken?.message).not.toContain(`"${extra.sheet}"`);
    expect(storedCells(app)).toEqual([]);

    // Listed to skip: the agencies' sheets are taken in, nothing from the listed one.
    const outcomes = await importWith(app, pointed({ skipSheets: [extra.sheet] }), file);
    expect(outcomes.map((o) => [o.agency, o.ok])).toEqual(AGENCY_SHEETS.map((a) => [a.code, true]));
    expect(outcomes.flatMap((o) => o.problems).filter((p) => p.code === 'PROFILE_NO_DATA' || p.code === 'NOT_A_REPORTER')).toEqual([]);
    expect(storedCells(app).filter((c) => c.startsWith(`${extra.sheet}!`) || c.startsWith('Tổng hợp!'))).toEqual([]);
  });
});

describe('the profile definition', () => {
  it('stores "bỏ qua" keys and sheets to pass over in Unicode (NFC), converted from a legacy font\'s bytes', () => {
    const p = parseProfile(
      {
        name: 'Cũ',
        sheet: { name: 'A' },
        eachSheet: true,
        skipSheets: ['Tô\u0309ng hơ\u0323p'],
        headerRows: { first: 1, last: 1 },
        layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name' }, value: { column: 'C' }, agency: { mode: 'sheet' }, skip: [encodeTcvn3('Trong đó:'), 'Số vu\u0323 án'] },
      },
      'Cũ',
    );
    expect(p.layout.kind === 'indicator-rows' ? p.layout.skip : null).toEqual(['Trong đó:', 'Số vụ án']);
    expect(p.skipSheets).toEqual(['Tổng hợp']);
  });


  it('keeps loading stored profiles without the new fields, and refuses one sheet per agency with a fixed agency', () => {
    const stored = parseProfile(
      { name: 'Cũ', sheet: { name: 'A' }, headerRows: { first: 1, last: 1 }, layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name' }, value: { column: 'C' }, agency: { mode: 'fixed', code: 'CA' } } },
      'Cũ',
    );
    expect(stored.layout.kind === 'indicator-rows' ? stored.layout.skip : 'x').toBeUndefined();
    expect(stored.eachSheet).toBeUndefined();
    expect(() =>
      parseProfile({ name: 'Sai', sheet: { name: 'A' }, eachSheet: true, headerRows: { first: 1, last: 1 }, layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name' }, value: { column: 'C' }, agency: { mode: 'fixed', code: 'CA' } } }, 'Sai'),
    ).toThrow(/Mỗi trang một đơn vị/u);
  });

  it('tells sub-rows from indicator rows', () => {
    for (const t of ['Trong đó:', 'trong đó', '- Án thụ lý mới', '+ Án cũ chuyển sang', 'Trong số đó, án trọng điểm', 'Bao gồm:']) expect(isSubRow(t), t).toBe(true);
    for (const t of ['Số vụ án hình sự đã thụ lý', 'a) Số cán bộ tư pháp bị xử lý kỷ luật', '1. Số cuộc kiểm tra', 'Tổng cộng']) expect(isSubRow(t), t).toBe(false);
  });

  it('puts a code written in the row first, then close names, then the place in the plan, and no chance likeness', () => {
    const list = [
      { code: 'NV2.01', name: 'Số vụ án hình sự đã thụ lý' },
      { code: 'NV2.05', name: 'Số vụ việc dân sự, hành chính đã giải quyết' },
      { code: 'NV2.07', name: 'Số vụ án oan, sai hoặc bỏ lọt tội phạm được phát hiện' },
    ];
    expect(suggestIndicators('Án oan sai (nv 2.7)', list)[0]).toMatchObject({ code: 'NV2.07', reason: 'code' });
    expect(suggestIndicators('Số vụ án hình sự thụ lý trong kỳ', list, 3, { position: list[1] }).map((s) => [s.code, s.reason])).toEqual([
      ['NV2.01', 'name'],
      ['NV2.05', 'position'],
    ]);
    // A word or two shared by chance is no suggestion ("ghi" of "Ghi chú" and of "ghi âm").
    expect(suggestIndicators('Ghi chú', [{ code: 'NV7.02', name: 'Số buổi hỏi cung bị can được ghi âm hoặc ghi hình có âm thanh' }])).toEqual([]);
    // A name another row already gives comes after one no row gives, unless much closer.
    const taken = new Set(['NV2.01']);
    expect(suggestIndicators('Số vụ án hình sự thụ lý trong kỳ', list, 3, { taken })[0]?.code).toBe('NV2.01');
  });
});
