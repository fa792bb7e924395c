// Which saved layout profile reads a workbook sent without naming one (excel.md §3): the
// profile whose named sheet is there beats one that only fits by content; two that fit
// equally but would read the file as different agencies refuse it; a profile knows its
// sheet by header texts, then name, then the only visible sheet; and a file that has
// drifted from its one profile is told what differs. Real .xlsx bytes, through the Api.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, ImportOutcome } from '../../shared/api';
import type { LayoutProfileInput } from '../../shared/profiles';
import { buildPoliceWorkbook } from '../fixtures/foreign-workbooks';
import { buildLegacyWorkbook, LEGACY_SHEET } from '../fixtures/legacy-workbooks';
import { call, cleanupTempDirs, count, local, openTestApp, type TestApp } from '../helpers/app';

afterAll(() => cleanupTempDirs());
const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 7, 10) });
  open.push(app);
  return app;
}

type Upload = ArgsOf<'intake.import'>['files'][number];
function upload(name: string, bytes: Uint8Array): Upload {
  return { name, bytes: bytes as Uint8Array<ArrayBuffer> };
}

async function importing(app: TestApp, file: Upload, options: { period?: string; profile?: string; dryRun?: boolean } = {}): Promise<ImportOutcome> {
  const [o] = await call(app.h, 'intake.import', { files: [file], receivedOn: '2022-07-10', ...options });
  if (!o) throw new Error('no outcome');
  return o;
}

/** A fixed-agency profile of the police's layout: the sheet by name, the figure under "Kỳ báo cáo". */
function fixedProfile(name: string, code: string, sheet: string): LayoutProfileInput {
  return {
    name,
    sheet: { name: sheet },
    headerRows: { first: 5, last: 6 },
    layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { headerText: 'Kỳ báo cáo' }, agency: { mode: 'fixed', code } },
  };
}

/** The workbook without its help sheet: one visible sheet. */
async function withoutHelpSheet(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const help = wb.getWorksheet('Hướng dẫn');
  if (help) wb.removeWorksheet(help.id);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('two fixed-agency profiles of one template', () => {
  async function twoProfiles(): Promise<TestApp> {
    const app = await start();
    // "TA – BC" comes first by name, and fits the police layout by its header text alone.
    await call(app.h, 'profiles.save', { definition: fixedProfile('TA – BC', 'TA', 'BC TA') });
    await call(app.h, 'profiles.save', { definition: fixedProfile('VKS – BC', 'VKS', 'BC CCTP Q1') });
    return app;
  }

  it('reads the file through the profile whose named sheet it has, not the first by name', async () => {
    const app = await twoProfiles();
    const bytes = await buildPoliceWorkbook({ sheetName: 'BC CCTP Q1', agencyHeading: 'ĐƠN VỊ: PHÒNG TỔNG HỢP' });
    const o = await importing(app, upload('VKS_Q1.xlsx', bytes), { period: '2022-Q1' });
    expect(o, JSON.stringify(o.problems)).toMatchObject({ ok: true, status: 'imported', agency: 'VKS', profile: 'VKS – BC' });
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(1);
  });

  it('refuses a file both fit equally (neither names its sheet) and says to choose the profile', async () => {
    const app = await twoProfiles();
    const bytes = await buildPoliceWorkbook({ sheetName: 'BC CCTP 6T', agencyHeading: 'ĐƠN VỊ: PHÒNG TỔNG HỢP' });
    const o = await importing(app, upload('BC_Q1.xlsx', bytes), { period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected', agency: null });
    expect(o.problems.map((p) => p.code)).toEqual(['PROFILE_AMBIGUOUS']);
    const [p] = o.problems;
    expect(p?.severity).toBe('error');
    for (const part of ['BC_Q1.xlsx', 'BC CCTP 6T', '"TA – BC"', '"VKS – BC"', 'Mẫu bố cục']) expect(p?.message).toContain(part);
    // The clerk's message speaks of screens, not of the command line.
    expect(p?.message).not.toContain('--profile');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
    // Chosen, it is read.
    const chosen = await importing(app, upload('BC_Q1.xlsx', bytes), { period: '2022-Q1', profile: 'VKS – BC' });
    expect(chosen, JSON.stringify(chosen.problems)).toMatchObject({ ok: true, agency: 'VKS', profile: 'VKS – BC' });
  });
});

describe('a profile with no header text to look for and its named sheet gone', () => {
  function oldProfile(): LayoutProfileInput {
    return {
      name: 'VKS cũ',
      sheet: { name: 'VKS' },
      headerRows: { first: 5, last: 6 },
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { column: 'D' }, agency: { mode: 'fixed', code: 'VKS' } },
    };
  }

  it('does not take a workbook of several visible sheets, whatever its heading', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: oldProfile() });
    for (const heading of ['ĐƠN VỊ BÁO CÁO', 'CÔNG AN TỈNH LẠNG SƠN']) {
      const bytes = await buildPoliceWorkbook({ sheetName: 'BC CCTP Q1', agencyHeading: heading });
      const o = await importing(app, upload('CA_Q1.xlsx', bytes), { period: '2022-Q1' });
      expect(o, heading).toMatchObject({ ok: false, status: 'rejected', agency: null });
      expect(o.problems.map((p) => p.code), heading).toEqual(['NOT_RECOGNISED']);
      // Chosen by the clerk, it still finds no sheet of its own among several.
      const chosen = await importing(app, upload('CA_Q1.xlsx', bytes), { period: '2022-Q1', profile: 'VKS cũ' });
      expect(chosen.problems.map((p) => p.code), heading).toEqual(['PROFILE_SHEET_MISSING']);
    }
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('takes the only visible sheet, and the heading check still refuses another agency\'s file, saying the true remedy', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: oldProfile() });
    const police = await withoutHelpSheet(await buildPoliceWorkbook({ sheetName: 'BC CCTP Q1', agencyHeading: 'CÔNG AN TỈNH LẠNG SƠN' }));
    const refused = await importing(app, upload('CA_Q1.xlsx', police), { period: '2022-Q1' });
    expect(refused).toMatchObject({ ok: false, status: 'rejected', agency: null });
    const mismatch = refused.problems.find((p) => p.code === 'AGENCY_MISMATCH');
    expect(mismatch, JSON.stringify(refused.problems)).toMatchObject({ severity: 'error', cell: 'BC CCTP Q1!A1' });
    expect(mismatch?.message).toContain('Mẫu bố cục');
    expect(mismatch?.message).not.toContain('hoặc đơn vị khi nhập tệp');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);

    const unheaded = await withoutHelpSheet(await buildPoliceWorkbook({ sheetName: 'BC CCTP Q1', agencyHeading: 'ĐƠN VỊ BÁO CÁO' }));
    const taken = await importing(app, upload('VKS_Q1.xlsx', unheaded), { period: '2022-Q1' });
    expect(taken, JSON.stringify(taken.problems)).toMatchObject({ ok: true, agency: 'VKS', profile: 'VKS cũ' });
  });
});

