// What the import says of each file (intake.ts does the work): the outcome the clerk
// reads, the changes against the agency's current revision, the gaps, the log line
// with every report the file became, and the lookup of a file already imported.
import { TASK_STATUS_LABELS, type Agency, type PlanDetail, type ReportGaps } from '../../shared/domain';
import { reportGaps } from '../../shared/gaps';
import { isLate } from '../../shared/periods';
import { problem, type Problem } from '../../shared/problems';
import type { FieldChange, ImportOutcome, IncomingFile } from '../../shared/api';
import type { RecognisedReport, Recognition, ReportCatalog } from '../excel/recognition';
import { submissionTaskReportsByCode, submissionValuesByCode } from '../../db/queries/submissions';
import { currentRevisionOf, insertImportLog, reportsFromFile } from '../../db/queries/intake';
import { nowText, type AppContext } from './context';
import type { StoredProfile } from './profiles';
import { lookupAgency, lookupPeriod, type CorrectionRecord, type SubmissionLookups } from './revisions';

/** A file once read: its bytes, what it holds, and every problem found so far. */
export interface Prepared {
  file: string;
  incoming: IncomingFile;
  bytes: Uint8Array;
  sha256: string | null;
  recognition: Recognition | null;
  profile: StoredProfile | null;
  problems: Problem[];
  /** Each report the file holds, with the office's corrections already in it. */
  reports: { report: RecognisedReport; plan: PlanDetail; corrections: CorrectionRecord[] }[];
  skipped?: boolean;
  /** Its bytes were found stored before it was read (for another period or agency than the batch's). */
  storedBefore?: boolean;
}

interface Context {
  receivedOn: string;
  catalog: ReportCatalog;
}

function show(value: string | number | null | undefined): string | number | null {
  return value === undefined || value === '' ? null : value;
}

/**
 * What the report would change against the agency's current revision for the period.
 * Reads only the current revision's number and the fields compared, by code.
 */
/** The revision the agency's report for the period is now at (null: none yet), as previewChanges compared with. */
export async function currentRevisionNow(ctx: AppContext, report: RecognisedReport, lookups: SubmissionLookups): Promise<number | null> {
  const agency = await lookupAgency(ctx.db, lookups, report.agencyCode);
  const period = await lookupPeriod(ctx.db, lookups, report.periodCode);
  const current = agency && period ? await currentRevisionOf(ctx.db, agency.id, period.id) : undefined;
  return current?.revision ?? null;
}

export async function previewChanges(
  ctx: AppContext,
  report: RecognisedReport,
  plan: PlanDetail,
  lookups: SubmissionLookups,
): Promise<{ changes: FieldChange[]; currentRevision: number | null }> {
  const agency = await lookupAgency(ctx.db, lookups, report.agencyCode);
  const period = await lookupPeriod(ctx.db, lookups, report.periodCode);
  const current = agency && period ? await currentRevisionOf(ctx.db, agency.id, period.id) : undefined;
  const [oldValues, oldReports] = current
    ? await Promise.all([submissionValuesByCode(ctx.db, current.id), submissionTaskReportsByCode(ctx.db, current.id)])
    : [[], []];
  const valuesBefore = new Map(oldValues.map((v) => [v.indicator_code, v]));
  const reportsBefore = new Map(oldReports.map((r) => [r.task_code, r]));
  const indicators = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i]));
  const tasks = new Map(plan.tasks.map((t) => [t.code, t]));
  const changes: FieldChange[] = [];
  for (const v of report.values) {
    const indicator = indicators.get(v.indicatorCode);
    if (!indicator || indicator.aggregation === 'ratio') continue;
    const old = valuesBefore.get(v.indicatorCode);
    const a = show(old?.number ?? old?.text);
    const b = show(v.number ?? v.text);
    if (a !== b) changes.push({ agency: report.agencyCode, field: v.indicatorCode, label: indicator.name, before: a, after: b });
  }
  for (const r of report.taskReports) {
    const old = reportsBefore.get(r.taskCode);
    const title = tasks.get(r.taskCode)?.title ?? r.taskCode;
    const parts = [
      ['status', 'tình trạng', old?.status ? TASK_STATUS_LABELS[old.status] : null, r.status ? TASK_STATUS_LABELS[r.status] : null],
      ['results', 'kết quả', old?.results, r.results],
      ['difficulties', 'tồn tại, khó khăn', old?.difficulties, r.difficulties],
      ['proposals', 'kiến nghị', old?.proposals, r.proposals],
    ] as const;
    for (const [key, name, a, b] of parts) {
      if (show(a) !== show(b)) changes.push({ agency: report.agencyCode, field: `${r.taskCode}:${key}`, label: `${title} – ${name}`, before: show(a), after: show(b) });
    }
  }
  return { changes, currentRevision: current?.revision ?? null };
}

/** The earliest submission read from a file with these bytes (any revision, current or not). */
export async function alreadyImported(ctx: AppContext, digest: string | null): Promise<{ agency: string; period: string; revision: number } | null> {
  if (!digest) return null;
  const [first] = await reportsFromFile(ctx.db, digest);
  return first ? { agency: first.agency, period: first.period, revision: first.revision } : null;
}

