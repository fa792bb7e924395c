// The one counting rule, through the Api on real SQLite files: a total equals the sum
// of the counted figures beside it, always; a figure left out is shown with its
// reason; every figure says how many of the expected agencies it covers; a derived
// quarter says which agencies it covers and why others are out; comparisons compare
// like with like and say when their agencies differ. The workbook says the same.
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ArgsOf, Consolidation, IndicatorConsolidation } from '../../shared/api';
import { call, cleanupTempDirs, openTestApp, type TestApp } from '../helpers/app';
import { seededRandom } from '../helpers/workbooks';
import { round6 } from '../../shared/aggregate';
import { dispatch } from '../../electron/app/dispatch';
import type { Problem } from '../../shared/problems';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp({ osUser: 'vanthu' });
  open.push(app);
  return app;
}

/**
 * Enters a typed report; a rule error the data is meant to carry is let through with a
 * reason, as a clerk would after checking with the agency.
 */
async function enter(app: TestApp, agency: string, period: string, values: Record<string, number | null>, extra: Partial<ArgsOf<'submissions.enter'>> = {}) {
  const args: ArgsOf<'submissions.enter'> = {
    period,
    agency,
    taskReports: [],
    values: Object.entries(values).map(([indicatorCode, number]) => ({ indicatorCode, number })),
    ...extra,
  };
  const first = await dispatch(app.h, 'submissions.enter', args);
  if (first.ok) return first.value;
  const problems = (first.error.details ?? []) as Problem[];
  const accept = problems.filter((p) => p.remedy === 'accept').map((p) => ({ rule: p.rule ?? '', indicator: p.indicator ?? '', reason: 'Đã kiểm tra với đơn vị' }));
  if (accept.length === 0) throw new Error(`${agency} ${period} refused: ${first.error.message}`);
  return call(app.h, 'submissions.enter', { ...args, accept });
}

function indicator(c: Consolidation, code: string): IndicatorConsolidation {
  const found = c.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
}

describe('a total explains itself', () => {
  it('a figure from an agency no longer a reporter is shown and marked not counted; the total is the sum of the counted ones', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV2.02': 8 });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30, 'NV2.02': 20 });
    expect(indicator(await call(app.h, 'consolidation.get', { period: '2022-Q1' }), 'NV2.01').value).toBe(40);
    await call(app.h, 'indicators.update', { year: 2022, code: 'NV2.01', changes: { reporters: ['CA', 'TA'] } });

    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    const nv201 = indicator(c, 'NV2.01');
    expect(nv201.value).toBe(10);
    expect(nv201.byAgency.map((f) => [f.code, f.value, f.state])).toEqual([
      ['CA', 10, 'counted'],
      ['TA', null, 'missing'],
      ['VKS', 30, 'not_reporter'],
    ]);
    expect(nv201.coverage).toEqual({ reported: 1, expected: 2, agencies: ['CA'] });
    // VKS's ratio has no counted denominator now: shown, not counted; the ratio is CA's alone.
    const ratio = indicator(c, 'NV2.03');
    expect(ratio.byAgency.find((f) => f.code === 'VKS')).toMatchObject({ state: 'blank', numerator: 20, denominator: 30 });
    expect(ratio).toMatchObject({ numerator: 8, denominator: 10 });
    expect(c.checks.find((k) => k.rule === 'NOT_COUNTED' && k.indicator === 'NV2.01')).toMatchObject({ severity: 'warning', agency: 'VKS' });
    expect(c.checks.find((k) => k.rule === 'NOT_COUNTED')?.message).toContain('(30) nhưng không còn được giao báo cáo chỉ tiêu này');

    // The workbook: VKS's figure is text ("không tính"), so the SUM is the app's total.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await call(app.h, 'exports.consolidated', { period: '2022-Q1' })).bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo đơn vị');
    if (!ws) throw new Error('no sheet');
    let row = 0;
    ws.eachRow((r, n) => void (r.getCell(2).value === 'NV2.01' && (row = n)));
    const cells = (ws.getRow(row).values as ExcelJS.CellValue[]).slice(5);
    const total = cells.find((v) => typeof v === 'object' && v !== null && 'formula' in v) as ExcelJS.CellFormulaValue;
    expect(total.formula).toMatch(/^SUM\(/u);
    expect(total.result).toBe(10);
    expect(cells.filter((v): v is number => typeof v === 'number').reduce((a, b) => a + b, 0)).toBe(10);
    expect(cells).toContain('30 (không tính)');
    expect(cells).toContain('1/2 đơn vị');
  });
});

