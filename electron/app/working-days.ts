// Vietnamese working days, for the new due date a reminder letter (công văn đôn đốc)
// gives an agency: never a weekend, a public holiday or a day off the government adds.
//
// The public holidays (Bộ luật Lao động 2019, Điều 112) come from date-holidays, whose
// VN rules compute the lunar ones on the Vietnamese calendar (UTC+7 since 1968, which
// is why Tết 2007 is 17/02 here and 18/02 in China), not from a lunar table of ours.
// What it gives for VN, and what is left to the settings:
// - Tết Dương lịch 1/1, 30/4, 1/5, Quốc khánh 2/9, Giỗ Tổ Hùng Vương 10/3 lunar: the day.
// - Tết Nguyên đán: mùng 1, and the five days of the law as one span from the last day
//   of the lunar year (29 or 30 tháng Chạp) through mùng 4, the days the government
//   usually fixes. The library carries that span itself, so nothing is derived here.
// - Not given: the second day of Quốc khánh (the day before or after 2/9, fixed by the
//   government each year), the compensating day off (nghỉ bù) when a holiday falls on a
//   weekend (the library's VN rules mark no substitute days), and the swapped days of
//   each year's notice (Tết 2023: 20/01 and 26/01 off). These come from the settings'
//   extraDaysOff, with the make-up Saturdays in extraWorkingDays: guessing nghỉ bù as
//   "the next working day" would be wrong in years the notice puts it before the
//   holiday, as Tết 2023's 20/01 shows.
//
// Dates are ISO calendar days handled as UTC midnights, so the workstation's time zone
// never moves a day.
import Holidays from 'date-holidays';
import { isIsoDate } from '../../shared/dates';
import { AppError } from '../../shared/errors';

export interface WorkCalendar {
  extraDaysOff: readonly string[];
  extraWorkingDays: readonly string[];
}

export const GOVERNMENT_DAY_OFF = 'ngày nghỉ theo thông báo của Chính phủ';

/** Our names for the library's VN public-holiday rules, as the law names the days. */
const REASON_OF_RULE: Readonly<Record<string, string>> = {
  '01-01': 'Tết Dương lịch',
  'vietnamese 1-0-1': 'Tết Nguyên đán',
  '1 day before vietnamese 1-0-1 P5D': 'Tết Nguyên đán',
  'vietnamese 3-0-10': 'Giỗ Tổ Hùng Vương',
  '04-30': 'Ngày Giải phóng miền Nam, thống nhất đất nước',
  '05-01': 'Ngày Quốc tế Lao động',
  '09-02': 'Quốc khánh',
};

const DAY_MS = 86_400_000;

let library: Holidays | null = null;
const holidaysByYear = new Map<number, ReadonlyMap<string, string>>();

/** Every day of the public holidays that start in a year, with its reason. */
function publicHolidays(year: number): ReadonlyMap<string, string> {
  const cached = holidaysByYear.get(year);
  if (cached) return cached;
  library ??= new Holidays('VN', { types: ['public'], languages: ['vi'], timezone: 'Asia/Ho_Chi_Minh' });
  const days = new Map<string, string>();
  for (const h of library.getHolidays(year)) {
    if (h.type !== 'public') continue;
    // A rule a later version of the library adds still makes its days off, under its own name.
    const reason = REASON_OF_RULE[h.rule] ?? h.name;
    // `date` is the holiday's first day in Vietnam's time; start and end are instants
    // in that zone (no daylight saving there), so their difference is whole days.
    const first = h.date.slice(0, 10);
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < length; i++) {
      const day = shiftDays(first, i);
      if (!days.has(day)) days.set(day, reason);
    }
  }
  holidaysByYear.set(year, days);
  return days;
}

function utcMidnight(date: string): number {
  if (!isIsoDate(date)) throw new AppError('INVALID_ARGUMENT', `Ngày "${date}" không hợp lệ: ngày phải có dạng yyyy-mm-dd và là một ngày có thật.`);
  return Date.parse(`${date}T00:00:00Z`);
}

function shiftDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

function holidayReason(date: string): string | null {
  const year = Number(date.slice(0, 4));
  // A span that began in the year before (none does today) is looked up there too.
  return publicHolidays(year).get(date) ?? publicHolidays(year - 1).get(date) ?? null;
}

/**
 * Why a day is not a working day, in Vietnamese ("Thứ Bảy", "Chủ nhật", "Tết Nguyên đán",
 * "Giỗ Tổ Hùng Vương", "Ngày Giải phóng miền Nam, thống nhất đất nước", "Ngày Quốc tế Lao
 * động", "Quốc khánh", "Tết Dương lịch", "ngày nghỉ theo thông báo của Chính phủ"), or
 * null for a working day.
 *
 * The settings are this year's government notice and win over the general rule: a day
 * listed as a make-up working day is one, even on a holiday the library names (so the
 * clerk can correct the library); a day listed as both off and working is off, since a
 * due date one day late harms nobody and one on a day off makes the letter wrong.
 */
export function dayOffReason(date: string, calendar: WorkCalendar): string | null {
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  const holiday = holidayReason(date);
  if (calendar.extraDaysOff.includes(date)) return holiday ?? GOVERNMENT_DAY_OFF;
  if (calendar.extraWorkingDays.includes(date)) return null;
  if (holiday) return holiday;
  if (weekday === 6) return 'Thứ Bảy';
  if (weekday === 0) return 'Chủ nhật';
  return null;
}

/** The first working day on or after a date. */
export function nextWorkingDay(date: string, calendar: WorkCalendar): string {
  let day = date;
  while (dayOffReason(day, calendar) !== null) day = shiftDays(day, 1);
  return day;
}

/**
 * The n-th working day after a date ("trong 5 ngày làm việc": the count starts the day
 * after); n = 0 gives the date itself when it is a working day, else the next one.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new AppError('INVALID_ARGUMENT', `Số ngày làm việc phải là số nguyên không âm (nhận được ${n}).`);
  if (n === 0) return nextWorkingDay(date, calendar);
  let day = date;
  for (let i = 0; i < n; i++) day = nextWorkingDay(shiftDays(day, 1), calendar);
  return day;
}
