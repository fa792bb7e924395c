// The working-day calendar as the office has set it (Cài đặt: the government's extra
// days off and make-up working days), for the date picker of a reminder's new due date.
import type { ParsedArgsOf, ResultOf } from '../../shared/api';
import type { AppContext } from './context';
import { getSettings } from './settings';
import { dayOffReason, nextWorkingDay, type WorkCalendar } from './working-days';

export async function workCalendar(ctx: AppContext): Promise<WorkCalendar> {
  const { extraDaysOff, extraWorkingDays } = await getSettings(ctx);
  return { extraDaysOff, extraWorkingDays };
}

export async function checkDay(ctx: AppContext, args: ParsedArgsOf<'calendar.checkDay'>): Promise<ResultOf<'calendar.checkDay'>> {
  const calendar = await workCalendar(ctx);
  const reason = dayOffReason(args.date, calendar);
  return { date: args.date, working: reason === null, reason, next: nextWorkingDay(args.date, calendar) };
}
