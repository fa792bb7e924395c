// Taking in the workbooks agencies send (architecture.md, "The import pipeline"):
// sniff → pre-scan → parse in a worker → recognise (our form, or a layout profile) →
// validate → preview against the current revision → commit in one short transaction.
// Each file of a batch stands or falls alone; a rejected file changes nothing.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { TASK_STATUS_LABELS, type PlanDetail } from '../../shared/domain';
import { hasErrors, problem, type Problem } from '../../shared/problems';
import type { FieldChange, FileBytes, ImportOutcome } from '../../shared/api';
import { isExcelLockFile } from '../excel/sniff';
import { createParsePool, readUntrustedWorkbook, type ParsePool } from '../excel/parse';
import { findSheet, type WorkbookModel } from '../excel/workbook-model';
import { META_KEYS, META_LAYOUT, META_SHEET } from '../excel/form-contract';
import { readFilledForm } from '../excel/form-reader';
import { applyProfile, profileMatches } from '../excel/profile-reader';
import { planOfPeriod, type RecognisedReport, type Recognition, type ReportCatalog } from '../excel/recognition';
import { listAgencyRows } from '../../db/queries/agencies';
import { listPeriodRows } from '../../db/queries/periods';
import { listPlanRows } from '../../db/queries/plans';
import { submissionTaskReportsByCode, submissionValuesByCode } from '../../db/queries/submissions';
import { nowText, type AppContext } from './context';
import { toAgency } from './agencies';
import { toPeriod } from './periods';
import { loadPlanDetail } from './plans';
import { findProfile, loadProfiles } from './profiles';
import { commitSubmission, lookupAgency, lookupPeriod, newSubmissionLookups, validateDraft, type SubmissionLookups } from './submissions';
import { automaticBackup } from './backup';
import { getSettings } from './settings';

export interface ImportOptions {
  /** The period the clerk is taking reports in for; a form of another period is refused. */
  period?: string;
  /** The agency the clerk expects; a form of another agency is refused. */
  agency?: string;
  /** Read every file through this layout profile. */
  profile?: string;
  /** Check and preview only; write nothing. */
  dryRun?: boolean;
  /** When the reports were received (default: now); the demo and tests pin it. */
  receivedAt?: string;
  /** Back up the database first, when the settings ask for it (the UI and CLI batches do). */
  backupFirst?: boolean;
}

interface Prepared {
  file: string;
  sha256: string | null;
  recognition: Recognition | null;
  problems: Problem[];
  skipped?: boolean;
}

