// Vietnamese working days for a reminder's new due date: weekends, the public holidays
// of Bộ luật Lao động 2019 Điều 112 from date-holidays (lunar ones included), and the
// government's yearly notice from the settings.
//
// The office's own zone, UTC+7, is where a calendar day handled as a local midnight
// would slip to the day before in UTC. Node rereads TZ when it is assigned, so every
// test below runs in that zone; the last ones also run the calendar in child processes
// under other zones and compare.
process.env.TZ = 'Asia/Ho_Chi_Minh';

import { spawnSync } from 'node:child_process';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, dayOffReason, GOVERNMENT_DAY_OFF, nextWorkingDay, type WorkCalendar } from '../../electron/app/working-days';
import { AppError } from '../../shared/errors';

const PLAIN: WorkCalendar = { extraDaysOff: [], extraWorkingDays: [] };

/**
 * The extra days of the government's notices for 2023 and 2024 beyond what the law and
 * the library give: nghỉ bù for holidays on a weekend, the days added around Tết and
 * Quốc khánh, and 2024's swap of Monday 29/04 for Saturday 04/05.
 */
const NOTICE_2023: WorkCalendar = {
  extraDaysOff: ['2023-01-02', '2023-01-20', '2023-01-26', '2023-05-02', '2023-05-03', '2023-09-01', '2023-09-04'],
  extraWorkingDays: [],
};
const NOTICE_2024: WorkCalendar = {
  extraDaysOff: ['2024-02-08', '2024-02-14', '2024-04-29', '2024-09-03'],
  extraWorkingDays: ['2024-05-04'],
};

const REASONS = [
  'Thứ Bảy',
  'Chủ nhật',
  'Tết Nguyên đán',
  'Giỗ Tổ Hùng Vương',
  'Ngày Giải phóng miền Nam, thống nhất đất nước',
  'Ngày Quốc tế Lao động',
  'Quốc khánh',
  'Tết Dương lịch',
  GOVERNMENT_DAY_OFF,
];