describe('a file drifted from its one profile, recognised automatically', () => {
  function vksProfile(extra: Partial<LayoutProfileInput> = {}): LayoutProfileInput {
    return {
      name: 'VKS – mẫu cũ',
      sheet: { name: LEGACY_SHEET, containsText: 'Nội dung' },
      headerRows: { first: 7, last: 8 },
      periodCell: 'A4',
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { headerText: 'Kỳ báo cáo' }, agency: { mode: 'cell', cell: 'A2' } },
      ...extra,
    };
  }

  it('says what differs from the profile whose sheet it has, not "not recognised"', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vksProfile() });
    const cases: [string, Uint8Array][] = [
      ['KEY_COLUMN_EMPTY', await buildLegacyWorkbook({ encoding: 'tcvn3', shift: true })],
      ['PROFILE_TEXT_MISSING', await buildLegacyWorkbook({ encoding: 'tcvn3', contentHeader: 'Tên chỉ tiêu' })],
    ];
    for (const [code, bytes] of cases) {
      const o = await importing(app, upload('VKS_QI_moi.xlsx', bytes), { period: '2022-Q1' });
      expect(o, code).toMatchObject({ ok: false, status: 'rejected' });
      const codes = o.problems.filter((p) => p.severity === 'error').map((p) => p.code);
      expect(codes, JSON.stringify(o.problems)).toContain(code);
      expect(codes).not.toContain('NOT_RECOGNISED');
      const p = o.problems.find((q) => q.code === code);
      expect(p?.message).toContain('VKS_QI_moi.xlsx');
      expect(p?.message).toContain('"VKS – mẫu cũ"');
      // Led by which profile it was held to, and what to do.
      const lead = o.problems.find((q) => q.code === 'PROFILE_DIFFERS');
      for (const part of ['VKS_QI_moi.xlsx', `"${LEGACY_SHEET}"`, '"VKS – mẫu cũ"', 'Mẫu bố cục']) expect(lead?.message, code).toContain(part);
    }
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('says which value header is missing when the police renamed "Kỳ báo cáo"', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', {
      definition: {
        name: 'CA – BC CCTP',
        sheet: { name: 'BC CCTP Q1' },
        headerRows: { first: 5, last: 6 },
        periodCell: 'A3',
        layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { headerText: 'Kỳ báo cáo' }, agency: { mode: 'cell', cell: 'A1' } },
      },
    });
    const o = await importing(app, upload('CA.xlsx', await buildPoliceWorkbook({ sheetName: 'BC CCTP Q1', periodHeader: 'Trong quý' })), { period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    const p = o.problems.find((q) => q.code === 'VALUE_COLUMN_NOT_FOUND');
    expect(p, JSON.stringify(o.problems)).toMatchObject({ severity: 'error' });
    expect(p?.message).toContain('"Kỳ báo cáo"');
    expect(o.problems.map((q) => q.code)).not.toContain('NOT_RECOGNISED');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('stays "not recognised" when two profiles\' sheets are there and both differ', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vksProfile() });
    await call(app.h, 'profiles.save', { definition: vksProfile({ name: 'VKS – mẫu khác' }) });
    const o = await importing(app, upload('VKS_QI_moi.xlsx', await buildLegacyWorkbook({ encoding: 'tcvn3', contentHeader: 'Tên chỉ tiêu' })), { period: '2022-Q1' });
    expect(o.problems.map((p) => p.code)).toEqual(['NOT_RECOGNISED']);
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });
});
