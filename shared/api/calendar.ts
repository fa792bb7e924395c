// The Api's part for the working-day arithmetic the office keeps to (Cài đặt: the
// government's extra days off and make-up working days), so every front-end counts
// working days the way the due-date checks do.
import { z } from 'zod';
import { isoDate, method } from './method';

export const calendarApi = {
  /**
   * The day `days` working days after `from` (default: today), as a reminder's new due
   * date is set by default: five working days after the letter.
   */
  'calendar.addWorkingDays': method<{ from: string; date: string }>()(z.object({ from: isoDate.optional(), days: z.number().int().min(0).max(366) })),
} as const;
