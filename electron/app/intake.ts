// Taking in the workbooks agencies send (architecture.md, "The import pipeline"): a
// file whose bytes are already stored is answered from what is stored; the others go
// sniff → pre-scan → parse in a worker → recognise (our form, or a layout profile) →
// the office's corrections → validate → rule checks → preview against the current
// revision, and then the batch is written in one short transaction (one fsync), a
// savepoint per file with its bytes. Each file of a batch stands or falls alone; a
// rejected file changes nothing.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import os from 'node:os';
import type { PlanDetail } from '../../shared/domain';
import { hasErrors, problem, type Problem } from '../../shared/problems';
import { AppError } from '../../shared/errors';
import { isEmptyReport } from '../../shared/gaps';
import { isLate } from '../../shared/periods';
import { formatNumber } from '../../shared/numbers';
import type { CorrectionInput, ImportOutcome, IncomingFile } from '../../shared/api';
import { isExcelLockFile } from '../excel/sniff';
import { createParsePool, readUntrustedWorkbook, type ParsePool } from '../excel/parse';
import { cellTextAt, findSheet, type WorkbookModel } from '../excel/workbook-model';
import { META_SHEET } from '../excel/form-contract';
import { readFilledForm } from '../excel/form-reader';
import { applyProfile, profileFit, profileSheetFound, type ProfileFit } from '../excel/profile-reader';
import { agencyWords, periodWords, planOfPeriod, type RecognisedReport, type Recognition, type ReportCatalog } from '../excel/recognition';
import { listAgencyRows } from '../../db/queries/agencies';
import { listPeriodRows } from '../../db/queries/periods';
import { listPlanRows } from '../../db/queries/plans';
import { nowText, type AppContext } from './context';
import { toAgency } from './agencies';
import { toPeriod } from './periods';
import { loadPlanDetail } from './plans';
import { findProfile, loadProfiles, recordUse, type StoredProfile } from './profiles';
import { basisLoader, basisSource, sharedBasisLoaders, type BasisLoader } from './counting';
import { applyCorrections } from './corrections';
import { checkDraft, commitSubmission, newSubmissionLookups, receiptProblems, validateDraft, type AcceptanceRecord, type CorrectionRecord, type SubmissionLookups } from './revisions';
import { alreadyImported, currentRevisionNow, gapsOfRead, incompleteProblem, logAttempt, outcomeOf, previewChanges, rejected, skipped, type Prepared } from './intake-outcomes';
import { reportsFromFile } from '../../db/queries/intake';
import { backupBeforeImport } from './backup';
import { getSettings } from './settings';
import { readOnly, refusedWrite } from './access';
import { today } from './submissions';
import type { Database } from '../../db/schema';

type Trx = Transaction<Database>;

export interface ImportOptions {
  /** The period the clerk is taking reports in for; a form of another period is refused. */
  period?: string;
  /** The agency the clerk expects; a form of another agency is refused. */
  agency?: string;
  /** Read every file through this layout profile. */
  profile?: string;
  /** Check and preview only; write nothing. */
  dryRun?: boolean;
  /** The day the files arrived, unless a file says otherwise (default: today). */
  receivedOn?: string;
  /** Back up the database first, when the settings ask for it (the UI and CLI batches do). */
  backupFirst?: boolean;
  /** The clerk's batch this call belongs to: a batch sent one file per call is backed up once. */
  batch?: string;
}

/** The last batches backed up before their first commit, per database: a batch is backed up once however many calls it takes. */
const backedUpBatches = new WeakMap<AppContext['handle'], Set<string>>();

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

