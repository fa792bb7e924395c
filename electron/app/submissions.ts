// Submissions (báo cáo của đơn vị cho một kỳ): every report, typed from paper or read
// from a workbook, is a new revision; earlier revisions stay and can be restored. A
// report says when it arrived (and may be corrected), whether it is complete, who
// recorded it, and gives back the file it came from.
import type { Transaction } from 'kysely';
import { AppError, notFound } from '../../shared/errors';
import { cleanText } from '../../shared/text';
import { hasErrors } from '../../shared/problems';
import { isLate } from '../../shared/periods';
import { localDate } from '../../shared/dates';
import { isComplete, isEmptyReport, reportGaps } from '../../shared/gaps';
import { planForPeriod, type PlanDetail, type ReportGaps, type Submission, type SubmissionDetail } from '../../shared/domain';
import type { FileBytes, ParsedArgsOf } from '../../shared/api';
import type { Database } from '../../db/schema';
import { findAgencyByCode } from '../../db/queries/agencies';
import { planRowById } from '../../db/queries/consolidation';
import {
  findSubmission,
  listSubmissionRows,
  makeRevisionCurrent,
  originalFile,
  submissionAcceptances,
  submissionCorrections,
  submissionFieldRows,
  submissionTaskReports,
  submissionValues,
  updateSubmissionRow,
  type SubmissionWithCodes,
} from '../../db/queries/submissions';
import { audit, nowText, type AppContext } from './context';
import { loadPlanDetail } from './plans';
import { requirePeriod, toPeriod } from './periods';
import { basisLoader, toAcceptance, toCorrection } from './counting';
import { checkDraft, commitSubmission, receiptProblems, validateDraft, type SubmissionDraft } from './revisions';

type Trx = Transaction<Database>;

export function toSubmission(row: SubmissionWithCodes, gaps: ReportGaps): Submission {
  return {
    id: row.id,
    agencyCode: row.agency_code,
    periodCode: row.period_code,
    revision: row.revision,
    current: row.is_current === 1,
    receivedOn: row.received_on,
    recordedAt: row.received_at,
    recordedBy: { osUser: row.os_user, clerk: row.clerk, role: row.db_role },
    late: row.is_late === 1,
    status: row.status,
    returnReason: row.return_reason,
    source: row.source_kind,
    profileId: row.profile_id,
    profileSha256: row.profile_sha256,
    profileName: row.profile_name,
    fileName: row.file_name,
    sha256: row.file_sha256,
    hasOriginal: Boolean(row.has_original),
    documentNumber: row.document_number,
    documentDate: row.document_date,
    gaps,
    complete: isComplete(gaps),
    corrections: Number(row.corrections ?? 0),
  };
}

/** The plan each period asked for, loaded once per period of the rows. */
async function plansFor(ctx: AppContext, periodCodes: readonly string[]): Promise<Map<string, PlanDetail>> {
  const plans = new Map<string, PlanDetail>();
  for (const code of new Set(periodCodes)) {
    const period = await requirePeriod(ctx.db, code);
    const plan = await planRowById(ctx.db, period.plan_id);
    plans.set(code, planForPeriod(await loadPlanDetail(ctx.db, plan), toPeriod(period)));
  }
  return plans;
}

/** Submissions as the Api shows them, each with what it leaves blank against the plan of its period. */
export async function describeSubmissions(ctx: AppContext, rows: readonly SubmissionWithCodes[]): Promise<Submission[]> {
  const [plans, fields] = await Promise.all([plansFor(ctx, rows.map((r) => r.period_code)), submissionFieldRows(ctx.db, rows.map((r) => r.id))]);
  return rows.map((row) => {
    const plan = plans.get(row.period_code);
    const gaps = plan
      ? reportGaps(plan, row.agency_code, {
          values: fields.values.filter((v) => v.submission_id === row.id).map((v) => ({ indicatorCode: v.indicator_code, number: v.number, text: v.text })),
          taskReports: fields.tasks.filter((t) => t.submission_id === row.id).map((t) => ({ taskCode: t.task_code, status: t.status })),
        })
      : { indicators: [], tasks: [] };
    return toSubmission(row, gaps);
  });
}

