// Taking in the workbooks agencies send (architecture.md, "The import pipeline"):
// sniff → pre-scan → parse in a worker → recognise (our form, or a layout profile) →
// the office's corrections → validate → rule checks → preview against the current
// revision → commit in one short transaction (with the file's bytes). Each file of a
// batch stands or falls alone; a rejected file changes nothing.
import { createHash } from 'node:crypto';
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
import { META_KEYS, META_LAYOUT, META_SHEET } from '../excel/form-contract';
import { readFilledForm } from '../excel/form-reader';
import { applyProfile, profileFit, profileSheetFound, type ProfileFit } from '../excel/profile-reader';
import { planOfPeriod, type RecognisedReport, type Recognition, type ReportCatalog } from '../excel/recognition';
import { listAgencyRows } from '../../db/queries/agencies';
import { listPeriodRows } from '../../db/queries/periods';
import { listPlanRows } from '../../db/queries/plans';
import { nowText, type AppContext } from './context';
import { toAgency } from './agencies';
import { toPeriod } from './periods';
import { loadPlanDetail } from './plans';
import { findProfile, loadProfiles, recordUse, type StoredProfile } from './profiles';
import { basisLoader, basisSource, type BasisLoader } from './counting';
import { applyCorrections } from './corrections';
import { checkDraft, commitSubmission, newSubmissionLookups, receiptProblems, validateDraft, type AcceptanceRecord, type CorrectionRecord, type SubmissionLookups } from './revisions';
import { alreadyImported, gapsOfRead, incompleteProblem, logAttempt, outcomeOf, previewChanges, rejected, skipped, type Prepared } from './intake-outcomes';
import { automaticBackup } from './backup';
import { getSettings } from './settings';
import { today } from './submissions';

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
          'Hãy nhập lại tệp theo đúng mẫu bố cục của đơn vị gửi (ở dòng lệnh: --profile "tên mẫu"), hoặc trong Mẫu bố cục, sửa mẫu của đơn vị kia (tên trang tính, dòng chữ có trên trang) để chỉ một mẫu khớp với tệp.',
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

/**
 * The narratives one report may bring (results, difficulties, proposals of every task,
 * in characters): about a hundred pages, far beyond any report and well within what a
 * consolidation screen and workbook can carry. A cell alone is held to Excel's 32,767.
 */
export const MAX_REPORT_NARRATIVE = 300_000;

