// Workbooks in an agency's own layout, read through saved layout profiles (excel.md §3):
// real .xlsx bytes built with exceljs the way agencies make them, taken in through the
// import pipeline (worker parse, recognition, commit) or the CLI, on real SQLite files.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyFigure, Consolidation, ImportOutcome } from '../../shared/api';
import type { LayoutProfileInput } from '../../shared/profiles';
import type { Problem } from '../../shared/problems';
import { cli } from '../helpers/cli';
import { importFiles, loadCatalog, type ImportOptions } from '../../electron/app/intake';
import { parseProfile } from '../../electron/app/profiles';
import { createParsePool, readUntrustedWorkbook, type ParsePool } from '../../electron/excel/parse';
import { agencyNamedBy, applyProfile, profileMatches } from '../../electron/excel/profile-reader';
import { fillForm, sampleValue } from '../fixtures/fill-form';
import {
  buildDistrictWorkbook,
  buildJudicialWorkbook,
  buildLookalikeWorkbook,
  buildPoliceWorkbook,
  buildUnrelatedWorkbook,
  DISTRICT_INDICATORS,
  DISTRICT_PROFILE_NAME,
  DISTRICT_ROWS,
  DISTRICT_SHEET,
  districtProfile,
  districtRow,
  JUDICIAL_PROFILE_NAME,
  JUDICIAL_SHEET,
  judicialProfile,
  POLICE_CELLS,
  POLICE_PROFILE_NAME,
  POLICE_SHEET,
  POLICE_UNMATCHED_ROW,
  policeProfile,
} from '../fixtures/foreign-workbooks';
import { call, cleanupTempDirs, count, local, openTestApp, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';

// One pool of parse workers for the whole file: starting a worker (under tsx) costs seconds.
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

async function start(dir?: string): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 3, 16) }, dir);
  open.push(app);
  return app;
}

async function save(app: TestApp, ...profiles: LayoutProfileInput[]): Promise<void> {
  for (const definition of profiles) await call(app.h, 'profiles.save', { definition });
}

