// The one contract between the UI and the Node side (architecture.md, "One contract,
// three transports"). Each method has a runtime schema for its argument and a result
// type; the IPC channels, the HTTP routes, the preload bridge and the client are all
// derived from this map, never written out by hand.
import { z } from 'zod';
import * as zodLocales from 'zod/v4/locales';
import { isIsoDate } from './dates';
import {
  AGENCY_GROUPS,
  AGGREGATIONS,
  INDICATOR_KINDS,
  TASK_STATUSES,
  type Agency,
  type AssignmentRole,
  type Organization,
  type ActedBy,
  type Correction,
  type Period,
  type Plan,
  type ReportGaps,
  type TaskReportCells,
  type PlanDetail,
  type Submission,
  type SubmissionDetail,
  type Task,
  type Indicator,
  type TaskStatus,
} from './domain';
import { PERIOD_KINDS, WINDOW_PRESETS } from './periods';
import type { ApiResult } from './errors';
import type { Problem } from './problems';
import { layoutProfileSchema, profileNameSchema, type LayoutProfileDetail, type LayoutProfileSummary } from './profiles';
import { settingsSchema, type Settings } from './settings';

// Validation messages reach the clerk as they are, so they are Vietnamese.
z.config(zodLocales.vi());

const isoDate = z.string().refine(isIsoDate, { message: 'Ngày phải có dạng yyyy-mm-dd và là một ngày có thật' });
const code = z.string().trim().min(1).max(40);
const periodCode = z.string().trim().regex(/^\d{4}-(Q[1-4]|H1|9M|Y)$/u, { message: 'Mã kỳ báo cáo có dạng 2022-Q1, 2022-H1, 2022-9M hoặc 2022-Y' });
const year = z.number().int().min(2000).max(2100);
const text = (max: number) => z.string().max(max);

const agencyFields = z.object({
  code: code.regex(/^[A-Z0-9][A-Z0-9-]*$/u, { message: 'Mã đơn vị chỉ gồm chữ in hoa không dấu, số và dấu gạch ngang' }),
  name: text(300).trim().min(1),
  group: z.enum(AGENCY_GROUPS),
  contactPerson: text(200).nullable().optional(),
  contactPhone: text(50).nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  sortOrder: z.number().int().optional(),
});

const taskFields = z.object({
  code: code,
  ordinalLabel: text(40).nullable().optional(),
  title: text(1000).trim().min(1),
  content: text(20000),
  lead: z.array(code),
  coordinate: z.array(code),
});

const indicatorFields = z.object({
  code: code,
  taskCode: code,
  name: text(500).trim().min(1),
  unit: text(50),
  kind: z.enum(INDICATOR_KINDS),
  aggregation: z.enum(AGGREGATIONS),
  numeratorCode: code.nullable().optional(),
  denominatorCode: code.nullable().optional(),
  target: z.number().finite().nullable().optional(),
  targetDirection: z.enum(['min', 'max']).nullable().optional(),
  reporters: z.array(code),
});

const fileBytes = z.object({
  name: z.string().trim().min(1).max(260),
  bytes: z.instanceof(Uint8Array),
});

const taskReportInput = z.object({
  taskCode: code,
  status: z.enum(TASK_STATUSES).nullable(),
  results: text(50000).default(''),
  difficulties: text(50000).default(''),
  proposals: text(50000).default(''),
});

const receivedDay = isoDate;
const documentNumber = z.string().trim().max(100);

/** The office's own value for a refused or blank cell, with the clerk's note (required). */
const correctionInput = z
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
const acceptanceInput = z
  .object({
    agency: code.optional(),
    rule: z.string().trim().min(1).max(40),
    indicator: code,
    /** The other period of the finding (the problem's `against`); without it, the finding on this rule and indicator, whichever. */
    against: periodCode.optional(),
    reason: z.string().trim().min(1, { message: 'Hãy ghi lý do chấp nhận số liệu' }).max(1000),
  })
  .strict();

