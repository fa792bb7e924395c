// Writing a report as the agency's new current revision, shared by the Excel intake,
// the typed report and the demo: the plan's own checks on a draft, the rule checks
// against the agency's other periods, and the commit (submission, figures, task
// reports with their cells, the office's corrections, the checks let through, the
// original file's bytes), all in the caller's one short transaction.
import type { Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { cleanText, nfc } from '../../shared/text';
import { checkFigure, problem, type Problem } from '../../shared/problems';
import { isLate } from '../../shared/periods';
import { formatDateVi } from '../../shared/numbers';
import type { AcceptanceInput, RuleCheck } from '../../shared/api';
import type { CheckAcceptance, Correction, Period, PlanDetail, SubmissionSource, TaskReportCells, TaskReportInput, ValueInput } from '../../shared/domain';
import type { AgencyRow, Database } from '../../db/schema';
import { findAgencyByCode } from '../../db/queries/agencies';
import { findPeriodByCode, type PeriodWithYear } from '../../db/queries/periods';
import { nextRevision } from '../../db/queries/submissions';
import { insertCheckAcceptance, insertCorrection, insertCurrentSubmission, insertSourceFile, insertTaskReports, insertValues, planIdsByCode } from '../../db/queries/revisions';
import { audit, currentActor, nowText, type AppContext } from './context';
import { requirePeriod } from './periods';
import { checkAgencyReport, neighboursOf, pendingAcceptances } from './checks';
import type { BasisLoader } from './counting';

type Trx = Transaction<Database>;

/** A value the office set for a field, with what the file said there: a Correction before it is recorded (when and by whom). */
export type CorrectionRecord = Omit<Correction, 'at' | 'by'>;

/** An error-level check let through, as it will be recorded. */
/** A finding let through, as it is recorded: exactly which, on which figures, and why. */
export interface AcceptanceRecord {
  rule: string;
  indicatorCode: string;
  against: string | null;
  figures: { value: number; other: number };
  message: string;
  reason: string;
}

export interface SubmissionDraft {
  agencyCode: string;
  periodCode: string;
  /** The day the office received it (ISO date). */
  receivedOn: string;
  source: SubmissionSource;
  profileId?: number | null;
  profileSha256?: string | null;
  /** The profile's name as it is now: the report keeps it if the profile is renamed or deleted. */
  profileName?: string | null;
  fileName?: string | null;
  sha256?: string | null;
  /** The original file, kept (content-addressed) so every figure leads back to it. */
  fileBytes?: Uint8Array | null;
  documentNumber?: string | null;
  documentDate?: string | null;
  taskReports: (TaskReportInput & { cells?: Partial<TaskReportCells> })[];
  values: ValueInput[];
  corrections?: CorrectionRecord[];
  acceptances?: AcceptanceRecord[];
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

  for (const v of draft.values) {
    const place = v.sourceCell ?? v.indicatorCode;
    const indicator = indicators.get(v.indicatorCode);
    if (!indicator || indicator.retired) {
      problems.push(problem('UNKNOWN_INDICATOR', 'error', place, `${place}: kế hoạch năm ${plan.plan.year} không có chỉ tiêu mã "${v.indicatorCode}".`, { cell: place, year: String(plan.plan.year), indicator: v.indicatorCode }));
      continue;
    }
    if (seen.has(v.indicatorCode)) {
      problems.push(problem('DUPLICATE_FIELD', 'error', place, `${place}: chỉ tiêu ${v.indicatorCode} có hai giá trị trong cùng một báo cáo.`, { cell: place, indicator: v.indicatorCode }));
      continue;
    }
    seen.add(v.indicatorCode);
    if (!indicator.reporters.includes(draft.agencyCode)) {
      problems.push(problem('NOT_A_REPORTER', 'error', place, `${place}: đơn vị ${draft.agencyCode} không được giao báo cáo chỉ tiêu ${indicator.code} – ${indicator.name}.`, { cell: place, agency: draft.agencyCode, indicator: indicator.code }));
      continue;
    }
    if (indicator.aggregation === 'ratio') {
      // A ratio is computed from its numerator and denominator, never typed.
      if (v.number !== null) problems.push(problem('RATIO_IS_COMPUTED', 'warning', place, `${place}: tỷ lệ ${indicator.code} được tính từ tử số và mẫu số; giá trị nhập vào không được dùng.`, { cell: place, indicator: indicator.code }));
      continue;
    }
    if (indicator.kind === 'text' || v.number === null) continue;
    const bad = checkFigure(indicator, v.number, v.sourceCell ?? '');
    if (bad) {
      const placed = v.sourceCell ? bad : { ...bad, cell: place, message: `${place}: ${bad.message}`, params: { ...bad.params, cell: place } };
      problems.push({ ...placed, field: `indicator:${indicator.code}`, agency: draft.agencyCode, remedy: 'correct' });
    }
  }

  const seenTasks = new Set<string>();
  for (const r of draft.taskReports) {
    const task = tasks.get(r.taskCode);
    if (!task || task.retired) {
      problems.push(problem('UNKNOWN_TASK', 'error', r.taskCode, `Kế hoạch năm ${plan.plan.year} không có nhiệm vụ mã "${r.taskCode}".`, { year: String(plan.plan.year), task: r.taskCode }));
      continue;
    }
    if (seenTasks.has(r.taskCode)) {
      problems.push(problem('DUPLICATE_FIELD', 'error', r.taskCode, `Nhiệm vụ ${r.taskCode} được báo cáo hai lần trong cùng một báo cáo.`, { task: r.taskCode }));
      continue;
    }
    seenTasks.add(r.taskCode);
    if (!task.lead.includes(draft.agencyCode) && !task.coordinate.includes(draft.agencyCode)) {
      problems.push(problem('NOT_ASSIGNED', 'error', r.taskCode, `Đơn vị ${draft.agencyCode} không chủ trì hay phối hợp nhiệm vụ ${r.taskCode}.`, { agency: draft.agencyCode, task: r.taskCode }));
    }
  }
  return problems;
}

/**
 * The rule checks on a draft against the agency's own figures in the periods around
 * it, as problems: an error the clerk has not let through blocks (remedy 'accept' or
 * 'correct'); one let through informs, and is returned for recording.
 */
export async function checkDraft(
  loader: BasisLoader,
  plan: PlanDetail,
  period: Period,
  agency: { code: string; name: string },
  values: readonly ValueInput[],
  accept: readonly Pick<AcceptanceInput, 'rule' | 'indicator' | 'against' | 'reason'>[],
  at: string,
  /** Acceptances already on record for this report (a correction of a report received): they still hold for the figures they were given on. */
  onRecord: readonly CheckAcceptance[] = [],
): Promise<{ checks: RuleCheck[]; problems: Problem[]; acceptances: AcceptanceRecord[] }> {
  const indicators = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
  const numbers = new Map<string, { value: number; cell: string | null }>();
  for (const v of values) {
    const i = indicators.get(v.indicatorCode);
    if (v.number === null || !i || i.kind === 'text' || i.aggregation === 'ratio' || !i.reporters.includes(agency.code)) continue;
    numbers.set(v.indicatorCode, { value: v.number, cell: v.sourceCell ?? null });
  }
  const around = await neighboursOf(loader, period, agency.code);
  const checks = checkAgencyReport(plan, agency, { period, numbers, acceptances: [...onRecord, ...pendingAcceptances(accept, at)] }, around);
  const problems: Problem[] = [];
  const acceptances: AcceptanceRecord[] = [];
  for (const c of checks) {
    const base = { cell: c.cell ?? '', field: `indicator:${c.indicator}`, agency: agency.code, rule: c.rule, indicator: c.indicator, ...(c.against ? { against: c.against } : {}) };
    if (c.severity === 'error' && !c.accepted) {
      problems.push({ ...base, code: c.rule, severity: 'error', message: c.message, remedy: 'accept', ...(c.params ? { params: c.params } : {}) });
    } else if (c.severity === 'error' && c.accepted) {
      // Its English would leave out the clerk's reason: without params it is shown as said here.
      problems.push({ ...base, code: c.rule, severity: 'warning', message: `${c.message} Đã chấp nhận với lý do: ${c.accepted.reason}` });
      // Recorded: what the clerk lets through now. One already on record (on this report,
      // or on the other period's) is not recorded again.
      const onFile = onRecord.some((a) => a.rule === c.rule && a.indicatorCode === c.indicator && a.against === c.against && a.figures.value === c.figures?.value && a.figures.other === c.figures.other);
      const mine = onFile ? undefined : accept.find((a) => a.rule === c.rule && a.indicator === c.indicator && (a.against === undefined || a.against === c.against));
      const recorded = acceptances.some((a) => a.rule === c.rule && a.indicatorCode === c.indicator && a.against === c.against);
      if (mine && c.figures && !recorded) acceptances.push({ rule: c.rule, indicatorCode: c.indicator, against: c.against, figures: c.figures, message: c.message, reason: cleanText(mine.reason) });
    } else {
      problems.push({ ...base, code: c.rule, severity: 'warning', message: c.message, ...(c.params ? { params: c.params } : {}) });
    }
  }
  return { checks, problems, acceptances };
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

export async function lookupPlanIds(db: Db, lookups: SubmissionLookups, planId: number): Promise<{ taskIds: Map<string, number>; indicatorIds: Map<string, number> }> {
  const known = lookups.plans.get(planId);
  if (known) return known;
  const ids = await planIdsByCode(db, planId);
  lookups.plans.set(planId, ids);
  return ids;
}

/** The original file's bytes, once per content: the same file imported twice is kept once. */
export async function keepOriginal(ctx: AppContext, trx: Trx, sha256: string, name: string, bytes: Uint8Array): Promise<void> {
  await insertSourceFile(trx, { sha256, size: bytes.length, bytes, name, stored_at: nowText(ctx) });
}

export async function recordCorrection(ctx: AppContext, trx: Trx, submissionId: number, c: CorrectionRecord): Promise<void> {
  const actor = await currentActor(ctx, trx);
  await insertCorrection(trx, {
    submission_id: submissionId,
    field: c.field,
    cell: c.cell,
    file_text: c.fileText,
    number: c.number,
    text: c.text,
    note: cleanText(c.note),
    at: nowText(ctx),
    os_user: actor.osUser,
    clerk: actor.clerk,
  });
}

export async function recordAcceptance(ctx: AppContext, trx: Trx, submissionId: number, a: AcceptanceRecord): Promise<void> {
  const actor = await currentActor(ctx, trx);
  await insertCheckAcceptance(trx, {
    submission_id: submissionId,
    rule: a.rule,
    indicator_code: a.indicatorCode,
    against_period: a.against,
    value: a.figures.value,
    other_value: a.figures.other,
    message: a.message,
    reason: a.reason,
    at: nowText(ctx),
    os_user: actor.osUser,
    clerk: actor.clerk,
  });
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
): Promise<{ id: number; revision: number; late: boolean }> {
  const agency = await lookupAgency(trx, lookups, draft.agencyCode);
  if (!agency) throw new AppError('UNKNOWN_AGENCY', `Không có đơn vị mã "${draft.agencyCode}".`);
  // A period that is not there: requirePeriod looks again and throws its usual error.
  const period = (await lookupPeriod(trx, lookups, draft.periodCode)) ?? (await requirePeriod(trx, draft.periodCode));
  const revision = await nextRevision(trx, agency.id, period.id);
  const actor = await currentActor(ctx, trx);
  const late = isLate(draft.receivedOn, period.due_on);
  const id = await insertCurrentSubmission(trx, {
    agency_id: agency.id,
    period_id: period.id,
    revision,
    is_current: 1,
    received_at: nowText(ctx),
    received_on: draft.receivedOn,
    is_late: late ? 1 : 0,
    status: 'received',
    return_reason: null,
    source_kind: draft.source,
    profile_id: draft.profileId ?? null,
    profile_sha256: draft.profileSha256 ?? null,
    profile_name: draft.profileName ?? null,
    file_name: draft.fileName ?? null,
    file_sha256: draft.sha256 ?? null,
    document_number: draft.documentNumber ? cleanText(draft.documentNumber) : null,
    document_date: draft.documentDate ?? null,
    os_user: actor.osUser,
    clerk: actor.clerk,
  });
  if (draft.fileBytes && draft.sha256) await keepOriginal(ctx, trx, draft.sha256, draft.fileName ?? `${draft.sha256}.xlsx`, draft.fileBytes);

  const { taskIds, indicatorIds } = await lookupPlanIds(trx, lookups, plan.plan.id);
  const ratioCodes = new Set(plan.tasks.flatMap((t) => t.indicators).filter((i) => i.aggregation === 'ratio').map((i) => i.code));

  const reports = draft.taskReports.map((r) => ({
    submission_id: id,
    task_id: taskIds.get(r.taskCode) ?? -1,
    status: r.status,
    results: nfc(r.results).trim(),
    difficulties: nfc(r.difficulties).trim(),
    proposals: nfc(r.proposals).trim(),
    source_cell: r.cells?.status ?? null,
    results_cell: r.cells?.results ?? null,
    difficulties_cell: r.cells?.difficulties ?? null,
    proposals_cell: r.cells?.proposals ?? null,
  }));
  await insertTaskReports(trx, reports);
  const values = draft.values
    .filter((v) => !ratioCodes.has(v.indicatorCode) && (v.number !== null || (v.text ?? '') !== ''))
    .map((v) => ({
      submission_id: id,
      indicator_id: indicatorIds.get(v.indicatorCode) ?? -1,
      number: v.number,
      text: v.text ? nfc(v.text).trim() : null,
      source_cell: v.sourceCell ?? null,
    }));
  await insertValues(trx, values);
  for (const c of draft.corrections ?? []) await recordCorrection(ctx, trx, id, c);
  for (const a of draft.acceptances ?? []) await recordAcceptance(ctx, trx, id, a);

  await audit(ctx, trx, 'receive', 'submission', `${draft.periodCode}/${draft.agencyCode}/${revision}`, {
    source: draft.source,
    fileName: draft.fileName ?? null,
    receivedOn: draft.receivedOn,
    values: values.length,
    taskReports: reports.length,
    ...(draft.corrections?.length ? { corrections: draft.corrections.map((c) => ({ field: c.field, fileText: c.fileText, number: c.number, text: c.text, note: c.note })) } : {}),
    ...(draft.acceptances?.length ? { accepted: draft.acceptances.map((a) => ({ rule: a.rule, indicator: a.indicatorCode, against: a.against, figures: a.figures, reason: a.reason })) } : {}),
  });
  return { id, revision, late };
}

/**
 * When a report arrived, as the clerk says: not after today, and its own document not
 * dated after the day it arrived.
 */
export function receiptProblems(today: string, receivedOn: string, documentDate: string | null | undefined, where = ''): Problem[] {
  const at = where ? `${where}: ` : '';
  const out: Problem[] = [];
  if (receivedOn > today) {
    out.push(problem('RECEIVED_IN_FUTURE', 'error', '', `${at}ngày nhận ${formatDateVi(receivedOn)} là một ngày chưa tới (hôm nay là ${formatDateVi(today)}). Hãy chọn ngày văn bản thực sự đến Văn phòng.`, { received: receivedOn, today }));
  }
  if (documentDate && documentDate > receivedOn) {
    out.push(problem('DOCUMENT_AFTER_RECEIPT', 'error', '', `${at}ngày của văn bản (${formatDateVi(documentDate)}) sau ngày nhận (${formatDateVi(receivedOn)}). Hãy kiểm tra lại hai ngày này.`, { documentDate, received: receivedOn }));
  }
  return out;
}
