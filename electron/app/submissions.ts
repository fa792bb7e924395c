// Submissions (báo cáo của đơn vị cho một kỳ): every report, typed from paper or read
// from a workbook, is a new revision; earlier revisions stay and can be restored.
// Validation and the commit are shared with the Excel intake.
import type { Transaction } from 'kysely';
import { AppError, notFound } from '../../shared/errors';
import { cleanText, nfc } from '../../shared/text';
import { checkFigure, hasErrors, problem, type Problem } from '../../shared/problems';
import { isLate } from '../../shared/periods';
import { planForPeriod, type PlanDetail, type Submission, type SubmissionDetail, type SubmissionSource, type TaskReportInput, type ValueInput } from '../../shared/domain';
import type { ParsedArgsOf } from '../../shared/api';
import type { AgencyRow, Database } from '../../db/schema';
import { findAgencyByCode } from '../../db/queries/agencies';
import { findPeriodByCode, type PeriodWithYear } from '../../db/queries/periods';
import { findSubmission, listSubmissionRows, nextRevision, submissionTaskReports, submissionValues, type SubmissionWithCodes } from '../../db/queries/submissions';
import { audit, nowText, type AppContext } from './context';
import { loadPlanDetail } from './plans';
import { requirePeriod, toPeriod } from './periods';

type Trx = Transaction<Database>;

export interface SubmissionDraft {
  agencyCode: string;
  periodCode: string;
  receivedAt: string;
  source: SubmissionSource;
  profileId?: number | null;
  fileName?: string | null;
  sha256?: string | null;
  documentNumber?: string | null;
  documentDate?: string | null;
  taskReports: TaskReportInput[];
  values: ValueInput[];
}

export function toSubmission(row: SubmissionWithCodes): Submission {
  return {
    id: row.id,
    agencyCode: row.agency_code,
    periodCode: row.period_code,
    revision: row.revision,
    current: row.is_current === 1,
    receivedAt: row.received_at,
    late: row.is_late === 1,
    status: row.status,
    returnReason: row.return_reason,
    source: row.source_kind,
    fileName: row.file_name,
    sha256: row.file_sha256,
    documentNumber: row.document_number,
    documentDate: row.document_date,
  };
}

/**
 * Checks a report against the plan: every figure belongs to an indicator this agency
 * reports and obeys its kind; every task report is for a task the agency is assigned.
 * A field's place is its source cell when there is one, else its code.
 */