/** A file of a batch, with what the clerk says of it: when it arrived, its document number, corrections. */
const incomingFile = fileBytes.extend({
  receivedOn: receivedDay.optional(),
  documentNumber: documentNumber.nullable().optional(),
  documentDate: isoDate.nullable().optional(),
  corrections: z.array(correctionInput).max(2000).optional(),
  accept: z.array(acceptanceInput).max(2000).optional(),
});

export type CorrectionInput = z.output<typeof correctionInput>;
export type AcceptanceInput = z.output<typeof acceptanceInput>;

/** A file of a batch, with what the clerk says of it (the schema above, on any bytes). */
export interface IncomingFile extends FileBytes {
  receivedOn?: string;
  documentNumber?: string | null;
  documentDate?: string | null;
  corrections?: CorrectionInput[];
  accept?: AcceptanceInput[];
}

const valueInput = z.object({
  indicatorCode: code,
  number: z.number().finite().nullable(),
  text: text(5000).nullable().optional(),
  sourceCell: text(100).nullable().optional(),
});

// ---- results that are not plain domain records ----

export interface AgencyRef {
  code: string;
  name: string;
}

export type ReceiptState = 'on_time' | 'late' | 'returned' | 'missing';

export interface AgencyReceipt extends AgencyRef {
  state: ReceiptState;
  /** The day the office received the current revision (ISO date). */
  receivedOn: string | null;
  revision: number | null;
  submissionId: number | null;
  documentNumber: string | null;
  /** Null while nothing is received; else what the report left blank. */
  gaps: ReportGaps | null;
  complete: boolean | null;
  /** Whom the clerk calls to chase the report (the agency's contact, null where none is on record). */
  contactPerson: string | null;
  contactPhone: string | null;
}

export interface Completeness {
  period: Period;
  agencies: AgencyReceipt[];
  counts: { expected: number; received: number; onTime: number; late: number; returned: number; missing: number; complete: number; incomplete: number };
}

/**
 * How one agency's figure stands in a consolidated figure (counting.ts decides):
 * counted; blank in a report that is in; no report; a report returned for correction;
 * a figure from an agency that no longer reports this indicator, or is not expected
 * this period at all. Only 'counted' figures make the total; the others are shown.
 */
export type FigureState = 'counted' | 'blank' | 'missing' | 'returned' | 'not_reporter' | 'not_expected';

export interface AgencyFigure extends AgencyRef {
  value: number | null;
  text: string | null;
  state: FigureState;
  /** For ratio indicators, the agency's own numerator and denominator. */
  numerator?: number | null;
  denominator?: number | null;
  sourceCell: string | null;
  submissionId: number | null;
  /** Set when the office corrected this figure (for a ratio: either part). */
  correction: Correction | null;
}

/** How many of the agencies a figure expects it includes. */
export interface Coverage {
  reported: number;
  expected: number;
  /** The agencies included, by code. */
  agencies: string[];
}

export interface ComparedFigure {
  periodCode: string;
  label: string;
  value: number | null;
  /** Taken from cumulative reports (Q4 = năm − 9 tháng) rather than reported as such. */
  derived: boolean;
  coverage: Coverage;
  /** Agencies in one figure and not in the other: the two do not compare like with like. */
  onlyHere: string[];
  onlyThere: string[];
}

/** Why an agency is out of a derived in-quarter figure. */
export type DerivedExclusion = 'no_current' | 'no_earlier' | 'earlier_returned';

export interface DerivedFigure {
  periodCode: string;
  label: string;
  value: number | null;
  derived: true;
  quarter: number;
  /** The cumulative period it is taken from (this one less that one). */
  fromPeriod: string;
  fromLabel: string;
  coverage: Coverage;
  /** Agencies that did not exist during the earlier period: counted from zero. */
  fromZero: string[];
  left: { code: string; reason: DerivedExclusion }[];
}