async function describeOne(ctx: AppContext, db: AppContext['db'] | Trx, id: number): Promise<Submission> {
  const row = await findSubmission(db, id);
  if (!row) throw notFound('báo cáo', String(id));
  const [described] = await describeSubmissions(ctx, [row]);
  if (!described) throw notFound('báo cáo', String(id));
  return described;
}

export function today(ctx: AppContext): string {
  return localDate(ctx.now());
}

export async function enterSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.enter'>): Promise<Submission> {
  const period = await requirePeriod(ctx.db, args.period);
  const plan = planForPeriod(await loadPlanDetail(ctx.db, await planRowById(ctx.db, period.plan_id)), toPeriod(period));
  const agency = await findAgencyByCode(ctx.db, args.agency);
  if (!agency) throw new AppError('UNKNOWN_AGENCY', `Không có đơn vị mã "${args.agency}".`);
  const receivedOn = args.receivedOn ?? today(ctx);
  const draft: SubmissionDraft = {
    agencyCode: args.agency,
    periodCode: args.period,
    receivedOn,
    source: 'manual',
    documentNumber: args.documentNumber ?? null,
    documentDate: args.documentDate ?? null,
    taskReports: args.taskReports,
    values: args.values,
  };
  if (isEmptyReport(draft)) {
    throw new AppError('REPORT_EMPTY', 'Báo cáo chưa được lưu vì chưa có số liệu, tình trạng hay nội dung nào. Hãy nhập ít nhất một số liệu hoặc tình trạng của một nhiệm vụ.');
  }
  const problems = [...receiptProblems(today(ctx), receivedOn, draft.documentDate), ...validateDraft(plan, draft)];
  if (!hasErrors(problems)) {
    const checked = await checkDraft(basisLoader(ctx, { agency: args.agency }), plan, toPeriod(period), { code: agency.code, name: agency.name }, draft.values, args.accept ?? [], nowText(ctx));
    problems.push(...checked.problems);
    draft.acceptances = checked.acceptances;
  }
  if (hasErrors(problems)) {
    const errors = problems.filter((p) => p.severity === 'error');
    throw new AppError('INVALID_REPORT', `Báo cáo chưa được lưu vì có ${errors.length} lỗi: ${errors[0]?.message ?? ''}`, problems);
  }
  const { id } = await ctx.db.transaction().execute((trx) => commitSubmission(ctx, trx, plan, draft));
  return describeOne(ctx, ctx.db, id);
}

export async function listSubmissions(ctx: AppContext, args: ParsedArgsOf<'submissions.list'>): Promise<Submission[]> {
  const period = await requirePeriod(ctx.db, args.period);
  let agencyId: number | undefined;
  if (args.agency) {
    const agency = await findAgencyByCode(ctx.db, args.agency);
    if (!agency) throw notFound('đơn vị', args.agency);
    agencyId = agency.id;
  }
  return describeSubmissions(ctx, await listSubmissionRows(ctx.db, period.id, agencyId));
}

export async function getSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.get'>): Promise<SubmissionDetail> {
  const row = await findSubmission(ctx.db, args.id);
  if (!row) throw notFound('báo cáo', String(args.id));
  const [described, reports, values, corrections, acceptances] = await Promise.all([
    describeOne(ctx, ctx.db, args.id),
    submissionTaskReports(ctx.db, args.id),
    submissionValues(ctx.db, args.id),
    submissionCorrections(ctx.db, args.id),
    submissionAcceptances(ctx.db, args.id),
  ]);
  const correctionOf = new Map(corrections.map((c) => [c.field, toCorrection(c)]));
  return {
    ...described,
    taskReports: reports.map((r) => ({
      taskCode: r.task_code,
      status: r.status,
      results: r.results,
      difficulties: r.difficulties,
      proposals: r.proposals,
      cells: { status: r.source_cell, results: r.results_cell, difficulties: r.difficulties_cell, proposals: r.proposals_cell },
      correction: correctionOf.get(`task:${r.task_code}:status`) ?? null,
    })),
    values: values.map((v) => ({ indicatorCode: v.indicator_code, number: v.number, text: v.text, sourceCell: v.source_cell, correction: correctionOf.get(`indicator:${v.indicator_code}`) ?? null })),
    acceptances: acceptances.map(toAcceptance),
  };
}

