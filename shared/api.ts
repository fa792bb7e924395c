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
  type Period,
  type Plan,
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
import type { LayoutProfileSummary } from './profiles';
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
  receivedAt: string | null;
  revision: number | null;
  submissionId: number | null;
}

export interface Completeness {
  period: Period;
  agencies: AgencyReceipt[];
  counts: { expected: number; received: number; onTime: number; late: number; returned: number; missing: number };
}

export interface AgencyFigure extends AgencyRef {
  value: number | null;
  text: string | null;
  /** For ratio indicators, the agency's own numerator and denominator. */
  numerator?: number | null;
  denominator?: number | null;
  sourceCell: string | null;
  submissionId: number | null;
}

export interface ComparedFigure {
  periodCode: string;
  label: string;
  value: number | null;
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
  expectedReporters: number;
  reported: number;
  byAgency: AgencyFigure[];
  target: number | null;
  targetDirection: Indicator['targetDirection'];
  targetMet: boolean | null;
  previous: ComparedFigure | null;
  sameLastYear: ComparedFigure | null;
  /** The in-quarter figure derived from cumulative periods (Q2 = 6 months − Q1). */
  inQuarter: (ComparedFigure & { derived: true; quarter: number }) | null;
}

export interface StatusCounts {
  completed: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  noReport: number;
}

export interface TaskNarrative extends AgencyRef {
  role: AssignmentRole;
  status: TaskStatus | null;
  results: string;
  difficulties: string;
  proposals: string;
}

export interface TaskConsolidation {
  code: string;
  ordinal: number;
  title: string;
  statusCounts: StatusCounts;
  reports: TaskNarrative[];
}

export interface Consolidation {
  period: Period;
  completeness: Completeness;
  indicators: IndicatorConsolidation[];
  tasks: TaskConsolidation[];
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: unknown;
}

/** A file crossing the boundary: bytes and a name, so the same Api works in Electron and a browser. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** One change a report would make against the agency's current revision. */
export interface FieldChange {
  /** "NV2.01" or "NV1:results". */
  field: string;
  label: string;
  before: string | number | null;
  after: string | number | null;
}

export type ImportStatus = 'imported' | 'checked' | 'rejected' | 'duplicate' | 'skipped';

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
  /** Share of the indicator's words found in the row's text, 0–1. */
  score: number;
}

export interface ProfilePreviewRow {
  row: number;
  key: string;
  /** The row's texts joined, as shown. */
  text: string;
  /** The figure in the value column, as shown. */
  value: string;
  role: 'matched' | 'unmatched' | 'group' | 'passed' | 'end';
  indicator: { code: string; name: string; unit: string; computed: boolean } | null;
  /** What to put in match.confirmed to tie this row to an indicator. */
  confirmKey: string;
  /** For unmatched rows: the closest indicators by name. */
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
  /** Figures an import would take, per agency. */
  reports: { agency: string; values: number }[];
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
      receivedAt: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/u, { message: 'Thời điểm nhận có dạng yyyy-mm-dd hoặc yyyy-mm-ddThh:mm' })
        .optional(),
      documentNumber: z.string().max(100).nullable().optional(),
      documentDate: isoDate.nullable().optional(),
      taskReports: z.array(taskReportInput),
      values: z.array(valueInput),
    }),
  ),
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

  'forms.generate': method<FileBytes[]>()(z.object({ period: periodCode, agencies: z.array(code).optional() })),
  'intake.import': method<ImportOutcome[]>()(
    z.object({
      files: z.array(fileBytes).min(1).max(500),
      period: periodCode.optional(),
      agency: code.optional(),
      profile: z.string().max(100).optional(),
      dryRun: z.boolean().default(false),
    }),
  ),
  'profiles.list': method<LayoutProfileSummary[]>()(none),
  'profiles.save': method<LayoutProfileSummary>()(z.object({ definition: z.unknown() })),
  'profiles.inspect': method<WorkbookInspection>()(z.object({ file: fileBytes })),
  'profiles.preview': method<ProfilePreview>()(z.object({ file: fileBytes, definition: z.unknown(), period: periodCode.optional() })),
  'exports.consolidated': method<FileBytes>()(z.object({ period: periodCode })),
  'exports.missing': method<FileBytes>()(z.object({ period: periodCode })),
  'exports.plan': method<FileBytes>()(z.object({ year: year.optional() })),
  'plans.impact': method<PlanImpact>()(z.object({ year, taskCode: code.optional(), indicatorCode: code.optional() })),

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

