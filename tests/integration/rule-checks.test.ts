// The validation rules, each firing with its rule code, severity, agency, indicator,
// cell and a Vietnamese sentence with both figures: in the import preview, on commit,
// on the consolidated period, in `consolidate --json` and in the workbook's own sheet.
// An error refuses the file unless the clerk accepts it with a reason, which is kept.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, ImportOutcome } from '../../shared/api';
import type { Problem } from '../../shared/problems';
import { runCli } from '../../electron/cli/run';
import { checkAgencyReport, OUTLIER_FACTOR, OUTLIER_FLOOR, type AgencyPeriodFigures } from '../../electron/app/checks';
import { fillForm, type FillValue } from '../fixtures/fill-form';
import { cellOfField, metaEntries } from '../helpers/workbooks';
import { call, cleanupTempDirs, count, openTestApp, refuse, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

/** A file as the Api takes it, with what the clerk says of it. */
type IncomingFile = ArgsOf<'intake.import'>['files'][number];

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp({ osUser: 'vanthu' });
  open.push(app);
  return app;
}

async function form(app: TestApp, agency: string, period: string, fields: Record<string, FillValue>, name = `BaoCao_${period}_${agency}.xlsx`): Promise<IncomingFile> {
  const [blank] = await call(app.h, 'forms.generate', { period, agencies: [agency] });
  if (!blank) throw new Error('no form');
  const { bytes } = await fillForm(blank.bytes, (entry) => (Object.hasOwn(fields, entry.field) ? (fields[entry.field] ?? null) : null));
  return { name, bytes: bytes as Uint8Array<ArrayBuffer> };
}

async function cellOf(app: TestApp, agency: string, period: string, field: string): Promise<string> {
  const [blank] = await call(app.h, 'forms.generate', { period, agencies: [agency] });
  return cellOfField((await metaEntries(blank?.bytes ?? new Uint8Array())).entries, field).ref;
}

function importing(app: TestApp, files: IncomingFile[], period: string, dryRun = false): Promise<ImportOutcome[]> {
  return call(app.h, 'intake.import', { files, period, dryRun, receivedOn: '2022-09-15' });
}

function problem(o: ImportOutcome | undefined, code: string): Problem {
  const p = o?.problems.find((x) => x.code === code);
  if (!p) throw new Error(`${code} not among ${JSON.stringify(o?.problems.map((x) => x.code))}`);
  return p;
}

function enter(app: TestApp, agency: string, period: string, values: Record<string, number>, extra: Partial<ArgsOf<'submissions.enter'>> = {}) {
  return call(app.h, 'submissions.enter', { period, agency, taskReports: [], values: Object.entries(values).map(([indicatorCode, number]) => ({ indicatorCode, number })), ...extra });
}