export async function loadCatalog(ctx: AppContext): Promise<ReportCatalog> {
  const plans = new Map<number, PlanDetail>();
  for (const row of await listPlanRows(ctx.db)) plans.set(row.year, await loadPlanDetail(ctx.db, row));
  return {
    agencies: (await listAgencyRows(ctx.db)).map(toAgency),
    periods: (await listPeriodRows(ctx.db)).map(toPeriod),
    plans,
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function recognise(ctx: AppContext, model: WorkbookModel, file: string, catalog: ReportCatalog, options: ImportOptions): Promise<Recognition> {
  // The app's own form is always read as the form, even in a batch read "through a profile".
  if (findSheet(model, META_SHEET)) return readFilledForm(model, catalog, { file });
  if (options.profile) {
    const { profile } = await findProfile(ctx, options.profile);
    return applyProfile(model, profile, catalog, { file, period: options.period });
  }
  for (const { profile } of await loadProfiles(ctx)) {
    if (profileMatches(model, profile, catalog, { period: options.period })) return applyProfile(model, profile, catalog, { file, period: options.period });
  }
  return {
    readAs: 'form',
    profile: null,
    reports: [],
    problems: [
      problem(
        'NOT_RECOGNISED',
        'error',
        '',
        `${file}: không phải biểu mẫu của ứng dụng (không có trang "${META_SHEET}") và không khớp mẫu bố cục nào đã lưu. Hãy dùng biểu mẫu do Văn phòng gửi, hoặc tạo mẫu bố cục cho cách trình bày của đơn vị này.`,
      ),
    ],
  };
}

/** The form is for the period and agency the clerk chose, or it is refused. */
function expectationProblems(report: RecognisedReport, options: ImportOptions, file: string, readAs: Recognition['readAs']): Problem[] {
  const out: Problem[] = [];
  // Our form says its period and agency in "_meta" (rows fixed by the contract); a
  // workbook read through a layout profile has no such cell to point at.
  const metaCell = (key: (typeof META_KEYS)[number]): string =>
    readAs === 'form' ? `${META_SHEET}!${META_LAYOUT.valueColumn}${META_LAYOUT.firstKeyRow + META_KEYS.indexOf(key)}` : '';
  const at = (cell: string): string => (cell ? `${file}, ${cell}` : file);
  if (options.period && report.periodCode !== options.period) {
    const cell = metaCell('period');
    out.push(problem('PERIOD_MISMATCH', 'error', cell, `${at(cell)}: biểu mẫu của kỳ ${report.periodCode}, không phải kỳ đang nhận (${options.period}). Hãy chọn đúng kỳ hoặc đề nghị đơn vị dùng biểu mẫu của kỳ ${options.period}.`));
  }
  if (options.agency && report.agencyCode !== options.agency) {
    const cell = metaCell('agency');
    out.push(problem('AGENCY_MISMATCH', 'error', cell, `${at(cell)}: biểu mẫu của đơn vị ${report.agencyCode}, không phải đơn vị đã chọn (${options.agency}).`));
  }
  return out;
}

async function prepare(ctx: AppContext, input: FileBytes, catalog: ReportCatalog, options: ImportOptions, pool?: ParsePool): Promise<Prepared> {
  if (isExcelLockFile(input.name)) return { file: input.name, sha256: null, recognition: null, problems: [], skipped: true };
  const digest = sha256(input.bytes);
  const { model, problems } = await readUntrustedWorkbook(input.bytes, input.name, { pool });
  if (!model) return { file: input.name, sha256: digest, recognition: null, problems };
  const recognition = await recognise(ctx, model, input.name, catalog, options);
  const all = [...problems, ...recognition.problems];
  for (const report of recognition.reports) {
    all.push(...expectationProblems(report, options, input.name, recognition.readAs));
    const plan = planOfPeriod(catalog, report.periodCode);
    if (plan) all.push(...validateDraft(plan, report));
  }
  return { file: input.name, sha256: digest, recognition, problems: all };
}

function show(value: string | number | null | undefined): string | number | null {
  return value === undefined || value === '' ? null : value;
}

/**
 * What the report would change against the agency's current revision for the period.
 * Reads only the current revision's number and the fields compared, by code.
 */
async function previewChanges(
  ctx: AppContext,
  report: RecognisedReport,
  plan: PlanDetail,
  lookups: SubmissionLookups,
): Promise<{ changes: FieldChange[]; currentRevision: number | null }> {
  const agency = await lookupAgency(ctx.db, lookups, report.agencyCode);
  const period = await lookupPeriod(ctx.db, lookups, report.periodCode);
  const current =
    agency && period
      ? await ctx.db
          .selectFrom('submission')
          .select(['id', 'revision'])
          .where('agency_id', '=', agency.id)
          .where('period_id', '=', period.id)
          .where('is_current', '=', 1)
          .executeTakeFirst()
      : undefined;
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
    if (a !== b) changes.push({ field: v.indicatorCode, label: indicator.name, before: a, after: b });
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
      if (show(a) !== show(b)) changes.push({ field: `${r.taskCode}:${key}`, label: `${title} – ${name}`, before: show(a), after: show(b) });
    }
  }
  return { changes, currentRevision: current?.revision ?? null };
}

