// Reporting periods: the Nghị định 09 and calendar presets, codes, labels, cumulative
// steps and lateness; then creating and editing periods through the Api.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DUE_DAYS,
  addDays,
  cumulativeStep,
  isLate,
  parsePeriodCode,
  periodCode,
  periodLabel,
  periodSortOrder,
  periodWindow,
  quarterLabel,
  standardSlots,
  type PeriodSlot,
} from '../../shared/periods';
import { call, cleanupTempDirs, count, openTestApp, refuse, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

const q = (year: number, quarter: number): PeriodSlot => ({ year, kind: 'quarter', quarter });
const half = (year: number): PeriodSlot => ({ year, kind: 'half' });
const nine = (year: number): PeriodSlot => ({ year, kind: 'nine-months' });
const whole = (year: number): PeriodSlot => ({ year, kind: 'year' });

describe('Nghị định 09 windows (15th of the month before to the 14th of the last month)', () => {
  it.each([
    ['Q1', q(2022, 1), '2021-12-15', '2022-03-14'],
    ['Q2', q(2022, 2), '2022-03-15', '2022-06-14'],
    ['Q3', q(2022, 3), '2022-06-15', '2022-09-14'],
    ['Q4', q(2022, 4), '2022-09-15', '2022-12-14'],
    ['6 months', half(2022), '2021-12-15', '2022-06-14'],
    ['9 months', nine(2022), '2021-12-15', '2022-09-14'],
    ['year', whole(2022), '2021-12-15', '2022-12-14'],
  ])('%s 2022 runs %s … %s', (_name, slot, from, to) => {
    const w = periodWindow(slot, 'nd09');
    expect(w.from).toBe(from);
    expect(w.to).toBe(to);
    expect(w.due).toBe(addDays(to, DEFAULT_DUE_DAYS));
  });

  it('is the default preset', () => {
    expect(periodWindow(q(2022, 1))).toEqual(periodWindow(q(2022, 1), 'nd09'));
  });

  it('crosses into the previous year for Q1 and the cumulative periods of any year', () => {
    expect(periodWindow(q(2024, 1)).from).toBe('2023-12-15');
    expect(periodWindow(whole(2025)).from).toBe('2024-12-15');
    expect(periodWindow(half(2000)).from).toBe('1999-12-15');
  });

  it('due dates fall DEFAULT_DUE_DAYS after the window, across month ends', () => {
    expect(DEFAULT_DUE_DAYS).toBe(3);
    expect(periodWindow(q(2022, 1)).due).toBe('2022-03-17');
    expect(periodWindow(q(2022, 4)).due).toBe('2022-12-17');
  });
});

describe('calendar windows', () => {
  it.each([
    ['Q1', q(2022, 1), '2022-01-01', '2022-03-31', '2022-04-03'],
    ['Q2', q(2022, 2), '2022-04-01', '2022-06-30', '2022-07-03'],
    ['Q3', q(2022, 3), '2022-07-01', '2022-09-30', '2022-10-03'],
    ['Q4', q(2022, 4), '2022-10-01', '2022-12-31', '2023-01-03'],
    ['6 months', half(2022), '2022-01-01', '2022-06-30', '2022-07-03'],
    ['9 months', nine(2022), '2022-01-01', '2022-09-30', '2022-10-03'],
    ['year', whole(2022), '2022-01-01', '2022-12-31', '2023-01-03'],
    ['Q1 of a leap year', q(2024, 1), '2024-01-01', '2024-03-31', '2024-04-03'],
  ])('%s runs %s … %s, due %s', (_name, slot, from, to, due) => {
    expect(periodWindow(slot, 'calendar')).toEqual({ from, to, due });
  });
});

describe('codes, labels and order', () => {
  it.each([
    [q(2022, 1), '2022-Q1', 'Quý I năm 2022'],
    [q(2022, 2), '2022-Q2', 'Quý II năm 2022'],
    [q(2022, 3), '2022-Q3', 'Quý III năm 2022'],
    [q(2022, 4), '2022-Q4', 'Quý IV năm 2022'],
    [half(2022), '2022-H1', '6 tháng đầu năm 2022'],
    [nine(2022), '2022-9M', '9 tháng năm 2022'],
    [whole(2022), '2022-Y', 'Năm 2022'],
  ])('%o is %s, "%s", and its code reads back', (slot, code, label) => {
    expect(periodCode(slot)).toBe(code);
    expect(periodLabel(slot)).toBe(label);
    expect(parsePeriodCode(code)).toEqual(slot);
    expect(periodCode(parsePeriodCode(code) ?? whole(1900))).toBe(code);
  });

  it('reads codes leniently as to case and spaces, and refuses what is not a code', () => {
    expect(parsePeriodCode(' 2022-q3 ')).toEqual(q(2022, 3));
    expect(parsePeriodCode('2022-h1')).toEqual(half(2022));
    expect(parsePeriodCode('2022-9m')).toEqual(nine(2022));
    expect(parsePeriodCode('2022-y')).toEqual(whole(2022));
    for (const bad of ['2022-Q5', '2022-Q0', '2022-H2', '22-Q1', '2022Q1', '2022-', 'Quý I năm 2022', '']) {
      expect(parsePeriodCode(bad), bad).toBeNull();
    }
  });

  it('quarterLabel matches periodLabel of the quarter', () => {
    for (const n of [1, 2, 3, 4]) expect(quarterLabel(n, 2023)).toBe(periodLabel(q(2023, n)));
  });

  it('standard slots are Q1, 6 months, 9 months and the year, in the order they end', () => {
    const slots = standardSlots(2023);
    expect(slots.map(periodCode)).toEqual(['2023-Q1', '2023-H1', '2023-9M', '2023-Y']);
    const orders = slots.map(periodSortOrder);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
  });

  it('sorts a quarter before the cumulative period that ends with it', () => {
    expect(periodSortOrder(q(2022, 2))).toBeLessThan(periodSortOrder(half(2022)));
    expect(periodSortOrder(half(2022))).toBeLessThan(periodSortOrder(q(2022, 3)));
    expect(periodSortOrder(q(2022, 3))).toBeLessThan(periodSortOrder(nine(2022)));
    expect(periodSortOrder(q(2022, 4))).toBeLessThan(periodSortOrder(whole(2022)));
  });
});

describe('cumulative steps (Q2 = 6 months − Q1)', () => {
  it('6 months steps from Q1 and gives Q2', () => {
    expect(cumulativeStep(half(2022))).toEqual({ previous: q(2022, 1), quarter: 2 });
  });
  it('9 months steps from 6 months and gives Q3', () => {
    expect(cumulativeStep(nine(2022))).toEqual({ previous: half(2022), quarter: 3 });
  });
  it('the year steps from 9 months and gives Q4', () => {
    expect(cumulativeStep(whole(2022))).toEqual({ previous: nine(2022), quarter: 4 });
  });
  it('a quarter is not cumulative', () => {
    for (const n of [1, 2, 3, 4]) expect(cumulativeStep(q(2022, n))).toBeNull();
  });
  it('the step of a cumulative period covers exactly the quarter it names (nd09)', () => {
    for (const slot of [half(2022), nine(2022), whole(2022)]) {
      const step = cumulativeStep(slot);
      expect(step).not.toBeNull();
      if (!step) continue;
      const quarter = periodWindow(q(2022, step.quarter));
      expect(addDays(periodWindow(step.previous).to, 1)).toBe(quarter.from);
      expect(periodWindow(slot).to).toBe(quarter.to);
    }
  });
});

describe('lateness', () => {
  it('is on time on the due day, whatever the hour, and late from the next day', () => {
    expect(isLate('2022-03-18', '2022-03-18')).toBe(false);
    expect(isLate('2022-03-18T00:00:00', '2022-03-18')).toBe(false);
    expect(isLate('2022-03-18T23:59:59', '2022-03-18')).toBe(false);
    expect(isLate('2022-03-17T08:00:00', '2022-03-18')).toBe(false);
    expect(isLate('2022-03-19T00:00:00', '2022-03-18')).toBe(true);
    expect(isLate('2022-03-19', '2022-03-18')).toBe(true);
    expect(isLate('2023-01-02T08:00:00', '2022-12-31')).toBe(true);
  });
});

describe('periods through the Api', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('the seed has the four 2022 periods with their Nghị định 09 windows', async () => {
    const periods = await call(app.h, 'periods.list', { year: 2022 });
    expect(periods.map((p) => [p.code, p.label, p.kind, p.preset, p.from, p.to, p.due])).toEqual([
      ['2022-Q1', 'Quý I năm 2022', 'quarter', 'nd09', '2021-12-15', '2022-03-14', '2022-03-18'],
      ['2022-H1', '6 tháng đầu năm 2022', 'half', 'nd09', '2021-12-15', '2022-06-14', '2022-06-17'],
      ['2022-9M', '9 tháng năm 2022', 'nine-months', 'nd09', '2021-12-15', '2022-09-14', '2022-09-16'],
      ['2022-Y', 'Năm 2022', 'year', 'nd09', '2021-12-15', '2022-12-14', '2022-12-16'],
    ]);
  });

  it('creates 2022 Q2 with the Nghị định 09 preset, lists it between Q1 and 6 months, and audits it', async () => {
    const audits = count(app.ctx.handle.sqlite, 'audit_log');
    const p = await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2, preset: 'nd09' });
    expect(p).toEqual({ code: '2022-Q2', planYear: 2022, label: 'Quý II năm 2022', kind: 'quarter', preset: 'nd09', from: '2022-03-15', to: '2022-06-14', due: '2022-06-17' });
    const codes = (await call(app.h, 'periods.list', { year: 2022 })).map((x) => x.code);
    expect(codes).toEqual(['2022-Q1', '2022-Q2', '2022-H1', '2022-9M', '2022-Y']);
    expect(count(app.ctx.handle.sqlite, 'audit_log')).toBe(audits + 1);
    const last = (await call(app.h, 'audit.list', { limit: 1 }))[0];
    expect(last).toMatchObject({ action: 'create', entity: 'period', entityKey: '2022-Q2' });
  });

  it('nd09 is the default preset when none is given', async () => {
    const p = await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 3 });
    expect(p).toMatchObject({ code: '2022-Q3', preset: 'nd09', from: '2022-06-15', to: '2022-09-14' });
  });

  it('creates 2022 Q2 with the calendar preset', async () => {
    const p = await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2, preset: 'calendar' });
    expect(p).toEqual({ code: '2022-Q2', planYear: 2022, label: 'Quý II năm 2022', kind: 'quarter', preset: 'calendar', from: '2022-04-01', to: '2022-06-30', due: '2022-07-03' });
  });

  it('refuses a period that exists, a quarter without its number, and a year without a plan — in Vietnamese, writing nothing', async () => {
    const before = count(app.ctx.handle.sqlite, 'period');
    const duplicate = await refuse(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 1 });
    expect(duplicate.code).toBe('DUPLICATE');
    const noQuarter = await refuse(app.h, 'periods.create', { year: 2022, kind: 'quarter' });
    expect(noQuarter.code).toBe('INVALID_ARGUMENT');
    const noPlan = await refuse(app.h, 'periods.create', { year: 2030, kind: 'half' });
    expect(noPlan.code).toBe('NOT_FOUND');
    const badQuarter = await refuse(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 5 });
    expect(badQuarter.code).toBe('INVALID_ARGUMENT');
    for (const e of [duplicate, noQuarter, noPlan, badQuarter]) expect(e.message).toMatch(VIETNAMESE);
    expect(count(app.ctx.handle.sqlite, 'period')).toBe(before);
  });

  it('overrides the due date, keeps the preset, and lateness follows the new date', async () => {
    const p = await call(app.h, 'periods.update', { code: '2022-Q1', due: '2022-03-25' });
    expect(p).toMatchObject({ code: '2022-Q1', from: '2021-12-15', to: '2022-03-14', due: '2022-03-25', preset: 'nd09' });
    const s = await call(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', receivedOn: '2022-03-24', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 1 }] });
    expect(s.late).toBe(false);
    const t = await call(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'VKS', receivedOn: '2022-03-26', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 1 }] });
    expect(t.late).toBe(true);
    const last = (await call(app.h, 'audit.list', { limit: 10, entity: 'period' }))[0];
    expect(last).toMatchObject({ action: 'update', entity: 'period', entityKey: '2022-Q1' });
  });

  it('dates typed by hand make the window custom; a preset resets it; the label can be renamed', async () => {
    const custom = await call(app.h, 'periods.update', { code: '2022-Q1', from: '2022-01-01', to: '2022-03-15', due: '2022-03-20' });
    expect(custom).toMatchObject({ from: '2022-01-01', to: '2022-03-15', due: '2022-03-20', preset: 'custom' });
    const calendar = await call(app.h, 'periods.update', { code: '2022-Q1', preset: 'calendar' });
    expect(calendar).toMatchObject({ from: '2022-01-01', to: '2022-03-31', due: '2022-04-03', preset: 'calendar' });
    const renamed = await call(app.h, 'periods.update', { code: '2022-Q1', label: 'Quý I/2022' });
    expect(renamed).toMatchObject({ label: 'Quý I/2022', preset: 'calendar', to: '2022-03-31' });
  });

  it('refuses a start after the end, and a due date before the window closes, with Vietnamese messages, changing nothing', async () => {
    const before = await call(app.h, 'periods.list', { year: 2022 });
    const audits = count(app.ctx.handle.sqlite, 'audit_log');

    const backwards = await refuse(app.h, 'periods.update', { code: '2022-Q1', from: '2022-03-20', to: '2022-03-14' });
    expect(backwards.code).toBe('INVALID_DATES');
    expect(backwards.message).toMatch(VIETNAMESE);
    expect(backwards.message).toContain('2022-03-20');

    const earlyDue = await refuse(app.h, 'periods.update', { code: '2022-Q1', due: '2022-03-10' });
    expect(earlyDue.code).toBe('INVALID_DATES');
    expect(earlyDue.message).toMatch(/Hạn nộp/u);

    // Moving the end past the current due date without moving the due date is the same mistake.
    const endPastDue = await refuse(app.h, 'periods.update', { code: '2022-Q1', to: '2022-03-25' });
    expect(endPastDue.code).toBe('INVALID_DATES');

    const notADay = await refuse(app.h, 'periods.update', { code: '2022-Q1', due: '2022-02-30' });
    expect(notADay.code).toBe('INVALID_ARGUMENT');
    expect(notADay.message).toMatch(VIETNAMESE);

    const unknown = await refuse(app.h, 'periods.update', { code: '2021-Q1', due: '2021-03-30' });
    expect(unknown.code).toBe('NOT_FOUND');

    expect(await call(app.h, 'periods.list', { year: 2022 })).toEqual(before);
    expect(count(app.ctx.handle.sqlite, 'audit_log')).toBe(audits);
  });
});
