// Consolidation, submissions and plan editing through the Api, on real SQLite files
// seeded with the Lạng Sơn 2022 plan.
import { runCli } from '../../electron/cli/run';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Consolidation, IndicatorConsolidation } from '../../shared/api';
import type { TaskStatus } from '../../shared/domain';
import { LANG_SON_2022 } from '../../db/seed';
import { call, cleanupTempDirs, count, local, openTestApp, refuse, tableCounts, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(now?: Date): Promise<TestApp> {
  const app = await openTestApp(now ? { now: () => now } : {});
  open.push(app);
  return app;
}

interface Entry {
  receivedOn?: string;
  tasks?: { taskCode: string; status: TaskStatus | null; results?: string; difficulties?: string; proposals?: string }[];
}

function enter(app: TestApp, agency: string, period: string, values: Record<string, number | null>, entry: Entry = {}) {
  return call(app.h, 'submissions.enter', {
    period,
    agency,
    ...(entry.receivedOn ? { receivedOn: entry.receivedOn } : {}),
    taskReports: (entry.tasks ?? []).map((t) => ({ results: '', difficulties: '', proposals: '', ...t })),
    values: Object.entries(values).map(([indicatorCode, number]) => ({ indicatorCode, number })),
  });
}

function indicator(c: Consolidation, code: string): IndicatorConsolidation {
  const found = c.indicators.find((i) => i.code === code);
  if (!found) throw new Error(`No consolidated indicator ${code} in ${c.period.code}`);
  return found;
}

function consolidate(app: TestApp, period: string): Promise<Consolidation> {
  return call(app.h, 'consolidation.get', { period });
}

function lastAudit(app: TestApp) {
  return app.ctx.handle.sqlite.prepare('SELECT action, entity, entity_key AS entityKey, detail FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
    action: string;
    entity: string;
    entityKey: string;
    detail: string;
  };
}

/** Runs a change and checks it wrote exactly one audit row, with this action, entity and key. */
async function audited<T>(app: TestApp, expected: { action: string; entity: string; entityKey?: string }, change: () => Promise<T>): Promise<T> {
  const before = count(app.ctx.handle.sqlite, 'audit_log');
  const result = await change();
  expect(count(app.ctx.handle.sqlite, 'audit_log'), `one audit row for ${expected.action} ${expected.entity}`).toBe(before + 1);
  expect(lastAudit(app)).toMatchObject(expected);
  return result;
}

const SEED_CODES = LANG_SON_2022.agencies.map((a) => a.code);

describe('consolidated figures', () => {
  it('a ratio is Σ numerators / Σ denominators, not the mean of the agencies\u2019 percentages', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV2.02': 9 }, { receivedOn: '2022-03-16' });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30, 'NV2.02': 15 }, { receivedOn: '2022-03-17' });
    const ratio = indicator(await consolidate(app, '2022-Q1'), 'NV2.03');

    // CA 9/10 = 90 %, VKS 15/30 = 50 %: the mean would be 70 %, the ratio is 24/40 = 60 %.
    expect(ratio.aggregation).toBe('ratio');
    expect(ratio.numerator).toBe(24);
    expect(ratio.denominator).toBe(40);
    expect(ratio.value).toBeCloseTo(60, 9);
    expect(ratio.target).toBe(90);
    expect(ratio.targetDirection).toBe('min');
    expect(ratio.targetMet).toBe(false);
    expect(ratio.expectedReporters).toBe(3);
    expect(ratio.reported).toBe(2);
    const byAgency = Object.fromEntries(ratio.byAgency.map((f) => [f.code, f]));
    expect(byAgency.CA?.value).toBeCloseTo(90, 9);
    expect(byAgency.CA).toMatchObject({ numerator: 9, denominator: 10, name: 'Công an tỉnh' });
    expect(byAgency.VKS?.value).toBeCloseTo(50, 9);
    expect(byAgency.VKS).toMatchObject({ numerator: 15, denominator: 30 });
    expect(byAgency.TA).toMatchObject({ value: null, numerator: null, denominator: null, submissionId: null });
  });

  it('an agency that reports only one part of a ratio is left out of both sums; a typed ratio is ignored', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV2.02': 9 });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30, 'NV2.02': 15 });
    // TA sends only the numerator, and types a percentage of its own.
    const ta = await enter(app, 'TA', '2022-Q1', { 'NV2.02': 5, 'NV2.03': 99 });
    expect(ta.current).toBe(true);
    const detail = await call(app.h, 'submissions.get', { id: ta.id });
    expect(detail.values.map((v) => v.indicatorCode)).toEqual(['NV2.02']);
    const ratio = indicator(await consolidate(app, '2022-Q1'), 'NV2.03');
    expect(ratio).toMatchObject({ numerator: 24, denominator: 40, reported: 2 });
    expect(ratio.value).toBeCloseTo(60, 9);
  });

  it('meets a floor at or above the target and a ceiling at or below it', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV2.02': 9, 'NV2.07': 0 });
    const c = await consolidate(app, '2022-Q1');
    expect(indicator(c, 'NV2.03')).toMatchObject({ targetMet: true });
    expect(indicator(c, 'NV2.03').value).toBeCloseTo(90, 9);
    expect(indicator(c, 'NV2.07')).toMatchObject({ value: 0, target: 0, targetDirection: 'max', targetMet: true });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.07': 1 });
    expect(indicator(await consolidate(app, '2022-Q1'), 'NV2.07')).toMatchObject({ value: 1, targetMet: false });
    // No target, no verdict.
    expect(indicator(c, 'NV2.01').targetMet).toBeNull();
  });

  it('a sum adds what was reported; an agency without the figure counts as not reported', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV7.05': 0.1 });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30, 'NV7.05': 0.2 });
    // TA reports, but not NV2.01; a null figure is no figure.
    await enter(app, 'TA', '2022-Q1', { 'NV2.04': 5, 'NV2.01': null });
    const c = await consolidate(app, '2022-Q1');
    const sum = indicator(c, 'NV2.01');
    expect(sum).toMatchObject({ aggregation: 'sum', value: 40, expectedReporters: 3, reported: 2 });
    expect(sum.byAgency.map((f) => [f.code, f.value])).toEqual([
      ['CA', 10],
      ['VKS', 30],
      ['TA', null],
    ]);
    expect(sum.numerator).toBeUndefined();
    expect(indicator(c, 'NV2.04')).toMatchObject({ value: 5, reported: 1, expectedReporters: 1 });
    // Amounts add without binary noise.
    expect(indicator(c, 'NV7.05').value).toBe(0.3);
    // Nobody reported it: no figure, not zero.
    expect(indicator(c, 'NV3.02')).toMatchObject({ value: null, reported: 0, expectedReporters: 1 });
    expect(c.completeness.counts.received).toBe(3);
    expect(indicator(c, 'NV1.01').expectedReporters).toBe(20);
  });

  it('derives the in-quarter figure from cumulative reports: Q2 = 6 months − Q1', async () => {
    const app = await start();
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV2.02': 9 });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30, 'NV2.02': 15 });
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 25, 'NV2.02': 20 });
    await enter(app, 'VKS', '2022-H1', { 'NV2.01': 50, 'NV2.02': 30 });

    const q1 = await consolidate(app, '2022-Q1');
    expect(indicator(q1, 'NV2.01').inQuarter).toBeNull();
    expect(indicator(q1, 'NV2.01').previous).toBeNull();
    expect(indicator(q1, 'NV2.01').sameLastYear).toBeNull();

    const h1 = await consolidate(app, '2022-H1');
    const sum = indicator(h1, 'NV2.01');
    expect(sum.value).toBe(75);
    expect(sum.inQuarter).toMatchObject({ periodCode: '2022-Q2', value: 35, derived: true, quarter: 2 });
    expect(sum.inQuarter?.label).toContain('Quý II năm 2022');
    // A cumulative period compares with the same period last year (none here), never with Q1.
    expect(sum.previous).toBeNull();
    expect(sum.sameLastYear).toBeNull();
    expect(sum.inQuarter).toMatchObject({ fromPeriod: '2022-Q1', coverage: { reported: 2, expected: 3, agencies: ['CA', 'VKS'] }, fromZero: [], left: [{ code: 'TA', reason: 'no_current' }] });

    const ratio = indicator(h1, 'NV2.03');
    expect(ratio).toMatchObject({ numerator: 50, denominator: 75 });
    expect(ratio.value).toBeCloseTo((50 / 75) * 100, 9);
    // (50 − 24) / (75 − 40), not 66,7 % − 60 %.
    expect(ratio.inQuarter).toMatchObject({ periodCode: '2022-Q2', derived: true, quarter: 2 });
    expect(ratio.inQuarter?.value).toBeCloseTo((26 / 35) * 100, 9);
    expect(ratio.previous).toBeNull();

    // 9 months has nothing yet: the derived Q3 has no figure, but is still labelled as derived.
    const nineMonths = await consolidate(app, '2022-9M');
    expect(indicator(nineMonths, 'NV2.01').inQuarter).toMatchObject({ periodCode: '2022-Q3', value: null, derived: true, quarter: 3 });
    expect(indicator(nineMonths, 'NV2.01').previous).toBeNull();
  });

  it('derives Q2 from Q1 even when a Q2 period exists and is the previous period', async () => {
    const app = await start();
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2 });
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10 });
    await enter(app, 'CA', '2022-Q2', { 'NV2.01': 14 });
    await enter(app, 'CA', '2022-H1', { 'NV2.01': 25 });
    const sum = indicator(await consolidate(app, '2022-H1'), 'NV2.01');
    expect(sum.previous).toBeNull();
    expect(sum.inQuarter).toMatchObject({ periodCode: '2022-Q2', value: 15, derived: true });
    // The quarter itself compares with the quarter before it.
    expect(indicator(await consolidate(app, '2022-Q2'), 'NV2.01').previous).toMatchObject({ periodCode: '2022-Q1', value: 10, derived: false, onlyHere: [], onlyThere: [] });
  });

  it('the CLI shows the quarter before and the same period last year in columns of their own', async () => {
    const app = await start();
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2 });
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10 });
    await enter(app, 'CA', '2022-Q2', { 'NV2.01': 14 });
    let out = '';
    expect(await runCli(['consolidate', '--period', '2022-Q2', '--db', app.file], { out: (t) => (out += t), err: () => undefined }, {})).toBe(0);
    const header = out.split('\n').find((l) => l.startsWith('Mã ')) ?? '';
    expect(header).toContain('Quý trước (Quý I năm 2022)');
    expect(header).toContain('Cùng kỳ năm trước');
    expect(header.indexOf('Quý trước')).toBeLessThan(header.indexOf('Cùng kỳ năm trước'));
    // NV2.01's previous quarter sits under its own header, not under last year's.
    const row = out.split('\n').find((l) => l.startsWith('NV2.01')) ?? '';
    expect(row.slice(header.indexOf('Quý trước'), header.indexOf('Cùng kỳ năm trước'))).toContain('10 (1/');
    // A cumulative period compares only with last year: no quarter-before column.
    out = '';
    await runCli(['consolidate', '--period', '2022-H1', '--db', app.file], { out: (t) => (out += t), err: () => undefined }, {});
    expect(out).not.toContain('Quý trước');
  });

  it('does not derive an in-quarter figure for a max indicator', async () => {
    const app = await start();
    await call(app.h, 'indicators.create', {
      year: 2022,
      indicator: { code: 'NV2.10', taskCode: 'NV2', name: 'Số ngày tạm giam dài nhất', unit: 'ngày', kind: 'integer', aggregation: 'max', reporters: ['CA', 'VKS'] },
    });
    await enter(app, 'CA', '2022-Q1', { 'NV2.10': 40 });
    await enter(app, 'VKS', '2022-Q1', { 'NV2.10': 55 });
    await enter(app, 'CA', '2022-H1', { 'NV2.10': 60 });
    expect(indicator(await consolidate(app, '2022-Q1'), 'NV2.10').value).toBe(55);
    const h1 = indicator(await consolidate(app, '2022-H1'), 'NV2.10');
    expect(h1.value).toBe(60);
    expect(h1.inQuarter).toBeNull();
  });
});

