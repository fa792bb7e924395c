// Layout profiles that survive next quarter and never take a file silently (excel.md §3):
// the sheet is found by its content (header texts, then name, then the only sheet), the
// period is read from the period cell or the file's heading, and a file whose structure
// differs from the sample's is refused with what differs. Real .xlsx bytes, real SQLite
// files, through the Api.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, ImportOutcome } from '../../shared/api';
import type { LayoutProfileInput } from '../../shared/profiles';
import type { Problem } from '../../shared/problems';
import { buildPoliceWorkbook, POLICE_CELLS } from '../fixtures/foreign-workbooks';
import { buildLegacyWorkbook, LEGACY_SHEET, VKS_FIGURES } from '../fixtures/legacy-workbooks';
import { call, cleanupTempDirs, count, local, openTestApp, VIETNAMESE, type TestApp } from '../helpers/app';

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

async function importing(app: TestApp, file: Upload, options: { period?: string; profile?: string } = {}): Promise<ImportOutcome> {
  const [o] = await call(app.h, 'intake.import', { files: [file], receivedOn: '2022-07-10', ...options });
  if (!o) throw new Error('no outcome');
  return o;
}

function errors(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** The police's profile as the wizard saves it: the sheet by its name, the figure under "Kỳ báo cáo", the agency in A1. */
function policeQ1(extra: Partial<LayoutProfileInput> = {}): LayoutProfileInput {
  return {
    name: 'CA – BC CCTP',
    sheet: { name: 'BC CCTP Q1' },
    headerRows: { first: 5, last: 6 },
    periodCell: 'A3',
    layout: {
      kind: 'indicator-rows',
      keyColumn: 'B',
      match: { by: 'name', confirmed: { 'Án oan sai, bỏ lọt tội phạm phát hiện qua công tác kiểm tra': 'NV2.07' } },
      value: { headerText: 'Kỳ báo cáo' },
      agency: { mode: 'cell', cell: 'A1' },
    },
    ...extra,
  };
}

const SIX_MONTHS = 'BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2022';

describe('the sheet, found by its content', () => {
  it('matches next report\'s renamed sheet ("BC CCTP Q1" → "BC CCTP 6T") by its header texts, beside a help sheet', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: policeQ1() });
    const q1 = await importing(app, upload('CA_Q1.xlsx', await buildPoliceWorkbook({ sheetName: 'BC CCTP Q1' })));
    expect(q1).toMatchObject({ ok: true, agency: 'CA', period: '2022-Q1', profile: 'CA – BC CCTP' });

    const h1 = await buildPoliceWorkbook({ sheetName: 'BC CCTP 6T', title: SIX_MONTHS });
    // Recognised without naming the profile or the period: the period comes from A3.
    const auto = await importing(app, upload('CA_6T.xlsx', h1));
    expect(auto, JSON.stringify(auto.problems)).toMatchObject({ ok: true, status: 'imported', agency: 'CA', period: '2022-H1', profile: 'CA – BC CCTP' });
    const c = await call(app.h, 'consolidation.get', { period: '2022-H1' });
    const nv201 = c.indicators.find((i) => i.code === 'NV2.01')?.byAgency.find((a) => a.code === 'CA');
    expect(nv201).toMatchObject({ value: POLICE_CELLS['NV2.01'].value, sourceCell: 'BC CCTP 6T!D8' });
    // Named by the clerk, the same (a corrected file: new bytes, a new revision).
    const corrected = await buildPoliceWorkbook({ sheetName: 'BC CCTP 6T', title: `${SIX_MONTHS} (bổ sung)` });
    const named = await importing(app, upload('CA_6T_lan2.xlsx', corrected), { profile: 'CA – BC CCTP', period: '2022-H1' });
    expect(named).toMatchObject({ ok: true, agency: 'CA', period: '2022-H1', revision: 2 });
  });

  it('takes the only sheet when a profile has no header text to look for', async () => {
    const app = await start();
    const byColumn: LayoutProfileInput = {
      name: 'VKS – cột D',
      sheet: { name: LEGACY_SHEET },
      headerRows: { first: 7, last: 8 },
      periodCell: 'A4',
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { column: 'D' }, agency: { mode: 'cell', cell: 'A2' } },
    };
    await call(app.h, 'profiles.save', { definition: byColumn });
    const bytes = await buildLegacyWorkbook({ encoding: 'tcvn3', sheetName: 'BC CCTP 6T', title: 'BÁO CÁO SỐ LIỆU 6 THÁNG ĐẦU NĂM 2022' });
    for (const options of [{}, { profile: 'VKS – cột D' }]) {
      const o = await importing(app, upload('VKS_6T.xlsx', bytes), options);
      expect(o, JSON.stringify(o.problems)).toMatchObject({ ok: true, agency: 'VKS', period: '2022-H1', profile: 'VKS – cột D' });
    }
  });

  it('prefers the sheet whose header fits over a help sheet, in a legacy workbook renamed', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', {
      definition: {
        name: 'VKS – mẫu cũ',
        sheet: { name: LEGACY_SHEET },
        headerRows: { first: 7, last: 8 },
        periodCell: 'A4',
        layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { headerText: 'Kỳ báo cáo' }, agency: { mode: 'cell', cell: 'A2' } },
      },
    });
    const bytes = await buildLegacyWorkbook({ encoding: 'vni', sheetName: 'BC CCTP 6T', title: SIX_MONTHS, helpSheet: true });
    const o = await importing(app, upload('VKS_6T.xlsx', bytes));
    expect(o, JSON.stringify(o.problems)).toMatchObject({ ok: true, agency: 'VKS', period: '2022-H1', profile: 'VKS – mẫu cũ' });
    const c = await call(app.h, 'consolidation.get', { period: '2022-H1' });
    expect(c.indicators.find((i) => i.code === 'NV2.01')?.byAgency.find((a) => a.code === 'VKS')?.value).toBe(VKS_FIGURES['NV2.01']);
  });
});