async function recognise(ctx: AppContext, model: WorkbookModel, file: string, catalog: ReportCatalog, options: ImportOptions): Promise<{ recognition: Recognition; profile: StoredProfile | null }> {
  // The app's own form is always read as the form, even in a batch read "through a profile".
  if (findSheet(model, META_SHEET)) return { recognition: readFilledForm(model, catalog, { file }), profile: null };
  if (options.profile) {
    const stored = await findProfile(ctx, options.profile);
    return { recognition: applyProfile(model, stored.profile, catalog, { file, period: options.period }), profile: stored };
  }
  const stored = await loadProfiles(ctx);
  const period = options.period;
  const fitting = ranked(stored, (s) => profileFit(model, s.profile, catalog, { period }));
  if (fitting.length > 0) {
    const best = fitting.filter((f) => f.fit.by === fitting[0]?.fit.by);
    const reads = best.map((f) => ({ ...f, recognition: applyProfile(model, f.stored.profile, catalog, { file, period }) }));
    const agenciesOf = (r: Recognition) => [...new Set((r.asRead ?? r.reports).map((x) => x.agencyCode))].sort().join(', ');
    // Two profiles fitting the file equally well would read it as different agencies: which it is cannot be told, so no figure is taken.
    const differing = reads.filter((r) => agenciesOf(r.recognition) !== '');
    if (new Set(differing.map((r) => agenciesOf(r.recognition))).size > 1) return { profile: null, recognition: ambiguous(file, differing, catalog) };
    const chosen = differing[0] ?? reads[0];
    if (chosen) return { recognition: chosen.recognition, profile: chosen.stored };
  }
  // Laid out like a fixed-agency profile's sample but headed by another agency (a template
  // agencies share): that profile refuses it and says whose heading it is, rather than
  // "not recognised"; a profile the file does fit always comes first.
  const near = ranked(stored, (s) => profileFit(model, s.profile, catalog, { period, otherAgency: true }))[0]?.stored;
  if (near) return { recognition: applyProfile(model, near.profile, catalog, { file, period }), profile: near };
  // Drifted from the one profile whose sheet it has (a header renamed, a column inserted):
  // that profile says what differs, and the file is refused.
  // A sheet found only by a header text ("STT") that yields no figure is as likely another table altogether: not recognised.
  const found = stored.flatMap((s) => {
    const at = profileSheetFound(model, s.profile);
    return at ? [{ stored: s, ...at }] : [];
  });
  const one = found.length === 1 ? found[0] : undefined;
  if (one) {
    const read = applyProfile(model, one.stored.profile, catalog, { file, period });
    const differs = read.problems.some((p) => p.severity === 'error' && (one.by === 'name' || p.code !== 'PROFILE_NO_DATA'));
    if (read.reports.length === 0 && differs) {
      const name = one.stored.profile.name;
      const lead = problem(
        'PROFILE_DIFFERS',
        'error',
        '',
        `${file}: không khớp hẳn mẫu bố cục nào đã lưu. Trang "${one.sheet}" ${one.by === 'name' ? 'mang tên trang' : 'có dòng tiêu đề'} của mẫu bố cục "${name}" nhưng khác tệp mẫu ở các điểm nêu dưới đây, nên tệp chưa được nhận. ` +
          `Nếu tệp đúng là theo mẫu này mà đơn vị đã đổi cách trình bày, hãy cập nhật mẫu "${name}" theo tệp mới trong Mẫu bố cục; nếu không, hãy dùng biểu mẫu do Văn phòng gửi, hoặc tạo mẫu bố cục cho cách trình bày của đơn vị này.`,
        { file, sheet: one.sheet, profile: name },
      );
      return { recognition: { ...read, problems: [lead, ...read.problems], asRead: [] }, profile: one.stored };
    }
  }
  return {
    profile: null,
    recognition: {
      readAs: 'form',
      profile: null,
      reports: [],
      problems: [
        problem(
          'NOT_RECOGNISED',
          'error',
          '',
          `${file}: không phải biểu mẫu của ứng dụng (không có trang "${META_SHEET}") và không khớp mẫu bố cục nào đã lưu. Hãy dùng biểu mẫu do Văn phòng gửi, hoặc tạo mẫu bố cục cho cách trình bày của đơn vị này.`,
          { file },
        ),
      ],
    },
  };
}

/** The profiles that fit, strongest fit first (by name, by header texts, as the only sheet); of one strength, in their stored order. */
function ranked(stored: readonly StoredProfile[], fitOf: (s: StoredProfile) => ProfileFit | null): { stored: StoredProfile; fit: ProfileFit }[] {
  const order: ProfileFit['by'][] = ['name', 'content', 'only'];
  return stored
    .map((s) => ({ stored: s, fit: fitOf(s) }))
    .filter((f): f is { stored: StoredProfile; fit: ProfileFit } => f.fit !== null)
    .sort((a, b) => order.indexOf(a.fit.by) - order.indexOf(b.fit.by));
}

/** A file two or more profiles fit equally well, read by them as different agencies: refused, naming them. */
function ambiguous(file: string, reads: readonly { stored: StoredProfile; fit: ProfileFit; recognition: Recognition }[], catalog: ReportCatalog): Recognition {
  const nameOf = (code: string) => catalog.agencies.find((a) => a.code === code)?.name ?? code;
  const sheets = [...new Set(reads.map((r) => `"${r.fit.sheet}"`))].join(', ');
  const listed = reads
    .map((r) => `mẫu "${r.stored.profile.name}" đọc thành báo cáo của ${[...new Set((r.recognition.asRead ?? r.recognition.reports).map((x) => nameOf(x.agencyCode)))].join(', ')}`)
    .join('; ');
  return {
    readAs: 'profile',
    profile: null,
    reports: [],
    problems: [
      problem(
        'PROFILE_AMBIGUOUS',
        'error',
        '',
        `${file}, trang ${sheets}: tệp khớp ngang nhau với ${reads.length} mẫu bố cục nhưng mỗi mẫu đọc thành báo cáo của một đơn vị khác (${listed}), nên chưa biết tệp là của đơn vị nào và tệp chưa được nhận. ` +
          'Hãy vào Mẫu bố cục, sửa mẫu của đơn vị không gửi tệp này (tên trang tính, dòng chữ có trên trang) để chỉ một mẫu khớp với tệp, rồi nhập lại.',
      ),
    ],
  };
}

/** The form is for the period and agency the clerk chose, or it is refused. */
function expectationProblems(report: RecognisedReport, options: ImportOptions, file: string, catalog: ReportCatalog): Problem[] {
  const out: Problem[] = [];
  // Our form says its period and agency in its hidden "_meta" sheet, which the clerk never
  // sees: the file is named, and the period and agency in words, not that sheet's cell.
  if (options.period && report.periodCode !== options.period) {
    const theirs = periodWords(catalog, report.periodCode);
    const ours = periodWords(catalog, options.period);
    out.push(
      problem(
        'PERIOD_MISMATCH',
        'error',
        '',
        `${file}: biểu mẫu này của kỳ ${theirs}; anh/chị đang nhận báo cáo ${ours}. Nếu đúng là báo cáo ${theirs}, hãy chọn kỳ đó ở ô "Kỳ báo cáo" rồi nhận lại tệp; nếu không, hãy đề nghị đơn vị gửi số liệu trên biểu mẫu của ${ours}.`,
        { file, period: report.periodCode, expected: options.period },
      ),
    );
  }
  if (options.agency && report.agencyCode !== options.agency) {
    out.push(
      problem('AGENCY_MISMATCH', 'error', '', `${file}: biểu mẫu này của ${agencyWords(catalog, report.agencyCode)}, không phải của ${agencyWords(catalog, options.agency)} (đơn vị đã chọn).`, {
        file,
        agency: report.agencyCode,
        expected: options.agency,
      }),
    );
  }
  return out;
}