export function validateDraft(plan: PlanDetail, draft: Pick<SubmissionDraft, 'agencyCode' | 'taskReports' | 'values'>): Problem[] {
  const problems: Problem[] = [];
  const indicators = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
  const tasks = new Map(plan.tasks.map((t) => [t.code, t]));
  const seen = new Set<string>();
  const given = new Map<string, number>();

  for (const v of draft.values) {
    const place = v.sourceCell ?? v.indicatorCode;
    const indicator = indicators.get(v.indicatorCode);
    if (!indicator || indicator.retired) {
      problems.push(problem('UNKNOWN_INDICATOR', 'error', place, `${place}: kế hoạch năm ${plan.plan.year} không có chỉ tiêu mã "${v.indicatorCode}".`));
      continue;
    }
    if (seen.has(v.indicatorCode)) {
      problems.push(problem('DUPLICATE_FIELD', 'error', place, `${place}: chỉ tiêu ${v.indicatorCode} có hai giá trị trong cùng một báo cáo.`));
      continue;
    }
    seen.add(v.indicatorCode);
    if (!indicator.reporters.includes(draft.agencyCode)) {
      problems.push(problem('NOT_A_REPORTER', 'error', place, `${place}: đơn vị ${draft.agencyCode} không được giao báo cáo chỉ tiêu ${indicator.code} – ${indicator.name}.`));
      continue;
    }
    if (indicator.aggregation === 'ratio') {
      // A ratio is computed from its numerator and denominator, never typed.
      if (v.number !== null) problems.push(problem('RATIO_IS_COMPUTED', 'warning', place, `${place}: tỷ lệ ${indicator.code} được tính từ tử số và mẫu số; giá trị nhập vào không được dùng.`));
      continue;
    }
    if (indicator.kind === 'text') continue;
    if (v.number === null) continue;
    const bad = checkFigure(indicator, v.number, v.sourceCell ?? '');
    if (bad) problems.push(v.sourceCell ? bad : { ...bad, cell: place, message: `${place}: ${bad.message}` });
    else given.set(indicator.code, v.number);
  }

  for (const indicator of indicators.values()) {
    if (indicator.aggregation !== 'ratio' || !indicator.numeratorCode || !indicator.denominatorCode) continue;
    const n = given.get(indicator.numeratorCode);
    const d = given.get(indicator.denominatorCode);
    if (n !== undefined && d !== undefined && n > d) {
      const place = draft.values.find((v) => v.indicatorCode === indicator.numeratorCode)?.sourceCell ?? indicator.numeratorCode;
      problems.push(
        problem('NUMERATOR_ABOVE_DENOMINATOR', 'warning', place, `${place}: ${indicator.numeratorCode} (${n}) lớn hơn ${indicator.denominatorCode} (${d}), nên tỷ lệ ${indicator.code} vượt 100%. Hãy kiểm tra lại số liệu.`),
      );
    }
  }

  const seenTasks = new Set<string>();
  for (const r of draft.taskReports) {
    const task = tasks.get(r.taskCode);
    if (!task || task.retired) {
      problems.push(problem('UNKNOWN_TASK', 'error', r.taskCode, `Kế hoạch năm ${plan.plan.year} không có nhiệm vụ mã "${r.taskCode}".`));
      continue;
    }
    if (seenTasks.has(r.taskCode)) {
      problems.push(problem('DUPLICATE_FIELD', 'error', r.taskCode, `Nhiệm vụ ${r.taskCode} được báo cáo hai lần trong cùng một báo cáo.`));
      continue;
    }
    seenTasks.add(r.taskCode);
    if (!task.lead.includes(draft.agencyCode) && !task.coordinate.includes(draft.agencyCode)) {
      problems.push(problem('NOT_ASSIGNED', 'error', r.taskCode, `Đơn vị ${draft.agencyCode} không chủ trì hay phối hợp nhiệm vụ ${r.taskCode}.`));
    }
  }
  return problems;
}

/**
 * The rows every commit of a batch looks up by code: the agency, the period, and the ids
 * of the plan's tasks and indicators. A commit writes none of them, so a batch keeps
 * what it found (a hit is not read again, a miss is) and looks each up once instead of
 * once per file, just as it loads the catalog it validates the files against once.
 * One set per batch or single commit, never longer, so edits made between batches show.
 */
export interface SubmissionLookups {
  agencies: Map<string, AgencyRow>;
  periods: Map<string, PeriodWithYear>;
  plans: Map<number, { taskIds: Map<string, number>; indicatorIds: Map<string, number> }>;
}

export function newSubmissionLookups(): SubmissionLookups {
  return { agencies: new Map(), periods: new Map(), plans: new Map() };
}

type Db = AppContext['db'] | Trx;

export async function lookupAgency(db: Db, lookups: SubmissionLookups, code: string): Promise<AgencyRow | undefined> {
  const known = lookups.agencies.get(code);
  if (known) return known;
  const row = await findAgencyByCode(db, code);
  if (row) lookups.agencies.set(code, row);
  return row;
}

export async function lookupPeriod(db: Db, lookups: SubmissionLookups, code: string): Promise<PeriodWithYear | undefined> {
  const known = lookups.periods.get(code);
  if (known) return known;
  const row = await findPeriodByCode(db, code);
  if (row) lookups.periods.set(code, row);
  return row;
}

async function lookupPlanIds(db: Db, lookups: SubmissionLookups, planId: number): Promise<{ taskIds: Map<string, number>; indicatorIds: Map<string, number> }> {
  const known = lookups.plans.get(planId);
  if (known) return known;
  const ids = {
    taskIds: new Map((await db.selectFrom('task').select(['id', 'code']).where('plan_id', '=', planId).execute()).map((t) => [t.code, t.id])),
    indicatorIds: new Map((await db.selectFrom('indicator').select(['id', 'code']).where('plan_id', '=', planId).execute()).map((i) => [i.code, i.id])),
  };
  lookups.plans.set(planId, ids);
  return ids;
}