describe('the period, read from the file', () => {
  it('comes from the heading when the profile names no period cell, and a clash with the chosen period is refused', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: policeQ1({ periodCell: undefined }) });
    const h1 = await buildPoliceWorkbook({ sheetName: 'BC CCTP 6T', title: SIX_MONTHS });
    const auto = await importing(app, upload('CA_6T.xlsx', h1));
    expect(auto, JSON.stringify(auto.problems)).toMatchObject({ ok: true, agency: 'CA', period: '2022-H1' });

    const wrong = await importing(app, upload('CA_6T_lan2.xlsx', h1), { period: '2022-Q1' });
    expect(wrong).toMatchObject({ ok: false, status: 'rejected' });
    const clash = wrong.problems.find((p) => p.code === 'PERIOD_MISMATCH');
    expect(clash).toMatchObject({ severity: 'error', cell: 'BC CCTP 6T!A3' });
    expect(clash?.message).toContain('tệp ghi kỳ 6 tháng đầu năm 2022; anh/chị đang nhận báo cáo Quý I năm 2022');
    expect(clash?.message).toMatch(VIETNAMESE);
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(1);
  });
});

describe('a file whose structure differs from the sample\'s', () => {
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

  it('is refused when the key column is empty, and says where the names went', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vksProfile() });
    const shifted = await buildLegacyWorkbook({ encoding: 'tcvn3', shift: true });
    const o = await importing(app, upload('VKS_QI_moi.xlsx', shifted), { profile: 'VKS – mẫu cũ', period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    const empty = errors(o.problems).find((p) => p.code === 'KEY_COLUMN_EMPTY');
    expect(empty, JSON.stringify(o.problems)).toMatchObject({ cell: `${LEGACY_SHEET}!B9` });
    expect(empty?.message).toContain('VKS_QI_moi.xlsx');
    expect(empty?.message).toContain('cột B');
    expect(empty?.message).toContain('cột C');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('is refused when a header text of the profile is not on the sheet', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vksProfile() });
    const renamed = await buildLegacyWorkbook({ encoding: 'tcvn3', contentHeader: 'Tên chỉ tiêu' });
    const o = await importing(app, upload('VKS_QI.xlsx', renamed), { profile: 'VKS – mẫu cũ', period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    const missing = errors(o.problems).find((p) => p.code === 'PROFILE_TEXT_MISSING');
    expect(missing, JSON.stringify(o.problems)).toBeDefined();
    expect(missing?.message).toContain('“Nội dung”');
    expect(missing?.message).toContain(LEGACY_SHEET);
    expect(missing?.message).toContain('dòng 1–8');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });

  it('is refused when the value column\'s header has changed', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: vksProfile({ sheet: { name: LEGACY_SHEET } }) });
    const bytes = await buildLegacyWorkbook({ encoding: 'vni' });
    const changed = vksProfile({ name: 'VKS – trong kỳ', sheet: { name: LEGACY_SHEET } });
    if (changed.layout.kind === 'indicator-rows') changed.layout.value = { headerText: 'Trong kỳ' };
    await call(app.h, 'profiles.save', { definition: changed });
    const o = await importing(app, upload('VKS_QI.xlsx', bytes), { profile: 'VKS – trong kỳ', period: '2022-Q1' });
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    expect(errors(o.problems).map((p) => p.code)).toContain('VALUE_COLUMN_NOT_FOUND');
  });

  it('is refused when the column a profile reads by letter is headed otherwise than in the sample', async () => {
    const app = await start();
    const byLetter = vksProfile({ name: 'VKS – cột D', sheet: { name: LEGACY_SHEET } });
    if (byLetter.layout.kind === 'indicator-rows') byLetter.layout.value = { column: 'D', header: 'Kỳ báo cáo' };
    await call(app.h, 'profiles.save', { definition: byLetter });
    // The sample's own layout reads as before.
    const same = await importing(app, upload('VKS_QI.xlsx', await buildLegacyWorkbook({ encoding: 'tcvn3' })), { profile: 'VKS – cột D', period: '2022-Q1' });
    expect(same, JSON.stringify(same.problems)).toMatchObject({ ok: true, agency: 'VKS' });
    // Next file: "Lũy kế" now comes first, in D.
    const swapped = await buildLegacyWorkbook({ encoding: 'tcvn3', cumulativeFirst: true, figures: { ...VKS_FIGURES, 'NV2.01': 97 } });
    for (const options of [{ profile: 'VKS – cột D', period: '2022-Q1' }, { period: '2022-Q1' }]) {
      const o = await importing(app, upload('VKS_QI_lan2.xlsx', swapped), options);
      expect(o, JSON.stringify(options)).toMatchObject({ ok: false, status: 'rejected' });
      // Recognised automatically, the one profile whose sheet it has says the same as when chosen.
      const changed = errors(o.problems).find((p) => p.code === 'VALUE_HEADER_CHANGED');
      expect(changed, JSON.stringify(o.problems)).toMatchObject({ cell: `${LEGACY_SHEET}!D8` });
      expect(changed?.message).toContain('cột D');
      expect(changed?.message).toContain('“Lũy kế”');
      expect(changed?.message).toContain('nay là cột E');
    }
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(1);
  });
});