/** What the clerk must put right first (the period or agency chosen) comes first, however the reading went. */
function expectationsFirst(problems: readonly Problem[]): Problem[] {
  const first = (p: Problem): number => (p.code === 'PERIOD_MISMATCH' || p.code === 'AGENCY_MISMATCH' ? 0 : 1);
  return [...problems].sort((a, b) => first(a) - first(b));
}

/**
 * The narratives one report may bring (results, difficulties, proposals of every task,
 * in characters): about a hundred pages, far beyond any report and well within what a
 * consolidation screen and workbook can carry. A cell alone is held to Excel's 32,767.
 */
export const MAX_REPORT_NARRATIVE = 300_000;

/** A report whose narratives together pass the bound, refused at the cell where they do. */
function narrativeProblem(file: string, report: RecognisedReport, agency: string): Problem | null {
  let total = 0;
  for (const r of report.taskReports) {
    for (const part of ['results', 'difficulties', 'proposals'] as const) {
      total += r[part].length;
      if (total <= MAX_REPORT_NARRATIVE) continue;
      const cell = r.cells?.[part] ?? '';
      return {
        ...problem(
          'NARRATIVE_TOO_LONG',
          'error',
          cell,
          `${file}${cell ? `, ${cell}` : ''}: phần nội dung của báo cáo của ${agency} dài quá ${formatNumber(MAX_REPORT_NARRATIVE, 'integer')} ký tự (đến ô này), quá dài đối với một báo cáo định kỳ. Hãy đề nghị đơn vị rút gọn, gửi phần chi tiết thành văn bản riêng.`,
        ),
        agency: report.agencyCode,
      };
    }
  }
  return null;
}

/**
 * A report with nothing in it: no figure, status or narrative, and no cell filled with
 * something unreadable ("15 vụ" in a figure's cell is filled, and refused at its cell).
 */
function isUnfilled(report: RecognisedReport, problems: readonly Problem[]): boolean {
  return isEmptyReport(report) && !problems.some((p) => p.field !== undefined && p.cell !== '' && (p.agency ?? report.agencyCode) === report.agencyCode);
}

/**
 * A form with nothing in it is the unfilled form the office sent out, not a report: the
 * file is refused. In a workbook of several agencies, the empty column or row of one is
 * passed over (said as a warning) and the others are received.
 */
/** `agency`: the agency as the clerk reads it (its name); the problem still names it by code for the screen. */
function emptyFormProblem(file: string, report: RecognisedReport, agency: string, readAs: Recognition['readAs'], others: boolean): Problem {
  // Said on the file, not on the empty agency's report (there is none): every report the file brings carries it.
  if (others) return problem('FORM_EMPTY', 'warning', '', `${file}: phần của ${agency} trong bảng không có số liệu nào (mọi ô đều trống), nên không được tính là một báo cáo; ${agency} vẫn ở danh sách chưa nộp. Các đơn vị khác trong tệp vẫn được nhận.`);
  const what =
    readAs === 'form'
      ? 'biểu mẫu chưa điền gì (không có số liệu, tình trạng hay nội dung nào), giống biểu mẫu trống Văn phòng gửi đi'
      : 'bảng của đơn vị không có số liệu nào (mọi ô số liệu đều trống)';
  return {
    ...problem('FORM_EMPTY', 'error', '', `${file}: ${what}, nên không được tính là báo cáo của ${agency}. Hãy đề nghị đơn vị điền rồi gửi lại; đơn vị vẫn ở danh sách chưa nộp.`, { file, agency: report.agencyCode }),
    agency: report.agencyCode,
  };
}

/** Reading a file, up to what needs no database: the workbook, the reports it holds, the office's corrections. */
async function prepare(ctx: AppContext, input: IncomingFile, catalog: ReportCatalog, options: ImportOptions, pool?: ParsePool): Promise<Prepared> {
  const base = { file: input.name, incoming: input, bytes: input.bytes, profile: null, reports: [] };
  if (isExcelLockFile(input.name)) return { ...base, sha256: null, recognition: null, problems: [], skipped: true };
  const digest = sha256(input.bytes);
  const { model, problems } = await readUntrustedWorkbook(input.bytes, input.name, { pool });
  if (!model) return { ...base, sha256: digest, recognition: null, problems };
  const { recognition, profile } = await recognise(ctx, model, input.name, catalog, options);
  let all = [...problems, ...recognition.problems];
  const reports: Prepared['reports'] = [];
  const corrections: readonly CorrectionInput[] = input.corrections ?? [];
  const filled = recognition.reports.filter((r) => !isUnfilled(r, all));
  for (const read of recognition.reports) {
    all.push(...expectationProblems(read, options, input.name, catalog));
    const plan = planOfPeriod(catalog, read.periodCode);
    if (!plan) {
      all.push(problem('UNKNOWN_PERIOD', 'error', '', `${input.name}: chưa có kỳ báo cáo ${periodWords(catalog, read.periodCode)}. Hãy tạo kỳ này ở Kỳ báo cáo rồi nhập lại tệp.`, { file: input.name, period: read.periodCode }));
      continue;
    }
    // Emptiness is the file's: a blank form the clerk then fills by corrections is typed, not received.
    if (!filled.includes(read)) {
      all.push(emptyFormProblem(input.name, read, agencyWords(catalog, read.agencyCode), recognition.readAs, filled.length > 0));
      continue;
    }
    const tooLong = narrativeProblem(input.name, read, agencyWords(catalog, read.agencyCode));
    if (tooLong) {
      all.push(tooLong);
      continue;
    }
    const fixed = applyCorrections(plan, read, corrections, all, (ref) => cellTextAt(model, ref));
    all = [...fixed.problems, ...validateDraft(plan, fixed.report)];
    reports.push({ report: fixed.report, plan, corrections: fixed.records });
  }
  return { ...base, sha256: digest, recognition, problems: expectationsFirst(all), profile, reports };
}