/** A partly filled report is taken, and what it leaves blank is said, by name. */
export function incompleteProblem(file: string, plan: PlanDetail, agency: Pick<Agency, 'code' | 'name'>, gaps: ReportGaps): Problem {
  const names = new Map(plan.tasks.flatMap((t) => t.indicators).map((i) => [i.code, i.name]));
  const list = (codes: string[], name: (code: string) => string) => codes.slice(0, 5).map((c) => `${c} – ${name(c)}`).join('; ') + (codes.length > 5 ? '; …' : '');
  const parts = [
    gaps.indicators.length > 0 ? `để trống ${gaps.indicators.length} chỉ tiêu (${list(gaps.indicators, (c) => names.get(c) ?? c)})` : '',
    gaps.tasks.length > 0 ? `chưa ghi tình trạng ${gaps.tasks.length} nhiệm vụ (${list(gaps.tasks, (c) => plan.tasks.find((t) => t.code === c)?.title ?? c)})` : '',
  ].filter(Boolean);
  return {
    ...problem(
      'REPORT_INCOMPLETE',
      'warning',
      '',
      `${file}: báo cáo của ${agency.name} ${parts.join(' và ')}. Báo cáo vẫn được nhận và ghi là chưa đủ; ô trống không được tính là 0. Nếu đã hỏi lại đơn vị, hãy sửa từng ô trong bản xem trước.`,
    ),
    agency: agency.code,
  };
}

/**
 * What a report read from a file leaves blank. A cell that was refused is not blank (its
 * problem says what is wrong with it), so it is not listed twice.
 */
export function gapsOfRead(p: Prepared['reports'][number], problems: readonly Problem[]): ReportGaps {
  const gaps = reportGaps(p.plan, p.report.agencyCode, p.report);
  const refused = new Set(problems.filter((x) => x.severity === 'error' && x.field && (x.agency ?? p.report.agencyCode) === p.report.agencyCode).map((x) => x.field));
  return {
    indicators: gaps.indicators.filter((code) => !refused.has(`indicator:${code}`)),
    tasks: gaps.tasks.filter((code) => !refused.has(`task:${code}:status`)),
  };
}

function figuresOf(prepared: Prepared, p: Prepared['reports'][number] | undefined, context: Context) {
  const period = p ? context.catalog.periods.find((x) => x.code === p.report.periodCode) : undefined;
  return {
    gaps: p ? gapsOfRead(p, prepared.problems) : null,
    receivedOn: context.receivedOn,
    late: period ? isLate(context.receivedOn, period.due) : null,
    // What the file said is known only here (the clerk sent a value, not the cell's text): it goes back with each correction taken.
    corrections: p
      ? (prepared.incoming.corrections ?? [])
          .filter((c) => (c.agency ?? p.report.agencyCode) === p.report.agencyCode)
          .map((c) => {
            const taken = p.corrections.find((r) => r.field === c.field);
            return taken ? { ...c, cell: taken.cell, fileText: taken.fileText } : c;
          })
      : [],
  };
}

export function skipped(prepared: Prepared): ImportOutcome {
  return {
    file: prepared.file,
    ok: true,
    status: 'skipped',
    agency: null,
    period: null,
    revision: null,
    readAs: null,
    profile: null,
    problems: [],
    changes: [],
    gaps: null,
    receivedOn: null,
    late: null,
    corrections: [],
    message: `Bỏ qua ${prepared.file}: đây là tệp khóa tạm của Excel, không phải báo cáo.`,
  };
}

export function rejected(prepared: Prepared, context: Context): ImportOutcome {
  const errors = prepared.problems.filter((p) => p.severity === 'error');
  const first = prepared.reports[0];
  const report = first?.report ?? prepared.recognition?.reports[0] ?? null;
  return {
    file: prepared.file,
    ok: false,
    status: 'rejected',
    agency: report?.agencyCode ?? null,
    period: report?.periodCode ?? null,
    revision: null,
    readAs: prepared.recognition?.readAs ?? null,
    profile: prepared.recognition?.profile ?? null,
    problems: prepared.problems,
    changes: [],
    ...figuresOf(prepared, first, context),
    message: `Không nhận tệp ${prepared.file}: ${errors.length} lỗi cần sửa${errors[0] ? ` (đầu tiên: ${errors[0].message})` : ''}. Dữ liệu không thay đổi.`,
  };
}

/** An outcome for one report of a file that was read: what every accepted status shares. */
export function outcomeOf(
  prepared: Prepared,
  p: Prepared['reports'][number],
  status: 'imported' | 'checked' | 'duplicate',
  revision: number,
  changes: FieldChange[],
  context: Context,
  message: string,
): ImportOutcome {
  return {
    file: prepared.file,
    ok: true,
    status,
    agency: p.report.agencyCode,
    period: p.report.periodCode,
    revision,
    readAs: prepared.recognition?.readAs ?? null,
    profile: prepared.recognition?.profile ?? null,
    // A workbook of several agencies: each outcome carries the file's own problems and its agency's.
    problems: prepared.problems.filter((x) => !x.agency || x.agency === p.report.agencyCode),
    changes,
    ...figuresOf(prepared, p, context),
    message,
  };
}

/** One line per attempt, naming every report the file became. */
export async function logAttempt(ctx: AppContext, prepared: Prepared, outcome: 'imported' | 'rejected' | 'duplicate', submissionIds: readonly number[], trx = ctx.db): Promise<void> {
  await insertImportLog(
    trx,
    { at: nowText(ctx), file_name: prepared.file, file_sha256: prepared.sha256, outcome, submission_id: submissionIds[0] ?? null, problems: JSON.stringify(prepared.problems) },
    submissionIds,
  );
}