describe('CUMULATIVE_FALLS: a cumulative figure cannot fall', () => {
  it('refuses a 9-month figure below the 6-month one, at its cell, with both figures; accepted with a reason, it lands and is kept', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-H1', { 'NV1.01': 10, 'NV2.01': 40, 'NV2.02': 30 });
    const file = await form(app, 'CA', '2022-9M', { 'indicator:NV1.01': 5, 'indicator:NV2.01': 60, 'indicator:NV2.02': 50 });
    const at = await cellOf(app, 'CA', '2022-9M', 'indicator:NV1.01');

    const [preview] = await importing(app, [file], '2022-9M', true);
    expect(preview?.status).toBe('rejected');
    const fall = problem(preview, 'CUMULATIVE_FALLS');
    expect(fall).toMatchObject({ severity: 'error', cell: at, rule: 'CUMULATIVE_FALLS', indicator: 'NV1.01', agency: 'CA', field: 'indicator:NV1.01', remedy: 'accept' });
    expect(fall.message).toBe(
      `${at}: NV1.01 – Số hội nghị quán triệt, tuyên truyền, phổ biến pháp luật của Công an tỉnh kỳ 9 tháng năm 2022 là 5, nhỏ hơn kỳ 6 tháng đầu năm 2022 (10). Số lũy kế không thể giảm; hãy hỏi lại đơn vị rồi sửa số liệu, hoặc ghi lý do chấp nhận.`,
    );
    const before = count(app.ctx.handle.sqlite, 'submission');
    const [refused] = await importing(app, [file], '2022-9M');
    expect(refused?.status).toBe('rejected');
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(before);

    const reason = 'Đơn vị xác nhận số 6 tháng tính trùng 5 hội nghị';
    const [imported] = await importing(app, [{ ...file, accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV1.01', reason }] }], '2022-9M');
    expect(imported?.status).toBe('imported');
    expect(problem(imported, 'CUMULATIVE_FALLS')).toMatchObject({ severity: 'warning' });
    expect(problem(imported, 'CUMULATIVE_FALLS').message).toContain(`Đã chấp nhận với lý do: ${reason}`);
    const [s] = await call(app.h, 'submissions.list', { period: '2022-9M', agency: 'CA' });
    expect((await call(app.h, 'submissions.get', { id: s?.id ?? 0 })).acceptances).toMatchObject([{ rule: 'CUMULATIVE_FALLS', indicatorCode: 'NV1.01', reason, by: { osUser: 'vanthu' } }]);

    // On the consolidated period, both sides of the fall carry it, accepted.
    for (const period of ['2022-9M', '2022-H1']) {
      const c = await call(app.h, 'consolidation.get', { period });
      const check = c.checks.find((k) => k.rule === 'CUMULATIVE_FALLS');
      expect(check, period).toMatchObject({ severity: 'error', agency: 'CA', indicator: 'NV1.01', accepted: { reason } });
      expect(c.indicators.find((i) => i.code === 'NV1.01')?.checks).toHaveLength(1);
    }
    // consolidate --json, and the workbook's own sheet.
    let out = '';
    await runCli(['consolidate', '--period', '2022-9M', '--db', app.file, '--json'], { out: (t) => (out += t), err: () => undefined }, {});
    expect((JSON.parse(out) as { checks: unknown[] }).checks).toContainEqual({ rule: 'CUMULATIVE_FALLS', severity: 'error', agency: 'CA', indicator: 'NV1.01', against: '2022-H1', cell: at, message: expect.stringContaining('là 5, nhỏ hơn'), accepted: { reason } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await call(app.h, 'exports.consolidated', { period: '2022-9M' })).bytes) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Kiểm tra số liệu');
    const rows: string[] = [];
    sheet?.eachRow((r) => rows.push((r.values as ExcelJS.CellValue[]).map(String).join(' | ')));
    expect(rows.find((r) => r.includes('Số lũy kế giảm'))).toMatch(/Lỗi \| Số lũy kế giảm \| CA \| NV1\.01 \| .*là 5, nhỏ hơn.*\| Đơn vị xác nhận/u);
  });

  it('a later file of the same batch is checked against what the batch just committed, and a figure above its containing period is refused too', async () => {
    const app = await start();
    const h1 = await form(app, 'VKS', '2022-H1', { 'indicator:NV2.01': 50, 'indicator:NV2.02': 40 });
    const nine = await form(app, 'VKS', '2022-9M', { 'indicator:NV2.01': 45, 'indicator:NV2.02': 40 });
    const outcomes = await call(app.h, 'intake.import', { files: [h1, nine], receivedOn: '2022-09-15' });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'rejected']);
    expect(problem(outcomes[1], 'CUMULATIVE_FALLS').message).toContain('là 45, nhỏ hơn kỳ 6 tháng đầu năm 2022 (50)');
    // The other way round: Q1 above the 6 months it belongs to.
    const [q1] = await importing(app, [await form(app, 'VKS', '2022-Q1', { 'indicator:NV2.01': 70 })], '2022-Q1');
    expect(problem(q1, 'CUMULATIVE_FALLS').message).toContain('là 70, lớn hơn kỳ 6 tháng đầu năm 2022 (50), kỳ bao gồm kỳ này');
  });

  it('in a batch large enough to read each period once for every agency, a period read before a commit is read again for the agency that changed it', async () => {
    const app = await start();
    const files = [
      await form(app, 'VKS', '2022-Q1', { 'indicator:NV2.01': 10 }, 'a-Q1.xlsx'),
      // Checked inside the batch's transaction: reads the first quarter (10) for its rules.
      await form(app, 'VKS', '2022-H1', { 'indicator:NV2.01': 20 }, 'b-H1.xlsx'),
      // A second first-quarter report: 15 now stands.
      await form(app, 'VKS', '2022-Q1', { 'indicator:NV2.01': 15 }, 'c-Q1.xlsx'),
      // Below 15, above the 10 read before: only a fresh reading refuses it.
      await form(app, 'VKS', '2022-H1', { 'indicator:NV2.01': 12 }, 'd-H1.xlsx'),
    ];
    const outcomes = await call(app.h, 'intake.import', { files, receivedOn: '2022-09-15' });
    expect(outcomes.map((o) => `${o.file}:${o.status}`)).toEqual(['a-Q1.xlsx:imported', 'b-H1.xlsx:imported', 'c-Q1.xlsx:imported', 'd-H1.xlsx:rejected']);
    expect(problem(outcomes[3], 'CUMULATIVE_FALLS').message).toContain('là 12, nhỏ hơn kỳ Quý I năm 2022 (15)');
  });
});