describe('derived quarters say whom they cover', () => {
  it('an agency that missed Q1 is left out of Q2 and named; one that did not exist yet counts from zero; a returned Q1 is named too', async () => {
    const app = await start();
    // UBND exists from April: not expected in Q1 (data to 14/03), expected in H1.
    await call(app.h, 'agencies.create', { code: 'UBND', name: 'Ủy ban nhân dân tỉnh', group: 'other', validFrom: '2022-04-01' });
    await call(app.h, 'indicators.update', { year: 2022, code: 'NV2.01', changes: { reporters: ['CA', 'VKS', 'TA', 'UBND'] } });
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10 });
    const ta = await enter(app, 'TA', '2022-Q1', { 'NV2.01': 5 });
    await call(app.h, 'submissions.return', { id: ta.id, reason: 'Sai số liệu' });
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 25 });
    await enter(app, 'VKS', '2022-H1', { 'NV2.01': 50 });
    await enter(app, 'TA', '2022-H1', { 'NV2.01': 12 });
    await enter(app, 'UBND', '2022-H1', { 'NV2.01': 7 });

    const h1 = indicator(await call(app.h, 'consolidation.get', { period: '2022-H1' }), 'NV2.01');
    expect(h1.value).toBe(94);
    expect(h1.coverage).toEqual({ reported: 4, expected: 4, agencies: ['CA', 'VKS', 'TA', 'UBND'] });
    expect(h1.inQuarter).toMatchObject({
      periodCode: '2022-Q2',
      fromPeriod: '2022-Q1',
      value: 15 + 7,
      coverage: { reported: 2, expected: 4, agencies: ['CA', 'UBND'] },
      fromZero: ['UBND'],
      left: [
        { code: 'VKS', reason: 'no_earlier' },
        { code: 'TA', reason: 'earlier_returned' },
      ],
    });
    const q1 = indicator(await call(app.h, 'consolidation.get', { period: '2022-Q1' }), 'NV2.01');
    expect(q1.coverage).toEqual({ reported: 1, expected: 3, agencies: ['CA'] });
    expect(q1.byAgency.map((f) => f.code)).toEqual(['CA', 'VKS', 'TA']);

    // The CLI says the same in JSON.
    const { runCli } = await import('../../electron/cli/run');
    let out = '';
    await runCli(['consolidate', '--period', '2022-H1', '--db', app.file, '--json'], { out: (t) => (out += t), err: () => undefined }, {});
    const doc = JSON.parse(out) as { indicators: { code: string; reported: number; expected: number; inQuarter?: { reported: number; left: unknown[]; fromZero: string[] } }[] };
    expect(doc.indicators.find((i) => i.code === 'NV2.01')).toMatchObject({ reported: 4, expected: 4, inQuarter: { reported: 2, fromZero: ['UBND'], left: [{ code: 'VKS', reason: 'no_earlier' }, { code: 'TA', reason: 'earlier_returned' }] } });
  });
});