/** From this many files on, a batch reads each period's reports once for all agencies. */
const SHARED_BASES_FROM = 4;

/**
 * The rule checks' loaders, over the periods, agencies and plans the batch loads once. A
 * batch of a few files has one loader per agency, each reading only that agency's
 * figures; a larger one (a period's forms from every agency) reads each period once for
 * all of them (sharedBasisLoaders). A commit changes one agency's figures in one period:
 * only that agency's figures of that period are read again.
 */
function batchBases(ctx: AppContext, files: number) {
  const source = basisSource(ctx);
  if (files >= SHARED_BASES_FROM) return sharedBasisLoaders(ctx, source);
  const loaders = new Map<string, BasisLoader>();
  return {
    of(agency: string): BasisLoader {
      let loader = loaders.get(agency);
      if (!loader) {
        loader = basisLoader(ctx, { agency, source });
        loaders.set(agency, loader);
      }
      return loader;
    },
    forget(period: string, agency: string): void {
      loaders.get(agency)?.forget(period);
    },
  };
}

/** A file once read and checked: refused, or the reports it would become with their checks and changes. */
type Assessment =
  | { kind: 'skipped'; outcome: ImportOutcome }
  | { kind: 'rejected'; settled: Prepared; outcome: ImportOutcome }
  | { kind: 'duplicate'; settled: Prepared; outcomes: ImportOutcome[] }
  | { kind: 'accepted'; settled: Prepared; receivedOn: string; context: { receivedOn: string; catalog: ReportCatalog }; previews: Preview[] };

type Preview = {
  prepared: Prepared['reports'][number];
  acceptances: AcceptanceRecord[];
  late: boolean;
} & Awaited<ReturnType<typeof previewChanges>>;

/**
 * The checks of a file against what is stored: the rule checks on each report against
 * the agency's other periods, what it would change, and whether its bytes are already
 * stored (by an earlier file of this batch: files stored before the batch are answered
 * before they are read). Reads only, through `ctx.db`, which is the batch's transaction
 * when an earlier file of the batch touches the same agency.
 */
async function assess(
  ctx: AppContext,
  prepared: Prepared,
  catalog: ReportCatalog,
  options: ImportOptions,
  lookups: SubmissionLookups,
  bases: { of(agency: string): BasisLoader },
  /** Its bytes were looked up before it was read, and nothing of the batch has been written since. */
  lookedUp = false,
): Promise<Assessment> {
  if (prepared.skipped) return { kind: 'skipped', outcome: skipped(prepared) };
  const incoming = prepared.incoming;
  const receivedOn = incoming.receivedOn ?? options.receivedOn ?? today(ctx);
  const problems = [...prepared.problems, ...receiptProblems(today(ctx), receivedOn, incoming.documentDate, prepared.file)];

  // The rules on each report's figures against the agency's own other periods.
  const checked: { prepared: Prepared['reports'][number]; acceptances: AcceptanceRecord[]; late: boolean }[] = [];
  for (const p of prepared.reports) {
    const period = catalog.periods.find((x) => x.code === p.report.periodCode);
    const agency = catalog.agencies.find((a) => a.code === p.report.agencyCode);
    if (!period || !agency) continue;
    const accept = (incoming.accept ?? []).filter((a) => (a.agency ?? p.report.agencyCode) === p.report.agencyCode);
    const result = await checkDraft(bases.of(agency.code), p.plan, period, agency, p.report.values, accept, nowText(ctx));
    problems.push(...result.problems);
    const gaps = gapsOfRead(p, problems);
    if (gaps.indicators.length + gaps.tasks.length > 0) problems.push(incompleteProblem(prepared.file, p.plan, agency, gaps));
    checked.push({ prepared: p, acceptances: result.acceptances, late: isLate(receivedOn, period.due) });
  }
  const settled = { ...prepared, problems };
  const context = { receivedOn, catalog };

  if (hasErrors(problems) || checked.length === 0) return { kind: 'rejected', settled, outcome: rejected(settled, context) };
  const earlier = lookedUp ? null : await alreadyImported(ctx, prepared.sha256);
  if (earlier) {
    return {
      kind: 'duplicate',
      settled,
      outcomes: checked.map((c) =>
        outcomeOf(settled, c.prepared, 'duplicate', earlier.revision, [], context, `Tệp ${prepared.file} đã được nhập trước đây (lần ${earlier.revision} của ${agencyWords(catalog, earlier.agency)}, kỳ ${periodWords(catalog, earlier.period)}); không có gì thay đổi.`),
      ),
    };
  }
  const previews: Preview[] = [];
  for (const c of checked) previews.push({ ...c, ...(await previewChanges(ctx, c.prepared.report, c.prepared.plan, lookups)) });
  return { kind: 'accepted', settled, receivedOn, context, previews };
}

/** Whether a file's check compared it with a report that is no longer the current one. */
async function checkedAgainstOlder(ctx: AppContext, a: Extract<Assessment, { kind: 'accepted' }>, lookups: SubmissionLookups): Promise<boolean> {
  for (const p of a.previews) if ((await currentRevisionNow(ctx, p.prepared.report, lookups)) !== p.currentRevision) return true;
  return false;
}