async function importOne(app: TestApp, name: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportOutcome[]> {
  return importFiles(app.ctx, [{ name, bytes }], { receivedOn: '2022-03-16', ...options }, pool);
}

function consolidate(app: TestApp, period = '2022-Q1'): Promise<Consolidation> {
  return call(app.h, 'consolidation.get', { period });
}

function figure(c: Consolidation, indicator: string, agency: string): AgencyFigure {
  const found = c.indicators.find((i) => i.code === indicator)?.byAgency.find((a) => a.code === agency);
  if (!found) throw new Error(`No figure of ${agency} for ${indicator}`);
  return found;
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((p) => p.code);
}

function only(problems: readonly Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(found, `exactly one ${code} in ${JSON.stringify(problems)}`).toHaveLength(1);
  return found[0] as Problem;
}

async function modelOf(bytes: Uint8Array, name: string) {
  const { model, problems } = await readUntrustedWorkbook(bytes, name, { pool });
  if (!model) throw new Error(`not parsed: ${JSON.stringify(problems)}`);
  return model;
}

// ---------------------------------------------------------------------------------

describe('profiles through the CLI', () => {
  function writeJson(dir: string, name: string, value: unknown): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  }

  it('adds a profile from JSON and lists it, for a person and as JSON', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    expect((await cli('init', '--db', db)).code).toBe(0);

    const empty = await cli('profile', 'list', '--db', db);
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('Chưa có mẫu bố cục nào.');

    const added = await cli('profile', 'add', writeJson(dir, 'ca.json', policeProfile()), '--db', db);
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out.trim()).toBe(`Đã lưu mẫu bố cục "${POLICE_PROFILE_NAME}".`);

    const addedJson = await cli('profile', 'add', writeJson(dir, 'ks.json', { ...judicialProfile(), description: 'Ba cơ quan tư pháp, mỗi cơ quan một cột' }), '--db', db, '--json');
    expect(addedJson.code).toBe(0);
    expect(JSON.parse(addedJson.out)).toMatchObject({ name: JUDICIAL_PROFILE_NAME, description: 'Ba cơ quan tư pháp, mỗi cơ quan một cột', agencyCode: null });

    // A fixed-agency profile is listed with its agency.
    const fixed = policeProfile({ name: 'VKS – mẫu riêng' });
    if (fixed.layout.kind === 'indicator-rows') fixed.layout.agency = { mode: 'fixed', code: 'VKS' };
    expect((await cli('profile', 'add', writeJson(dir, 'vks.json', fixed), '--db', db)).code).toBe(0);

    const listed = await cli('profile', 'list', '--db', db);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(POLICE_PROFILE_NAME);
    expect(listed.out).toContain(JUDICIAL_PROFILE_NAME);
    expect(listed.out).toMatch(/VKS – mẫu riêng\s+VKS/u);
    expect(listed.out).toContain('Tên mẫu');

    const listedJson = await cli('profile', 'list', '--db', db, '--json');
    expect(listedJson.code).toBe(0);
    const doc = JSON.parse(listedJson.out) as { name: string; agencyCode: string | null; description: string | null }[];
    expect(doc.map((p) => p.name).sort()).toEqual([JUDICIAL_PROFILE_NAME, POLICE_PROFILE_NAME, 'VKS – mẫu riêng'].sort());
    expect(doc.find((p) => p.name === 'VKS – mẫu riêng')?.agencyCode).toBe('VKS');

    // Saving under the same name is refused unless --replace says so; then it replaces, it does not add.
    expect((await cli('profile', 'add', writeJson(dir, 'ca2.json', policeProfile({ description: 'Bản sửa' })), '--db', db)).code).toBe(1);
    expect((await cli('profile', 'add', writeJson(dir, 'ca2.json', policeProfile({ description: 'Bản sửa' })), '--replace', '--db', db)).code).toBe(0);
    const again = JSON.parse((await cli('profile', 'list', '--db', db, '--json')).out) as { name: string; description: string | null }[];
    expect(again).toHaveLength(3);
    expect(again.find((p) => p.name === POLICE_PROFILE_NAME)?.description).toBe('Bản sửa');
  });

  it('refuses a bad profile with a Vietnamese message and exit 1, saving nothing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    expect((await cli('init', '--db', db)).code).toBe(0);

    const badColumn = policeProfile();
    if (badColumn.layout.kind === 'indicator-rows') badColumn.layout.keyColumn = '5';
    const bad = await cli('profile', 'add', writeJson(dir, 'bad.json', badColumn), '--db', db);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(VIETNAMESE);
    expect(bad.err).toContain('không hợp lệ');
    expect(bad.err).toContain('cột tên chỉ tiêu');
    expect(bad.err).not.toContain('keyColumn');
    expect(bad.err).toContain('Cột ghi bằng chữ cái');

    const badJson = await cli('profile', 'add', writeJson(dir, 'bad2.json', { ...policeProfile(), sheet: {}, headerRows: { first: 7, last: 5 } }), '--db', db, '--json');
    expect(badJson.code).toBe(1);
    const doc = JSON.parse(badJson.out) as { ok: boolean; error: { code: string; message: string } };
    expect(doc).toMatchObject({ ok: false, error: { code: 'INVALID_PROFILE' } });
    expect(doc.error.message).toContain('Cần tên trang tính hoặc một dòng chữ có trên trang');
    expect(doc.error.message).toContain('Dòng tiêu đề đầu phải trước dòng cuối');

    const noValue = policeProfile({ lastRow: 4 });
    if (noValue.layout.kind === 'indicator-rows') delete noValue.layout.value;
    const missing = await cli('profile', 'add', writeJson(dir, 'novalue.json', noValue), '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cần cho biết cột số liệu kỳ báo cáo');
    expect(missing.err).toContain('Dòng cuối của bảng phải sau dòng tiêu đề cuối');
    expect(missing.err).not.toMatch(/layout\.value|lastRow/u);

    const notJson = await cli('profile', 'add', writeJson(dir, 'broken.json', '{ "name": "thiếu ngoặc"'), '--db', db);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('Không đọc được');
    expect(notJson.err).toContain('như một tệp JSON');

    const unknownAgency = policeProfile({ name: 'Mẫu của đơn vị lạ' });
    if (unknownAgency.layout.kind === 'indicator-rows') unknownAgency.layout.agency = { mode: 'fixed', code: 'HQ' };
    const unknown = await cli('profile', 'add', writeJson(dir, 'hq.json', unknownAgency), '--db', db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('không có đơn vị này');

    expect(JSON.parse((await cli('profile', 'list', '--db', db, '--json')).out)).toEqual([]);
  });

  it('imports a workbook with --profile and --period; the figures land for the agency and period', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    expect((await cli('init', '--db', db)).code).toBe(0);
    expect((await cli('profile', 'add', writeJson(dir, 'ca.json', policeProfile()), '--db', db)).code).toBe(0);
    const file = path.join(dir, 'BC_CA_QuyI_2022.xlsx');
    fs.writeFileSync(file, await buildPoliceWorkbook());

    const run = await cli('import', file, '--profile', POLICE_PROFILE_NAME, '--period', '2022-Q1', '--db', db, '--json');
    expect(run.code, run.err).toBe(0);
    const [outcome] = JSON.parse(run.out) as { status: string; agency: string; period: string; profile: string; problems: Problem[] }[];
    expect(outcome).toMatchObject({ status: 'imported', agency: 'CA', period: '2022-Q1', profile: POLICE_PROFILE_NAME });
    expect(codes(outcome?.problems ?? [])).toEqual(['ROW_UNMATCHED', 'REPORT_INCOMPLETE']);

    const human = await cli('consolidate', '--period', '2022-Q1', '--db', db, '--json');
    const doc = JSON.parse(human.out) as { indicators: { code: string; byAgency: Record<string, number | null> }[] };
    expect(doc.indicators.find((i) => i.code === 'NV2.01')?.byAgency.CA).toBe(120);
    expect(doc.indicators.find((i) => i.code === 'NV7.05')?.byAgency.CA).toBe(1520.5);

    // The same file for another period is refused: its title says Quý I.
    fs.writeFileSync(path.join(dir, 'copy.xlsx'), await buildPoliceWorkbook());
    const wrong = await cli('import', path.join(dir, 'copy.xlsx'), '--profile', POLICE_PROFILE_NAME, '--period', '2022-H1', '--db', db);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('[PERIOD_MISMATCH]');
    expect(wrong.out).toContain('tệp ghi kỳ Quý I năm 2022; anh/chị đang nhận báo cáo 6 tháng đầu năm 2022');

    // Read back on the same file through the services: the source cells are the file's.
    const app = await start(dir);
    const c = await consolidate(app);
    expect(figure(c, 'NV2.01', 'CA')).toMatchObject({ value: 120, sourceCell: `${POLICE_SHEET}!D8` });
  });
});