/**
 * Writes a validated report as the agency's new current revision. Runs inside the
 * caller's transaction and does no file work, so the transaction stays short.
 */
export async function commitSubmission(
  ctx: AppContext,
  trx: Trx,
  plan: PlanDetail,
  draft: SubmissionDraft,
  lookups: SubmissionLookups = newSubmissionLookups(),
): Promise<Submission> {
  const agency = await lookupAgency(trx, lookups, draft.agencyCode);
  if (!agency) throw new AppError('UNKNOWN_AGENCY', `Không có đơn vị mã "${draft.agencyCode}".`);
  // A period that is not there: requirePeriod looks again and throws its usual error.
  const period = (await lookupPeriod(trx, lookups, draft.periodCode)) ?? (await requirePeriod(trx, draft.periodCode));
  const revision = await nextRevision(trx, agency.id, period.id);
  // Only the current revision needs clearing (the partial index submission_current finds it).
  await trx.updateTable('submission').set({ is_current: 0 }).where('agency_id', '=', agency.id).where('period_id', '=', period.id).where('is_current', '=', 1).execute();
  // RETURNING gives the row as stored, so it need not be read back.
  const inserted = await trx
    .insertInto('submission')
    .values({
      agency_id: agency.id,
      period_id: period.id,
      revision,
      is_current: 1,
      received_at: draft.receivedAt,
      is_late: isLate(draft.receivedAt, period.due_on) ? 1 : 0,
      status: 'received',
      return_reason: null,
      source_kind: draft.source,
      profile_id: draft.profileId ?? null,
      file_name: draft.fileName ?? null,
      file_sha256: draft.sha256 ?? null,
      document_number: draft.documentNumber ? cleanText(draft.documentNumber) : null,
      document_date: draft.documentDate ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const { id } = inserted;

  const { taskIds, indicatorIds } = await lookupPlanIds(trx, lookups, plan.plan.id);
  const ratioCodes = new Set(plan.tasks.flatMap((t) => t.indicators).filter((i) => i.aggregation === 'ratio').map((i) => i.code));

  const reports = draft.taskReports.map((r) => ({
    submission_id: id,
    task_id: taskIds.get(r.taskCode) ?? -1,
    status: r.status,
    results: nfc(r.results).trim(),
    difficulties: nfc(r.difficulties).trim(),
    proposals: nfc(r.proposals).trim(),
    source_cell: null,
  }));
  if (reports.length > 0) await trx.insertInto('task_report').values(reports).execute();
  const values = draft.values
    .filter((v) => !ratioCodes.has(v.indicatorCode) && (v.number !== null || (v.text ?? '') !== ''))
    .map((v) => ({
      submission_id: id,
      indicator_id: indicatorIds.get(v.indicatorCode) ?? -1,
      number: v.number,
      text: v.text ? nfc(v.text).trim() : null,
      source_cell: v.sourceCell ?? null,
    }));
  if (values.length > 0) await trx.insertInto('value').values(values).execute();

  await audit(ctx, trx, 'receive', 'submission', `${draft.periodCode}/${draft.agencyCode}/${revision}`, {
    source: draft.source,
    fileName: draft.fileName ?? null,
    values: values.length,
    taskReports: reports.length,
  });
  return toSubmission({ ...inserted, agency_code: agency.code, agency_name: agency.name, period_code: period.code });
}

export async function enterSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.enter'>): Promise<Submission> {
  const period = await requirePeriod(ctx.db, args.period);
  const plan = planForPeriod(await loadPlanDetail(ctx.db, await ctx.db.selectFrom('plan').selectAll().where('id', '=', period.plan_id).executeTakeFirstOrThrow()), toPeriod(period));
  if (!(await findAgencyByCode(ctx.db, args.agency))) throw new AppError('UNKNOWN_AGENCY', `Không có đơn vị mã "${args.agency}".`);
  const draft: SubmissionDraft = {
    agencyCode: args.agency,
    periodCode: args.period,
    receivedAt: args.receivedAt ? (args.receivedAt.length === 10 ? `${args.receivedAt}T00:00:00` : args.receivedAt.padEnd(19, ':00').slice(0, 19)) : nowText(ctx),
    source: 'manual',
    documentNumber: args.documentNumber ?? null,
    documentDate: args.documentDate ?? null,
    taskReports: args.taskReports,
    values: args.values,
  };
  const problems = validateDraft(plan, draft);
  if (hasErrors(problems)) {
    throw new AppError('INVALID_REPORT', `Báo cáo chưa được lưu vì có ${problems.filter((p) => p.severity === 'error').length} lỗi: ${problems.find((p) => p.severity === 'error')?.message ?? ''}`, problems);
  }
  return ctx.db.transaction().execute((trx) => commitSubmission(ctx, trx, plan, draft));
}

export async function listSubmissions(ctx: AppContext, args: ParsedArgsOf<'submissions.list'>): Promise<Submission[]> {
  const period = await requirePeriod(ctx.db, args.period);
  let agencyId: number | undefined;
  if (args.agency) {
    const agency = await findAgencyByCode(ctx.db, args.agency);
    if (!agency) throw notFound('đơn vị', args.agency);
    agencyId = agency.id;
  }
  return (await listSubmissionRows(ctx.db, period.id, agencyId)).map(toSubmission);
}

export async function getSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.get'>): Promise<SubmissionDetail> {
  const row = await findSubmission(ctx.db, args.id);
  if (!row) throw notFound('báo cáo', String(args.id));
  const [reports, values] = await Promise.all([submissionTaskReports(ctx.db, args.id), submissionValues(ctx.db, args.id)]);
  return {
    ...toSubmission(row),
    taskReports: reports.map((r) => ({ taskCode: r.task_code, status: r.status, results: r.results, difficulties: r.difficulties, proposals: r.proposals })),
    values: values.map((v) => ({ indicatorCode: v.indicator_code, number: v.number, text: v.text, sourceCell: v.source_cell })),
  };
}