/** The earliest submission read from a file with these bytes, in one query. */
async function alreadyImported(ctx: AppContext, digest: string | null): Promise<{ agency: string; period: string; revision: number } | null> {
  if (!digest) return null;
  const row = await ctx.db
    .selectFrom('submission as s')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .innerJoin('period as p', 'p.id', 's.period_id')
    .select(['a.code as agency', 'p.code as period', 's.revision'])
    .where('s.file_sha256', '=', digest)
    .orderBy('s.id')
    .executeTakeFirst();
  return row ?? null;
}

function rejected(prepared: Prepared, report: RecognisedReport | null): ImportOutcome {
  const errors = prepared.problems.filter((p) => p.severity === 'error');
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
    message: `Không nhận tệp ${prepared.file}: ${errors.length} lỗi cần sửa${errors[0] ? ` (đầu tiên: ${errors[0].message})` : ''}. Dữ liệu không thay đổi.`,
  };
}

async function logAttempt(ctx: AppContext, prepared: Prepared, outcome: ImportOutcome['status'], submissionId: number | null, trx = ctx.db): Promise<void> {
  await trx
    .insertInto('import_log')
    .values({
      at: nowText(ctx),
      file_name: prepared.file,
      file_sha256: prepared.sha256,
      outcome: outcome === 'checked' ? 'dry_run' : outcome === 'skipped' ? 'rejected' : outcome,
      submission_id: submissionId,
      problems: JSON.stringify(prepared.problems),
    })
    .execute();
}

/** An outcome for one report of a file that was read: what every accepted status shares. */
function outcomeOf(
  prepared: Prepared,
  report: RecognisedReport,
  status: 'imported' | 'checked' | 'duplicate',
  revision: number,
  changes: FieldChange[],
  message: string,
): ImportOutcome {
  return {
    file: prepared.file,
    ok: true,
    status,
    agency: report.agencyCode,
    period: report.periodCode,
    revision,
    readAs: prepared.recognition?.readAs ?? null,
    profile: prepared.recognition?.profile ?? null,
    problems: prepared.problems,
    changes,
    message,
  };
}

