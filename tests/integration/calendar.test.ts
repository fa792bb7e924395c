// The working-day check behind the reminder's date picker (calendar.checkDay), on the
// settings as stored, and the agencies' contacts in the completeness data the clerk
// chases from, on real SQLite files seeded with the Lạng Sơn 2022 plan.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call, cleanupTempDirs, openTestApp, refuse, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openTestApp();
  open.push(app);
  return app;
}

describe('calendar.checkDay', () => {
  it('says whether a day is a working day, why not, and the next one, on the default settings', async () => {
    const app = await start();
    expect(await call(app.h, 'calendar.checkDay', { date: '2023-01-23' })).toEqual({ date: '2023-01-23', working: false, reason: 'Tết Nguyên đán', next: '2023-01-26' });
    expect(await call(app.h, 'calendar.checkDay', { date: '2024-04-18' })).toEqual({ date: '2024-04-18', working: false, reason: 'Giỗ Tổ Hùng Vương', next: '2024-04-19' });
    expect(await call(app.h, 'calendar.checkDay', { date: '2023-04-29' })).toEqual({ date: '2023-04-29', working: false, reason: 'Giỗ Tổ Hùng Vương', next: '2023-05-02' });
    expect(await call(app.h, 'calendar.checkDay', { date: '2022-06-25' })).toEqual({ date: '2022-06-25', working: false, reason: 'Thứ Bảy', next: '2022-06-27' });
    expect(await call(app.h, 'calendar.checkDay', { date: '2023-01-27' })).toEqual({ date: '2023-01-27', working: true, reason: null, next: '2023-01-27' });
  });

  it('follows the extra days off and make-up working days stored in Cài đặt', async () => {
    const app = await start();
    await call(app.h, 'settings.update', { extraDaysOff: ['2023-01-20', '2023-01-26', '2024-04-29'], extraWorkingDays: ['2024-05-04'] });
    expect(await call(app.h, 'calendar.checkDay', { date: '2023-01-20' })).toEqual({
      date: '2023-01-20',
      working: false,
      reason: 'ngày nghỉ theo thông báo của Chính phủ',
      next: '2023-01-27',
    });
    expect(await call(app.h, 'calendar.checkDay', { date: '2023-01-24' })).toMatchObject({ working: false, reason: 'Tết Nguyên đán', next: '2023-01-27' });
    expect(await call(app.h, 'calendar.checkDay', { date: '2024-04-27' })).toMatchObject({ working: false, reason: 'Thứ Bảy', next: '2024-05-02' });
    expect(await call(app.h, 'calendar.checkDay', { date: '2024-05-04' })).toEqual({ date: '2024-05-04', working: true, reason: null, next: '2024-05-04' });

    // Taken off the list again, the days are what the law alone makes them.
    await call(app.h, 'settings.update', { extraDaysOff: [], extraWorkingDays: [] });
    expect(await call(app.h, 'calendar.checkDay', { date: '2023-01-20' })).toMatchObject({ working: true, reason: null });
    expect(await call(app.h, 'calendar.checkDay', { date: '2024-05-04' })).toMatchObject({ working: false, reason: 'Thứ Bảy', next: '2024-05-06' });
  });

  it('refuses a day that does not exist, in Vietnamese', async () => {
    const app = await start();
    for (const date of ['2023-02-29', '23/01/2023', '']) {
      const error = await refuse(app.h, 'calendar.checkDay', { date });
      expect(error.code).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(VIETNAMESE);
    }
  });
});

describe('contacts in the completeness data', () => {
  it('carries each agency’s contact person and phone, null where the seed has none', async () => {
    const app = await start();
    const before = await call(app.h, 'consolidation.status', { period: '2022-Q1' });
    expect(before.agencies.length).toBeGreaterThan(0);
    // The seed records no contacts, and none is invented for it.
    for (const a of before.agencies) expect(a).toMatchObject({ contactPerson: null, contactPhone: null });

    await call(app.h, 'agencies.update', { code: 'HU-DL', changes: { contactPerson: 'Nguyễn Văn A', contactPhone: '0205 3812 345' } });
    await call(app.h, 'agencies.update', { code: 'CA', changes: { contactPerson: 'Hoàng Thị B' } });
    await call(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', receivedOn: '2022-03-18', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 10 }] });

    const status = await call(app.h, 'consolidation.status', { period: '2022-Q1' });
    const byCode = Object.fromEntries(status.agencies.map((a) => [a.code, a]));
    expect(byCode['HU-DL']).toMatchObject({ state: 'missing', contactPerson: 'Nguyễn Văn A', contactPhone: '0205 3812 345' });
    expect(byCode.CA).toMatchObject({ state: 'on_time', contactPerson: 'Hoàng Thị B', contactPhone: null });
    expect(byCode.VKS).toMatchObject({ state: 'missing', contactPerson: null, contactPhone: null });

    // The consolidation (screens and workbooks) carries the same completeness.
    const consolidation = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    expect(consolidation.completeness.agencies).toEqual(status.agencies);
  });
});
