// The Api's part for the reports received: entered, corrected, returned, accepted, restored.
import { z } from 'zod';
import { TASK_STATUSES, type Submission, type SubmissionDetail } from '../domain';
import { code, id, isoDate, method, periodCode, text, type FileBytes } from './method';

export const taskReportInput = z.object({
  taskCode: code,
  status: z.enum(TASK_STATUSES).nullable(),
  results: text(50000).default(''),
  difficulties: text(50000).default(''),
  proposals: text(50000).default(''),
});

export const receivedDay = isoDate;
export const documentNumber = z.string().trim().max(100);

/** The office's own value for a refused or blank cell, with the clerk's note (required). */
export const correctionInput = z
  .object({
    /** For a workbook holding several agencies' reports. */
    agency: code.optional(),
    field: z.string().regex(/^(indicator:[^:]+|task:[^:]+:status)$/u, { message: 'Trường sửa có dạng indicator:NV2.01 hoặc task:NV1:status' }),
    number: z.number().finite().min(0).nullable().optional(),
    text: z.string().max(5000).nullable().optional(),
    status: z.enum(TASK_STATUSES).nullable().optional(),
    note: z.string().trim().min(1, { message: 'Hãy ghi chú căn cứ sửa số liệu (ví dụ: theo điện thoại với đ/c … ngày …)' }).max(1000),
  })
  .strict();

/** An error-level rule check let through, with the reason (required). */
export const acceptanceInput = z
  .object({
    agency: code.optional(),
    rule: z.string().trim().min(1).max(40),
    indicator: code,
    /** The other period of the finding (the problem's `against`); without it, the finding on this rule and indicator, whichever. */
    against: periodCode.optional(),
    reason: z.string().trim().min(1, { message: 'Hãy ghi lý do chấp nhận số liệu' }).max(1000),
  })
  .strict();


export type CorrectionInput = z.output<typeof correctionInput>;
export type AcceptanceInput = z.output<typeof acceptanceInput>;

const valueInput = z.object({
  indicatorCode: code,
  number: z.number().finite().nullable(),
  text: text(5000).nullable().optional(),
  sourceCell: text(100).nullable().optional(),
});

export const submissionsApi = {
  'submissions.list': method<Submission[]>()(z.object({ period: periodCode, agency: code.optional() })),
  'submissions.get': method<SubmissionDetail>()(z.object({ id })),
  'submissions.enter': method<Submission>()(
    z.object({
      period: periodCode,
      agency: code,
      receivedOn: receivedDay.optional(),
      documentNumber: documentNumber.nullable().optional(),
      documentDate: isoDate.nullable().optional(),
      taskReports: z.array(taskReportInput),
      values: z.array(valueInput),
      accept: z.array(acceptanceInput).max(2000).optional(),
    }),
  ),
  'submissions.updateReceipt': method<Submission>()(
    z.object({
      id,
      receivedOn: receivedDay.optional(),
      documentNumber: documentNumber.nullable().optional(),
      documentDate: isoDate.nullable().optional(),
    }),
  ),
  'submissions.correct': method<SubmissionDetail>()(
    z.object({ id, correction: correctionInput.omit({ agency: true }), accept: z.array(acceptanceInput.omit({ agency: true })).max(100).optional() }),
  ),
  'submissions.original': method<FileBytes>()(z.object({ id })),
  'submissions.restoreRevision': method<Submission>()(z.object({ id })),
  'submissions.return': method<Submission>()(
    z.object({ id, reason: z.string().trim().min(1, { message: 'Hãy ghi lý do trả lại báo cáo' }).max(2000) }),
  ),
  'submissions.accept': method<Submission>()(z.object({ id })),
} as const;
