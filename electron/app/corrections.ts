// The office's own value for a cell (issue: the clerk may correct a cell): a refused or
// blank cell given a figure, or "không phát sinh" (0), after the clerk phoned the
// agency, with a note that says so. The stored figure is then the office's, and a
// correction row keeps what the file said, the note, when and who; every place the
// figure appears shows it as a correction. Given in the import preview, or later on a
// report already received.
import { AppError, notFound } from '../../shared/errors';
import { formatNumber } from '../../shared/numbers';
import { checkFigure, hasErrors, problem, type Problem } from '../../shared/problems';
import { cleanText } from '../../shared/text';
import { TASK_STATUS_LABELS, planForPeriod, type PlanDetail, type SubmissionDetail, type TaskStatus, type ValueInput } from '../../shared/domain';
import type { CorrectionInput, ParsedArgsOf } from '../../shared/api';
import type { RecognisedReport } from '../excel/recognition';
import { writeCorrectedStatus, writeCorrectedValue } from '../../db/queries/corrections';
import { planRowById } from '../../db/queries/consolidation';
import { findSubmission, submissionAcceptances, submissionCorrections, submissionTaskReports, submissionValues } from '../../db/queries/submissions';
import { audit, nowText, type AppContext } from './context';
import { basisLoader, toAcceptance } from './counting';
import { loadPlanDetail } from './plans';
import { requirePeriod, toPeriod } from './periods';
import { checkDraft, lookupPlanIds, newSubmissionLookups, recordAcceptance, recordCorrection, type CorrectionRecord } from './revisions';
import { getSubmission } from './submissions';

type Target = { kind: 'indicator'; code: string } | { kind: 'status'; code: string };

function targetOf(field: string): Target | null {
  const indicator = /^indicator:(.+)$/u.exec(field);
  if (indicator?.[1]) return { kind: 'indicator', code: indicator[1] };
  const status = /^task:(.+):status$/u.exec(field);
  return status?.[1] ? { kind: 'status', code: status[1] } : null;
}

type Given = Pick<CorrectionInput, 'field' | 'number' | 'text' | 'status' | 'note'>;

/** The value a correction gives, checked against what the plan asks of the agency; a problem if it cannot be taken. */
function valueOf(plan: PlanDetail, agencyCode: string, c: Given): { number: number | null; text: string | null } | Problem {
  const target = targetOf(c.field);
  const bad = (message: string) => problem('CORRECTION_INVALID', 'error', c.field, message);
  if (!target) return bad(`Không sửa được trường "${c.field}": chỉ sửa được số liệu một chỉ tiêu hoặc tình trạng một nhiệm vụ.`);
  if (target.kind === 'status') {
    const task = plan.tasks.find((t) => t.code === target.code && !t.retired);
    if (!task || (!task.lead.includes(agencyCode) && !task.coordinate.includes(agencyCode))) return bad(`Không sửa được tình trạng nhiệm vụ ${target.code}: đơn vị ${agencyCode} không được giao nhiệm vụ này.`);
    if (!c.status) return bad(`Hãy chọn tình trạng cho nhiệm vụ ${target.code}.`);
    return { number: null, text: c.status };
  }
  const indicator = plan.tasks.flatMap((t) => t.indicators).find((i) => i.code === target.code && !i.retired);
  if (!indicator || !indicator.reporters.includes(agencyCode)) return bad(`Không sửa được chỉ tiêu ${target.code}: đơn vị ${agencyCode} không được giao báo cáo chỉ tiêu này.`);
  if (indicator.aggregation === 'ratio') return bad(`Tỷ lệ ${indicator.code} được tính từ tử số và mẫu số; hãy sửa tử số hoặc mẫu số.`);
  if (indicator.kind === 'text') {
    const text = cleanText(c.text ?? '');
    return text ? { number: null, text } : bad(`Hãy nhập nội dung cho chỉ tiêu ${indicator.code}.`);
  }
  if (c.number === null || c.number === undefined) return bad(`Hãy nhập số liệu cho chỉ tiêu ${indicator.code} (nhập 0 nếu không phát sinh).`);
  const wrong = checkFigure(indicator, c.number, '');
  return wrong ? { ...wrong, code: 'CORRECTION_INVALID', cell: c.field } : { number: c.number, text: null };
}

/** What a figure or status looked like before the office's value, for the record. */
function shown(number: number | null | undefined, text: string | null | undefined, status: boolean): string {
  if (status) return text ? (TASK_STATUS_LABELS[text as TaskStatus] ?? text) : '';
  if (number !== null && number !== undefined) return formatNumber(number);
  return text ?? '';
}

/**
 * Puts the clerk's corrections into a report read from a file, before it is checked
 * and committed: each replaces the field's value, the reader's problems with that
 * field's cell go (the office has given the value), and a record of what the file's
 * cell showed is kept. `cellText` reads the file's cell.
 */