describe('completeness', () => {
  it('on time up to the due day, late after, returned reports leave the totals, missing agencies are listed', async () => {
    // The clerk's clock: 19/03/2022, the day after Q1 was due (18/03).
    const app = await start(local(2022, 3, 19, 10, 0));
    const onTime = await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10 }, { receivedOn: '2022-03-18', tasks: [{ taskCode: 'NV2', status: 'completed', results: 'Đã hoàn thành' }] });
    // The day it arrived is the clerk's; the moment it was recorded is the clock's.
    expect(onTime).toMatchObject({ late: false, receivedOn: '2022-03-18', recordedAt: '2022-03-19T10:00:00', status: 'received', source: 'manual', revision: 1 });
    // No received day: today, on the clerk's clock.
    const late = await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30 }, { tasks: [{ taskCode: 'NV2', status: 'in_progress' }] });
    expect(late).toMatchObject({ late: true, receivedOn: '2022-03-19', recordedAt: '2022-03-19T10:00:00' });
    const ta = await enter(app, 'TA', '2022-Q1', { 'NV2.01': 100 }, { receivedOn: '2022-03-15', tasks: [{ taskCode: 'NV2', status: 'completed', results: 'Số liệu sai' }] });
    expect(indicator(await consolidate(app, '2022-Q1'), 'NV2.01').value).toBe(140);

    const noReason = await refuse(app.h, 'submissions.return', { id: ta.id, reason: '   ' });
    expect(noReason.code).toBe('INVALID_ARGUMENT');
    expect(noReason.message).toMatch(/lý do/u);

    const returned = await audited(app, { action: 'return', entity: 'submission', entityKey: '2022-Q1/TA/1' }, () =>
      call(app.h, 'submissions.return', { id: ta.id, reason: '  Số liệu   NV2.01 chưa khớp ' }),
    );
    expect(returned).toMatchObject({ status: 'returned', returnReason: 'Số liệu NV2.01 chưa khớp', current: true });

    const c = await consolidate(app, '2022-Q1');
    expect(c.completeness.counts).toEqual({ expected: 21, received: 2, onTime: 1, late: 1, returned: 1, missing: 18, complete: 0, incomplete: 2 });
    expect(c.completeness.agencies.map((a) => a.code)).toEqual(SEED_CODES);
    const state = Object.fromEntries(c.completeness.agencies.map((a) => [a.code, a]));
    expect(state.CA).toMatchObject({ state: 'on_time', receivedOn: '2022-03-18', revision: 1, submissionId: onTime.id, complete: false });
    expect(state.VKS).toMatchObject({ state: 'late', revision: 1 });
    expect(state.TA).toMatchObject({ state: 'returned', submissionId: ta.id });
    const missing = c.completeness.agencies.filter((a) => a.state === 'missing');
    expect(missing.map((a) => a.code)).toEqual(SEED_CODES.filter((code) => !['CA', 'VKS', 'TA'].includes(code)));
    expect(missing[0]).toEqual({ code: 'BNC', name: 'Ban Nội chính Tỉnh ủy', state: 'missing', receivedOn: null, revision: null, submissionId: null, documentNumber: null, gaps: null, complete: null, contactPerson: null, contactPhone: null });
    expect(missing.find((a) => a.code === 'HU-DL')?.name).toBe('Huyện ủy Đình Lập');

    // The returned report's figures and narrative leave the consolidation; its figure is shown as not counted.
    expect(indicator(c, 'NV2.01').value).toBe(40);
    expect(indicator(c, 'NV2.01').byAgency.find((f) => f.code === 'TA')).toMatchObject({ value: 100, state: 'returned' });
    expect(indicator(c, 'NV2.01').coverage).toEqual({ reported: 2, expected: 3, agencies: ['CA', 'VKS'] });
    const nv2 = c.tasks.find((t) => t.code === 'NV2');
    expect(nv2?.statusCounts).toEqual({ completed: 1, inProgress: 1, notStarted: 0, notApplicable: 0, noReport: 3 });
    expect(nv2?.reports.map((r) => [r.code, r.role, r.status])).toEqual([
      ['CA', 'lead', 'completed'],
      ['VKS', 'lead', 'in_progress'],
    ]);
    expect(await call(app.h, 'consolidation.status', { period: '2022-Q1' })).toEqual(c.completeness);

    // The corrected report is a new revision and counts again; accepting keeps it on time.
    const corrected = await enter(app, 'TA', '2022-Q1', { 'NV2.01': 12 }, { receivedOn: '2022-03-18' });
    expect(corrected).toMatchObject({ revision: 2, current: true, status: 'received', late: false });
    const accepted = await audited(app, { action: 'accept', entity: 'submission', entityKey: '2022-Q1/TA/2' }, () => call(app.h, 'submissions.accept', { id: corrected.id }));
    expect(accepted.status).toBe('accepted');
    const after = await consolidate(app, '2022-Q1');
    expect(after.completeness.counts).toEqual({ expected: 21, received: 3, onTime: 2, late: 1, returned: 0, missing: 18, complete: 0, incomplete: 3 });
    expect(indicator(after, 'NV2.01').value).toBe(52);
  });

  it('a report received late on the clerk\u2019s clock is late; on the due day it is on time', async () => {
    const dueDay = await start(local(2022, 3, 18, 23, 59));
    expect((await enter(dueDay, 'CA', '2022-Q1', { 'NV2.01': 1 })).late).toBe(false);
    const nextDay = await start(local(2022, 3, 19, 0, 1));
    expect((await enter(nextDay, 'CA', '2022-Q1', { 'NV2.01': 1 })).late).toBe(true);
  });
});

