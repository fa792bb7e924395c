// Agencies' own workbooks in legacy Vietnamese encodings (TCVN3 ".VnTime", VNI
// "VNI-Times"), read through layout profiles and shown by the wizard: every text is
// converted before it is shown, matched, recognised as an agency or saved into a profile;
// and a fixed-agency profile refuses a file whose heading names another agency. Real
// .xlsx bytes built with exceljs, real SQLite files, through the Api.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, Consolidation, ImportOutcome } from '../../shared/api';
import type { LayoutProfileInput } from '../../shared/profiles';
import {
  buildLegacyWorkbook,
  encodeTcvn3,
  LEGACY_ROWS,
  LEGACY_SHEET,
  legacyRowOf,
  TA_FIGURES,
  VKS_FIGURES,
  type LegacyEncoding,
} from '../fixtures/legacy-workbooks';
import { call, cleanupTempDirs, local, openTestApp, tableCounts, VIETNAMESE, type TestApp } from '../helpers/app';

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

type Upload = ArgsOf<'intake.import'>['files'][number];

function upload(name: string, bytes: Uint8Array): Upload {
  return { name, bytes: bytes as Uint8Array<ArrayBuffer> };
}

/** What a clerk points out in the wizard on the legacy template: headers 7–8, names in B, "Kỳ báo cáo", the agency in A2. */
function pointed(name: string, extra: Partial<LayoutProfileInput> = {}): LayoutProfileInput {
  return {
    name,
    sheet: { name: LEGACY_SHEET },
    headerRows: { first: 7, last: 8 },
    layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed: {} }, value: { headerText: 'Kỳ báo cáo' }, agency: { mode: 'cell', cell: 'A2' } },
    ...extra,
  };
}

function figure(c: Consolidation, indicator: string, agency: string): number | null {
  return c.indicators.find((i) => i.code === indicator)?.byAgency.find((a) => a.code === agency)?.value ?? null;
}

const ENCODINGS: LegacyEncoding[] = ['tcvn3', 'vni'];

describe.each(ENCODINGS)('a %s workbook in the wizard', (encoding) => {
  it('is shown in Unicode: heading, header texts, row names', async () => {
    const app = await start();
    const bytes = await buildLegacyWorkbook({ encoding });
    const inspection = await call(app.h, 'profiles.inspect', { file: upload('BC_VKS_QI.xlsx', bytes) });
    const sheet = inspection.sheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe(LEGACY_SHEET);
    expect(sheet.rows[0]?.[0]).toBe('VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO');
    expect(sheet.rows[1]?.[0]).toBe('VIỆN KIỂM SÁT NHÂN DÂN TỈNH LẠNG SƠN');
    expect(sheet.rows[1]?.[3]).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(sheet.rows[3]?.[0]).toBe('BÁO CÁO SỐ LIỆU CÔNG TÁC CẢI CÁCH TƯ PHÁP QUÝ I NĂM 2022');
    expect(sheet.rows[6]?.slice(0, 4)).toEqual(['STT', 'Nội dung', 'Đơn vị tính', 'Số liệu']);
    expect(sheet.rows[7]?.slice(3, 5)).toEqual(['Kỳ báo cáo', 'Lũy kế']);
    expect(sheet.rows[9]?.[1]).toBe('Số vụ án hình sự đã thụ lý');
    expect(sheet.rows[8]?.[1]).toBe('CÔNG TÁC GIẢI QUYẾT ÁN HÌNH SỰ');
  });

  it('matches every row by name and finds the agency in the heading, with no hand picking', async () => {
    const app = await start();
    const file = upload('BC_VKS_QI.xlsx', await buildLegacyWorkbook({ encoding }));
    const preview = await call(app.h, 'profiles.preview', { file, definition: { ...pointed('VKS – mẫu cũ'), periodCell: 'A4' }, period: '2022-Q1' });
    expect(preview).toMatchObject({ sheet: LEGACY_SHEET, valueColumn: 'D', agency: { code: 'VKS' } });
    expect(preview.periodText).toBe('BÁO CÁO SỐ LIỆU CÔNG TÁC CẢI CÁCH TƯ PHÁP QUÝ I NĂM 2022');
    for (const r of LEGACY_ROWS) {
      const row = preview.rows.find((x) => x.key === r.name);
      expect(row, r.name).toBeDefined();
      expect(row?.role, r.name).toBe(r.code ? 'matched' : 'group');
      if (r.code) expect(row?.indicator?.code, r.name).toBe(r.code);
    }
    expect(preview.rows.filter((r) => r.role === 'unmatched')).toEqual([]);
    expect(preview.reports).toEqual([{ agency: 'VKS', values: Object.keys(VKS_FIGURES).length }]);
    expect(preview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The keys the clerk would confirm are the Unicode texts, never the bytes.
    for (const r of preview.rows) expect(r.confirmKey, r.confirmKey).not.toMatch(/[«¬­®¸¹µ×Øøûõï]/u);
  });

  it('saved and imported through intake.import, takes the agency\'s figures as written', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: pointed('VKS – mẫu cũ') });
    const [o] = await call(app.h, 'intake.import', { files: [upload('BC_VKS_QI.xlsx', await buildLegacyWorkbook({ encoding }))], period: '2022-Q1', receivedOn: '2022-03-16' });
    expect(o).toMatchObject({ ok: true, status: 'imported', agency: 'VKS', readAs: 'profile', profile: 'VKS – mẫu cũ' });
    expect(o?.problems.filter((p) => p.code === 'ROW_UNMATCHED')).toEqual([]);
    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    for (const [code, value] of Object.entries(VKS_FIGURES)) expect(figure(c, code, 'VKS'), code).toBe(value);
    // And recognised without naming the profile: its heading and header fit once decoded.
    const [auto] = await call(app.h, 'intake.import', { files: [upload('BC_VKS_QI_lan2.xlsx', await buildLegacyWorkbook({ encoding, figures: { ...VKS_FIGURES, 'NV2.01': 96 } }))], period: '2022-Q1', receivedOn: '2022-03-16' });
    expect(auto).toMatchObject({ ok: true, agency: 'VKS', profile: 'VKS – mẫu cũ', revision: 2 });
  });
});