/** Every day from `from` to `to`, counted here with plain UTC arithmetic, not the module's. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const reasons = (from: string, to: string, calendar: WorkCalendar) => Object.fromEntries(days(from, to).map((d) => [d, dayOffReason(d, calendar)]));

describe('what date-holidays gives for VN', () => {
  const library = new Holidays('VN', { types: ['public'], timezone: 'Asia/Ho_Chi_Minh' });
  const dates = (year: number) => library.getHolidays(year).map((h) => [h.date.slice(0, 10), h.rule]);

  it('has Tết 2023 on 22/01 with the five days from the last day of the year, Giỗ Tổ on 29/04/2023 and 18/04/2024, 30/4 and 1/5', () => {
    expect(dates(2023)).toEqual([
      ['2023-01-01', '01-01'],
      ['2023-01-21', '1 day before vietnamese 1-0-1 P5D'],
      ['2023-01-22', 'vietnamese 1-0-1'],
      ['2023-04-29', 'vietnamese 3-0-10'],
      ['2023-04-30', '04-30'],
      ['2023-05-01', '05-01'],
      ['2023-09-02', '09-02'],
    ]);
    expect(dates(2024)).toContainEqual(['2024-04-18', 'vietnamese 3-0-10']);
    expect(dates(2024)).toContainEqual(['2024-02-10', 'vietnamese 1-0-1']);
    const span = library.getHolidays(2023).find((h) => h.rule.endsWith('P5D'));
    expect(span && (span.end.getTime() - span.start.getTime()) / 86_400_000).toBe(5);
  });

  it('marks no compensating day (nghỉ bù) when a holiday falls on a weekend, which is why the settings carry them', () => {
    // 01/01/2023 was a Sunday and 02/01/2023 the day off in its place.
    expect(library.getHolidays(2023).some((h) => h.substitute)).toBe(false);
    expect(library.isHoliday(new Date('2023-01-02T12:00:00+07:00'))).toBe(false);
  });
});

describe('dayOffReason', () => {
  it('gives Saturday and Sunday, and null for a weekday', () => {
    expect(dayOffReason('2023-03-04', PLAIN)).toBe('Thứ Bảy');
    expect(dayOffReason('2023-03-05', PLAIN)).toBe('Chủ nhật');
    expect(dayOffReason('2023-03-06', PLAIN)).toBeNull();
    expect(dayOffReason('2023-03-10', PLAIN)).toBeNull();
  });

  it('gives the five Tết days of the law for 2023 (30 tháng Chạp to mùng 4), and the notice adds 20/01 and 26/01', () => {
    expect(reasons('2023-01-19', '2023-01-27', PLAIN)).toEqual({
      '2023-01-19': null,
      '2023-01-20': null,
      '2023-01-21': 'Tết Nguyên đán',
      '2023-01-22': 'Tết Nguyên đán',
      '2023-01-23': 'Tết Nguyên đán',
      '2023-01-24': 'Tết Nguyên đán',
      '2023-01-25': 'Tết Nguyên đán',
      '2023-01-26': null,
      '2023-01-27': null,
    });
    // The government's 2023 schedule: 20/01 to 26/01 off, seven days in a row.
    expect(reasons('2023-01-19', '2023-01-27', NOTICE_2023)).toEqual({
      '2023-01-19': null,
      '2023-01-20': GOVERNMENT_DAY_OFF,
      '2023-01-21': 'Tết Nguyên đán',
      '2023-01-22': 'Tết Nguyên đán',
      '2023-01-23': 'Tết Nguyên đán',
      '2023-01-24': 'Tết Nguyên đán',
      '2023-01-25': 'Tết Nguyên đán',
      '2023-01-26': GOVERNMENT_DAY_OFF,
      '2023-01-27': null,
    });
  });

  it('computes Tết on the Vietnamese calendar (UTC+7), not the Chinese one', () => {
    // Mùng 1 Tết Đinh Hợi was 17/02/2007 in Vietnam and 18/02/2007 in China.
    expect(reasons('2007-02-15', '2007-02-21', PLAIN)).toEqual({
      '2007-02-15': null,
      '2007-02-16': 'Tết Nguyên đán',
      '2007-02-17': 'Tết Nguyên đán',
      '2007-02-18': 'Tết Nguyên đán',
      '2007-02-19': 'Tết Nguyên đán',
      '2007-02-20': 'Tết Nguyên đán',
      '2007-02-21': null,
    });
  });

  it('gives Giỗ Tổ Hùng Vương on 10/3 lunar, before the weekend', () => {
    expect(dayOffReason('2023-04-29', PLAIN)).toBe('Giỗ Tổ Hùng Vương'); // a Saturday
    expect(dayOffReason('2023-04-28', PLAIN)).toBeNull();
    expect(dayOffReason('2024-04-18', PLAIN)).toBe('Giỗ Tổ Hùng Vương');
    expect(dayOffReason('2024-04-17', PLAIN)).toBeNull();
    expect(dayOffReason('2024-04-19', PLAIN)).toBeNull();
  });

  it('gives 30/4 and 1/5 in 2023 and 2024, with the nghỉ bù and swaps of the notices', () => {
    for (const year of [2023, 2024]) {
      expect(dayOffReason(`${year}-04-30`, PLAIN)).toBe('Ngày Giải phóng miền Nam, thống nhất đất nước');
      expect(dayOffReason(`${year}-05-01`, PLAIN)).toBe('Ngày Quốc tế Lao động');
    }
    expect(reasons('2023-04-28', '2023-05-04', NOTICE_2023)).toEqual({
      '2023-04-28': null,
      '2023-04-29': 'Giỗ Tổ Hùng Vương',
      '2023-04-30': 'Ngày Giải phóng miền Nam, thống nhất đất nước',
      '2023-05-01': 'Ngày Quốc tế Lao động',
      '2023-05-02': GOVERNMENT_DAY_OFF,
      '2023-05-03': GOVERNMENT_DAY_OFF,
      '2023-05-04': null,
    });
    // 2024: Monday 29/04 off, worked on Saturday 04/05 instead.
    expect(dayOffReason('2024-04-29', PLAIN)).toBeNull();
    expect(dayOffReason('2024-05-04', PLAIN)).toBe('Thứ Bảy');
    expect(reasons('2024-04-26', '2024-05-06', NOTICE_2024)).toEqual({
      '2024-04-26': null,
      '2024-04-27': 'Thứ Bảy',
      '2024-04-28': 'Chủ nhật',
      '2024-04-29': GOVERNMENT_DAY_OFF,
      '2024-04-30': 'Ngày Giải phóng miền Nam, thống nhất đất nước',
      '2024-05-01': 'Ngày Quốc tế Lao động',
      '2024-05-02': null,
      '2024-05-03': null,
      '2024-05-04': null,
      '2024-05-05': 'Chủ nhật',
      '2024-05-06': null,
    });
  });

  it('gives Quốc khánh on 2/9; its second day comes from the notice', () => {
    expect(dayOffReason('2024-09-02', PLAIN)).toBe('Quốc khánh');
    expect(dayOffReason('2024-09-03', PLAIN)).toBeNull();
    expect(dayOffReason('2024-09-03', NOTICE_2024)).toBe(GOVERNMENT_DAY_OFF);
    expect(dayOffReason('2023-09-02', NOTICE_2023)).toBe('Quốc khánh'); // a Saturday
    expect(dayOffReason('2023-09-01', NOTICE_2023)).toBe(GOVERNMENT_DAY_OFF);
    expect(dayOffReason('2023-09-04', NOTICE_2023)).toBe(GOVERNMENT_DAY_OFF);
  });

  it('gives Tết Dương lịch on 1/1, and its nghỉ bù from the notice', () => {
    expect(dayOffReason('2024-01-01', PLAIN)).toBe('Tết Dương lịch');
    expect(dayOffReason('2023-01-01', PLAIN)).toBe('Tết Dương lịch'); // a Sunday
    expect(dayOffReason('2023-01-02', PLAIN)).toBeNull();
    expect(dayOffReason('2023-01-02', NOTICE_2023)).toBe(GOVERNMENT_DAY_OFF);
  });

  it('lets the settings overrule the general rule, and a day listed both off and working is off', () => {
    expect(dayOffReason('2024-05-04', { extraDaysOff: [], extraWorkingDays: ['2024-05-04'] })).toBeNull();
    expect(dayOffReason('2023-03-07', { extraDaysOff: ['2023-03-07'], extraWorkingDays: [] })).toBe(GOVERNMENT_DAY_OFF);
    expect(dayOffReason('2023-03-07', { extraDaysOff: ['2023-03-07'], extraWorkingDays: ['2023-03-07'] })).toBe(GOVERNMENT_DAY_OFF);
    // A holiday the clerk lists as a day off keeps its own name.
    expect(dayOffReason('2023-01-23', { extraDaysOff: ['2023-01-23'], extraWorkingDays: [] })).toBe('Tết Nguyên đán');
    // The notice is this year's word: a day it makes a working day is one, holiday or not.
    expect(dayOffReason('2023-01-25', { extraDaysOff: [], extraWorkingDays: ['2023-01-25'] })).toBeNull();
  });

  it('names every public holiday of the library in our words, 2021 to 2040', () => {
    const library = new Holidays('VN', { types: ['public'], timezone: 'Asia/Ho_Chi_Minh' });
    for (let year = 2021; year <= 2040; year++) {
      for (const h of library.getHolidays(year)) {
        const reason = dayOffReason(h.date.slice(0, 10), PLAIN);
        expect(REASONS, `${h.date} ${h.rule}`).toContain(reason);
        expect(reason).not.toMatch(/^(Thứ Bảy|Chủ nhật)$/u);
      }
    }
  });

  it('refuses a day that does not exist, in Vietnamese', () => {
    for (const bad of ['2023-02-29', '2023-1-5', '05/01/2023', '']) {
      expect(() => dayOffReason(bad, PLAIN)).toThrow(AppError);
    }
    expect(() => dayOffReason('2023-02-29', PLAIN)).toThrow(/không hợp lệ/u);
  });
});

describe('nextWorkingDay', () => {
  it('is the day itself when it is a working day', () => {
    expect(nextWorkingDay('2023-03-06', PLAIN)).toBe('2023-03-06');
    expect(nextWorkingDay('2024-05-04', NOTICE_2024)).toBe('2024-05-04');
  });

  it('skips a weekend and Tết', () => {
    expect(nextWorkingDay('2023-03-04', PLAIN)).toBe('2023-03-06');
    expect(nextWorkingDay('2023-01-21', PLAIN)).toBe('2023-01-26');
    expect(nextWorkingDay('2023-01-20', NOTICE_2023)).toBe('2023-01-27');
    expect(nextWorkingDay('2024-02-08', NOTICE_2024)).toBe('2024-02-15');
    expect(nextWorkingDay('2023-04-29', NOTICE_2023)).toBe('2023-05-04');
  });

  it('crosses a year: 31/12/2022 (a Saturday) to 03/01/2023 under the notice', () => {
    expect(nextWorkingDay('2022-12-31', PLAIN)).toBe('2023-01-02');
    expect(nextWorkingDay('2022-12-31', NOTICE_2023)).toBe('2023-01-03');
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after, over weekends and holidays', () => {
    expect(addWorkingDays('2023-03-06', 1, PLAIN)).toBe('2023-03-07');
    expect(addWorkingDays('2023-03-10', 1, PLAIN)).toBe('2023-03-13');
    expect(addWorkingDays('2023-01-19', 1, NOTICE_2023)).toBe('2023-01-27');
    expect(addWorkingDays('2023-01-19', 5, NOTICE_2023)).toBe('2023-02-02');
    expect(addWorkingDays('2023-01-19', 1, PLAIN)).toBe('2023-01-20');
    expect(addWorkingDays('2023-01-19', 2, PLAIN)).toBe('2023-01-26');
    // From a Saturday, the first working day after it is the Monday.
    expect(addWorkingDays('2023-03-04', 1, PLAIN)).toBe('2023-03-06');
    // A make-up Saturday counts.
    expect(addWorkingDays('2024-05-03', 1, NOTICE_2024)).toBe('2024-05-04');
    expect(addWorkingDays('2024-05-03', 1, PLAIN)).toBe('2024-05-06');
  });

  it('with 0 days gives the day itself or the next working day', () => {
    expect(addWorkingDays('2023-03-06', 0, PLAIN)).toBe('2023-03-06');
    expect(addWorkingDays('2023-03-05', 0, PLAIN)).toBe('2023-03-06');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays('2023-03-06', -1, PLAIN)).toThrow(AppError);
    expect(() => addWorkingDays('2023-03-06', 1.5, PLAIN)).toThrow(AppError);
  });

  it('never lands on a Saturday, Sunday, Tết, 30/4–1/5 or a notice day, from any day of 2023', () => {
    const tet = days('2023-01-20', '2023-01-26');
    const offs = new Set([...tet, '2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03', ...NOTICE_2023.extraDaysOff]);
    for (const start of days('2023-01-01', '2023-12-31')) {
      for (const n of [1, 5, 10]) {
        const due = addWorkingDays(start, n, NOTICE_2023);
        const weekday = new Date(`${due}T00:00:00Z`).getUTCDay();
        expect(weekday === 0 || weekday === 6 || offs.has(due), `${start} + ${n} = ${due}`).toBe(false);
        expect(due > start).toBe(true);
      }
    }
  });
});

describe('time zones', () => {
  it('runs these tests in UTC+7', () => {
    expect(new Date(2023, 0, 22).getTimezoneOffset()).toBe(-420);
  });

  // The same days, worked out by a fresh process in each zone: east of UTC (+7, +14),
  // UTC, and west of it (−8/−7).
  const script = `
    import { dayOffReason, nextWorkingDay, addWorkingDays } from './electron/app/working-days.ts';
    const calendar = ${JSON.stringify(NOTICE_2023)};
    const out = [];
    for (let t = Date.UTC(2022, 11, 25); t <= Date.UTC(2023, 8, 10); t += 86400000) {
      const d = new Date(t).toISOString().slice(0, 10);
      out.push([d, dayOffReason(d, calendar), nextWorkingDay(d, calendar), addWorkingDays(d, 3, calendar)]);
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const expected = days('2022-12-25', '2023-09-10').map((d) => [d, dayOffReason(d, NOTICE_2023), nextWorkingDay(d, NOTICE_2023), addWorkingDays(d, 3, NOTICE_2023)]);

  it.each(['Asia/Ho_Chi_Minh', 'Pacific/Kiritimati', 'UTC', 'America/Los_Angeles'])('gives the same days under TZ=%s', (zone) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: process.cwd(),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TZ: zone },
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(expected);
  });
});