export function applyCorrections(
  plan: PlanDetail,
  report: RecognisedReport,
  corrections: readonly CorrectionInput[],
  problems: readonly Problem[],
  cellText: (ref: string) => string,
): { report: RecognisedReport; problems: Problem[]; records: CorrectionRecord[] } {
  const mine = corrections.filter((c) => (c.agency ?? report.agencyCode) === report.agencyCode);
  let kept = [...problems];
  const values = [...report.values];
  const taskReports = report.taskReports.map((r) => ({ ...r }));
  const records: CorrectionRecord[] = [];
  for (const c of mine) {
    const value = valueOf(plan, report.agencyCode, c);
    if ('code' in value) {
      kept.push({ ...value, agency: report.agencyCode });
      continue;
    }
    const target = targetOf(c.field);
    if (!target) continue;
    const fromProblem = kept.find((p) => p.field === c.field && (p.agency ?? report.agencyCode) === report.agencyCode && p.cell)?.cell ?? null;
    // The office's value replaces what the cell said; a problem with that cell's value is settled by it.
    kept = kept.filter((p) => !(p.field === c.field && (p.agency ?? report.agencyCode) === report.agencyCode && p.remedy === 'correct'));
    if (target.kind === 'indicator') {
      const at = values.findIndex((v) => v.indicatorCode === target.code);
      const cell = (at >= 0 ? values[at]?.sourceCell : null) ?? fromProblem;
      const entry: ValueInput = { indicatorCode: target.code, number: value.number, text: value.text, sourceCell: cell };
      if (at >= 0) values[at] = entry;
      else values.push(entry);
      records.push({ field: c.field, cell, fileText: cell ? cellText(cell) : '', number: value.number, text: value.text, note: c.note });
    } else {
      let r = taskReports.find((x) => x.taskCode === target.code);
      if (!r) {
        r = { taskCode: target.code, status: null, results: '', difficulties: '', proposals: '' };
        taskReports.push(r);
      }
      const cell = r.cells?.status ?? fromProblem;
      r.status = value.text as TaskStatus;
      records.push({ field: c.field, cell, fileText: cell ? cellText(cell) : '', number: null, text: value.text, note: c.note });
    }
  }
  return { report: { ...report, values, taskReports }, problems: kept, records };
}

/** Corrects one field of a report already received (its current revision), with the clerk's note. */
export async function correctSubmission(ctx: AppContext, args: ParsedArgsOf<'submissions.correct'>): Promise<SubmissionDetail> {
  const row = await findSubmission(ctx.db, args.id);
  if (!row) throw notFound('báo cáo', String(args.id));
  if (row.is_current !== 1) {
    throw new AppError('NOT_CURRENT', `Chỉ sửa được lần nộp hiện hành; lần ${row.revision} của ${row.agency_name} kỳ ${row.period_code} đã được thay bằng lần sau.`);
  }
  const period = await requirePeriod(ctx.db, row.period_code);
  const planRow = await planRowById(ctx.db, period.plan_id);
  const plan = planForPeriod(await loadPlanDetail(ctx.db, planRow), toPeriod(period));
  const value = valueOf(plan, row.agency_code, args.correction);
  if ('code' in value) throw new AppError('CORRECTION_INVALID', value.message, [value]);
  const target = targetOf(args.correction.field);
  if (!target) throw new AppError('CORRECTION_INVALID', `Không sửa được trường "${args.correction.field}".`);

  const [values, reports, earlier, accepted] = await Promise.all([submissionValues(ctx.db, row.id), submissionTaskReports(ctx.db, row.id), submissionCorrections(ctx.db, row.id), submissionAcceptances(ctx.db, row.id)]);
  const before = earlier.filter((c) => c.field === args.correction.field).at(0);
  const storedValue = target.kind === 'indicator' ? values.find((v) => v.indicator_code === target.code) : undefined;
  const storedReport = target.kind === 'status' ? reports.find((r) => r.task_code === target.code) : undefined;
  const record: CorrectionRecord = {
    field: args.correction.field,
    cell: storedValue?.source_cell ?? storedReport?.source_cell ?? null,
    // What the file said is the first correction's record of it, or what is stored now.
    fileText: before ? before.file_text : target.kind === 'indicator' ? shown(storedValue?.number, storedValue?.text, false) : shown(null, storedReport?.status, true),
    number: value.number,
    text: value.text,
    note: args.correction.note,
  };

  // The report with the new value goes through the rules again; an error refuses the correction.
  const newValues = values.map((v) => ({ indicatorCode: v.indicator_code, number: v.number, text: v.text, sourceCell: v.source_cell }));
  if (target.kind === 'indicator') {
    const at = newValues.findIndex((v) => v.indicatorCode === target.code);
    const entry = { indicatorCode: target.code, number: value.number, text: value.text, sourceCell: record.cell };
    if (at >= 0) newValues[at] = entry;
    else newValues.push(entry);
  }
  // What was let through on this report still is, for the figures it was let through on.
  const checked = await checkDraft(
    basisLoader(ctx, { agency: row.agency_code }),
    plan,
    toPeriod(period),
    { code: row.agency_code, name: row.agency_name },
    newValues,
    args.accept ?? [],
    nowText(ctx),
    accepted.map(toAcceptance),
  );
  if (hasErrors(checked.problems)) {
    const first = checked.problems.find((p) => p.severity === 'error');
    throw new AppError('INVALID_REPORT', `Chưa sửa được: ${first?.message ?? ''}`, checked.problems);
  }

  await ctx.db.transaction().execute(async (trx) => {
    const { taskIds, indicatorIds } = await lookupPlanIds(trx, newSubmissionLookups(), plan.plan.id);
    if (target.kind === 'indicator') {
      const indicatorId = indicatorIds.get(target.code) ?? -1;
      await writeCorrectedValue(trx, { submissionId: row.id, indicatorId, number: value.number, text: value.text, cell: record.cell });
    } else {
      const taskId = taskIds.get(target.code) ?? -1;
      await writeCorrectedStatus(trx, { submissionId: row.id, taskId, status: value.text as TaskStatus, cell: record.cell });
    }
    await recordCorrection(ctx, trx, row.id, record);
    for (const a of checked.acceptances) await recordAcceptance(ctx, trx, row.id, a);
    await audit(ctx, trx, 'correct', 'submission', `${row.period_code}/${row.agency_code}/${row.revision}`, {
      field: record.field,
      cell: record.cell,
      fileText: record.fileText,
      number: record.number,
      text: record.text,
      note: cleanText(record.note),
    });
  });
  return getSubmission(ctx, { id: row.id });
}