export type CheckRule = 'CUMULATIVE_FALLS' | 'NUMERATOR_ABOVE_DENOMINATOR' | 'RATIO_OUT_OF_RANGE' | 'OUTLIER' | 'NOT_COUNTED';

/** A validation rule's finding on a figure (checks.ts), like DHIS2's validation rules. */
export interface RuleCheck {
  rule: CheckRule;
  severity: 'error' | 'warning';
  period: string;
  /** Null for a finding on the consolidated figure itself. */
  agency: string | null;
  indicator: string;
  /** The other period a finding between two periods compares with. */
  against: string | null;
  /** The report's figure and the one it is held to (the other period's, or the denominator). */
  figures: { value: number; other: number } | null;
  cell: string | null;
  message: string;
  /** An error the clerk let through, and why. */
  accepted: { reason: string; at: string; by: ActedBy } | null;
}

export interface IndicatorConsolidation {
  code: string;
  taskCode: string;
  name: string;
  unit: string;
  kind: Indicator['kind'];
  aggregation: Indicator['aggregation'];
  value: number | null;
  /** For ratios: Σ numerator and Σ denominator over agencies that reported both. */
  numerator?: number | null;
  denominator?: number | null;
  /** Which of the expected agencies the figure includes. */
  coverage: Coverage;
  expectedReporters: number;
  reported: number;
  /** Every expected reporter, then any figure on record that is shown but not counted. */
  byAgency: AgencyFigure[];
  target: number | null;
  targetDirection: Indicator['targetDirection'];
  targetMet: boolean | null;
  /** For a quarter: the quarter before. Null for cumulative periods, which compare with last year. */
  previous: ComparedFigure | null;
  sameLastYear: ComparedFigure | null;
  /** The in-quarter figure derived from cumulative periods (Q2 = 6 months − Q1). */
  inQuarter: DerivedFigure | null;
  /** Rule checks on this indicator, for the period. */
  checks: RuleCheck[];
}

export interface StatusCounts {
  completed: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  noReport: number;
}

export interface TaskNarrative extends AgencyRef {
  /** Null for an agency no longer assigned to the task (its report is shown, not counted). */
  role: AssignmentRole | null;
  member: boolean;
  status: TaskStatus | null;
  results: string;
  difficulties: string;
  proposals: string;
  cells: TaskReportCells;
  submissionId: number | null;
  /** Set when the office corrected the status. */
  correction: Correction | null;
}

export interface TaskConsolidation {
  code: string;
  ordinal: number;
  title: string;
  statusCounts: StatusCounts;
  /** The agencies the counts are over: the task's lead and coordinating agencies expected this period, leads first. */
  members: { code: string; role: AssignmentRole }[];
  reports: TaskNarrative[];
}

export interface Consolidation {
  period: Period;
  completeness: Completeness;
  indicators: IndicatorConsolidation[];
  tasks: TaskConsolidation[];
  /** Every rule check of the period ("Kiểm tra số liệu"), errors first. */
  checks: RuleCheck[];
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: unknown;
  by: ActedBy;
}

/** A file crossing the boundary: bytes and a name, so the same Api works in Electron and a browser. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** One change a report would make against the agency's current revision. */
export interface FieldChange {
  /** Whose report it changes: a workbook of several agencies has the same field once per agency. */
  agency: string;
  /** "NV2.01" or "NV1:results". */
  field: string;
  label: string;
  before: string | number | null;
  after: string | number | null;
}

/** 'failed': the file could not be processed (an unexpected fault); it was not stored, and the batch went on. */
export type ImportStatus = 'imported' | 'checked' | 'rejected' | 'duplicate' | 'skipped' | 'failed';