describe('an acceptance lets through one finding, on the figures it was given on', () => {
  it('names the other period: a finding against the 6 months and one against the year are let through apart', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-H1', { 'NV1.01': 10, 'NV2.01': 40, 'NV2.02': 30 });
    await enter(app, 'CA', '2022-Y', { 'NV1.01': 20, 'NV2.01': 80, 'NV2.02': 70 });
    // NV2.01 below the 6 months (30 < 40), NV1.01 above the year (25 > 20).
    const file = await form(app, 'CA', '2022-9M', { 'indicator:NV1.01': 25, 'indicator:NV2.01': 30, 'indicator:NV2.02': 30 });
    const [preview] = await importing(app, [file], '2022-9M', true);
    const falls = (o: ImportOutcome | undefined, severity: string) => (o?.problems ?? []).filter((p) => p.code === 'CUMULATIVE_FALLS' && p.severity === severity).map((p) => [p.indicator, p.against]);
    expect(falls(preview, 'error')).toEqual([
      ['NV1.01', '2022-Y'],
      ['NV2.01', '2022-H1'],
    ]);
    // An acceptance naming the wrong period lets nothing through.
    const [wrong] = await importing(app, [{ ...file, accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV1.01', against: '2022-H1', reason: 'nhầm kỳ' }] }], '2022-9M', true);
    expect(falls(wrong, 'error')).toEqual(falls(preview, 'error'));
    const [one] = await importing(app, [{ ...file, accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV1.01', against: '2022-Y', reason: 'Số năm gửi trước, chưa đủ' }] }], '2022-9M', true);
    expect(falls(one, 'error')).toEqual([['NV2.01', '2022-H1']]);
    const reasons = [
      { rule: 'CUMULATIVE_FALLS', indicator: 'NV1.01', against: '2022-Y', reason: 'Số năm gửi trước, chưa đủ' },
      { rule: 'CUMULATIVE_FALLS', indicator: 'NV2.01', against: '2022-H1', reason: 'Số 6 tháng tính trùng' },
    ];
    const [imported] = await importing(app, [{ ...file, accept: reasons }], '2022-9M');
    expect(imported?.status).toBe('imported');
    const [s] = await call(app.h, 'submissions.list', { period: '2022-9M', agency: 'CA' });
    expect((await call(app.h, 'submissions.get', { id: s?.id ?? 0 })).acceptances).toMatchObject([
      { indicatorCode: 'NV1.01', against: '2022-Y', figures: { value: 25, other: 20 } },
      { indicatorCode: 'NV2.01', against: '2022-H1', figures: { value: 30, other: 40 } },
    ]);
  });

  it('what was accepted between 9 months and 6 months does not let through the third quarter above 9 months', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 40, 'NV2.02': 30 });
    const file = await form(app, 'CA', '2022-9M', { 'indicator:NV2.01': 35, 'indicator:NV2.02': 30 });
    const [imported] = await importing(app, [{ ...file, accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV2.01', reason: 'Số 6 tháng tính trùng 5 vụ' }] }], '2022-9M');
    expect(imported?.status).toBe('imported');
    // The third quarter at 37, above the 9 months' 35 that contain it: its own finding, which nobody has accepted.
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 3 });
    const e = await refuse(app.h, 'submissions.enter', { period: '2022-Q3', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 37 }, { indicatorCode: 'NV2.02', number: 20 }] });
    expect((e.details as Problem[]).filter((p) => p.code === 'CUMULATIVE_FALLS').map((p) => [p.severity, p.indicator, p.against])).toEqual([['error', 'NV2.01', '2022-9M']]);
  });

  it('a correction of another field keeps what was accepted on the report, and records it once', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 40, 'NV2.02': 30 });
    const file = await form(app, 'CA', '2022-9M', { 'indicator:NV2.01': 35, 'indicator:NV2.02': 30, 'indicator:NV1.01': 3 });
    await importing(app, [{ ...file, accept: [{ rule: 'CUMULATIVE_FALLS', indicator: 'NV2.01', reason: 'Số 6 tháng tính trùng 5 vụ' }] }], '2022-9M');
    const [s] = await call(app.h, 'submissions.list', { period: '2022-9M', agency: 'CA' });
    const corrected = await call(app.h, 'submissions.correct', { id: s?.id ?? 0, correction: { field: 'indicator:NV1.01', number: 4, note: 'Đơn vị báo lại qua điện thoại' } });
    expect(corrected.values.find((v) => v.indicatorCode === 'NV1.01')?.number).toBe(4);
    expect(corrected.acceptances).toHaveLength(1);
    expect(count(app.ctx.handle.sqlite, 'check_acceptance')).toBe(1);
    // Correcting the accepted figure itself makes a new finding: refused until accepted again.
    const e = await refuse(app.h, 'submissions.correct', { id: s?.id ?? 0, correction: { field: 'indicator:NV2.01', number: 36, note: 'Đơn vị báo lại' } });
    expect((e.details as Problem[]).find((p) => p.code === 'CUMULATIVE_FALLS')).toMatchObject({ severity: 'error', against: '2022-H1' });
  });
});