describe('comparisons compare like with like', () => {
  it('a cumulative period with the same period last year, a quarter with the quarter before (derived when not collected), flagged when the agencies differ', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-9M', { 'NV2.01': 40 });
    await enter(app, 'CA', '2022-Y', { 'NV2.01': 52 });
    await enter(app, 'VKS', '2022-9M', { 'NV2.01': 30 });
    await enter(app, 'VKS', '2022-Y', { 'NV2.01': 41 });
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 25 });
    await enter(app, 'TA', '2022-H1', { 'NV2.01': 20 });
    await call(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 });
    await enter(app, 'CA', '2023-Q1', { 'NV2.01': 15 });
    await enter(app, 'VKS', '2023-Q1', { 'NV2.01': 9 });
    await enter(app, 'CA', '2023-H1', { 'NV2.01': 28 });

    // 2023-Q1 against Q4 2022 = năm − 9 tháng, agency by agency: CA 12, VKS 11.
    const q1 = indicator(await call(app.h, 'consolidation.get', { period: '2023-Q1' }), 'NV2.01');
    expect(q1.previous).toMatchObject({ periodCode: '2022-Q4', derived: true, value: 23, coverage: { reported: 2, expected: 3 }, onlyHere: [], onlyThere: [] });
    expect(q1.previous?.label).toContain('Quý IV năm 2022');
    expect(q1.sameLastYear).toMatchObject({ periodCode: '2022-Q1', value: null, onlyHere: ['CA', 'VKS'] });

    // 2023-H1 against 2022-H1, never against 2023-Q1; the agencies differ (TA then, not now).
    const h1 = indicator(await call(app.h, 'consolidation.get', { period: '2023-H1' }), 'NV2.01');
    expect(h1.previous).toBeNull();
    expect(h1.sameLastYear).toMatchObject({ periodCode: '2022-H1', label: '6 tháng đầu năm 2022', value: 45, derived: false, coverage: { reported: 2, expected: 3, agencies: ['CA', 'TA'] }, onlyHere: [], onlyThere: ['TA'] });
  });
});

// ---- the invariant, on generated data ----

const AGENCIES = ['CA', 'VKS', 'TA', 'STP', 'THADS'];
const SUMS = ['NV2.01', 'NV2.02', 'NV2.08', 'NV4.01', 'NV4.03', 'NV7.05'];
// Every quarter too, so that an indicator retired on 15/06 or 15/09 is in force for some periods and not for others.
const PERIODS = ['2022-Q1', '2022-Q2', '2022-H1', '2022-Q3', '2022-9M', '2022-Q4', '2022-Y'];

type Step = (app: TestApp, rnd: () => number) => Promise<void>;

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

/** One generated history: reports in, reporters added and removed, indicators retired mid-year, reports returned and restored. */
const STEPS: Step[] = [
  async (app, rnd) => {
    const agency = pick(AGENCIES, rnd);
    const period = pick(PERIODS, rnd);
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    const owed = plan.tasks.flatMap((t) => t.indicators).filter((i) => SUMS.includes(i.code) && i.reporters.includes(agency) && !i.retired);
    if (owed.length === 0) return;
    const k = PERIODS.indexOf(period) + 1;
    const values: Record<string, number | null> = {};
    for (const i of owed) values[i.code] = rnd() < 0.15 ? null : i.kind === 'decimal' ? Math.round(rnd() * 1000 * k) / 10 : Math.floor(rnd() * 40 * k);
    if (values['NV2.02'] !== undefined && values['NV2.01'] !== undefined && values['NV2.02'] !== null && values['NV2.01'] !== null) values['NV2.02'] = Math.min(values['NV2.02'], values['NV2.01']);
    if (Object.values(values).every((v) => v === null)) values[owed[0]?.code ?? 'NV2.01'] = 1;
    await enter(app, agency, period, values);
  },
  async (app, rnd) => {
    const code = pick(SUMS, rnd);
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    const i = plan.tasks.flatMap((t) => t.indicators).find((x) => x.code === code);
    if (!i || i.retired) return;
    const agency = pick(AGENCIES, rnd);
    const reporters = i.reporters.includes(agency) ? i.reporters.filter((a) => a !== agency) : [...i.reporters, agency];
    const r = await dispatch(app.h, 'indicators.update', { year: 2022, code, changes: { reporters } });
    // A change the plan refuses (e.g. the ratio's parts) is simply not made.
    void r;
  },
  async (app, rnd) => {
    const period = pick(PERIODS, rnd);
    const list = (await call(app.h, 'submissions.list', { period })).filter((s) => s.current && s.status !== 'returned');
    if (list.length > 0) await call(app.h, 'submissions.return', { id: pick(list, rnd).id, reason: 'Đề nghị rà soát' });
  },
  async (app, rnd) => {
    const period = pick(PERIODS, rnd);
    const earlier = (await call(app.h, 'submissions.list', { period })).filter((s) => !s.current);
    if (earlier.length > 0) await call(app.h, 'submissions.restoreRevision', { id: pick(earlier, rnd).id });
  },
  async (app, rnd) => {
    if (rnd() < 0.5) return;
    const code = pick(['NV4.03', 'NV2.08'], rnd);
    await dispatch(app.h, 'indicators.retire', { year: 2022, code, on: pick(['2022-06-15', '2022-09-15'], rnd) });
  },
];