/** Everything the batch does to one file after it has been read: preview, then commit or not. */
async function settle(
  ctx: AppContext,
  prepared: Prepared,
  catalog: ReportCatalog,
  options: ImportOptions,
  beforeCommit: () => Promise<void>,
  lookups: SubmissionLookups,
): Promise<ImportOutcome[]> {
  if (prepared.skipped) {
    return [{ file: prepared.file, ok: true, status: 'skipped', agency: null, period: null, revision: null, readAs: null, profile: null, problems: [], changes: [], message: `Bỏ qua ${prepared.file}: đây là tệp khóa tạm của Excel, không phải báo cáo.` }];
  }
  const reports = prepared.recognition?.reports ?? [];
  if (hasErrors(prepared.problems) || reports.length === 0) {
    if (!options.dryRun) await logAttempt(ctx, prepared, 'rejected', null);
    return [rejected(prepared, reports[0] ?? null)];
  }
  const earlier = await alreadyImported(ctx, prepared.sha256);
  if (earlier) {
    // Only the attempt is recorded; the reports stay exactly as they were.
    if (!options.dryRun) await logAttempt(ctx, prepared, 'duplicate', null);
    return reports.map((r) =>
      outcomeOf(prepared, r, 'duplicate', earlier.revision, [], `Tệp ${prepared.file} đã được nhập trước đây (lần ${earlier.revision} của ${earlier.agency}, kỳ ${earlier.period}); không có gì thay đổi.`),
    );
  }

  const previews: { report: RecognisedReport; plan: PlanDetail; changes: FieldChange[]; currentRevision: number | null }[] = [];
  for (const report of reports) {
    const plan = planOfPeriod(catalog, report.periodCode);
    if (!plan) return [rejected({ ...prepared, problems: [...prepared.problems, problem('UNKNOWN_PERIOD', 'error', '', `${prepared.file}: chưa có kỳ báo cáo ${report.periodCode}.`)] }, report)];
    previews.push({ report, plan, ...(await previewChanges(ctx, report, plan, lookups)) });
  }

  if (options.dryRun) {
    return previews.map(({ report, changes, currentRevision }) =>
      outcomeOf(
        prepared,
        report,
        'checked',
        (currentRevision ?? 0) + 1,
        changes,
        `${prepared.file} hợp lệ: sẽ là lần nộp thứ ${(currentRevision ?? 0) + 1} của ${report.agencyCode} cho kỳ ${report.periodCode}, ${changes.length} thay đổi so với lần trước.`,
      ),
    );
  }

  // One short transaction per file: every report it holds, and the log line, or nothing.
  await beforeCommit();
  const receivedAt = options.receivedAt ?? nowText(ctx);
  const committed = await ctx.db.transaction().execute(async (trx) => {
    const out = [];
    for (const p of previews) {
      const submission = await commitSubmission(
        ctx,
        trx,
        p.plan,
        {
          agencyCode: p.report.agencyCode,
          periodCode: p.report.periodCode,
          receivedAt,
          source: prepared.recognition?.readAs === 'profile' ? 'profile' : 'template',
          fileName: prepared.file,
          sha256: prepared.sha256,
          taskReports: p.report.taskReports,
          values: p.report.values,
        },
        lookups,
      );
      out.push({ ...p, submission });
    }
    await logAttempt(ctx, prepared, 'imported', out[0]?.submission.id ?? null, trx);
    return out;
  });
  return committed.map(({ report, changes, submission }) =>
    outcomeOf(
      prepared,
      report,
      'imported',
      submission.revision,
      changes,
      `Đã nhận báo cáo của ${report.agencyCode} kỳ ${report.periodCode} (lần ${submission.revision}${submission.late ? ', nộp muộn' : ''})` +
        (prepared.recognition?.profile ? `, đọc theo mẫu bố cục "${prepared.recognition.profile}"` : '') +
        (prepared.problems.length > 0 ? `; ${prepared.problems.length} cảnh báo.` : '.'),
    ),
  );

}

/**
 * Imports a batch. Files are read in parallel (the pool uses both cores) and settled
 * one by one in the order given, so of two files for the same agency and period the
 * later becomes the newer revision and both are recorded.
 */
export async function importFiles(
  ctx: AppContext,
  files: readonly FileBytes[],
  options: ImportOptions = {},
  pool?: ParsePool,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome[]> {
  const catalog = await loadCatalog(ctx);
  // Agency, period and plan ids, looked up once for the batch (see SubmissionLookups).
  const lookups = newSubmissionLookups();
  // The batch's backup is made just before its first commit: a batch whose files are all
  // refused, or already imported, writes nothing but its log lines.
  let backedUp = !options.backupFirst || options.dryRun === true;
  const beforeCommit = async (): Promise<void> => {
    if (backedUp) return;
    backedUp = true;
    const settings = await getSettings(ctx);
    if (settings.backupBeforeImport) await automaticBackup(ctx, 'before-import', settings.backupKeep);
  };
  // Without a pool of the caller's, a batch gets its own, so a hundred files never mean a hundred workers.
  const ownPool = pool ? null : createParsePool(Math.min(files.length, os.availableParallelism()) || 1);
  try {
    const reading = files.map((f) => prepare(ctx, f, catalog, options, pool ?? ownPool ?? undefined));
    // A file that fails later must not leave an unhandled rejection behind while earlier ones settle.
    for (const r of reading) r.catch(() => undefined);
    const outcomes: ImportOutcome[] = [];
    for (const [index, pending] of reading.entries()) {
      outcomes.push(...(await settle(ctx, await pending, catalog, options, beforeCommit, lookups)));
      onProgress?.(index + 1, files.length);
    }
    return outcomes;
  } finally {
    await ownPool?.close();
  }
}