describe('revisions', () => {
  it('a second report from the same agency is revision 2 and current; restoring revision 1 brings its figures back', async () => {
    const app = await start();
    const first = await audited(app, { action: 'receive', entity: 'submission', entityKey: '2022-Q1/CA/1' }, () => enter(app, 'CA', '2022-Q1', { 'NV2.01': 10, 'NV2.02': 9 }));
    expect(first).toMatchObject({ revision: 1, current: true });
    const second = await audited(app, { action: 'receive', entity: 'submission', entityKey: '2022-Q1/CA/2' }, () => enter(app, 'CA', '2022-Q1', { 'NV2.01': 12 }));
    expect(second).toMatchObject({ revision: 2, current: true });

    const list = await call(app.h, 'submissions.list', { period: '2022-Q1', agency: 'CA' });
    expect(list.map((s) => [s.revision, s.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    let c = await consolidate(app, '2022-Q1');
    expect(indicator(c, 'NV2.01').value).toBe(12);
    // Revision 2 has no NV2.02: the current revision stands alone, it is not merged with the old one.
    expect(indicator(c, 'NV2.02').value).toBeNull();
    expect(indicator(c, 'NV2.01').byAgency.find((f) => f.code === 'CA')?.submissionId).toBe(second.id);
    expect(c.completeness.agencies.find((a) => a.code === 'CA')?.revision).toBe(2);

    const restored = await audited(app, { action: 'restore-revision', entity: 'submission', entityKey: '2022-Q1/CA/1' }, () =>
      call(app.h, 'submissions.restoreRevision', { id: first.id }),
    );
    expect(restored).toMatchObject({ id: first.id, revision: 1, current: true });
    expect((await call(app.h, 'submissions.get', { id: second.id })).current).toBe(false);
    c = await consolidate(app, '2022-Q1');
    expect(indicator(c, 'NV2.01').value).toBe(10);
    expect(indicator(c, 'NV2.02').value).toBe(9);
    expect(c.completeness.agencies.find((a) => a.code === 'CA')).toMatchObject({ revision: 1, submissionId: first.id });
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(2);

    // A later report is numbered after every earlier one, restored or not.
    const third = await enter(app, 'CA', '2022-Q1', { 'NV2.01': 11 });
    expect(third).toMatchObject({ revision: 3, current: true });
    const detail = await call(app.h, 'submissions.get', { id: first.id });
    expect(detail).toMatchObject({ current: false, values: [{ indicatorCode: 'NV2.01', number: 10 }, { indicatorCode: 'NV2.02', number: 9 }] });

    const missing = await refuse(app.h, 'submissions.restoreRevision', { id: 9999 });
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(VIETNAMESE);
  });
});

describe('validation of a typed report', () => {
  it.each([
    ['a negative figure', 'CA', { 'NV2.01': -1 }, [], 'NEGATIVE', /số âm/u],
    ['a decimal where a whole number is due', 'CA', { 'NV2.01': 1.5 }, [], 'NOT_WHOLE', /số nguyên/u],
    ['an indicator the agency does not report', 'CA', { 'NV2.04': 3 }, [], 'NOT_A_REPORTER', /không được giao/u],
    ['an indicator the plan does not have', 'CA', { 'NV9.99': 3 }, [], 'UNKNOWN_INDICATOR', /không có chỉ tiêu/u],
    ['one bad figure among good ones', 'CA', { 'NV2.01': 10, 'NV2.02': 9, 'NV1.01': -5 }, [], 'NEGATIVE', /NV1\.01/u],
    ['a task the agency is not assigned', 'TA', { 'NV2.01': 1 }, ['NV5'], 'NOT_ASSIGNED', /không chủ trì hay phối hợp/u],
    ['a task the plan does not have', 'TA', {}, ['NV99'], 'UNKNOWN_TASK', /không có nhiệm vụ/u],
  ] as const)('refuses %s with INVALID_REPORT, in Vietnamese, writing nothing', async (_label, agency, values, tasks, problemCode, message) => {
    const app = await start();
    await enter(app, 'VKS', '2022-Q1', { 'NV2.01': 30 });
    const before = tableCounts(app.ctx.handle.sqlite);
    const error = await refuse(app.h, 'submissions.enter', {
      period: '2022-Q1',
      agency,
      taskReports: tasks.map((taskCode) => ({ taskCode, status: 'completed' })),
      values: Object.entries(values).map(([indicatorCode, number]) => ({ indicatorCode, number })),
    });
    expect(error.code).toBe('INVALID_REPORT');
    expect(error.message).toMatch(VIETNAMESE);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/chưa được lưu/u);
    const problems = error.details as { code: string; severity: string; cell: string; message: string }[];
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual([problemCode]);
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  });

  it('refuses the same indicator twice in one report', async () => {
    const app = await start();
    const before = tableCounts(app.ctx.handle.sqlite);
    const error = await refuse(app.h, 'submissions.enter', {
      period: '2022-Q1',
      agency: 'CA',
      taskReports: [],
      values: [
        { indicatorCode: 'NV2.01', number: 1 },
        { indicatorCode: 'NV2.01', number: 2 },
      ],
    });
    expect(error.code).toBe('INVALID_REPORT');
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  });

  it('refuses an unknown agency or period and malformed input, writing nothing', async () => {
    const app = await start();
    const before = tableCounts(app.ctx.handle.sqlite);
    const unknownAgency = await refuse(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'XYZ', taskReports: [], values: [] });
    expect(unknownAgency.code).toBe('UNKNOWN_AGENCY');
    const unknownPeriod = await refuse(app.h, 'submissions.enter', { period: '2022-Q3', agency: 'CA', taskReports: [], values: [] });
    expect(unknownPeriod.code).toBe('NOT_FOUND');
    const badPeriod = await refuse(app.h, 'submissions.enter', { period: 'Quý 1', agency: 'CA', taskReports: [], values: [] });
    expect(badPeriod.code).toBe('INVALID_ARGUMENT');
    const badTime = await refuse(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', receivedOn: '18/03/2022', taskReports: [], values: [] });
    expect(badTime.code).toBe('INVALID_ARGUMENT');
    for (const e of [unknownAgency, unknownPeriod, badPeriod, badTime]) expect(e.message).toMatch(VIETNAMESE);
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  });

  it('refuses a numerator above its denominator unless the clerk accepts it with a reason; keeps a decimal amount', async () => {
    const app = await start();
    const values = [
      { indicatorCode: 'NV7.05', number: 12.5 },
      { indicatorCode: 'NV2.01', number: 5 },
      { indicatorCode: 'NV2.02', number: 6 },
    ];
    const before = tableCounts(app.ctx.handle.sqlite);
    const refused = await refuse(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values });
    expect(refused.code).toBe('INVALID_REPORT');
    expect(refused.message).toContain('tử số NV2.02 (6) lớn hơn mẫu số NV2.01 (5)');
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
    const s = await call(app.h, 'submissions.enter', {
      period: '2022-Q1',
      agency: 'CA',
      taskReports: [],
      values,
      accept: [{ rule: 'NUMERATOR_ABOVE_DENOMINATOR', indicator: 'NV2.03', reason: 'Giải quyết cả án tồn của năm trước' }],
    });
    const detail = await call(app.h, 'submissions.get', { id: s.id });
    expect(detail.values).toEqual([
      { indicatorCode: 'NV2.01', number: 5, text: null, sourceCell: null, correction: null },
      { indicatorCode: 'NV2.02', number: 6, text: null, sourceCell: null, correction: null },
      { indicatorCode: 'NV7.05', number: 12.5, text: null, sourceCell: null, correction: null },
    ]);
    expect(detail.acceptances).toMatchObject([{ rule: 'NUMERATOR_ABOVE_DENOMINATOR', indicatorCode: 'NV2.03', reason: 'Giải quyết cả án tồn của năm trước' }]);
    const check = (await consolidate(app, '2022-Q1')).checks.find((k) => k.rule === 'NUMERATOR_ABOVE_DENOMINATOR');
    expect(check).toMatchObject({ severity: 'error', agency: 'CA', indicator: 'NV2.03', accepted: { reason: 'Giải quyết cả án tồn của năm trước' } });
  });
});

describe('the audit log', () => {
  it('records every change with its time, and none for a refused one', async () => {
    const app = await start(local(2022, 3, 20, 14, 5));
    const s = await audited(app, { action: 'receive', entity: 'submission', entityKey: '2022-Q1/CA/1' }, () => enter(app, 'CA', '2022-Q1', { 'NV2.01': 1 }));
    const entry = (await call(app.h, 'audit.list', { limit: 1 }))[0];
    expect(entry).toMatchObject({ at: '2022-03-20T14:05:00', action: 'receive', entity: 'submission', entityKey: '2022-Q1/CA/1' });
    expect(entry?.detail).toMatchObject({ source: 'manual', values: 1 });
    await audited(app, { action: 'return', entity: 'submission' }, () => call(app.h, 'submissions.return', { id: s.id, reason: 'Thiếu số liệu' }));
    await audited(app, { action: 'accept', entity: 'submission' }, () => call(app.h, 'submissions.accept', { id: s.id }));
    await audited(app, { action: 'create', entity: 'agency', entityKey: 'UBND' }, () => call(app.h, 'agencies.create', { code: 'UBND', name: 'Ủy ban nhân dân tỉnh', group: 'other' }));
    await audited(app, { action: 'update', entity: 'agency', entityKey: 'UBND' }, () => call(app.h, 'agencies.update', { code: 'UBND', changes: { contactPhone: '0205 000 000' } }));
    await audited(app, { action: 'update', entity: 'agency', entityKey: 'UBND' }, () => call(app.h, 'agencies.deactivate', { code: 'UBND', on: '2025-06-30' }));
    await audited(app, { action: 'create', entity: 'period', entityKey: '2022-Q2' }, () => call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2 }));
    await audited(app, { action: 'update', entity: 'period', entityKey: '2022-Q2' }, () => call(app.h, 'periods.update', { code: '2022-Q2', due: '2022-06-20' }));
    await audited(app, { action: 'create', entity: 'task', entityKey: '2022/NV9' }, () =>
      call(app.h, 'tasks.create', { year: 2022, task: { code: 'NV9', title: 'Nhiệm vụ bổ sung', content: '', lead: ['STP'], coordinate: [] } }),
    );
    await audited(app, { action: 'update', entity: 'task', entityKey: '2022/NV9' }, () => call(app.h, 'tasks.update', { year: 2022, code: 'NV9', changes: { coordinate: ['CA'] } }));
    await audited(app, { action: 'reorder', entity: 'task', entityKey: '2022' }, () =>
      call(app.h, 'tasks.reorder', { year: 2022, codes: ['NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV9', 'NV8'] }),
    );
    await audited(app, { action: 'create', entity: 'indicator', entityKey: '2022/NV9.01' }, () =>
      call(app.h, 'indicators.create', { year: 2022, indicator: { code: 'NV9.01', taskCode: 'NV9', name: 'Số việc', unit: 'việc', kind: 'integer', aggregation: 'sum', reporters: ['STP'] } }),
    );
    await audited(app, { action: 'create', entity: 'indicator', entityKey: '2022/NV9.02' }, () =>
      call(app.h, 'indicators.create', { year: 2022, indicator: { code: 'NV9.02', taskCode: 'NV9', name: 'Số việc xong', unit: 'việc', kind: 'integer', aggregation: 'sum', reporters: ['STP'] } }),
    );
    await audited(app, { action: 'update', entity: 'indicator', entityKey: '2022/NV9.01' }, () => call(app.h, 'indicators.update', { year: 2022, code: 'NV9.01', changes: { unit: 'vụ việc' } }));
    await audited(app, { action: 'reorder', entity: 'indicator', entityKey: '2022/NV9' }, () => call(app.h, 'indicators.reorder', { year: 2022, taskCode: 'NV9', codes: ['NV9.02', 'NV9.01'] }));
    await audited(app, { action: 'retire', entity: 'indicator', entityKey: '2022/NV9.02' }, () => call(app.h, 'indicators.retire', { year: 2022, code: 'NV9.02', on: '2022-06-30' }));
    await audited(app, { action: 'retire', entity: 'task', entityKey: '2022/NV9' }, () => call(app.h, 'tasks.retire', { year: 2022, code: 'NV9', on: '2022-06-30' }));
    await audited(app, { action: 'copy', entity: 'plan', entityKey: '2023' }, () => call(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 }));
    const s2 = await enter(app, 'CA', '2022-Q1', { 'NV2.01': 2 });
    await audited(app, { action: 'restore-revision', entity: 'submission', entityKey: '2022-Q1/CA/1' }, () => call(app.h, 'submissions.restoreRevision', { id: s.id }));
    expect(s2.revision).toBe(2);

    // Refusals leave no trace.
    const before = count(app.ctx.handle.sqlite, 'audit_log');
    await refuse(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: -1 }] });
    await refuse(app.h, 'agencies.create', { code: 'CA', name: 'Trùng mã', group: 'other' });
    await refuse(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 });
    await refuse(app.h, 'indicators.retire', { year: 2022, code: 'NV2.01', on: '2022-06-30' });
    await refuse(app.h, 'periods.update', { code: '2022-Q1', due: '2022-01-01' });
    expect(count(app.ctx.handle.sqlite, 'audit_log')).toBe(before);
    // Every entry's detail is JSON.
    for (const e of await call(app.h, 'audit.list', { limit: 1000 })) expect(e.detail).toBeTypeOf('object');
  });
});