/** What became of one file of a batch (one per agency, for a workbook that holds several). */
export interface ImportOutcome {
  file: string;
  ok: boolean;
  status: ImportStatus;
  agency: string | null;
  period: string | null;
  /** The revision this file became (or would become, when only checked). */
  revision: number | null;
  /** How it was read: our form, or the named layout profile. */
  readAs: 'form' | 'profile' | null;
  profile: string | null;
  problems: Problem[];
  changes: FieldChange[];
  /** What the report leaves blank (null when it was not read). */
  gaps: ReportGaps | null;
  /** The day it counts as received, and whether that is after the due date. */
  receivedOn: string | null;
  late: boolean | null;
  /** The office's corrections the report was taken with; a taken one says its cell and what the file said there. */
  corrections: (CorrectionInput & { cell?: string | null; fileText?: string })[];
  /** One Vietnamese sentence for the clerk. */
  message: string;
}

export interface PlanImpact {
  submissions: number;
  agencies: number;
  periods: string[];
  affected: number;
  /** Said to the clerk before a change to a plan with reports is saved. */
  message: string;
}

export interface BackupInfo {
  name: string;
  path: string;
  createdAt: string;
  sizeBytes: number;
}

// ---- the layout-profile wizard (profiles.inspect, profiles.preview) ----

