// The Api's part for what the office sends out: report forms, workbooks and documents.
import { z } from 'zod';
import { code, isoDate, method, periodCode, year, type FileBytes } from './method';

export const outputsApi = {
  'forms.generate': method<FileBytes[]>()(z.object({ period: periodCode, agencies: z.array(code).optional() })),
  /** The consolidated workbook; `number` ("45-BC/BCĐ") and `date` go on its heading, else a blank for the clerk to write in and today. */
  'exports.consolidated': method<FileBytes>()(z.object({ period: periodCode, number: z.string().trim().max(60).optional(), date: isoDate.optional() })),
  'exports.missing': method<FileBytes>()(z.object({ period: periodCode })),
  'exports.plan': method<FileBytes>()(z.object({ year: year.optional() })),
  /**
   * The written report of a period (.docx), a draft to edit and sign. `number` is its
   * number and symbol as the clerk types it ("45-BC/BCĐ"); without it the number is left
   * blank ("Số      -BC/BCĐ"). `date` defaults to today.
   */
  'documents.report': method<FileBytes>()(
    z.object({ period: periodCode, number: z.string().trim().max(60).optional(), date: isoDate.optional() }),
  ),
  /**
   * Reminder letters (công văn đôn đốc), .docx: one per agency ('each') or one for all
   * ('one'). `agencies` default to those that have not reported or whose report was
   * returned; `due` is the new due date, refused (DUE_NOT_WORKING_DAY) on a day off.
   */
  'documents.reminders': method<FileBytes[]>()(
    z.object({
      period: periodCode,
      due: isoDate,
      mode: z.enum(['each', 'one']).default('one'),
      agencies: z.array(code).optional(),
      number: z.string().trim().max(60).optional(),
      date: isoDate.optional(),
    }),
  ),
} as const;