/** Every invariant of the counting rule, on one period's consolidation. */
function checkInvariants(c: Consolidation, onRecord: Map<string, Set<string>>): void {
  // A task's counts are over its members, each counted once; a report from a non-member is shown, not counted.
  for (const t of c.tasks) {
    const n = t.statusCounts;
    expect(n.completed + n.inProgress + n.notStarted + n.notApplicable + n.noReport, `${c.period.code} ${t.code}`).toBe(t.members.length);
    for (const r of t.reports) expect(r.member, `${c.period.code} ${t.code} ${r.code}`).toBe(t.members.some((m) => m.code === r.code));
  }
  for (const i of c.indicators) {
    const where = `${c.period.code} ${i.code}`;
    const counted = i.byAgency.filter((f) => f.state === 'counted');
    if (i.aggregation === 'sum') {
      const sum = counted.length === 0 ? null : round6(counted.reduce((a, f) => a + (f.value ?? 0), 0));
      expect(i.value, where).toBe(sum);
    }
    if (i.aggregation === 'ratio') {
      const n = counted.reduce((a, f) => a + (f.numerator ?? 0), 0);
      const d = counted.reduce((a, f) => a + (f.denominator ?? 0), 0);
      if (counted.length > 0 && d > 0) expect(i.value, where).toBeCloseTo((n / d) * 100, 9);
    }
    expect(i.coverage.reported, where).toBe(counted.length);
    expect(i.coverage.agencies, where).toEqual(counted.map((f) => f.code));
    // The expected reporters come first; the rest are figures shown but not counted.
    const expectedRows = i.byAgency.filter((f) => ['counted', 'blank', 'missing', 'returned'].includes(f.state));
    expect(i.coverage.expected, where).toBe(expectedRows.length);
    expect(i.byAgency.slice(0, expectedRows.length), where).toEqual(expectedRows);
    // Never neither: every figure on record in a current report (returned ones too) is in the breakdown, counted or with its reason.
    for (const agency of onRecord.get(i.code) ?? []) expect(i.byAgency.some((f) => f.code === agency), `${where}: ${agency} on record but not shown`).toBe(true);
    // A derived quarter is the sum of its covered agencies' differences.
    if (i.inQuarter && i.inQuarter.coverage.reported === 0) expect(i.inQuarter.value, where).toBeNull();
  }
}

function figuresOnRecord(app: TestApp, period: string): Map<string, Set<string>> {
  const rows = app.ctx.handle.sqlite
    .prepare(
      `SELECT i.code AS indicator, a.code AS agency FROM value v
       JOIN submission s ON s.id = v.submission_id JOIN agency a ON a.id = s.agency_id
       JOIN indicator i ON i.id = v.indicator_id JOIN period p ON p.id = s.period_id
       WHERE p.code = ? AND s.is_current = 1`,
    )
    .all(period) as { indicator: string; agency: string }[];
  const map = new Map<string, Set<string>>();
  for (const r of rows) map.set(r.indicator, (map.get(r.indicator) ?? new Set()).add(r.agency));
  return map;
}

/**
 * The counting rule said again in SQL, apart from the code under test: the current,
 * not returned, revision; an agency in existence during the period and a reporter of
 * an indicator (and task) in force for it; a figure not blank.
 */
