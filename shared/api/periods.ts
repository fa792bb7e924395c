// The Api's part for reporting periods and the working-day calendar their due dates keep to.
import { z } from 'zod';
import type { Period } from '../domain';
import { isoDate, method, periodCode, year } from './method';
import { PERIOD_KINDS, WINDOW_PRESETS } from '../periods';

const presetEnum = z.enum(WINDOW_PRESETS);

export const periodsApi = {
  'periods.list': method<Period[]>()(z.object({ year: year.optional() })),
  'periods.create': method<Period>()(
    z.object({ year, kind: z.enum(PERIOD_KINDS), quarter: z.number().int().min(1).max(4).optional(), preset: presetEnum.default('nd09') }),
  ),
  'periods.update': method<Period>()(
    z.object({
      code: periodCode,
      label: z.string().trim().min(1).max(200).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      due: isoDate.optional(),
      preset: presetEnum.optional(),
    }),
  ),
  /** Whether a day is a working day (for a reminder's new due date), why not, and the first working day on or after it. */
  'calendar.checkDay': method<{ date: string; working: boolean; reason: string | null; next: string }>()(z.object({ date: isoDate })),
} as const;