/** A report whose narratives together pass the bound, refused at the cell where they do. */
function narrativeProblem(file: string, report: RecognisedReport): Problem | null {
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
          `${file}${cell ? `, ${cell}` : ''}: phần nội dung của báo cáo ${report.agencyCode} dài quá ${formatNumber(MAX_REPORT_NARRATIVE, 'integer')} ký tự (đến ô này), quá dài đối với một báo cáo định kỳ. Hãy đề nghị đơn vị rút gọn, gửi phần chi tiết thành văn bản riêng.`,
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
function emptyFormProblem(file: string, report: RecognisedReport, readAs: Recognition['readAs'], others: boolean): Problem {
  // Said on the file, not on the empty agency's report (there is none): every report the file brings carries it.
  if (others) return problem('FORM_EMPTY', 'warning', '', `${file}: phần của ${report.agencyCode} trong bảng không có số liệu nào (mọi ô đều trống), nên không được tính là báo cáo của ${report.agencyCode}; ${report.agencyCode} vẫn ở danh sách chưa nộp. Các đơn vị khác trong tệp vẫn được nhận.`);
  const what =
    readAs === 'form'
      ? 'biểu mẫu chưa điền gì (không có số liệu, tình trạng hay nội dung nào), giống biểu mẫu trống Văn phòng gửi đi'
      : 'bảng của đơn vị không có số liệu nào (mọi ô số liệu đều trống)';
  return {
    ...problem('FORM_EMPTY', 'error', '', `${file}: ${what}, nên không được tính là báo cáo của ${report.agencyCode}. Hãy đề nghị đơn vị điền rồi gửi lại; đơn vị vẫn ở danh sách chưa nộp.`),
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
    all.push(...expectationProblems(read, options, input.name, recognition.readAs));
    const plan = planOfPeriod(catalog, read.periodCode);
    if (!plan) {
      all.push(problem('UNKNOWN_PERIOD', 'error', '', `${input.name}: chưa có kỳ báo cáo ${read.periodCode}.`));
      continue;
    }
    // Emptiness is the file's: a blank form the clerk then fills by corrections is typed, not received.
    if (!filled.includes(read)) {
      all.push(emptyFormProblem(input.name, read, recognition.readAs, filled.length > 0));
      continue;
    }
    const tooLong = narrativeProblem(input.name, read);
    if (tooLong) {
      all.push(tooLong);
      continue;
    }
    const fixed = applyCorrections(plan, read, corrections, all, (ref) => cellTextAt(model, ref));
    all = [...fixed.problems, ...validateDraft(plan, fixed.report)];
    reports.push({ report: fixed.report, plan, corrections: fixed.records });
  }
  return { ...base, sha256: digest, recognition, problems: all, profile, reports };
}

/**
 * One rule-check loader per agency, each reading only that agency's figures, over the
 * periods, agencies and plans the batch loads once. A commit changes one agency's
 * figures in one period: only that agency's loader forgets that period.
 */
function batchBases(ctx: AppContext) {
  const source = basisSource(ctx);
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

/** What a file's commit stored, set the moment its transaction ends: what a later fault must not deny. */
interface Landed {
  reports: { agency: string; period: string; revision: number }[] | null;
}

/** Everything the batch does to one file after it has been read: checks, preview, then commit or not. */
async function settle(
  ctx: AppContext,
  prepared: Prepared,
  catalog: ReportCatalog,
  options: ImportOptions,
  beforeCommit: () => Promise<void>,
  lookups: SubmissionLookups,
  bases: ReturnType<typeof batchBases>,
  landed: Landed,
): Promise<ImportOutcome[]> {
  if (prepared.skipped) return [skipped(prepared)];
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

  if (hasErrors(problems) || checked.length === 0) {
    if (!options.dryRun) {
      await logAttempt(ctx, settled, 'rejected', []);
      if (prepared.profile) await recordUse(ctx, prepared.profile.id, { file: null });
    }
    return [rejected(settled, context)];
  }
  const earlier = await alreadyImported(ctx, prepared.sha256);
  if (earlier) {
    // Only the attempt is recorded; the reports stay exactly as they were.
    if (!options.dryRun) {
      await logAttempt(ctx, settled, 'duplicate', []);
      if (prepared.profile) await recordUse(ctx, prepared.profile.id, { file: null });
    }
    return checked.map((c) =>
      outcomeOf(settled, c.prepared, 'duplicate', earlier.revision, [], context, `Tệp ${prepared.file} đã được nhập trước đây (lần ${earlier.revision} của ${earlier.agency}, kỳ ${earlier.period}); không có gì thay đổi.`),
    );
  }

  const previews: (typeof checked[number] & Awaited<ReturnType<typeof previewChanges>>)[] = [];
  for (const c of checked) previews.push({ ...c, ...(await previewChanges(ctx, c.prepared.report, c.prepared.plan, lookups)) });

  if (options.dryRun) {
    return previews.map((p) => {
      const revision = (p.currentRevision ?? 0) + 1;
      const against = p.currentRevision === null ? 'lần nộp đầu tiên' : `${p.changes.length} thay đổi so với lần ${p.currentRevision}`;
      return outcomeOf(settled, p.prepared, 'checked', revision, p.changes, context, `${prepared.file} hợp lệ: sẽ là lần nộp thứ ${revision} của ${p.prepared.report.agencyCode} cho kỳ ${p.prepared.report.periodCode} (${against}).`);
    });
  }

  // One short transaction per file: every report it holds, its bytes, and the log line, or nothing.
  await beforeCommit();
  const committed = await ctx.db.transaction().execute(async (trx) => {
    const out = [];
    for (const p of previews) {
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
      out.push({ ...p, submission });
    }
    await logAttempt(ctx, settled, 'imported', out.map((o) => o.submission.id), trx);
    // Mẫu bố cục lists the last file each profile read: said in the same transaction as the reports.
    if (prepared.profile) await recordUse(ctx, prepared.profile.id, { file: prepared.file }, trx);
    return out;
  });
  landed.reports = committed.map((c) => ({ agency: c.prepared.report.agencyCode, period: c.prepared.report.periodCode, revision: c.submission.revision }));
  for (const c of committed) bases.forget(c.prepared.report.periodCode, c.prepared.report.agencyCode);
  return committed.map(({ prepared: p, changes, submission }) =>
    outcomeOf(
      settled,
      p,
      'imported',
      submission.revision,
      changes,
      context,
      `Đã nhận báo cáo của ${p.report.agencyCode} kỳ ${p.report.periodCode} (lần ${submission.revision}${submission.late ? ', nộp muộn' : ''})` +
        (prepared.recognition?.profile ? `, đọc theo mẫu bố cục "${prepared.recognition.profile}"` : '') +
        (p.corrections.length > 0 ? `, ${p.corrections.length} ô do Văn phòng sửa` : '') +
        (problems.length > 0 ? `; ${problems.length} cảnh báo.` : '.'),
    ),
  );
}

/**
 * A file whose processing failed unexpectedly. What it says is true: stored, if its
 * commit had ended (the fault came after), else not stored; the rest of the batch goes on.
 */
async function faulted(ctx: AppContext, file: string, err: unknown, landed: Landed, options: ImportOptions): Promise<ImportOutcome[]> {
  console.error(`[intake] ${file}:`, err);
  const base = { file, readAs: null, profile: null, changes: [], gaps: null, receivedOn: null, late: null, corrections: [] };
  if (landed.reports) {
    return landed.reports.map((r) => ({
      ...base,
      ok: true,
      status: 'imported' as const,
      agency: r.agency,
      period: r.period,
      revision: r.revision,
      problems: [],
      message: `Đã nhận báo cáo của ${r.agency} kỳ ${r.period} (lần ${r.revision}), nhưng có lỗi ngoài dự kiến khi soạn kết quả; hãy xem lại báo cáo này ở danh sách đã nhận.`,
    }));
  }
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
  if (!options.dryRun) {
    try {
      await logAttempt(ctx, { file, incoming: { name: file, bytes: new Uint8Array() }, bytes: new Uint8Array(), sha256: null, recognition: null, profile: null, problems: [fault], reports: [] }, 'rejected', []);
    } catch {
      // The log is a record, not a condition: a fault writing it must not take the batch down either.
    }
  }
  const message = err instanceof AppError ? `Tệp ${file} chưa được nhận: ${err.message}` : `Không xử lý được tệp ${file} do lỗi ngoài dự kiến; tệp chưa được nhận, các tệp khác không bị ảnh hưởng.`;
  return [{ ...base, ok: false, status: 'failed', agency: null, period: null, revision: null, problems: [fault], message }];
}

/**
 * Imports a batch. Files are read in parallel (the pool uses both cores) and settled
 * one by one in the order given, so of two files for the same agency and period the
 * later becomes the newer revision and both are recorded.
 */
export async function importFiles(
  ctx: AppContext,
  files: readonly IncomingFile[],
  options: ImportOptions = {},
  pool?: ParsePool,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportOutcome[]> {
  const catalog = await loadCatalog(ctx);
  // A profile the clerk named that does not exist refuses the batch before any file is read.
  if (options.profile) await findProfile(ctx, options.profile);
  // Agency, period and plan ids, looked up once for the batch (see SubmissionLookups).
  const lookups = newSubmissionLookups();
  const bases = batchBases(ctx);
  // The batch's backup is made just before its first commit: a batch whose files are all
  // refused, or already imported, writes nothing but its log lines.
  const batches = backedUpBatches.get(ctx.handle) ?? new Set<string>();
  backedUpBatches.set(ctx.handle, batches);
  let backedUp = !options.backupFirst || options.dryRun === true || (options.batch !== undefined && batches.has(options.batch));
  const beforeCommit = async (): Promise<void> => {
    if (backedUp) return;
    const settings = await getSettings(ctx);
    if (settings.backupBeforeImport) {
      try {
        await automaticBackup(ctx, 'before-import', settings.backupKeep);
      } catch (err) {
        // No file lands without the backup the clerk asked for: this file is refused, and
        // the next one tries again (the disk may have been freed meanwhile).
        console.error('[intake] backup before import:', err);
        throw new AppError(
          'BACKUP_FAILED',
          `Không tạo được bản sao lưu trước khi nhập (thư mục sao lưu: ${ctx.backupDir}), nên tệp chưa được nhận và dữ liệu không thay đổi. Hãy kiểm tra ổ đĩa còn chỗ trống và thư mục sao lưu ghi được (Cài đặt → Sao lưu), rồi nhập lại.`,
        );
      }
    }
    backedUp = true;
    if (options.batch !== undefined) {
      // A handful of recent batches is all a clerk's session needs remembered.
      if (batches.size > 100) batches.clear();
      batches.add(options.batch);
    }
  };
  // Without a pool of the caller's, a batch gets its own, so a hundred files never mean a hundred workers.
  const ownPool = pool ? null : createParsePool(Math.min(files.length, os.availableParallelism()) || 1);
  try {
    const reading = files.map((f) => prepare(ctx, f, catalog, options, pool ?? ownPool ?? undefined));
    // A file that fails later must not leave an unhandled rejection behind while earlier ones settle.
    for (const r of reading) r.catch(() => undefined);
    const outcomes: ImportOutcome[] = [];
    for (const [index, pending] of reading.entries()) {
      // Each file's work, from reading to commit, stands alone: a fault in one is that file's.
      const landed: Landed = { reports: null };
      try {
        outcomes.push(...(await settle(ctx, await pending, catalog, options, beforeCommit, lookups, bases, landed)));
      } catch (err) {
        outcomes.push(...(await faulted(ctx, files[index]?.name ?? '', err, landed, options)));
      }
      onProgress?.(index + 1, files.length);
    }
    return outcomes;
  } finally {
    await ownPool?.close();
  }
}