/** What a dry run says of a file that would be taken. */
function checkedOutcomes(a: Extract<Assessment, { kind: 'accepted' }>): ImportOutcome[] {
  return a.previews.map((p) => {
    const revision = (p.currentRevision ?? 0) + 1;
    const against = p.currentRevision === null ? 'lần nộp đầu tiên' : `${p.changes.length} thay đổi so với lần ${p.currentRevision}`;
    return outcomeOf(a.settled, p.prepared, 'checked', revision, p.changes, a.context, `${a.settled.file} hợp lệ: sẽ là lần nộp thứ ${revision} của ${agencyWords(a.context.catalog, p.prepared.report.agencyCode)} cho kỳ ${periodWords(a.context.catalog, p.prepared.report.periodCode)} (${against}).`);
  });
}

/** Writes a file's reports, its bytes, its log line and its profile's use, in the batch's transaction (inside the file's savepoint). */
async function write(ctx: AppContext, trx: Trx, a: Extract<Assessment, { kind: 'accepted' }>, lookups: SubmissionLookups): Promise<ImportOutcome[]> {
  const { settled: prepared, receivedOn } = a;
  const incoming = prepared.incoming;
  const committed = [];
  for (const p of a.previews) {
    const report = p.prepared.report;
    const records: CorrectionRecord[] = p.prepared.corrections;
    const submission = await commitSubmission(
      ctx,
      trx,
      p.prepared.plan,
      {
        agencyCode: report.agencyCode,
        periodCode: report.periodCode,
        receivedOn,
        source: prepared.recognition?.readAs === 'profile' ? 'profile' : 'template',
        profileId: prepared.profile?.id ?? null,
        profileSha256: prepared.profile?.sha256 ?? null,
        profileName: prepared.profile?.profile.name ?? null,
        fileName: prepared.file,
        sha256: prepared.sha256,
        fileBytes: prepared.bytes,
        documentNumber: incoming.documentNumber ?? null,
        documentDate: incoming.documentDate ?? null,
        taskReports: report.taskReports,
        values: report.values,
        corrections: records,
        acceptances: p.acceptances,
      },
      lookups,
    );
    committed.push({ ...p, submission });
  }
  await logAttempt(ctx, prepared, 'imported', committed.map((o) => o.submission.id), trx);
  // Mẫu bố cục lists the last file each profile read: said in the same transaction as the reports.
  if (prepared.profile) await recordUse(ctx, prepared.profile.id, { file: prepared.file }, trx);
  const problems = prepared.problems;
  return committed.map(({ prepared: p, changes, submission }) =>
    outcomeOf(
      prepared,
      p,
      'imported',
      submission.revision,
      changes,
      a.context,
      `Đã nhận báo cáo của ${agencyWords(a.context.catalog, p.report.agencyCode)} kỳ ${periodWords(a.context.catalog, p.report.periodCode)} (lần ${submission.revision}${submission.late ? ', nộp muộn' : ''})` +
        (prepared.recognition?.profile ? `, đọc theo mẫu bố cục "${prepared.recognition.profile}"` : '') +
        (p.corrections.length > 0 ? `, ${p.corrections.length} ô do Văn phòng sửa` : '') +
        (problems.length > 0 ? `; ${problems.length} cảnh báo.` : '.'),
    ),
  );
}

/** The attempt's log line (and the profile's use) for a file refused or already imported: a record, written with the batch. */
async function logRefused(ctx: AppContext, a: Assessment | Answered, db: AppContext['db'] | Trx): Promise<void> {
  if (a.kind === 'answered') {
    await logAttempt(ctx, a.prepared, 'duplicate', [], db);
    if (a.profileId !== null) await recordUse(ctx, a.profileId, { file: null }, db);
    return;
  }
  if (a.kind !== 'rejected' && a.kind !== 'duplicate') return;
  await logAttempt(ctx, a.settled, a.kind, [], db);
  if (a.settled.profile) await recordUse(ctx, a.settled.profile.id, { file: null }, db);
}

/**
 * A file that failed unexpectedly, said truthfully: not stored (its savepoint, or the
 * whole batch, was rolled back, or it never reached the write). The rest of the batch goes on.
 */
async function faulted(ctx: AppContext, file: string, caught: unknown, options: ImportOptions, db: AppContext['db'] | Trx = ctx.db): Promise<ImportOutcome[]> {
  // A read-only role's file is refused by the server: said as that, not as an unexpected fault.
  const err = refusedWrite(caught) ?? caught;
  const needsBytes = err instanceof AppError && err.code === BYTES_NEEDED;
  if (!needsBytes) console.error(`[intake] ${file}:`, err);
  const base = { file, readAs: null, profile: null, changes: [], gaps: null, receivedOn: null, late: null, corrections: [] };
  // A fault the app foresaw (AppError) says its own cause; any other says only that it happened.
  const fault =
    err instanceof AppError
      ? problem(err.code, 'error', '', `${file}: ${err.message}`)
      : problem(
          'FILE_FAILED',
          'error',
          '',
          `${file}: có lỗi ngoài dự kiến khi xử lý tệp này, nên tệp chưa được nhận; các tệp khác của lô không bị ảnh hưởng. Hãy thử lại; nếu vẫn lỗi, hãy gửi tệp cho bộ phận kỹ thuật.`,
        );
  // A file to send again with its bytes is no attempt of the clerk's: the client sends it at once.
  if (!options.dryRun && !needsBytes) {
    try {
      await logAttempt(ctx, { file, incoming: { name: file, bytes: new Uint8Array() }, bytes: new Uint8Array(), sha256: null, recognition: null, profile: null, problems: [fault], reports: [] }, 'rejected', [], db);
    } catch {
      // The log is a record, not a condition: a fault writing it must not take the batch down either.
    }
  }
  const message = err instanceof AppError ? `Tệp ${file} chưa được nhận: ${err.message}` : `Không xử lý được tệp ${file} do lỗi ngoài dự kiến; tệp chưa được nhận, các tệp khác không bị ảnh hưởng.`;
  return [{ ...base, ok: false, status: 'failed', agency: null, period: null, revision: null, problems: [fault], message }];
}