describe('what goes into a saved profile', () => {
  it('is Unicode: confirmed keys and header texts picked from a garbled grid are converted on save', async () => {
    const app = await start();
    const garbledKey = encodeTcvn3('Số vụ án oan, sai hoặc bỏ lọt tội phạm được phát hiện');
    const definition = pointed('VKS – bản cũ', { sheet: { name: LEGACY_SHEET, containsText: encodeTcvn3('Nội dung') } });
    if (definition.layout.kind === 'indicator-rows') {
      definition.layout.match = { by: 'name', confirmed: { [garbledKey]: 'NV2.07' } };
      definition.layout.value = { headerText: encodeTcvn3('Kỳ báo cáo') };
    }
    await call(app.h, 'profiles.save', { definition });
    const stored = JSON.parse((app.ctx.handle.sqlite.prepare('SELECT definition FROM layout_profile').get() as { definition: string }).definition) as {
      sheet: { containsText: string };
      layout: { match: { confirmed: Record<string, string> }; value: { headerText: string } };
    };
    expect(stored.layout.match.confirmed).toEqual({ 'Số vụ án oan, sai hoặc bỏ lọt tội phạm được phát hiện': 'NV2.07' });
    expect(stored.layout.value.headerText).toBe('Kỳ báo cáo');
    expect(stored.sheet.containsText).toBe('Nội dung');
  });
});