/** The file a report was read from, as it arrived (its SHA-256 is what the import recorded). */
export async function originalOf(ctx: AppContext, args: ParsedArgsOf<'submissions.original'>): Promise<FileBytes> {
  const row = await findSubmission(ctx.db, args.id);
  if (!row) throw notFound('báo cáo', String(args.id));
  if (!row.file_sha256) {
    throw new AppError('NO_ORIGINAL', `Báo cáo lần ${row.revision} của ${row.agency_name} kỳ ${row.period_code} được nhập tay từ bản giấy, không có tệp gốc.`);
  }
  const file = await originalFile(ctx.db, row.file_sha256);
  if (!file) {
    throw new AppError(
      'NO_ORIGINAL',
      `Không còn tệp gốc của báo cáo lần ${row.revision} của ${row.agency_name} kỳ ${row.period_code} (${row.file_name ?? ''}): báo cáo này được nhận trước khi ứng dụng lưu tệp gốc. Mã SHA-256 đã ghi: ${row.file_sha256}.`,
    );
  }
  return { name: row.file_name ?? file.name, bytes: new Uint8Array(file.bytes) };
}

async function changeSubmission(ctx: AppContext, id: number, action: string, apply: (trx: Trx, row: SubmissionWithCodes) => Promise<unknown>, detail: (row: SubmissionWithCodes) => unknown): Promise<Submission> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findSubmission(trx, id);
    if (!row) throw notFound('báo cáo', String(id));
    await apply(trx, row);
    await audit(ctx, trx, action, 'submission', `${row.period_code}/${row.agency_code}/${row.revision}`, detail(row));
  });
  return describeOne(ctx, ctx.db, id);
}

/** Makes an earlier revision the current one again; the others stay for the record. */
export function restoreRevision(ctx: AppContext, args: ParsedArgsOf<'submissions.restoreRevision'>): Promise<Submission> {
  return changeSubmission(
    ctx,
    args.id,
    'restore-revision',
    (trx, row) => makeRevisionCurrent(trx, row),
    () => ({ id: args.id }),
  );
}

/** Returned reports leave the consolidation until the agency sends a corrected one. */
export function returnSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.return'>): Promise<Submission> {
  return changeSubmission(ctx, args.id, 'return', (trx, row) => updateSubmissionRow(trx, row.id, { status: 'returned', return_reason: cleanText(args.reason) }), () => ({
    reason: args.reason,
  }));
}

export function acceptSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.accept'>): Promise<Submission> {
  return changeSubmission(ctx, args.id, 'accept', (trx, row) => updateSubmissionRow(trx, row.id, { status: 'accepted', return_reason: null }), () => ({}));
}

/** Corrects when a report arrived and its document's number and date; lateness follows the new day. */
export async function updateReceipt(ctx: AppContext, args: ParsedArgsOf<'submissions.updateReceipt'>): Promise<Submission> {
  const row = await findSubmission(ctx.db, args.id);
  if (!row) throw notFound('báo cáo', String(args.id));
  const period = await requirePeriod(ctx.db, row.period_code);
  const receivedOn = args.receivedOn ?? row.received_on;
  const documentNumber = args.documentNumber === undefined ? row.document_number : args.documentNumber ? cleanText(args.documentNumber) : null;
  const documentDate = args.documentDate === undefined ? row.document_date : args.documentDate;
  const bad = receiptProblems(today(ctx), receivedOn, documentDate);
  if (hasErrors(bad)) throw new AppError('INVALID_ARGUMENT', bad.map((p) => p.message.replace(/^./u, (c) => c.toUpperCase())).join(' '), bad);
  const before = { receivedOn: row.received_on, documentNumber: row.document_number, documentDate: row.document_date };
  const after = { receivedOn, documentNumber, documentDate };
  if (JSON.stringify(before) === JSON.stringify(after)) return describeOne(ctx, ctx.db, args.id);
  return changeSubmission(
    ctx,
    args.id,
    'update-receipt',
    (trx) => updateSubmissionRow(trx, args.id, { received_on: receivedOn, is_late: isLate(receivedOn, period.due_on) ? 1 : 0, document_number: documentNumber, document_date: documentDate }),
    () => ({ before, after }),
  );
}