/** A file whose bytes are already stored, answered from what is stored without reading it. */
interface Answered {
  kind: 'answered';
  prepared: Prepared;
  outcomes: ImportOutcome[];
  profileId: number | null;
}

/**
 * The reports stored from a file with the same bytes, as the outcome of this one: the
 * earlier revision, agency and period of each report the earlier file became, read as
 * it was then. Null when the file must be read after all: nothing stored, or stored for
 * another period or agency than the clerk is taking in (the file is then refused for
 * that, as before). What only reading the file would tell (its gaps, its problems) is null or empty.
 */
async function storedAnswer(ctx: AppContext, input: IncomingFile, digest: string, options: ImportOptions): Promise<Answered | 'stored' | null> {
  const stored = await reportsFromFile(ctx.db, digest);
  const reports = stored.filter((r, i) => stored.findIndex((x) => x.agency === r.agency && x.period === r.period) === i);
  if (reports.length === 0) return null;
  if (reports.some((r) => (options.period !== undefined && r.period !== options.period) || (options.agency !== undefined && r.agency !== options.agency))) return 'stored';
  const prepared: Prepared = { file: input.name, incoming: input, bytes: input.bytes, sha256: digest, recognition: null, profile: null, problems: [], reports: [] };
  const outcomes = reports.map(
    (r): ImportOutcome => ({
      file: input.name,
      ok: true,
      status: 'duplicate',
      agency: r.agency,
      period: r.period,
      revision: r.revision,
      readAs: r.source === 'profile' ? 'profile' : r.source === 'template' ? 'form' : null,
      profile: r.profileName,
      problems: [],
      changes: [],
      gaps: null,
      receivedOn: r.receivedOn,
      late: r.late,
      corrections: [],
      message: `Tệp ${input.name} đã được nhập trước đây (lần ${r.revision} của ${r.agencyName}, kỳ ${r.periodLabel}); không có gì thay đổi.`,
    }),
  );
  return { kind: 'answered', prepared, outcomes, profileId: reports[0]?.profileId ?? null };
}

/** A file sent as its SHA-256 alone that the server cannot answer from what is stored: the client sends its bytes. */
const BYTES_NEEDED = 'BYTES_NEEDED';

/** A file that came as its SHA-256 alone, for the server to answer from what is stored if it can. */
function byDigest(input: IncomingFile): input is IncomingFile & { sha256: string } {
  return input.bytes.byteLength === 0 && input.sha256 !== undefined;
}

/** Reading a file, unless it needs none: a lock file is skipped, a file already stored answered from what is stored. */
async function readOrAnswer(ctx: AppContext, input: IncomingFile, catalog: () => Promise<ReportCatalog>, options: ImportOptions, pool?: ParsePool): Promise<Prepared | Answered> {
  if (isExcelLockFile(input.name)) return prepare(ctx, input, await catalog(), options, pool);
  // With bytes, only the server's own digest counts; without, the client's names a file the server said it holds.
  const answer = await storedAnswer(ctx, input, byDigest(input) ? input.sha256 : sha256(input.bytes), options);
  if (answer && answer !== 'stored') return answer;
  if (byDigest(input)) {
    throw new AppError(BYTES_NEEDED, `chưa có tệp này trong dữ liệu, nên cần gửi cả nội dung tệp. Hãy nhận lại tệp ${input.name}.`, { file: input.name });
  }
  // Stored, but for another period or agency: read, and refused for that as before (or, read otherwise now, still a duplicate).
  return { ...(await prepare(ctx, input, await catalog(), options, pool)), storedBefore: answer === 'stored' };
}

/**
 * A batch that stores no report (every file already imported, refused or skipped) writes
 * only its log lines, what each file says being true whatever becomes of them. They are
 * written without waiting for the disk (the handle's relaxedDurability: synchronous=NORMAL
 * for this one transaction on SQLite, synchronous_commit off on PostgreSQL): a power cut
 * may lose such a last log line, never corrupt the database nor touch a report, and a
 * clerk dropping files already imported is answered in a few milliseconds.
 */
async function logOnly(ctx: AppContext, steps: readonly ({ outcomes: ImportOutcome[] } | { log: Assessment | Answered; outcomes: ImportOutcome[] })[]): Promise<ImportOutcome[]> {
  try {
    await ctx.handle.relaxedDurability(async (trx) => {
      for (const s of steps) if ('log' in s) await logRefused({ ...ctx, db: trx }, s.log, trx);
    });
  } catch (err) {
    // The log is a record of the attempts: the files are already imported or refused, as they say.
    console.error('[intake] the log of a batch that stored nothing:', err);
  }
  return steps.flatMap((s) => s.outcomes);
}

/** The agencies a file would write reports for. */
function agenciesOf(prepared: Prepared): string[] {
  return prepared.reports.map((r) => r.report.agencyCode);
}

