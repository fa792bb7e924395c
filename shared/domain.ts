// The domain as the UI, the services and the files see it (domain.md, "Entities").
import type { PeriodKind, WindowPreset } from './periods';

export const AGENCY_GROUPS = ['standing', 'judicial', 'oversight', 'support', 'district', 'other'] as const;
export type AgencyGroup = (typeof AGENCY_GROUPS)[number];
export const AGENCY_GROUP_LABELS: Record<AgencyGroup, string> = {
  standing: 'Cơ quan thường trực',
  judicial: 'Cơ quan tư pháp',
  oversight: 'Cơ quan dân cử, giám sát',
  support: 'Bổ trợ tư pháp',
  district: 'Cấp ủy huyện, thành phố',
  other: 'Khác',
};

export const PLAN_STATUSES = ['draft', 'in_force', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Dự thảo',
  in_force: 'Đang thực hiện',
  closed: 'Đã kết thúc',
};

export const INDICATOR_KINDS = ['integer', 'decimal', 'percent', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const AGGREGATIONS = ['sum', 'ratio', 'max', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  sum: 'Cộng',
  ratio: 'Tỷ lệ (Σ tử số / Σ mẫu số)',
  max: 'Lớn nhất',
  latest: 'Số mới nhất',
};
/** 'min': the target is a floor (reach at least); 'max': a ceiling (stay at or under). */
export type TargetDirection = 'min' | 'max';

export const TASK_STATUSES = ['completed', 'in_progress', 'not_started', 'not_applicable'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  completed: 'Hoàn thành',
  in_progress: 'Đang thực hiện',
  not_started: 'Chưa thực hiện',
  not_applicable: 'Không thuộc phạm vi',
};

export const SUBMISSION_STATUSES = ['received', 'accepted', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  received: 'Đã nhận',
  accepted: 'Đã chấp nhận',
  returned: 'Trả lại để chỉnh sửa',
};
export type SubmissionSource = 'template' | 'profile' | 'manual';

export type AssignmentRole = 'lead' | 'coordinate';
export const ROLE_LABELS: Record<AssignmentRole, string> = { lead: 'Chủ trì', coordinate: 'Phối hợp' };

export interface Organization {
  name: string;
  parentBody: string;
  issuingBody: string;
  place: string;
  headingStyle: 'party' | 'state';
  standingOfficeCode: string | null;
}

export interface Agency {
  code: string;
  name: string;
  group: AgencyGroup;
  contactPerson: string | null;
  contactPhone: string | null;
  validFrom: string | null;
  validTo: string | null;
  sortOrder: number;
}

export interface Plan {
  id: number;
  year: number;
  number: string;
  issuedOn: string | null;
  title: string;
  basis: string | null;
  status: PlanStatus;
  /** What an edit sends back: the plan as the clerk loaded it (tasks.update and the like refuse an older one). */
  version: number;
}

export interface Indicator {
  code: string;
  taskCode: string;
  name: string;
  unit: string;
  kind: IndicatorKind;
  aggregation: Aggregation;
  numeratorCode: string | null;
  denominatorCode: string | null;
  target: number | null;
  targetDirection: TargetDirection | null;
  reporters: string[];
  sortOrder: number;
  /** Retired at all, whatever the date (the plan as it stands now); see planForPeriod for a period's view. */
  retired: boolean;
  /** The day it stops applying (ISO); null while in force. */
  retiredOn: string | null;
}

export interface Task {
  code: string;
  ordinal: number;
  ordinalLabel: string | null;
  title: string;
  content: string;
  lead: string[];
  coordinate: string[];
  sortOrder: number;
  retired: boolean;
  retiredOn: string | null;
  indicators: Indicator[];
}

/** Whether something retired on `retiredOn` still applies to a period that begins on `periodFrom`. */
export function inForceFor(retiredOn: string | null, periodFrom: string): boolean {
  return retiredOn === null || retiredOn > periodFrom;
}

/**
 * The plan as it stands for a period: a task or indicator retired on a day still
 * belongs to every period that began before that day (its reports were asked for it,
 * and its consolidation must not lose it), and to none that begins on or after it.
 */
export function planForPeriod(plan: PlanDetail, period: { from: string }): PlanDetail {
  return {
    plan: plan.plan,
    tasks: plan.tasks.map((t) => ({
      ...t,
      retired: !inForceFor(t.retiredOn, period.from),
      indicators: t.indicators.map((i) => ({ ...i, retired: !inForceFor(i.retiredOn, period.from) })),
    })),
  };
}

export interface PlanDetail {
  plan: Plan;
  tasks: Task[];
}

export interface Period {
  code: string;
  planYear: number;
  label: string;
  kind: PeriodKind;
  preset: WindowPreset | 'custom';
  from: string;
  to: string;
  due: string;
}

/**
 * Who did something: the operating-system user, the clerk's name set in Cài đặt, and on
 * a PostgreSQL server the role the clerk connects as (null on SQLite).
 */
export interface ActedBy {
  osUser: string | null;
  clerk: string | null;
  role: string | null;
}

/** What a report left blank: indicators it owes with no figure, tasks it is assigned with no status. */
export interface ReportGaps {
  indicators: string[];
  tasks: string[];
}

export interface Submission {
  id: number;
  agencyCode: string;
  periodCode: string;
  revision: number;
  current: boolean;
  /** The day the office received it (ISO date): the clerk's, today by default. */
  receivedOn: string;
  /** When it was recorded in the app (local ISO date-time). */
  recordedAt: string;
  recordedBy: ActedBy;
  /** Received after the period's due date. */
  late: boolean;
  status: SubmissionStatus;
  returnReason: string | null;
  source: SubmissionSource;
  /** The layout profile it was read with, and a hash of that profile's definition then. */
  profileId: number | null;
  profileSha256: string | null;
  /** The profile's name when it read the file (kept if the profile is later renamed or deleted). */
  profileName: string | null;
  fileName: string | null;
  sha256: string | null;
  /** Whether the original file's bytes are kept (every imported file since they are). */
  hasOriginal: boolean;
  documentNumber: string | null;
  documentDate: string | null;
  /** Against what the plan asks of this agency for the period; complete when nothing is blank. */
  gaps: ReportGaps;
  complete: boolean;
  /** Figures or statuses the office set itself (see Correction). */
  corrections: number;
}

export interface TaskReportInput {
  taskCode: string;
  status: TaskStatus | null;
  results: string;
  difficulties: string;
  proposals: string;
}

export interface ValueInput {
  indicatorCode: string;
  number: number | null;
  text?: string | null;
  /** Where the figure came from, e.g. "Báo cáo!F23"; null for a typed paper report. */
  sourceCell?: string | null;
}

/** Where each part of a task report came from ("Báo cáo!D12"); null for a typed report. */
export interface TaskReportCells {
  status: string | null;
  results: string | null;
  difficulties: string | null;
  proposals: string | null;
}

/**
 * A figure or status the office set itself, next to what the file said: a refused or
 * blank cell given a value after the clerk phoned the agency, with the clerk's note.
 */
export interface Correction {
  /** "indicator:NV2.01" or "task:NV1:status". */
  field: string;
  cell: string | null;
  /** What the file's cell showed; "" when it was blank. */
  fileText: string;
  number: number | null;
  /** A text figure, or the status code for a task status. */
  text: string | null;
  note: string;
  at: string;
  by: ActedBy;
}

/** An error-level rule check the clerk let through, with the reason given. */
export interface CheckAcceptance {
  rule: string;
  indicatorCode: string;
  /** The other period of a finding between two periods (CUMULATIVE_FALLS); null for a ratio's parts. */
  against: string | null;
  /** The report's figure and the one it was held to (the denominator, or the other period's), as accepted. */
  figures: { value: number; other: number };
  message: string;
  reason: string;
  at: string;
  by: ActedBy;
}

export interface SubmissionDetail extends Submission {
  taskReports: (TaskReportInput & { cells: TaskReportCells; correction: Correction | null })[];
  values: (ValueInput & { correction: Correction | null })[];
  acceptances: CheckAcceptance[];
}

const ORDINAL_WORDS = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai', 'mười ba', 'mười bốn', 'mười lăm'];

/** "Thứ nhất", "Thứ hai", …: how a plan names its tasks in order. */
export function ordinalLabel(n: number): string {
  return `Thứ ${ORDINAL_WORDS[n - 1] ?? String(n)}`;
}

/** True for a label this app would have written itself, so reordering may rewrite it. */
export function isStandardOrdinalLabel(label: string | null): boolean {
  return label === null || /^Thứ (nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười( một| hai| ba| bốn| lăm)?|\d+)$/u.test(label.normalize('NFC'));
}

/** Where this app's data is and what this clerk may do with it (the screens leave out what they may not). */
export interface SessionInfo {
  backend: 'sqlite' | 'postgres';
  /** The SQLite file, or the server's address without its password. */
  location: string;
  /** The server role this app connects as; null on SQLite. */
  role: string | null;
  /** False for a read-only role (a leader's): the server refuses its writes. */
  canWrite: boolean;
}

/** What `migrate-to` moved: every table with its rows (as counted on the server), and the periods whose consolidation was compared. */
export interface MigrateToResult {
  /** The SQLite file the data came from, left as it was. */
  source: string;
  /** The server's address, without its password. */
  target: string;
  schemaVersion: number;
  /** In the order they were copied (each after the tables it references). */
  tables: { name: string; rows: number }[];
  /** Rows copied in all (schema_migration, which the server's migrations write, aside). */
  rows: number;
  /** The periods whose consolidation on the server equals the file's. */
  periods: string[];
}

/** What `server-setup` did: the two group roles, and each person's login (a new one with its password, shown once). */
export interface ServerSetupResult {
  database: string;
  groups: { clerk: string; reader: string };
  accounts: { name: string; kind: 'clerk' | 'reader'; created: boolean; password: string | null; canLogin: boolean }[];
}

/** What a PostgreSQL address leads to (Cài đặt → Máy chủ dữ liệu → Kiểm tra kết nối). */
export type ServerDatabaseState = 'empty' | 'current' | 'older' | 'newer' | 'not_ours';

export interface ServerProbe {
  /** The address without its password. */
  location: string;
  /** As the server says it, e.g. "15.8". */
  serverVersion: string;
  role: string;
  database: string;
  state: ServerDatabaseState;
  /** The app's schema version recorded there; null for an empty or another program's database. */
  schemaVersion: number | null;
  /** The role may add reports (a clerk's or the owner's); false for a reader's. */
  canWrite: boolean;
  /** The role owns the database: it may create the app's tables or upgrade them. */
  isOwner: boolean;
}

/** The Máy chủ dữ liệu setting of this workstation. */
export interface DataServerInfo {
  /** False where the setting is not this front-end's to make (browser mode, the CLI: --db and TONGHOP_DB choose). */
  available: boolean;
  /** The server saved for the next start, without password; null: this workstation's own file. */
  saved: string | null;
  /** TONGHOP_DB names the database: the saved setting waits until it is unset. */
  overridden: boolean;
  /** What this app has open now. */
  current: { backend: 'sqlite' | 'postgres'; location: string };
}

export interface DataServerSaved {
  saved: string | null;
  probe: ServerProbe | null;
  /** The open database stays until the app starts again. */
  restartNeeded: boolean;
}