describe('a fixed-agency profile', () => {
  /** The workaround the issue reports: a fixed agency and every row picked by hand, in the grid's raw bytes. */
  function workaround(): LayoutProfileInput {
    const confirmed = Object.fromEntries(LEGACY_ROWS.filter((r) => r.code).map((r) => [encodeTcvn3(r.name), r.code as string]));
    return {
      name: 'VKS – chọn tay',
      sheet: { name: LEGACY_SHEET },
      headerRows: { first: 7, last: 8 },
      layout: { kind: 'indicator-rows', keyColumn: 'B', match: { by: 'name', confirmed }, value: { headerText: encodeTcvn3('Kỳ báo cáo') }, agency: { mode: 'fixed', code: 'VKS' } },
    };
  }

  it('refuses a court report in the same TCVN3 template, says which agency the heading names, and changes nothing', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: workaround() });
    const [vks] = await call(app.h, 'intake.import', { files: [upload('BC_VKS_QI.xlsx', await buildLegacyWorkbook({ encoding: 'tcvn3' }))], period: '2022-Q1', receivedOn: '2022-03-16' });
    expect(vks).toMatchObject({ ok: true, agency: 'VKS', revision: 1 });
    const before = tableCounts(app.ctx.handle.sqlite);
    const figuresBefore = await call(app.h, 'consolidation.get', { period: '2022-Q1' });

    const court = await buildLegacyWorkbook({ encoding: 'tcvn3', superior: 'TÒA ÁN NHÂN DÂN TỐI CAO', agency: 'TÒA ÁN NHÂN DÂN TỈNH LẠNG SƠN', figures: TA_FIGURES });
    for (const options of [{ profile: 'VKS – chọn tay' }, {}]) {
      const [o] = await call(app.h, 'intake.import', { files: [upload('BC_TA_QI.xlsx', court)], period: '2022-Q1', receivedOn: '2022-03-16', ...options });
      expect(o, JSON.stringify(options)).toMatchObject({ ok: false, status: 'rejected' });
      const mismatch = (o as ImportOutcome).problems.find((p) => p.code === 'AGENCY_MISMATCH');
      expect(mismatch, JSON.stringify(o?.problems)).toMatchObject({ severity: 'error', cell: `${LEGACY_SHEET}!A2` });
      expect(mismatch?.message).toContain('BC_TA_QI.xlsx');
      expect(mismatch?.message).toContain(`${LEGACY_SHEET}`);
      expect(mismatch?.message).toContain('ô A2 ghi “TÒA ÁN NHÂN DÂN TỈNH LẠNG SƠN”');
      expect(mismatch?.message).toContain('Viện Kiểm sát nhân dân tỉnh');
      // The remedy is the court's own profile; choosing the agency at import would not help.
      expect(mismatch?.message).toContain('mẫu bố cục của Tòa án nhân dân tỉnh');
      expect(mismatch?.message).toContain('Mẫu bố cục');
      expect(mismatch?.message).not.toContain('đơn vị khi nhập tệp');
      expect(mismatch?.message).toMatch(VIETNAMESE);
    }
    expect({ ...tableCounts(app.ctx.handle.sqlite), import_log: 0 }).toEqual({ ...before, import_log: 0 });
    const after = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    for (const code of Object.keys(VKS_FIGURES)) expect(figure(after, code, 'VKS'), code).toBe(figure(figuresBefore, code, 'VKS'));
    expect(figure(after, 'NV2.01', 'TA')).toBeNull();
  });

  it('gives way to a profile the file does fit: the court\'s file in the shared template goes to the court', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: workaround() });
    // Named to come after the procuracy's profile in the list: which fits decides, not the order.
    await call(app.h, 'profiles.save', { definition: pointed('Viện và Tòa – mẫu chung (A2)') });
    const court = await buildLegacyWorkbook({ encoding: 'tcvn3', superior: 'TÒA ÁN NHÂN DÂN TỐI CAO', agency: 'TÒA ÁN NHÂN DÂN TỈNH LẠNG SƠN', figures: TA_FIGURES });
    const [o] = await call(app.h, 'intake.import', { files: [upload('BC_TA_QI.xlsx', court)], period: '2022-Q1', receivedOn: '2022-03-16' });
    expect(o, JSON.stringify(o?.problems)).toMatchObject({ ok: true, agency: 'TA', profile: 'Viện và Tòa – mẫu chung (A2)' });
    expect(figure(await call(app.h, 'consolidation.get', { period: '2022-Q1' }), 'NV2.01', 'TA')).toBe(TA_FIGURES['NV2.01']);
  });

  it('knows an abbreviated heading ("TAND TỈNH LẠNG SƠN") as the agency it names', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: workaround() });
    const court = await buildLegacyWorkbook({ encoding: 'vni', superior: 'TAND TỐI CAO', agency: 'TAND TỈNH LẠNG SƠN', figures: TA_FIGURES });
    const [o] = await call(app.h, 'intake.import', { files: [upload('BC_TA_QI.xlsx', court)], period: '2022-Q1', receivedOn: '2022-03-16', profile: 'VKS – chọn tay' });
    expect(o).toMatchObject({ ok: false, status: 'rejected' });
    expect(o?.problems.find((p) => p.code === 'AGENCY_MISMATCH')?.message).toContain('“TAND TỈNH LẠNG SƠN”');
    const vks = await buildLegacyWorkbook({ encoding: 'vni', superior: 'VKSND TỐI CAO', agency: 'VIỆN KSND TỈNH LẠNG SƠN' });
    const [own] = await call(app.h, 'intake.import', { files: [upload('BC_VKS_QI.xlsx', vks)], period: '2022-Q1', receivedOn: '2022-03-16', profile: 'VKS – chọn tay' });
    expect(own, JSON.stringify(own?.problems)).toMatchObject({ ok: true, agency: 'VKS' });
  });

  it('takes a file whose heading names its own agency, or none', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: workaround() });
    const plain = await buildLegacyWorkbook({ encoding: 'tcvn3', superior: 'BÁO CÁO SỐ LIỆU', agency: 'PHÒNG TỔNG HỢP' });
    const [o] = await call(app.h, 'intake.import', { files: [upload('BC_QI.xlsx', plain)], period: '2022-Q1', receivedOn: '2022-03-16', profile: 'VKS – chọn tay' });
    expect(o).toMatchObject({ ok: true, agency: 'VKS' });
    expect(figure(await call(app.h, 'consolidation.get', { period: '2022-Q1' }), 'NV2.01', 'VKS')).toBe(VKS_FIGURES['NV2.01']);
    expect(legacyRowOf('NV2.01')).toBe(10);
  });
});