/** The batch's one transaction could not be committed: every file it held was not stored. */
function commitFailed(): AppError {
  return new AppError(
    'COMMIT_FAILED',
    'không ghi được lô tệp vào cơ sở dữ liệu khi hoàn tất, nên không tệp nào của lô được nhận và dữ liệu không thay đổi. Hãy kiểm tra ổ đĩa còn chỗ trống rồi nhập lại cả lô.',
  );
}

/**
 * Imports a batch. Files are read in parallel (the pool uses both cores), a file whose
 * bytes are already stored is answered before it is read, and the rest are checked in
 * the order given outside any transaction. Then the batch is written in one transaction
 * (one fsync), a savepoint per file: a file that fails to write rolls back alone. Of two
 * files for the same agency, the later is checked inside the transaction, after the
 * earlier one's writes, so it becomes the newer revision and is checked against it.
 */
export async function importFiles(
  ctx: AppContext,
  files: readonly IncomingFile[],
  options: ImportOptions = {},
  pool?: ParsePool,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome[]> {
  // The plans, agencies and periods, loaded once for the batch when its first file is read:
  // a batch of files already stored is answered without them.
  let catalogLoad: Promise<ReportCatalog> | undefined;
  const catalog = (): Promise<ReportCatalog> => (catalogLoad ??= loadCatalog(ctx));
  // A profile the clerk named that does not exist refuses the batch before any file is read.
  if (options.profile) await findProfile(ctx, options.profile);
  // A read-only role (a leader's) may look at a batch, not store it: said before any file
  // is read. The server would refuse the writes anyway (its GRANTs); this says it once.
  if (!options.dryRun && !ctx.handle.canWrite) throw readOnly();
  // Agency, period and plan ids, looked up once for the batch (see SubmissionLookups).
  const lookups = newSubmissionLookups();
  const bases = batchBases(ctx, files.length);
  // The batch's backup is made just before its write: a batch whose files are all
  // refused, or already imported, writes nothing but its log lines.
  const batches = backedUpBatches.get(ctx.handle) ?? new Set<string>();
  backedUpBatches.set(ctx.handle, batches);
  const backedUp = !options.backupFirst || options.dryRun === true || (options.batch !== undefined && batches.has(options.batch));
  const backUp = async (): Promise<void> => {
    const settings = await getSettings(ctx);
    if (settings.backupBeforeImport) {
      try {
        await backupBeforeImport(ctx, settings.backupKeep);
      } catch (err) {
        // No file lands without the backup the clerk asked for.
        console.error('[intake] backup before import:', err);
        throw new AppError(
          'BACKUP_FAILED',
          `Không tạo được bản sao lưu trước khi nhập (thư mục sao lưu: ${ctx.backupDir}), nên tệp chưa được nhận và dữ liệu không thay đổi. Hãy kiểm tra ổ đĩa còn chỗ trống và thư mục sao lưu ghi được (Cài đặt → Sao lưu), rồi nhập lại.`,
        );
      }
    }
    if (options.batch !== undefined) {
      // A handful of recent batches is all a clerk's session needs remembered.
      if (batches.size > 100) batches.clear();
      batches.add(options.batch);
    }
  };
  // Without a pool of the caller's, a batch gets its own, so a hundred files never mean a hundred workers.
  const ownPool = pool ? null : createParsePool(Math.min(files.length, os.availableParallelism()) || 1);
  try {
    const reading = files.map((f) => readOrAnswer(ctx, f, catalog, options, pool ?? ownPool ?? undefined));
    // A file that fails later must not leave an unhandled rejection behind while earlier ones settle.
    for (const r of reading) r.catch(() => undefined);

    // Each file's result, in the batch's order: its outcomes once known, or what the write must do.
    type Step = { outcomes: ImportOutcome[] } | { log: Assessment | Answered; outcomes: ImportOutcome[] } | { later: Prepared } | { accepted: Extract<Assessment, { kind: 'accepted' }> };
    const steps: Step[] = [];
    // The agencies an earlier file of the batch may write: a later file for one of them is checked after that write.
    const written = new Set<string>();
    for (const [index, pending] of reading.entries()) {
      const name = files[index]?.name ?? '';
      try {
        const read = await pending;
        if ('kind' in read) {
          steps.push({ log: read, outcomes: read.outcomes });
        } else if (!options.dryRun && agenciesOf(read).some((a) => written.has(a))) {
          steps.push({ later: read });
          for (const a of agenciesOf(read)) written.add(a);
        } else {
          const a = await assess(ctx, read, await catalog(), options, lookups, bases, read.sha256 !== null && read.storedBefore !== true);
          if (a.kind === 'accepted' && !options.dryRun) {
            steps.push({ accepted: a });
            for (const code of agenciesOf(read)) written.add(code);
          } else if (a.kind === 'accepted') steps.push({ outcomes: checkedOutcomes(a) });
          else steps.push({ log: a, outcomes: a.kind === 'duplicate' ? a.outcomes : [a.outcome] });
        }
      } catch (err) {
        steps.push({ outcomes: await faulted(ctx, name, err, options) });
      }
      if (options.dryRun) onProgress?.(index + 1, files.length);
    }
    if (options.dryRun) return steps.flatMap((s) => ('outcomes' in s ? s.outcomes : []));

    const writes = steps.some((s) => 'later' in s || 'accepted' in s);
    if (writes && !backedUp) {
      try {
        await backUp();
      } catch (err) {
        // Nothing of the batch is written: each file that would have been says why, in words.
        for (const [index, s] of steps.entries()) {
          if ('later' in s || 'accepted' in s) steps[index] = { outcomes: await faulted(ctx, files[index]?.name ?? '', err, options) };
        }
      }
    }
    const outcomes = await writeBatch(ctx, steps, files, catalog, options, lookups);
    for (let i = 0; i < files.length; i++) onProgress?.(i + 1, files.length);
    return outcomes;
  } finally {
    await ownPool?.close();
  }

  /**
   * The batch's one transaction: a savepoint per file, released when the file is written
   * and rolled back to when it fails. Only the COMMIT makes any of it stored, so until it
   * ends no outcome says "imported"; when it fails, every file that would have been says
   * it was not stored.
   */
  async function writeBatch(
    ctx: AppContext,
    steps: readonly ({ outcomes: ImportOutcome[] } | { log: Assessment | Answered; outcomes: ImportOutcome[] } | { later: Prepared } | { accepted: Extract<Assessment, { kind: 'accepted' }> })[],
    files: readonly IncomingFile[],
    catalog: () => Promise<ReportCatalog>,
    options: ImportOptions,
    lookups: SubmissionLookups,
  ): Promise<ImportOutcome[]> {
    if (!steps.some((s) => !('outcomes' in s) || 'log' in s)) return steps.flatMap((s) => ('outcomes' in s ? s.outcomes : []));
    const logged = steps.flatMap((s) => ('outcomes' in s ? [s] : []));
    if (logged.length === steps.length) return logOnly(ctx, logged);
    const trx = await ctx.db.startTransaction().execute();
    // Every query of the batch's writes goes through the transaction: ctx.db would wait for it to end.
    const inTrx: AppContext = { ...ctx, db: trx };
    const basesInTrx = batchBases(inTrx, files.length);
    const results: ImportOutcome[][] = [];
    const stored: boolean[] = [];
    try {
      // First, the intake's write lock: another clerk's import (another window, another
      // process, another workstation on the server) commits before this one reads
      // anything it writes by, or waits for it. One key for every import, so imports of
      // one agency and period are serialised, and no two batches wait on each other's
      // locks taken in different orders.
      await ctx.handle.lockForWrite(trx, 'intake');
      for (const [index, s] of steps.entries()) {
        const name = files[index]?.name ?? '';
        stored.push(false);
        if ('outcomes' in s && !('log' in s)) {
          results.push(s.outcomes);
          continue;
        }
        // SQLite may end the transaction by itself (a full disk, an I/O error) inside a
        // statement whose error was caught and logged: a savepoint now would open, and its
        // release commit, a transaction of its own. The batch is over, said as not stored.
        if (!ctx.handle.inTransaction(trx)) throw commitFailed();
        const savepoint = await trx.savepoint(`file_${index}`).execute();
        try {
          let out: ImportOutcome[];
          if ('log' in s) {
            await logRefused(inTrx, s.log, savepoint);
            out = s.outcomes;
          } else {
            let a: Assessment = 'accepted' in s ? s.accepted : await assess(inTrx, s.later, await catalog(), options, lookups, basesInTrx);
            // Checked before the lock: if another clerk's report of the same agency and
            // period landed since, the file is checked again against it (its revision, its
            // changes, the rule checks), so what it says is what it did.
            if ('accepted' in s && a.kind === 'accepted' && (await checkedAgainstOlder(inTrx, a, lookups))) a = await assess(inTrx, a.settled, await catalog(), options, lookups, basesInTrx);
            // The same bytes stored meanwhile by another window or process: asked again inside the transaction.
            const meanwhile = a.kind === 'accepted' && a.settled.sha256 !== null ? await storedAnswer(inTrx, a.settled.incoming, a.settled.sha256, {}) : null;
            if (meanwhile !== null && meanwhile !== 'stored') {
              await logRefused(inTrx, meanwhile, savepoint);
              out = meanwhile.outcomes;
            } else if (a.kind === 'accepted') {
              out = await write(inTrx, savepoint, a, lookups);
              stored[index] = true;
              for (const p of a.previews) basesInTrx.forget(p.prepared.report.periodCode, p.prepared.report.agencyCode);
            } else {
              await logRefused(inTrx, a, savepoint);
              out = a.kind === 'skipped' || a.kind === 'rejected' ? [a.outcome] : a.outcomes;
            }
          }
          await savepoint.releaseSavepoint(`file_${index}`).execute();
          results.push(out);
        } catch (err) {
          // This file alone is undone; the batch goes on.
          stored[index] = false;
          await savepoint.rollbackToSavepoint(`file_${index}`).execute();
          await savepoint.releaseSavepoint(`file_${index}`).execute();
          results.push(await faulted(inTrx, name, err, options, trx));
        }
      }
      if (!ctx.handle.inTransaction(trx)) throw commitFailed();
      await trx.commit().execute();
    } catch (err) {
      // A read-only role's batch is refused by the server: said as that, not as a full disk.
      const refused = refusedWrite(err);
      if (!refused) console.error('[intake] the batch could not be committed:', err);
      try {
        await trx.rollback().execute();
      } catch {
        // Already rolled back by SQLite itself.
      }
      // Nothing of the batch is stored: no file may say it was. Each is said, and logged, again.
      const out: ImportOutcome[] = [];
      for (const [index, s] of steps.entries()) {
        const name = files[index]?.name ?? '';
        if (stored[index] || 'later' in s || 'accepted' in s) {
          out.push(...(await faulted(ctx, name, refused ?? commitFailed(), options)));
          continue;
        }
        if ('log' in s) await logRefused(ctx, s.log, ctx.db).catch(() => undefined);
        out.push(...(results[index] ?? s.outcomes));
      }
      return out;
    }
    return results.flat();
  }
}