describe('periods are held to each other by their dates, not their names', () => {
  it('a 6-month window moved to start on 1 January no longer holds an nd09 first quarter: no fall between them, no quarter derived', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 30, 'NV2.02': 20 });
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 50, 'NV2.02': 40 });
    const q1 = (await call(app.h, 'periods.list', { year: 2022 })).find((p) => p.code === '2022-Q1');
    expect(q1?.from).toBe('2021-12-15');
    // As the windows stand (both from 15/12/2021), H1 holds Q1: Q2 is derived as H1 − Q1.
    const derived = async () => (await call(app.h, 'consolidation.get', { period: '2022-H1' })).indicators.find((i) => i.code === 'NV2.01')?.inQuarter?.value ?? null;
    expect(await derived()).toBe(20);
    // The clerk moves H1 to the calendar half-year: Q1 (from 15/12/2021) is no longer inside it.
    await call(app.h, 'periods.update', { code: '2022-H1', from: '2022-01-01', to: '2022-06-30', due: '2022-07-05' });
    expect(await derived()).toBeNull();
    // And Q1 above H1 is no fall: the two count different days.
    const high = await call(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 60 }, { indicatorCode: 'NV2.02', number: 20 }] });
    expect(high.current).toBe(true);
    expect((await call(app.h, 'consolidation.get', { period: '2022-Q1' })).checks.filter((k) => k.rule === 'CUMULATIVE_FALLS')).toEqual([]);
  });
});

describe('NUMERATOR_ABOVE_DENOMINATOR and RATIO_OUT_OF_RANGE', () => {
  it('refuses a part above its whole at the numerator\u2019s cell; the consolidated ratio over 100% is an error of its own', async () => {
    const app = await start();
    const file = await form(app, 'TA', '2022-Q1', { 'indicator:NV2.01': 3, 'indicator:NV2.02': 28 });
    const at = await cellOf(app, 'TA', '2022-Q1', 'indicator:NV2.02');
    const [o] = await importing(app, [file], '2022-Q1', true);
    const p = problem(o, 'NUMERATOR_ABOVE_DENOMINATOR');
    expect(p).toMatchObject({ severity: 'error', cell: at, indicator: 'NV2.03', agency: 'TA', remedy: 'accept' });
    expect(p.message).toContain('tử số NV2.02 (28) lớn hơn mẫu số NV2.01 (3), nên tỷ lệ NV2.03 – Tỷ lệ giải quyết án hình sự vượt 100%, tức 933,3%');
    await importing(app, [{ ...file, accept: [{ rule: 'NUMERATOR_ABOVE_DENOMINATOR', indicator: 'NV2.03', reason: 'Đơn vị giải quyết cả án tồn' }] }], '2022-Q1');
    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    const out = c.checks.find((k) => k.rule === 'RATIO_OUT_OF_RANGE');
    expect(out).toMatchObject({ severity: 'error', agency: null, indicator: 'NV2.03', accepted: null });
    expect(out?.message).toBe('Tỷ lệ NV2.03 – Tỷ lệ giải quyết án hình sự của kỳ Quý I năm 2022 là 933,3%, ngoài khoảng 0–100% (tổng tử số 28, tổng mẫu số 3). Hãy kiểm tra số liệu của các đơn vị.');
    expect(c.checks[0]?.rule).toBe('RATIO_OUT_OF_RANGE'); // unaccepted errors first
  });
});