// ---------------------------------------------------------------------------------

describe('(a) one agency, its own layout, the agency named in the heading', () => {
  it('reads the period column under the merged "Số liệu" group, by name, for the agency in A1', async () => {
    const app = await start();
    await save(app, policeProfile());
    const outcomes = await importOne(app, 'BC_CA_QuyI_2022.xlsx', await buildPoliceWorkbook(), { profile: POLICE_PROFILE_NAME, period: '2022-Q1' });
    expect(outcomes).toHaveLength(1);
    const [o] = outcomes;
    expect(o).toMatchObject({ ok: true, status: 'imported', agency: 'CA', period: '2022-Q1', revision: 1, readAs: 'profile', profile: POLICE_PROFILE_NAME });
    expect(o?.message).toContain(`đọc theo mẫu bố cục "${POLICE_PROFILE_NAME}"`);

    const c = await consolidate(app);
    for (const [code, { cell, value }] of Object.entries(POLICE_CELLS)) {
      expect(figure(c, code, 'CA'), code).toMatchObject({ value, sourceCell: `${POLICE_SHEET}!${cell}` });
    }
    // Capitals, no diacritics, old tone placement, a numbering prefix, a trailing colon,
    // a unit in brackets: every one of those rows found its indicator (checked above).
    // The ratio row is the app's to compute, not the file's to say.
    expect(c.indicators.find((i) => i.code === 'NV2.03')?.value).toBeCloseTo((104 / 120) * 100, 5);
    // Other agencies are untouched.
    expect(figure(c, 'NV2.01', 'VKS').value).toBeNull();

    // Only the row naming no indicator is reported; group rows, the spacer rows, the
    // "Tổng cộng" row, the ratio row, the notes and signatures under the table are not.
    const unmatched = only(o?.problems ?? [], 'ROW_UNMATCHED');
    expect(unmatched.severity).toBe('warning');
    expect(unmatched.cell).toBe(`${POLICE_SHEET}!B${POLICE_UNMATCHED_ROW}`);
    expect(unmatched.message).toContain('Số vụ tai nạn giao thông được điều tra');
    expect(unmatched.message).toMatch(VIETNAMESE);
    // A layout of figures only says nothing of the tasks: the report is taken, and said to be incomplete.
    const incomplete = only(o?.problems ?? [], 'REPORT_INCOMPLETE');
    expect(incomplete).toMatchObject({ severity: 'warning', agency: 'CA' });
    expect(incomplete.message).toContain('chưa ghi tình trạng');
    expect(o?.gaps?.tasks.length).toBeGreaterThan(0);
    expect(o?.problems).toHaveLength(2);

    // The report records the profile it was read with, and a hash of that profile's definition as stored.
    const row = app.ctx.handle.sqlite.prepare('SELECT source_kind AS kind, profile_id AS profileId, profile_sha256 AS profileSha, file_name AS file FROM submission').get() as {
      kind: string;
      profileId: number | null;
      profileSha: string | null;
      file: string;
    };
    const stored = app.ctx.handle.sqlite.prepare('SELECT id, definition FROM layout_profile').get() as { id: number; definition: string };
    expect(row).toMatchObject({ kind: 'profile', file: 'BC_CA_QuyI_2022.xlsx', profileId: stored.id, profileSha: createHash('sha256').update(stored.definition).digest('hex') });
  });

  it('is recognised without --profile: the saved profile is used and named in the outcome', async () => {
    const app = await start();
    await save(app, judicialProfile(), districtProfile(), policeProfile());
    const [o] = await importOne(app, 'CA.xlsx', await buildPoliceWorkbook(), { period: '2022-Q1' });
    expect(o).toMatchObject({ ok: true, status: 'imported', agency: 'CA', readAs: 'profile', profile: POLICE_PROFILE_NAME });
    expect(codes(o?.problems ?? [])).toEqual(['ROW_UNMATCHED', 'REPORT_INCOMPLETE']);
    expect(figure(await consolidate(app), 'NV2.02', 'CA')).toMatchObject({ value: 104, sourceCell: `${POLICE_SHEET}!D9` });

    // Without --period too: the title says "QUÝ I NĂM 2022".
    const [again] = await importOne(app, 'CA-lan2.xlsx', await buildPoliceWorkbook({ title: 'BÁO CÁO SỐ LIỆU QUÝ I NĂM 2022 (bổ sung)' }));
    expect(again).toMatchObject({ ok: true, status: 'imported', agency: 'CA', period: '2022-Q1', revision: 2, profile: POLICE_PROFILE_NAME });
  });

  it('refuses a file whose title names another period than the one chosen (PERIOD_MISMATCH)', async () => {
    const app = await start();
    await save(app, policeProfile());
    const [o] = await importOne(app, 'CA.xlsx', await buildPoliceWorkbook({ title: 'BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2022' }), { period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected', profile: POLICE_PROFILE_NAME });
    const p = only(o?.problems ?? [], 'PERIOD_MISMATCH');
    expect(p).toMatchObject({ severity: 'error', cell: `${POLICE_SHEET}!A3` });
    expect(p.message).toContain('tệp ghi kỳ 6 tháng đầu năm 2022; anh/chị đang nhận báo cáo Quý I năm 2022');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('refuses a heading that names no known agency (AGENCY_NOT_FOUND), with or without --profile', async () => {
    const app = await start();
    await save(app, policeProfile());
    const bytes = await buildPoliceWorkbook({ agencyHeading: 'CỤC HẢI QUAN TỈNH LẠNG SƠN' });
    for (const options of [{ profile: POLICE_PROFILE_NAME, period: '2022-Q1' }, { period: '2022-Q1' }]) {
      const [o] = await importOne(app, 'HQ.xlsx', bytes, options);
      expect(o).toMatchObject({ ok: false, status: 'rejected', profile: POLICE_PROFILE_NAME });
      const p = only(o?.problems ?? [], 'AGENCY_NOT_FOUND');
      expect(p).toMatchObject({ severity: 'error', cell: `${POLICE_SHEET}!A1` });
      expect(p.message).toContain('CỤC HẢI QUAN TỈNH LẠNG SƠN');
      expect(p.message).toMatch(VIETNAMESE);
    }
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('knows the agency whatever case, tone placement or superior body the heading carries', async () => {
    const app = await start();
    await save(app, policeProfile());
    const headings: [string, string][] = [
      ['BỘ CÔNG AN\nCÔNG AN TỈNH LẠNG SƠN', 'CA'],
      ['TOÀ ÁN NHÂN DÂN TỈNH LẠNG SƠN', 'TA'],
      ['Viện kiểm sát nhân dân tỉnh Lạng Sơn', 'VKS'],
    ];
    for (const [agencyHeading, agency] of headings) {
      const [o] = await importOne(app, `${agency}.xlsx`, await buildPoliceWorkbook({ agencyHeading }), { profile: POLICE_PROFILE_NAME, period: '2022-Q1' });
      expect(o, agencyHeading).toMatchObject({ ok: true, agency });
    }
  });

  it('finds the value column by any header text over it, through the merge', async () => {
    const app = await start();
    const bytes = await buildPoliceWorkbook();
    const variants: [string, number][] = [
      ['Số liệu kỳ báo cáo', 120],
      ['KY BAO CAO', 120],
      ['Cùng kỳ', 98],
    ];
    for (const [headerText, expected] of variants) {
      const profile = policeProfile({ name: `CA ${headerText}` });
      if (profile.layout.kind === 'indicator-rows') profile.layout.value = { headerText };
      await save(app, profile);
      const [o] = await importOne(app, `CA ${headerText}.xlsx`, bytes, { profile: profile.name, period: '2022-Q1', dryRun: true });
      expect(o, headerText).toMatchObject({ ok: true, status: 'checked', agency: 'CA' });
      expect(o?.changes.find((ch) => ch.field === 'NV2.01')?.after, headerText).toBe(expected);
    }
  });

  it('says which header is missing when the value column is not there (VALUE_COLUMN_NOT_FOUND)', async () => {
    const app = await start();
    await save(app, policeProfile());
    const bytes = await buildPoliceWorkbook({ periodHeader: 'Trong quý' });
    const [o] = await importOne(app, 'CA.xlsx', bytes, { profile: POLICE_PROFILE_NAME, period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    const p = only(o?.problems ?? [], 'VALUE_COLUMN_NOT_FOUND');
    expect(p.severity).toBe('error');
    expect(p.message).toContain('"Kỳ báo cáo"');
    expect(p.message).toContain('dòng 5–6');
    // Without --profile the changed layout no longer fits the profile, but its sheet is there: the profile says what differs.
    const [auto] = await importOne(app, 'CA.xlsx', bytes, { period: '2022-Q1' });
    expect(auto).toMatchObject({ ok: false, status: 'rejected', profile: POLICE_PROFILE_NAME });
    expect(codes(auto?.problems ?? [])).toEqual(['PROFILE_DIFFERS', 'VALUE_COLUMN_NOT_FOUND']);
    expect(only(auto?.problems ?? [], 'PROFILE_DIFFERS').message).toContain(`"${POLICE_PROFILE_NAME}"`);
  });

  it('finds rows by their label, "1" of group "II" told apart from "1" of group "I"', async () => {
    const app = await start();
    const byLabel = policeProfile({ name: 'CA theo số thứ tự' });
    if (byLabel.layout.kind === 'indicator-rows') {
      byLabel.layout.keyColumn = 'A';
      byLabel.layout.match = { by: 'label', confirmed: { 'I.1': 'NV2.01', 'I.2': 'NV2.02', 'I.3': 'NV2.07', 'II.1.': 'NV4.01', 'II.a)': 'NV4.02', 'II/b': 'NV4.03', 'III - 1': 'NV6.02' } };
    }
    await save(app, byLabel);
    const [o] = await importOne(app, 'CA.xlsx', await buildPoliceWorkbook(), { profile: byLabel.name, period: '2022-Q1' });
    expect(o).toMatchObject({ ok: true, agency: 'CA', profile: byLabel.name });
    const c = await consolidate(app);
    for (const code of ['NV2.01', 'NV2.02', 'NV2.07', 'NV4.01', 'NV4.02', 'NV4.03', 'NV6.02'] as const) {
      expect(figure(c, code, 'CA'), code).toMatchObject({ value: POLICE_CELLS[code].value, sourceCell: `${POLICE_SHEET}!${POLICE_CELLS[code].cell}` });
    }
    // Rows III.2 and III.3 and the ratio row 2.1 were not confirmed: they are said, by row.
    const unmatched = only(o?.problems ?? [], 'ROW_UNMATCHED');
    expect(unmatched.cell).toBe(`${POLICE_SHEET}!A10`);
    expect(unmatched.message).toContain('3 dòng');
    expect(unmatched.message).toContain('20 ("2")');
  });

  it('finds the sheet by a header text when it has another name', async () => {
    const app = await start();
    await save(app, policeProfile({ sheet: { containsText: 'BÁO CÁO SỐ LIỆU' } }));
    const [o] = await importOne(app, 'CA.xlsx', await buildPoliceWorkbook({ sheetName: 'Quý I' }), { period: '2022-Q1' });
    expect(o).toMatchObject({ ok: true, agency: 'CA', profile: POLICE_PROFILE_NAME });
    expect(figure(await consolidate(app), 'NV2.01', 'CA').sourceCell).toBe('Quý I!D8');
  });
});

// ---------------------------------------------------------------------------------

describe('(b) one workbook, a column per agency', () => {
  it('imports one report per agency column, rows found by code as typed', async () => {
    const app = await start();
    await save(app, judicialProfile());
    const outcomes = await importOne(app, 'SoLieu_KhoiNoiChinh_QI.xlsx', await buildJudicialWorkbook(), { profile: JUDICIAL_PROFILE_NAME, period: '2022-Q1' });
    expect(outcomes.map((o) => [o.status, o.agency, o.period, o.profile])).toEqual([
      ['imported', 'CA', '2022-Q1', JUDICIAL_PROFILE_NAME],
      ['imported', 'VKS', '2022-Q1', JUDICIAL_PROFILE_NAME],
      ['imported', 'TA', '2022-Q1', JUDICIAL_PROFILE_NAME],
    ]);
    const c = await consolidate(app);
    // Row 9: NV2.01; row 10 "nv2.02"; row 12 "NV 2.04"; row 13 "NV2.6"; row 15 NV4.01.
    expect(figure(c, 'NV2.01', 'CA')).toMatchObject({ value: 118, sourceCell: `${JUDICIAL_SHEET}!D9` });
    expect(figure(c, 'NV2.01', 'VKS')).toMatchObject({ value: 95, sourceCell: `${JUDICIAL_SHEET}!E9` });
    expect(figure(c, 'NV2.01', 'TA')).toMatchObject({ value: 80, sourceCell: `${JUDICIAL_SHEET}!F9` });
    expect(figure(c, 'NV2.02', 'TA')).toMatchObject({ value: 72, sourceCell: `${JUDICIAL_SHEET}!F10` });
    expect(figure(c, 'NV2.04', 'TA')).toMatchObject({ value: 310, sourceCell: `${JUDICIAL_SHEET}!F12` });
    expect(figure(c, 'NV2.06', 'VKS')).toMatchObject({ value: 12, sourceCell: `${JUDICIAL_SHEET}!E13` });
    expect(figure(c, 'NV4.01', 'VKS')).toMatchObject({ value: 4, sourceCell: `${JUDICIAL_SHEET}!E15` });
    expect(c.indicators.find((i) => i.code === 'NV2.01')?.value).toBe(118 + 95 + 80);

    // The police column has a figure for an indicator the police do not report: said, not taken.
    const problems = outcomes[0]?.problems ?? [];
    const notReporter = only(problems, 'NOT_A_REPORTER');
    expect(notReporter).toMatchObject({ severity: 'warning', cell: `${JUDICIAL_SHEET}!D13` });
    // The ratio row, group rows, the column-number row and the total column say nothing.
    expect(codes(problems)).toEqual(['NOT_A_REPORTER', 'REPORT_INCOMPLETE']);
  });

  it('is recognised without --profile, whichever tone placement the court is written with', async () => {
    for (const courtHeader of ['Toà án nhân dân tỉnh', 'TÒA ÁN NHÂN DÂN TỈNH', 'Toa an nhan dan tinh']) {
      const app = await start();
      await save(app, policeProfile(), districtProfile(), judicialProfile());
      const outcomes = await importOne(app, 'khoi.xlsx', await buildJudicialWorkbook({ courtHeader }), { period: '2022-Q1' });
      expect(outcomes.map((o) => o.agency), courtHeader).toEqual(['CA', 'VKS', 'TA']);
      expect(outcomes.every((o) => o.ok && o.profile === JUDICIAL_PROFILE_NAME), courtHeader).toBe(true);
    }
  });

  it('takes agency codes over the columns as well as names', async () => {
    const app = await start();
    await save(app, judicialProfile());
    const outcomes = await importOne(app, 'khoi.xlsx', await buildJudicialWorkbook({ agencyHeaders: ['CA', 'VKS', 'TA'] }), { profile: JUDICIAL_PROFILE_NAME, period: '2022-Q1' });
    expect(outcomes.map((o) => [o.ok, o.agency])).toEqual([
      [true, 'CA'],
      [true, 'VKS'],
      [true, 'TA'],
    ]);
  });

  it('refuses the workbook when a column header names no agency', async () => {
    const app = await start();
    await save(app, judicialProfile());
    const [o, ...rest] = await importOne(app, 'khoi.xlsx', await buildJudicialWorkbook({ courtHeader: 'Cục Hải quan' }), { profile: JUDICIAL_PROFILE_NAME, period: '2022-Q1' });
    expect(rest).toEqual([]);
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    expect(only(o?.problems ?? [], 'AGENCY_NOT_FOUND')).toMatchObject({ cell: `${JUDICIAL_SHEET}!F6` });
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });
});

// ---------------------------------------------------------------------------------

describe('(c) a row per agency', () => {
  it('reads the districts by name under a merged two-row header of indicator names', async () => {
    const app = await start();
    await save(app, districtProfile());
    const outcomes = await importOne(app, 'TH_HuyenUy_QI.xlsx', await buildDistrictWorkbook(), { profile: DISTRICT_PROFILE_NAME, period: '2022-Q1' });
    const expected = DISTRICT_ROWS.filter((r) => r.code !== null).map((r) => r.code);
    expect(outcomes.map((o) => o.agency)).toEqual(expected);
    expect(outcomes.every((o) => o.ok && o.status === 'imported' && o.profile === DISTRICT_PROFILE_NAME)).toBe(true);

    const c = await consolidate(app);
    for (const r of DISTRICT_ROWS) {
      if (!r.code) continue;
      DISTRICT_INDICATORS.forEach((ind, i) => {
        expect(figure(c, ind.code, r.code), `${r.name} ${ind.code}`).toMatchObject({ value: r.figures[i], sourceCell: `${DISTRICT_SHEET}!${'CDEF'[i]}${districtRow(r.code)}` });
      });
    }
    // "HUYỆN ỦY VĂN LÃNG" and "Huyện uỷ Văn Quan" are two agencies, not one.
    expect(figure(c, 'NV8.01', 'HU-VL').value).toBe(3);
    expect(figure(c, 'NV8.01', 'HU-VQ').value).toBe(1);

    const unmatched = only(outcomes[0]?.problems ?? [], 'ROW_UNMATCHED');
    expect(unmatched.cell).toBe(`${DISTRICT_SHEET}!B14`);
    expect(unmatched.message).toContain('Đảng ủy Khối các cơ quan tỉnh');
    expect(codes(outcomes[0]?.problems ?? [])).toEqual(['ROW_UNMATCHED', 'REPORT_INCOMPLETE']);
  });

  it('reads codes in the header just as well, and is recognised without --profile', async () => {
    const app = await start();
    await save(app, policeProfile(), judicialProfile(), districtProfile({}, 'code'));
    const outcomes = await importOne(app, 'TH_HuyenUy_QI.xlsx', await buildDistrictWorkbook({ header: 'codes' }), { period: '2022-Q1' });
    expect(outcomes.every((o) => o.ok && o.profile === DISTRICT_PROFILE_NAME)).toBe(true);
    expect(outcomes).toHaveLength(5);
    expect(figure(await consolidate(app), 'NV5.03', 'TU-LS')).toMatchObject({ value: 3, sourceCell: `${DISTRICT_SHEET}!F9` });
  });
});

// ---------------------------------------------------------------------------------

describe('which workbooks a profile is for', () => {
  it('leaves a workbook no profile matches, without _meta, NOT_RECOGNISED', async () => {
    const app = await start();
    // A deliberately loose profile as well: any sheet with "STT", codes in B, figures in D.
    const loose: LayoutProfileInput = {
      name: 'Chung – mã ở cột B',
      sheet: { containsText: 'STT' },
      headerRows: { first: 1, last: 1 },
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'code', confirmed: {} }, value: { column: 'D' }, agency: { mode: 'fixed', code: 'STP' } },
    };
    await save(app, policeProfile(), judicialProfile(), districtProfile(), loose);
    for (const [name, bytes] of [
      ['DanhSachCanBo.xlsx', await buildUnrelatedWorkbook()],
      ['LichCongTac.xlsx', await buildLookalikeWorkbook()],
    ] as const) {
      const [o] = await importOne(app, name, bytes, { period: '2022-Q1' });
      expect(o, name).toMatchObject({ ok: false, status: 'rejected' });
      if (name === 'LichCongTac.xlsx') {
        // It has the police profile's sheet, by name: refused, saying how it differs from that profile's sample.
        const p = only(o?.problems ?? [], 'PROFILE_DIFFERS');
        expect(p.message).toContain(`"${POLICE_PROFILE_NAME}"`);
        expect(codes(o?.problems ?? [])).not.toContain('NOT_RECOGNISED');
        continue;
      }
      expect(o?.profile, name).toBeNull();
      const p = only(o?.problems ?? [], 'NOT_RECOGNISED');
      expect(p.message).toContain('không khớp mẫu bố cục nào');
    }
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
    // The loose profile is still used where it fits: a sheet with codes in B.
    const [police] = await importOne(app, 'CA.xlsx', await buildPoliceWorkbook(), { period: '2022-Q1' });
    expect(police?.profile).toBe(POLICE_PROFILE_NAME);
  });

  it('needs the sheet, the header and at least one matching row (profileMatches)', async () => {
    const app = await start();
    const catalog = await loadCatalog(app.ctx);
    const police = parseProfile(policeProfile(), '');
    const judicial = parseProfile(judicialProfile(), '');
    const district = parseProfile(districtProfile(), '');
    const policeBook = await modelOf(await buildPoliceWorkbook(), 'ca.xlsx');
    const judicialBook = await modelOf(await buildJudicialWorkbook(), 'khoi.xlsx');
    const districtBook = await modelOf(await buildDistrictWorkbook(), 'huyen.xlsx');
    const lookalike = await modelOf(await buildLookalikeWorkbook(), 'lich.xlsx');
    const noHeader = await modelOf(await buildPoliceWorkbook({ periodHeader: 'Trong quý' }), 'ca2.xlsx');

    expect(profileMatches(policeBook, police, catalog)).toBe(true);
    expect(profileMatches(judicialBook, judicial, catalog)).toBe(true);
    expect(profileMatches(districtBook, district, catalog)).toBe(true);
    // Each profile only for its own kind of workbook.
    expect(profileMatches(judicialBook, police, catalog)).toBe(false);
    expect(profileMatches(districtBook, police, catalog)).toBe(false);
    expect(profileMatches(policeBook, judicial, catalog)).toBe(false);
    expect(profileMatches(districtBook, judicial, catalog)).toBe(false);
    expect(profileMatches(policeBook, district, catalog)).toBe(false);
    // The right sheet name and "Nội dung" are not enough: the header and the rows must be there.
    expect(profileMatches(lookalike, police, catalog)).toBe(false);
    expect(profileMatches(noHeader, police, catalog)).toBe(false);
    // Without a catalog (no plan to match rows against) the structure still has to fit.
    expect(profileMatches(policeBook, police)).toBe(true);
    expect(profileMatches(lookalike, police)).toBe(false);
  });

  it('never lets a profile capture the app\'s own form (a workbook with _meta)', async () => {
    const app = await start();
    // A profile that describes the visible sheet of the app's form exactly.
    const formLike: LayoutProfileInput = {
      name: 'Bắt nhầm biểu mẫu',
      sheet: { name: 'Báo cáo' },
      headerRows: { first: 1, last: 1 },
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'code', confirmed: {} }, value: { column: 'E' }, agency: { mode: 'fixed', code: 'VKS' } },
    };
    await save(app, formLike);
    const [form] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: ['CA'] });
    if (!form) throw new Error('no form');
    const filled = await fillForm(form.bytes, (entry) => sampleValue(entry, 1));

    const model = await modelOf(filled.bytes, form.name);
    expect(profileMatches(model, parseProfile(formLike, ''), await loadCatalog(app.ctx))).toBe(false);

    const [auto] = await importOne(app, form.name, filled.bytes, { period: '2022-Q1' });
    expect(auto).toMatchObject({ ok: true, status: 'imported', agency: 'CA', readAs: 'form', profile: null });

    // Even when the clerk names the profile, the form is read as the form it is.
    const refilled = await fillForm(form.bytes, (entry) => sampleValue(entry, 2));
    const [named] = await importOne(app, 'again.xlsx', refilled.bytes, { period: '2022-Q1', profile: formLike.name });
    expect(named).toMatchObject({ ok: true, agency: 'CA', readAs: 'form', profile: null, revision: 2 });

    // And a direct call of the profile reader refuses it rather than misreading it.
    const direct = applyProfile(model, parseProfile(formLike, ''), await loadCatalog(app.ctx), { file: form.name, period: '2022-Q1' });
    expect(direct.reports).toEqual([]);
    expect(codes(direct.problems)).toEqual(['PROFILE_ON_FORM']);
  });
});

// ---------------------------------------------------------------------------------

describe('agency names (agencyNamedBy)', () => {
  it('tells similar names apart and refuses to guess', async () => {
    const app = await start();
    const { agencies } = await loadCatalog(app.ctx);
    const named = (label: string) => agencyNamedBy(label, agencies)?.code ?? null;
    expect(named('Huyện ủy Văn Lãng')).toBe('HU-VL');
    expect(named('HUYỆN UỶ VĂN QUAN')).toBe('HU-VQ');
    expect(named('Huyện Văn Lãng')).toBe('HU-VL');
    expect(named('Văn Quan')).toBe('HU-VQ');
    expect(named('Thành phố Lạng Sơn')).toBe('TU-LS');
    expect(named('CÔNG AN TỈNH LẠNG SƠN')).toBe('CA');
    expect(named('UBMTTQ tỉnh')).toBeNull();
    expect(named('Uỷ ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn')).toBe('MTTQ');
    expect(named('hu-vl')).toBe('HU-VL');
    // Ambiguous: "Văn" is in both Văn Lãng and Văn Quan; "Huyện ủy" in every district.
    expect(named('Văn')).toBeNull();
    expect(named('Huyện ủy')).toBeNull();
    // Two agencies in one heading: which one reports is not for the app to guess.
    expect(named('CÔNG AN TỈNH - VIỆN KIỂM SÁT NHÂN DÂN TỈNH')).toBeNull();
    // A word inside another word is no match: "Tòa án" does not hide in an unrelated name.
    expect(named('Cục Hải quan tỉnh Lạng Sơn')).toBeNull();
    expect(named('')).toBeNull();
  });
});