describe('editing the plan', () => {
  it('tasks: create, change lead and coordinating agencies, reorder, retire', async () => {
    const app = await start();
    const task = await call(app.h, 'tasks.create', {
      year: 2022,
      task: { code: 'NV9', ordinalLabel: 'Thứ chín', title: '  Nhiệm vụ   bổ sung ', content: 'Nội dung'.normalize('NFD'), lead: ['STP'], coordinate: ['CA', 'VKS'] },
    });
    expect(task).toMatchObject({ code: 'NV9', ordinal: 9, ordinalLabel: 'Thứ chín', title: 'Nhiệm vụ bổ sung', content: 'Nội dung', lead: ['STP'], coordinate: ['CA', 'VKS'], sortOrder: 9, retired: false, indicators: [] });

    const tasksBefore = count(app.ctx.handle.sqlite, 'task');
    const links = count(app.ctx.handle.sqlite, 'task_agency');
    const duplicate = await refuse(app.h, 'tasks.create', { year: 2022, task: { code: 'NV9', title: 'Trùng', content: '', lead: [], coordinate: [] } });
    expect(duplicate.code).toBe('DUPLICATE');
    const unknown = await refuse(app.h, 'tasks.create', { year: 2022, task: { code: 'NV10', title: 'Mới', content: '', lead: ['KHONG-CO'], coordinate: [] } });
    expect(unknown.code).toBe('UNKNOWN_AGENCY');
    const both = await refuse(app.h, 'tasks.create', { year: 2022, task: { code: 'NV10', title: 'Mới', content: '', lead: ['CA'], coordinate: ['CA'] } });
    expect(both.code).toBe('INVALID_ASSIGNMENT');
    for (const e of [duplicate, unknown, both]) expect(e.message).toMatch(VIETNAMESE);
    expect(count(app.ctx.handle.sqlite, 'task')).toBe(tasksBefore);
    expect(count(app.ctx.handle.sqlite, 'task_agency')).toBe(links);

    const lead = await call(app.h, 'tasks.update', { year: 2022, code: 'NV9', changes: { lead: ['THADS', 'STP'] } });
    expect(lead).toMatchObject({ lead: ['STP', 'THADS'], coordinate: ['CA', 'VKS'] });
    const coordinate = await call(app.h, 'tasks.update', { year: 2022, code: 'NV9', changes: { coordinate: ['TA'] } });
    expect(coordinate).toMatchObject({ lead: ['STP', 'THADS'], coordinate: ['TA'], title: 'Nhiệm vụ bổ sung' });
    const clash = await refuse(app.h, 'tasks.update', { year: 2022, code: 'NV9', changes: { coordinate: ['STP'] } });
    expect(clash.code).toBe('INVALID_ASSIGNMENT');
    expect((await call(app.h, 'plans.get', { year: 2022 })).tasks.find((t) => t.code === 'NV9')).toMatchObject({ lead: ['STP', 'THADS'], coordinate: ['TA'] });
    // A task report from a coordinating agency is accepted now.
    await enter(app, 'TA', '2022-Q1', {}, { tasks: [{ taskCode: 'NV9', status: 'in_progress' }] });

    const order = ['NV9', 'NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8'];
    const reordered = await call(app.h, 'tasks.reorder', { year: 2022, codes: order });
    expect(reordered.map((t) => t.code)).toEqual(order);
    expect(reordered.map((t) => t.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await consolidate(app, '2022-Q1')).tasks.map((t) => t.code)).toEqual(order);
    for (const codes of [order.slice(1), [...order, 'NV1'], [...order.slice(1), 'NV99']]) {
      const bad = await refuse(app.h, 'tasks.reorder', { year: 2022, codes });
      expect(bad.code).toBe('INVALID_ORDER');
    }

    // Retired from the day Q1 began: Q1 no longer has it (tests/integration/retirement.test.ts has a later day).
    const retired = await call(app.h, 'tasks.retire', { year: 2022, code: 'NV9', on: '2021-12-15' });
    expect(retired.retired).toBe(true);
    expect((await consolidate(app, '2022-Q1')).tasks.map((t) => t.code)).not.toContain('NV9');
    const late = await refuse(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'STP', taskReports: [{ taskCode: 'NV9', status: 'completed' }], values: [] });
    expect(late.code).toBe('INVALID_REPORT');
  });

  it('reordering tasks keeps the ordinal labels ("Thứ nhất", "Thứ hai", …) in step with the new order', async () => {
    const app = await start();
    const reordered = await call(app.h, 'tasks.reorder', { year: 2022, codes: ['NV2', 'NV1', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8'] });
    expect(reordered.map((t) => [t.code, t.ordinal, t.ordinalLabel])).toEqual([
      ['NV2', 1, 'Thứ nhất'],
      ['NV1', 2, 'Thứ hai'],
      ['NV3', 3, 'Thứ ba'],
      ['NV4', 4, 'Thứ tư'],
      ['NV5', 5, 'Thứ năm'],
      ['NV6', 6, 'Thứ sáu'],
      ['NV7', 7, 'Thứ bảy'],
      ['NV8', 8, 'Thứ tám'],
    ]);
  });

  it('a new agency assigned to a task is expected from then on; retiring the task drops it again', async () => {
    const app = await start();
    await call(app.h, 'agencies.create', { code: 'UBND', name: 'Ủy ban nhân dân tỉnh', group: 'other' });
    expect((await call(app.h, 'consolidation.status', { period: '2022-Q1' })).counts.expected).toBe(21);
    await call(app.h, 'tasks.create', { year: 2022, task: { code: 'NV9', title: 'Nhiệm vụ bổ sung', content: '', lead: ['UBND'], coordinate: [] } });
    const status = await call(app.h, 'consolidation.status', { period: '2022-Q1' });
    expect(status.counts.expected).toBe(22);
    expect(status.agencies.at(-1)).toMatchObject({ code: 'UBND', state: 'missing' });
    await call(app.h, 'tasks.retire', { year: 2022, code: 'NV9', on: '2021-12-15' });
    expect((await call(app.h, 'consolidation.status', { period: '2022-Q1' })).counts.expected).toBe(21);
  });

  it('indicators: create (with a ratio naming its parts), update, reorder, retire', async () => {
    const app = await start();
    await call(app.h, 'tasks.create', { year: 2022, task: { code: 'NV9', title: 'Trợ giúp pháp lý', content: '', lead: ['STP'], coordinate: ['CA'] } });
    const base = { taskCode: 'NV9', unit: 'vụ việc', kind: 'integer' as const, aggregation: 'sum' as const, reporters: ['STP', 'CA'] };
    const received = await call(app.h, 'indicators.create', { year: 2022, indicator: { ...base, code: 'NV9.01', name: 'Số vụ việc tiếp nhận' } });
    expect(received).toMatchObject({ code: 'NV9.01', taskCode: 'NV9', aggregation: 'sum', numeratorCode: null, denominatorCode: null, target: null, targetDirection: null, reporters: ['CA', 'STP'], sortOrder: 1, retired: false });
    await call(app.h, 'indicators.create', { year: 2022, indicator: { ...base, code: 'NV9.02', name: 'Số vụ việc đã giải quyết' } });
    const ratio = await call(app.h, 'indicators.create', {
      year: 2022,
      indicator: { ...base, code: 'NV9.03', name: 'Tỷ lệ giải quyết', unit: '%', kind: 'percent', aggregation: 'ratio', numeratorCode: 'NV9.02', denominatorCode: 'NV9.01', target: 80 },
    });
    expect(ratio).toMatchObject({ aggregation: 'ratio', numeratorCode: 'NV9.02', denominatorCode: 'NV9.01', target: 80, targetDirection: 'min', sortOrder: 3 });
    const link = app.ctx.handle.sqlite
      .prepare("SELECT n.code AS n, d.code AS d FROM indicator i JOIN indicator n ON n.id = i.numerator_id JOIN indicator d ON d.id = i.denominator_id WHERE i.code = 'NV9.03'")
      .get();
    expect(link).toEqual({ n: 'NV9.02', d: 'NV9.01' });

    // Refusals, each writing nothing.
    const indicators = count(app.ctx.handle.sqlite, 'indicator');
    const reporters = count(app.ctx.handle.sqlite, 'indicator_reporter');
    const refusals: [unknown, string][] = [
      [{ ...base, code: 'NV9.04', name: 'Tỷ lệ thiếu mẫu số', kind: 'percent', aggregation: 'ratio', numeratorCode: 'NV9.02' }, 'INVALID_RATIO'],
      [{ ...base, code: 'NV9.04', name: 'Tỷ lệ thiếu cả hai', kind: 'percent', aggregation: 'ratio' }, 'INVALID_RATIO'],
      [{ ...base, code: 'NV9.04', name: 'Tỷ lệ của tỷ lệ', kind: 'percent', aggregation: 'ratio', numeratorCode: 'NV9.03', denominatorCode: 'NV9.01' }, 'INVALID_RATIO'],
      [{ ...base, code: 'NV9.04', name: 'Tỷ lệ của chính nó', kind: 'percent', aggregation: 'ratio', numeratorCode: 'NV9.04', denominatorCode: 'NV9.01' }, 'INVALID_RATIO'],
      [{ ...base, code: 'NV9.04', name: 'Tỷ lệ phần không có', kind: 'percent', aggregation: 'ratio', numeratorCode: 'NV9.99', denominatorCode: 'NV9.01' }, 'NOT_FOUND'],
      [{ ...base, code: 'NV9.04', name: 'Ghi chú', kind: 'text', aggregation: 'sum' }, 'INVALID_AGGREGATION'],
      [{ ...base, code: 'NV9.04', name: 'Đơn vị lạ', reporters: ['STP', 'KHONG-CO'] }, 'UNKNOWN_AGENCY'],
      [{ ...base, code: 'NV9.04', name: 'Nhiệm vụ lạ', taskCode: 'NV99' }, 'NOT_FOUND'],
      [{ ...base, code: 'NV9.01', name: 'Trùng mã' }, 'DUPLICATE'],
    ];
    for (const [indicator, code] of refusals) {
      const error = await refuse(app.h, 'indicators.create', { year: 2022, indicator });
      expect(error.code, JSON.stringify(indicator)).toBe(code);
      expect(error.message).toMatch(VIETNAMESE);
    }
    expect(count(app.ctx.handle.sqlite, 'indicator')).toBe(indicators);
    expect(count(app.ctx.handle.sqlite, 'indicator_reporter')).toBe(reporters);

    // The new ratio consolidates like the seeded one: (8 + 9) / (10 + 10) = 85 %.
    await enter(app, 'STP', '2022-Q1', { 'NV9.01': 10, 'NV9.02': 8 });
    await enter(app, 'CA', '2022-Q1', { 'NV9.01': 10, 'NV9.02': 9 });
    let figure = indicator(await consolidate(app, '2022-Q1'), 'NV9.03');
    expect(figure).toMatchObject({ numerator: 17, denominator: 20, targetMet: true, expectedReporters: 2 });
    expect(figure.value).toBeCloseTo(85, 9);

    const updated = await call(app.h, 'indicators.update', { year: 2022, code: 'NV9.03', changes: { target: 90, name: '  Tỷ lệ   giải quyết vụ việc ' } });
    expect(updated).toMatchObject({ target: 90, targetDirection: 'min', name: 'Tỷ lệ giải quyết vụ việc', numeratorCode: 'NV9.02', denominatorCode: 'NV9.01' });
    figure = indicator(await consolidate(app, '2022-Q1'), 'NV9.03');
    expect(figure.targetMet).toBe(false);
    const narrowed = await call(app.h, 'indicators.update', { year: 2022, code: 'NV9.01', changes: { reporters: ['STP'] } });
    expect(narrowed.reporters).toEqual(['STP']);
    const breakRatio = await refuse(app.h, 'indicators.update', { year: 2022, code: 'NV9.03', changes: { denominatorCode: null } });
    expect(breakRatio.code).toBe('INVALID_RATIO');
    const noTarget = await call(app.h, 'indicators.update', { year: 2022, code: 'NV9.03', changes: { target: null } });
    expect(noTarget).toMatchObject({ target: null, targetDirection: null });

    const reordered = await call(app.h, 'indicators.reorder', { year: 2022, taskCode: 'NV9', codes: ['NV9.03', 'NV9.01', 'NV9.02'] });
    expect(reordered.map((i) => [i.code, i.sortOrder])).toEqual([
      ['NV9.03', 1],
      ['NV9.01', 2],
      ['NV9.02', 3],
    ]);
    expect((await consolidate(app, '2022-Q1')).indicators.filter((i) => i.taskCode === 'NV9').map((i) => i.code)).toEqual(['NV9.03', 'NV9.01', 'NV9.02']);
    const badOrder = await refuse(app.h, 'indicators.reorder', { year: 2022, taskCode: 'NV9', codes: ['NV9.03', 'NV9.01'] });
    expect(badOrder.code).toBe('INVALID_ORDER');

    // A part of a live ratio cannot be retired; retire the ratio first.
    const inUse = await refuse(app.h, 'indicators.retire', { year: 2022, code: 'NV9.01', on: '2022-06-30' });
    expect(inUse.code).toBe('IN_USE');
    expect(inUse.message).toContain('NV9.03');
    expect(inUse.message).toMatch(VIETNAMESE);
    const seeded = await refuse(app.h, 'indicators.retire', { year: 2022, code: 'NV2.02', on: '2022-06-30' });
    expect(seeded.code).toBe('IN_USE');
    expect((await call(app.h, 'indicators.retire', { year: 2022, code: 'NV9.03', on: '2021-12-15' })).retired).toBe(true);
    expect((await call(app.h, 'indicators.retire', { year: 2022, code: 'NV9.01', on: '2021-12-15' })).retired).toBe(true);
    const codes = (await consolidate(app, '2022-Q1')).indicators.map((i) => i.code);
    expect(codes).not.toContain('NV9.01');
    expect(codes).not.toContain('NV9.03');
    expect(codes).toContain('NV9.02');
    const retiredFigure = await refuse(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'STP', taskReports: [], values: [{ indicatorCode: 'NV9.01', number: 1 }] });
    expect(retiredFigure.code).toBe('INVALID_REPORT');
  });

  it('a figure used as a ratio\u2019s part cannot be changed into one that does not add up', async () => {
    const app = await start();
    // NV2.01 is the denominator of NV2.03: creating a ratio over a text or max indicator is refused,
    // so turning the part into one afterwards must be refused too.
    const toText = await refuse(app.h, 'indicators.update', { year: 2022, code: 'NV2.01', changes: { kind: 'text', aggregation: 'latest' } });
    expect(toText.code).toBe('INVALID_RATIO');
    const toMax = await refuse(app.h, 'indicators.update', { year: 2022, code: 'NV2.02', changes: { aggregation: 'max' } });
    expect(toMax.code).toBe('INVALID_RATIO');
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    const nv2 = plan.tasks.find((t) => t.code === 'NV2')?.indicators ?? [];
    expect(nv2.find((i) => i.code === 'NV2.01')).toMatchObject({ kind: 'integer', aggregation: 'sum' });
    expect(nv2.find((i) => i.code === 'NV2.02')).toMatchObject({ kind: 'integer', aggregation: 'sum' });
  });

  it('copies the 2022 plan to 2023 as a draft with its tasks, indicators, ratios, reporters and standard periods', async () => {
    const app = await start();
    // What is retired stays behind.
    await call(app.h, 'indicators.retire', { year: 2022, code: 'NV2.09', on: '2022-12-31' });
    const source = await call(app.h, 'plans.get', { year: 2022 });

    const plan = await call(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 });
    expect(plan).toMatchObject({ year: 2023, status: 'draft', number: '08-KH/BCĐ (dự thảo 2023)', issuedOn: null, basis: source.plan.basis });
    expect(plan.title).toContain('2023');
    expect(plan.title).not.toContain('2022');
    expect((await call(app.h, 'plans.list', {})).map((p) => [p.year, p.status])).toEqual([
      [2023, 'draft'],
      [2022, 'in_force'],
    ]);
    // The office keeps working on the plan in force until the draft is adopted.
    expect((await call(app.h, 'plans.get', {})).plan.year).toBe(2022);

    const copy = await call(app.h, 'plans.get', { year: 2023 });
    const shape = (d: typeof source) =>
      d.tasks.map((t) => ({
        code: t.code,
        ordinal: t.ordinal,
        ordinalLabel: t.ordinalLabel,
        title: t.title,
        content: t.content,
        lead: t.lead,
        coordinate: t.coordinate,
        indicators: t.indicators.filter((i) => !i.retired).map(({ code, name, unit, kind, aggregation, numeratorCode, denominatorCode, target, targetDirection, reporters, sortOrder }) => ({ code, name, unit, kind, aggregation, numeratorCode, denominatorCode, target, targetDirection, reporters, sortOrder })),
      }));
    expect(shape(copy)).toEqual(shape(source));
    expect(copy.tasks.flatMap((t) => t.indicators).map((i) => i.code)).not.toContain('NV2.09');
    expect(copy.tasks.flatMap((t) => t.indicators).every((i) => !i.retired)).toBe(true);

    // The copied ratios point at the 2023 indicators, not at 2022's.
    const ratios = app.ctx.handle.sqlite
      .prepare(
        `SELECT i.code, n.code AS n, d.code AS d, n.plan_id AS np, d.plan_id AS dp, i.plan_id AS p
         FROM indicator i JOIN indicator n ON n.id = i.numerator_id JOIN indicator d ON d.id = i.denominator_id
         JOIN plan ON plan.id = i.plan_id WHERE plan.year = 2023 ORDER BY i.code`,
      )
      .all() as { code: string; n: string; d: string; np: number; dp: number; p: number }[];
    expect(ratios.map((r) => [r.code, r.n, r.d])).toEqual([
      ['NV2.03', 'NV2.02', 'NV2.01'],
      ['NV5.04', 'NV5.03', 'NV5.02'],
    ]);
    for (const r of ratios) expect([r.np, r.dp]).toEqual([r.p, r.p]);

    const periods = await call(app.h, 'periods.list', { year: 2023 });
    expect(periods.map((p) => [p.code, p.label, p.preset, p.from, p.to])).toEqual([
      ['2023-Q1', 'Quý I năm 2023', 'nd09', '2022-12-15', '2023-03-14'],
      ['2023-H1', '6 tháng đầu năm 2023', 'nd09', '2022-12-15', '2023-06-14'],
      ['2023-9M', '9 tháng năm 2023', 'nd09', '2022-12-15', '2023-09-14'],
      ['2023-Y', 'Năm 2023', 'nd09', '2022-12-15', '2023-12-14'],
    ]);

    // The copy works: reports for 2023 consolidate and compare with the same period of 2022.
    await enter(app, 'CA', '2022-Q1', { 'NV2.01': 10 });
    await enter(app, 'CA', '2023-Q1', { 'NV2.01': 7, 'NV2.02': 7 });
    const c = await consolidate(app, '2023-Q1');
    expect(indicator(c, 'NV2.01')).toMatchObject({ value: 7, sameLastYear: { periodCode: '2022-Q1', label: 'Quý I năm 2022', value: 10 } });
    expect(indicator(c, 'NV2.03').value).toBeCloseTo(100, 9);
    expect(c.completeness.counts.expected).toBe(21);

    // Once a year has a plan, copying into it again is refused and changes nothing.
    const before = tableCounts(app.ctx.handle.sqlite);
    const again = await refuse(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 });
    expect(again.code).toBe('DUPLICATE');
    expect(again.message).toMatch(VIETNAMESE);
    const noSource = await refuse(app.h, 'plans.copyToYear', { fromYear: 2021, toYear: 2024 });
    expect(noSource.code).toBe('NOT_FOUND');
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  });

  it('agencies: create, update, deactivate — a deactivated agency drops out of later periods only', async () => {
    const app = await start(local(2022, 8, 1));
    const created = await call(app.h, 'agencies.create', { code: 'UBND', name: 'Ủy ban nhân dân tỉnh', group: 'other', contactPerson: ' Nguyễn  Văn B ', contactPhone: '0205 3812 345' });
    expect(created).toMatchObject({ code: 'UBND', group: 'other', contactPerson: 'Nguyễn Văn B', validFrom: null, validTo: null, sortOrder: 22 });
    const duplicate = await refuse(app.h, 'agencies.create', { code: 'UBND', name: 'Khác', group: 'other' });
    expect(duplicate.code).toBe('DUPLICATE');

    const renamed = await call(app.h, 'agencies.update', { code: 'UBND', changes: { name: 'Ủy ban nhân dân tỉnh Lạng Sơn' } });
    expect(renamed).toMatchObject({ name: 'Ủy ban nhân dân tỉnh Lạng Sơn', contactPerson: 'Nguyễn Văn B' });
    expect((await call(app.h, 'agencies.list', { query: 'lang son' })).map((a) => a.code)).toEqual(['TU-LS', 'UBND']);
    const clash = await refuse(app.h, 'agencies.update', { code: 'UBND', changes: { code: 'CA' } });
    expect(clash.code).toBe('DUPLICATE');
    const backwards = await refuse(app.h, 'agencies.update', { code: 'UBND', changes: { validFrom: '2022-06-01', validTo: '2022-01-01' } });
    expect(backwards.code).toBe('INVALID_DATES');
    expect(backwards.message).toMatch(VIETNAMESE);
    const nobody = await refuse(app.h, 'agencies.update', { code: 'KHONG-CO', changes: { name: 'x' } });
    expect(nobody.code).toBe('NOT_FOUND');

    // Huyện ủy Đình Lập closes on 30/06/2022.
    const closed = await call(app.h, 'agencies.deactivate', { code: 'HU-DL', on: '2022-06-30' });
    expect(closed).toMatchObject({ code: 'HU-DL', validTo: '2022-06-30' });
    const expectedIn = async (period: string) => (await call(app.h, 'consolidation.status', { period })).agencies.map((a) => a.code);

    // Earlier periods, and the cumulative ones it was active in part of, still expect its report.
    expect(await expectedIn('2022-Q1')).toContain('HU-DL');
    expect(await expectedIn('2022-H1')).toContain('HU-DL');
    expect(await expectedIn('2022-Y')).toContain('HU-DL');
    expect((await call(app.h, 'consolidation.status', { period: '2022-Q1' })).counts.expected).toBe(21);
    // Later periods do not.
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 4 });
    const q4 = await call(app.h, 'consolidation.status', { period: '2022-Q4' });
    expect(q4.agencies.map((a) => a.code)).not.toContain('HU-DL');
    expect(q4.counts.expected).toBe(20);
    await call(app.h, 'plans.copyToYear', { fromYear: 2022, toYear: 2023 });
    expect(await expectedIn('2023-Q1')).not.toContain('HU-DL');
    const c2023 = await consolidate(app, '2023-Q1');
    expect(indicator(c2023, 'NV8.01').byAgency.map((f) => f.code)).not.toContain('HU-DL');
    expect(c2023.tasks.find((t) => t.code === 'NV8')?.statusCounts.noReport).toBe(11);

    // The agency list shows agencies active today (01/08/2022) unless asked otherwise.
    expect((await call(app.h, 'agencies.list', {})).map((a) => a.code)).not.toContain('HU-DL');
    expect((await call(app.h, 'agencies.list', { includeInactive: true })).map((a) => a.code)).toContain('HU-DL');
    expect((await call(app.h, 'agencies.list', { activeOn: '2022-06-30' })).map((a) => a.code)).toContain('HU-DL');

    // Reopening it brings it back.
    await call(app.h, 'agencies.update', { code: 'HU-DL', changes: { validTo: null } });
    expect(await expectedIn('2022-Q4')).toContain('HU-DL');
  });
});