describe('OUTLIER: more than ×5 or under ÷5 of last year or the quarter before (a warning)', () => {
  it('warns against the same period last year and the quarter before, and passes small counts and ordinary swings', async () => {
    const app = await start();
    await enter(app, 'STP', '2022-H1', { 'NV3.02': 40, 'NV3.04': 3 });
    await call(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 });
    const [o] = await importing(app, [await form(app, 'STP', '2023-H1', { 'indicator:NV3.02': 260, 'indicator:NV3.04': 9 })], '2023-H1');
    expect(o?.status).toBe('imported'); // a warning does not refuse
    const outlier = problem(o, 'OUTLIER');
    expect(outlier).toMatchObject({ severity: 'warning', indicator: 'NV3.02', agency: 'STP' });
    expect(outlier.message).toContain('là 260, gấp 6,5 lần kỳ 6 tháng đầu năm 2022 (40)');
    // 3 → 9 is three times, and under the floor of 10: nothing to query.
    expect(o?.problems.filter((p) => p.code === 'OUTLIER')).toHaveLength(1);

    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2 });
    await enter(app, 'STP', '2022-Q1', { 'NV3.02': 30 });
    const [q2] = await importing(app, [await form(app, 'STP', '2022-Q2', { 'indicator:NV3.02': 4 })], '2022-Q2');
    expect(problem(q2, 'OUTLIER').message).toContain('chỉ bằng 13,3% kỳ Quý I năm 2022 (30)');
  });

  it('the thresholds, on the rule itself', () => {
    const plan = { plan: { id: 1, year: 2022, number: '08-KH/BCĐ', issuedOn: null, title: '', basis: null, status: 'in_force' as const, version: 1 }, tasks: [{ code: 'NV3', ordinal: 3, ordinalLabel: null, title: '', content: '', lead: ['STP'], coordinate: [], sortOrder: 1, retired: false, retiredOn: null, indicators: [{ code: 'NV3.02', taskCode: 'NV3', name: 'Số vụ việc trợ giúp pháp lý', unit: 'vụ việc', kind: 'integer' as const, aggregation: 'sum' as const, numeratorCode: null, denominatorCode: null, target: null, targetDirection: null, reporters: ['STP'], sortOrder: 1, retired: false, retiredOn: null }] }] };
    const period = (code: string, label: string) => ({ code, planYear: 2022, label, kind: 'half' as const, preset: 'nd09' as const, from: '', to: '', due: '' });
    const figures = (value: number, code = '2022-H1'): AgencyPeriodFigures => ({ period: period(code, code), numbers: new Map([['NV3.02', { value, cell: null }]]), acceptances: [] });
    const check = (now: number, then: number) => checkAgencyReport(plan, { code: 'STP', name: 'Sở Tư pháp' }, figures(now), { contained: [], containing: [], lastYear: figures(then, '2021-H1'), previousQuarter: null }).filter((c) => c.rule === 'OUTLIER');
    expect(check(OUTLIER_FACTOR * 20, 20)).toHaveLength(0); // exactly ×5 is not more than ×5
    expect(check(OUTLIER_FACTOR * 20 + 1, 20)).toHaveLength(1);
    expect(check(3, 20)).toHaveLength(1); // under a fifth
    expect(check(OUTLIER_FLOOR - 1, 0)).toHaveLength(0); // small counts swing
    expect(check(OUTLIER_FLOOR, 0)[0]?.message).toContain('trong khi kỳ 2021-H1 là 0');
    // A fall is said once each way, against the strongest bound: 9M below both Q1 and H1 names H1's larger figure.
    const falls = checkAgencyReport(plan, { code: 'STP', name: 'Sở Tư pháp' }, figures(5, '2022-9M'), {
      contained: [figures(8, '2022-Q1'), figures(10, '2022-H1')],
      containing: [figures(4, '2022-Y')],
      lastYear: null,
      previousQuarter: null,
    }).filter((c) => c.rule === 'CUMULATIVE_FALLS');
    expect(falls.map((c) => c.message)).toEqual([expect.stringContaining('là 5, nhỏ hơn kỳ 2022-H1 (10)'), expect.stringContaining('là 5, lớn hơn kỳ 2022-Y (4)')]);
  });
});

describe('the same rules on a typed report and a correction', () => {
  it('refuse with the problems in details; go through with the reason; never half-write', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 40, 'NV2.02': 30 });
    const e = await refuse(app.h, 'submissions.enter', { period: '2022-9M', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 35 }] });
    expect(e.code).toBe('INVALID_REPORT');
    expect((e.details as Problem[]).find((p) => p.code === 'CUMULATIVE_FALLS')).toMatchObject({ remedy: 'accept', indicator: 'NV2.01', rule: 'CUMULATIVE_FALLS' });
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(1);
  });
});