/** A merged range of an inspected grid, 1-based and clipped to the grid shown. */
export interface GridMerge {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** The top-left corner of one sheet as the clerk sees it: display text, merges kept. */
export interface InspectedSheet {
  name: string;
  /** The sheet's full size; the grid shows at most the first rows and columns. */
  rowCount: number;
  columnCount: number;
  /** rows[r][c] is the text of row r + 1, column c + 1 ("" when empty or covered by a merge). */
  rows: string[][];
  merges: GridMerge[];
  truncated: boolean;
}

export interface WorkbookInspection {
  file: string;
  sheets: InspectedSheet[];
  problems: Problem[];
}

export interface IndicatorSuggestion {
  code: string;
  name: string;
  /** How 0–1 sure: the share of words shared (by name), 1 for a code written in the row. */
  score: number;
  /** Why it is suggested: its code is written in the row, its name shares words, or it sits between the rows matched above and below. */
  reason: 'code' | 'name' | 'position';
}

/** How a matched row (or column) found its indicator: the clerk's confirmation, or the profile's own matching. */
export type PreviewMatchedBy = 'confirmed' | 'code' | 'name' | 'label';

export interface ProfilePreviewRow {
  row: number;
  key: string;
  /** The row's texts joined, as shown. */
  text: string;
  /** The figure in the value column, as shown (for a row per agency: its figures, left to right). */
  value: string;
  /** 'skipped': marked "bỏ qua" in the profile. */
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'skipped' | 'end';
  indicator: { code: string; name: string; unit: string; computed: boolean } | null;
  matchedBy: PreviewMatchedBy | null;
  /** For a row per agency: the agency it names. */
  agency: AgencyRef | null;
  /** What to put in match.confirmed to tie this row to an indicator. */
  confirmKey: string;
  /**
   * What to put in layout.skip to mark this row "bỏ qua" (its group, the cells left of its
   * key and its key, so a sub-row is not taken for the real row of that name); for a
   * skipped row, the entry that took it, to take out to read it again.
   */
  skipKey: string;
  /** For unmatched rows: the closest indicators, each with its reason. */
  suggestions: IndicatorSuggestion[];
  /** A sub-row ("Trong đó:", "- Án thụ lý mới"): "bỏ qua" is the first suggestion, before any indicator. */
  skipSuggested: 'sub-row' | null;
}

/** A value column of a table with one row per agency: the indicator its header names. */
export interface ProfilePreviewColumn {
  column: string;
  header: string;
  indicator: { code: string; name: string; unit: string; computed: boolean } | null;
  matchedBy: PreviewMatchedBy | null;
  confirmKey: string;
  suggestions: IndicatorSuggestion[];
}

export interface ProfilePreview {
  sheet: string | null;
  valueColumn: string | null;
  agency: AgencyRef | null;
  planYear: number | null;
  /** What the profile's period cell says, when it names one ("Quý I năm 2022"). */
  periodText: string | null;
  rows: ProfilePreviewRow[];
  /** What an import through this profile would say (the same reader). */
  problems: Problem[];
  /** Figures an import would take, per agency: none where an error stops the import. */
  reports: { agency: string; values: number }[];
  /** Figures the table holds as read, per agency, errors or not: what the clerk points at. */
  read: { agency: string; values: number }[];
  /** The table's shape: a row per indicator, or a row per agency (whose value columns are listed). */
  kind: 'indicator-rows' | 'agency-rows';
  columns: ProfilePreviewColumn[];
  /** One sheet per agency: every sheet read, and the agency each one names. */
  sheets: { name: string; agency: AgencyRef | null }[];
}

// ---- the contract ----

/**
 * Declares one method: its argument schema, and its result type as a phantom.
 * Curried so the result type is written once and the schema's type is inferred.
 */
function method<R>() {
  return <A extends z.ZodType>(args: A): { args: A; result?: R } => ({ args });
}

const none = z.object({}).strict();
const id = z.number().int().positive();
const presetEnum = z.enum(WINDOW_PRESETS);
const profileName = profileNameSchema;

export const apiSpec = {
  'organization.get': method<Organization>()(none),
  'organization.update': method<Organization>()(
    z.object({
      name: z.string().trim().min(1).max(300).optional(),
      parentBody: z.string().trim().min(1).max(200).optional(),
      issuingBody: z.string().trim().min(1).max(200).optional(),
      place: z.string().trim().min(1).max(100).optional(),
      headingStyle: z.enum(['party', 'state']).optional(),
    }),
  ),
  'settings.get': method<Settings>()(none),
  'settings.update': method<Settings>()(settingsSchema.partial()),

  'agencies.list': method<Agency[]>()(
    z.object({ query: z.string().max(200).optional(), includeInactive: z.boolean().optional(), activeOn: isoDate.optional() }),
  ),
  'agencies.create': method<Agency>()(agencyFields),
  'agencies.update': method<Agency>()(z.object({ code, changes: agencyFields.partial() })),
  'agencies.deactivate': method<Agency>()(z.object({ code, on: isoDate })),

  'plans.list': method<Plan[]>()(none),
  'plans.get': method<PlanDetail>()(z.object({ year: year.optional() })),
  'plans.copyToYear': method<Plan>()(
    z.object({ fromYear: year, toYear: year, number: z.string().trim().min(1).max(40).optional() }),
  ),

  'tasks.create': method<Task>()(z.object({ year, task: taskFields })),
  'tasks.update': method<Task>()(z.object({ year, code, changes: taskFields.partial() })),
  'tasks.reorder': method<Task[]>()(z.object({ year, codes: z.array(code).min(1) })),
  'tasks.retire': method<Task>()(z.object({ year, code, on: isoDate })),

  'indicators.create': method<Indicator>()(z.object({ year, indicator: indicatorFields })),
  'indicators.update': method<Indicator>()(z.object({ year, code, changes: indicatorFields.partial() })),
  'indicators.reorder': method<Indicator[]>()(z.object({ year, taskCode: code, codes: z.array(code).min(1) })),
  'indicators.retire': method<Indicator>()(z.object({ year, code, on: isoDate })),

  'periods.list': method<Period[]>()(z.object({ year: year.optional() })),
  'periods.create': method<Period>()(
    z.object({ year, kind: z.enum(PERIOD_KINDS), quarter: z.number().int().min(1).max(4).optional(), preset: presetEnum.default('nd09') }),
  ),
  'periods.update': method<Period>()(
    z.object({
      code: periodCode,
      label: z.string().trim().min(1).max(200).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      due: isoDate.optional(),
      preset: presetEnum.optional(),
    }),
  ),

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

  'consolidation.status': method<Completeness>()(z.object({ period: periodCode })),
  'consolidation.get': method<Consolidation>()(z.object({ period: periodCode })),

  'backup.create': method<BackupInfo>()(none),
  'backup.list': method<BackupInfo[]>()(none),
  'backup.restore': method<{ restoredFrom: string; safetyBackup: string }>()(
    z.object({ name: z.string().regex(/^[\w.-]+\.sqlite$/u, { message: 'Tên bản sao lưu không hợp lệ' }) }),
  ),
  /** A backup the clerk chose from anywhere (a USB stick), sent as bytes, proven before it replaces anything. */
  'backup.restoreFile': method<{ restoredFrom: string; safetyBackup: string }>()(z.object({ file: fileBytes })),

  'forms.generate': method<FileBytes[]>()(z.object({ period: periodCode, agencies: z.array(code).optional() })),
  'intake.import': method<ImportOutcome[]>()(
    z.object({
      files: z.array(incomingFile).min(1).max(500),
      /** The day every file of the batch arrived, unless a file says otherwise (default today). */
      receivedOn: receivedDay.optional(),
      /**
       * The clerk's batch, when its files come one call at a time (the screen does): the
       * automatic backup before an import is made once per batch, not once per file.
       */
      batch: z.string().trim().min(1).max(100).optional(),
      period: periodCode.optional(),
      agency: code.optional(),
      profile: z.string().max(100).optional(),
      dryRun: z.boolean().default(false),
    }),
  ),
  'profiles.list': method<LayoutProfileSummary[]>()(none),
  /** Refused (PROFILE_EXISTS) when the name is taken, unless `replace`: the clerk is asked first. */
  'profiles.save': method<LayoutProfileSummary>()(z.object({ definition: layoutProfileSchema, replace: z.boolean().default(false) })),
  'profiles.get': method<LayoutProfileDetail>()(z.object({ name: profileName })),
  'profiles.rename': method<LayoutProfileSummary>()(z.object({ name: profileName, newName: profileName })),
  /** A copy under `newName`, or the first free "Tên (bản sao)". */
  'profiles.duplicate': method<LayoutProfileSummary>()(z.object({ name: profileName, newName: profileName.optional() })),
  /** Audited; the reports read through it keep their figures, file and the profile's name. */
  'profiles.remove': method<{ name: string; reports: number }>()(z.object({ name: profileName })),
  /** The definition as a JSON file, to share with another office. */
  'profiles.export': method<FileBytes>()(z.object({ name: profileName })),
  'profiles.import': method<LayoutProfileSummary>()(z.object({ file: fileBytes, replace: z.boolean().default(false) })),
  'profiles.inspect': method<WorkbookInspection>()(z.object({ file: fileBytes })),
  'profiles.preview': method<ProfilePreview>()(z.object({ file: fileBytes, definition: layoutProfileSchema, period: periodCode.optional() })),
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
  'plans.impact': method<PlanImpact>()(z.object({ year, taskCode: code.optional(), indicatorCode: code.optional() })),
  /** Whether a day is a working day (for a reminder's new due date), why not, and the first working day on or after it. */
  'calendar.checkDay': method<{ date: string; working: boolean; reason: string | null; next: string }>()(z.object({ date: isoDate })),

  'audit.list': method<AuditEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(10000).default(200), entity: z.string().max(40).optional() }),
  ),
} as const;

export type ApiSpec = typeof apiSpec;
export type MethodName = keyof ApiSpec;
export type ArgsOf<K extends MethodName> = z.input<ApiSpec[K]['args']>;
export type ParsedArgsOf<K extends MethodName> = z.output<ApiSpec[K]['args']>;
export type ResultOf<K extends MethodName> = NonNullable<ApiSpec[K]['result']>;

/** What the UI calls: every method async, every outcome an ApiResult. */
export type Api = { [K in MethodName]: (args: ArgsOf<K>) => Promise<ApiResult<ResultOf<K>>> };

/** What the Node side implements: parsed arguments in, a value out, AppError thrown on refusal. */
export type Handlers = { [K in MethodName]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> | ResultOf<K> };

export const METHOD_NAMES = Object.keys(apiSpec) as MethodName[];

