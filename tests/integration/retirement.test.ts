// Retiring a task or an indicator from a day: periods that began before that day keep it
// (their forms ask for it, their reports are taken in and consolidated with it); periods
// that begin on or after it no longer have it. On both backends (tests/helpers/pg.ts).
import { afterAll, afterEach, expect, it } from 'vitest';
import { call, cleanupTempDirs, local, refuse, type TestApp } from '../helpers/app';
import { describeEachBackend } from '../helpers/pg';
import { metaEntries } from '../helpers/workbooks';

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});
afterAll(cleanupTempDirs);

describeEachBackend('retiring from a day', (backend) => {
  it('keeps the indicator in periods that began before the day and drops it from later ones', async () => {
    const app = await backend.open({ now: () => local(2022, 7, 20, 9) });
    open.push(app);
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 2, preset: 'nd09' });
    await call(app.h, 'periods.create', { year: 2022, kind: 'quarter', quarter: 3, preset: 'nd09' });
    const q3 = (await call(app.h, 'periods.list', { year: 2022 })).find((p) => p.code === '2022-Q3');
    expect(q3?.from).toBe('2022-06-15');

    // A summed indicator no ratio is built on, and an agency that reports it.
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    const all = plan.tasks.flatMap((t) => t.indicators);
    const parts = new Set(all.flatMap((i) => [i.numeratorCode, i.denominatorCode]));
    const indicator = all.find((i) => i.aggregation === 'sum' && !parts.has(i.code) && i.reporters.length > 0);
    if (!indicator) throw new Error('the seed has no plain summed indicator');
    const agency = indicator.reporters[0] as string;

    await call(app.h, 'submissions.enter', { period: '2022-Q1', agency, taskReports: [], values: [{ indicatorCode: indicator.code, number: 7 }] });
    const retired = await call(app.h, 'indicators.retire', { year: 2022, code: indicator.code, on: '2022-06-01' });
    expect(retired).toMatchObject({ retired: true, retiredOn: '2022-06-01' });

    // Q1 (from 15/12/2021) and Q2 (from 15/03/2022) began before 01/06: the indicator stays.
    const q1 = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    expect(q1.indicators.find((i) => i.code === indicator.code)?.value).toBe(7);
    expect((await call(app.h, 'consolidation.get', { period: '2022-Q2' })).indicators.some((i) => i.code === indicator.code)).toBe(true);
    // Q3 begins on 15/06: it is gone from the consolidation and from the forms.
    expect((await call(app.h, 'consolidation.get', { period: '2022-Q3' })).indicators.some((i) => i.code === indicator.code)).toBe(false);
    const fields = async (period: string) => {
      const [form] = await call(app.h, 'forms.generate', { period, agencies: [agency] });
      return (await metaEntries(form!.bytes)).entries.map((e) => e.field);
    };
    expect(await fields('2022-Q1')).toContain(`indicator:${indicator.code}`);
    expect(await fields('2022-Q3')).not.toContain(`indicator:${indicator.code}`);

    // A corrected Q1 report with the figure is still taken in; a Q3 one is refused at the field.
    const again = await call(app.h, 'submissions.enter', { period: '2022-Q1', agency, taskReports: [], values: [{ indicatorCode: indicator.code, number: 9 }] });
    expect(again.revision).toBe(2);
    const error = await refuse(app.h, 'submissions.enter', { period: '2022-Q3', agency, taskReports: [], values: [{ indicatorCode: indicator.code, number: 9 }] });
    expect(JSON.stringify(error.details)).toContain(indicator.code);
  });
});