function totalsBySql(app: TestApp, period: string): Map<string, number> {
  const rows = app.ctx.handle.sqlite
    .prepare(
      `SELECT i.code AS code, SUM(v.number) AS total FROM value v
       JOIN submission s ON s.id = v.submission_id AND s.is_current = 1 AND s.status <> 'returned'
       JOIN period p ON p.id = s.period_id
       JOIN indicator i ON i.id = v.indicator_id AND i.plan_id = p.plan_id AND i.aggregation = 'sum'
       JOIN task t ON t.id = i.task_id
       JOIN indicator_reporter r ON r.indicator_id = i.id AND r.agency_id = s.agency_id
       JOIN agency a ON a.id = s.agency_id
       WHERE p.code = ? AND v.number IS NOT NULL
         AND (i.retired_on IS NULL OR i.retired_on > p.date_from) AND (t.retired_on IS NULL OR t.retired_on > p.date_from)
         AND (a.valid_from IS NULL OR a.valid_from <= p.date_to) AND (a.valid_to IS NULL OR a.valid_to >= p.date_from)
       GROUP BY i.code`,
    )
    .all(period) as { code: string; total: number }[];
  return new Map(rows.map((r) => [r.code, round6(r.total)]));
}

describe('the invariant: a summed total equals the sum of its breakdown, always', () => {
  it('holds on generated histories, with reporters added, removed and retired mid-year and reports returned', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const app = await start();
      for (const quarter of [2, 3, 4]) await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter });
      const rnd = seededRandom(seed * 7919);
      for (let step = 0; step < 40; step++) {
        const kind = step < 8 ? 0 : Math.floor(rnd() * STEPS.length);
        await (STEPS[kind] as Step)(app, rnd);
      }
      for (const period of PERIODS) {
        const c = await call(app.h, 'consolidation.get', { period });
        checkInvariants(c, figuresOnRecord(app, period));
        // The totals, recomputed by SQL alone.
        const bySql = totalsBySql(app, period);
        for (const i of c.indicators.filter((x) => x.aggregation === 'sum')) expect(i.value, `${period} ${i.code} by SQL`).toBe(bySql.get(i.code) ?? null);
        const shown = new Set(c.indicators.map((i) => i.code));
        for (const code of bySql.keys()) expect(shown.has(code), `${period} ${code} counted by SQL but not consolidated`).toBe(true);
        // The derived quarter: Σ over its covered agencies of (this − before), from zero for the new.
        for (const i of c.indicators.filter((x) => x.aggregation === 'sum' && x.inQuarter && x.inQuarter.value !== null)) {
          const before = await call(app.h, 'consolidation.get', { period: i.inQuarter?.fromPeriod ?? '' });
          const prior = indicator(before, i.code);
          const expected = round6(
            (i.inQuarter?.coverage.agencies ?? []).reduce((acc, code) => {
              const now = i.byAgency.find((f) => f.code === code)?.value ?? 0;
              const then = i.inQuarter?.fromZero.includes(code) ? 0 : (prior.byAgency.find((f) => f.code === code && f.state === 'counted')?.value ?? NaN);
              return acc + now - then;
            }, 0),
          );
          expect(i.inQuarter?.value, `${period} ${i.code} derived`).toBe(expected);
        }
      }
      // The workbook of the year says the same: each SUM's cached result is the total, and the numbers of its row add up to it.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from((await call(app.h, 'exports.consolidated', { period: '2022-Y' })).bytes) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('Theo đơn vị');
      const c = await call(app.h, 'consolidation.get', { period: '2022-Y' });
      for (const i of c.indicators.filter((x) => x.aggregation === 'sum' && x.value !== null)) {
        let row = 0;
        ws?.eachRow((r, n) => void (r.getCell(2).value === i.code && (row = n)));
        const cells = (ws?.getRow(row).values as ExcelJS.CellValue[]).slice(5);
        const total = cells.find((v) => typeof v === 'object' && v !== null && 'formula' in v) as ExcelJS.CellFormulaValue | undefined;
        expect(total?.result, `workbook ${i.code}`).toBe(i.value);
        expect(round6(cells.filter((v): v is number => typeof v === 'number').reduce((a, b) => a + b, 0)), `workbook row ${i.code}`).toBe(i.value);
      }
    }
  }, 120_000);
});