async function changeSubmission(
  ctx: AppContext,
  id: number,
  action: string,
  apply: (trx: Trx, row: SubmissionWithCodes) => Promise<void>,
  detail: unknown,
): Promise<Submission> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findSubmission(trx, id);
    if (!row) throw notFound('báo cáo', String(id));
    await apply(trx, row);
    const after = await findSubmission(trx, id);
    if (!after) throw notFound('báo cáo', String(id));
    await audit(ctx, trx, action, 'submission', `${row.period_code}/${row.agency_code}/${row.revision}`, detail);
    return toSubmission(after);
  });
}

/** Makes an earlier revision the current one again; the others stay for the record. */
export function restoreRevision(ctx: AppContext, args: ParsedArgsOf<'submissions.restoreRevision'>): Promise<Submission> {
  return changeSubmission(ctx, args.id, 'restore-revision', async (trx, row) => {
    await trx.updateTable('submission').set({ is_current: 0 }).where('agency_id', '=', row.agency_id).where('period_id', '=', row.period_id).execute();
    await trx.updateTable('submission').set({ is_current: 1 }).where('id', '=', row.id).execute();
  }, { id: args.id });
}

/** Returned reports leave the consolidation until the agency sends a corrected one. */
export function returnSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.return'>): Promise<Submission> {
  return changeSubmission(ctx, args.id, 'return', async (trx, row) => {
    await trx.updateTable('submission').set({ status: 'returned', return_reason: cleanText(args.reason) }).where('id', '=', row.id).execute();
  }, { reason: args.reason });
}

export function acceptSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.accept'>): Promise<Submission> {
  return changeSubmission(ctx, args.id, 'accept', async (trx, row) => {
    await trx.updateTable('submission').set({ status: 'accepted', return_reason: null }).where('id', '=', row.id).execute();
  }, {});
}
