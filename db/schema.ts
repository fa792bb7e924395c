// Table types for kysely. Names are snake_case as stored; services map them to the
// camelCase domain types of shared/domain.ts. Dates are ISO text (yyyy-mm-dd), times
// are local ISO date-times (yyyy-mm-ddThh:mm:ss), booleans are 0/1.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  parent_body: string;
  issuing_body: string;
  place: string;
  heading_style: 'party' | 'state';
  standing_office_code: string | null;
}

export interface AgencyTable {
  id: Generated<number>;
  code: string;
  name: string;
  group_kind: string;
  contact_person: string | null;
  contact_phone: string | null;
  valid_from: string | null;
  valid_to: string | null;
  sort_order: number;
  /** Folded name (no marks, đ→d, lower case) for diacritic-insensitive search in SQL. */
  search_key: string;
}

export interface PlanTable {
  id: Generated<number>;
  year: number;
  number: string;
  issued_on: string | null;
  title: string;
  basis: string | null;
  status: 'draft' | 'in_force' | 'closed';
  /** Raised by every edit of the plan's tasks and indicators: an edit made on an older one is refused. */
  version: Generated<number>;
}

export interface TaskTable {
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  code: string;
  ordinal: number;
  ordinal_label: string | null;
  title: string;
  content: string;
  sort_order: number;
  retired_on: string | null;
}

export interface TaskAgencyTable {
  task_id: number;
  agency_id: number;
  role: 'lead' | 'coordinate';
}

export interface IndicatorTable {
  id: Generated<number>;
  plan_id: number;
  task_id: number;
  code: string;
  name: string;
  unit: string;
  kind: 'integer' | 'decimal' | 'percent' | 'text';
  aggregation: 'sum' | 'ratio' | 'max' | 'latest';
  numerator_id: number | null;
  denominator_id: number | null;
  target: number | null;
  target_direction: 'min' | 'max' | null;
  sort_order: number;
  retired_on: string | null;
}

export interface IndicatorReporterTable {
  indicator_id: number;
  agency_id: number;
}

export interface PeriodTable {
  id: Generated<number>;
  plan_id: number;
  code: string;
  label: string;
  kind: 'quarter' | 'half' | 'nine-months' | 'year';
  preset: 'nd09' | 'calendar' | 'custom';
  date_from: string;
  date_to: string;
  due_on: string;
  sort_order: number;
}

export interface SubmissionTable {
  id: Generated<number>;
  agency_id: number;
  period_id: number;
  revision: number;
  is_current: number;
  /** When the report was recorded in the app (local date-time). */
  received_at: string;
  /** The day the office received it (the clerk's date); lateness is reckoned from it. */
  received_on: string;
  /** received_on after the period's due date; rewritten when either changes. */
  is_late: number;
  status: 'received' | 'accepted' | 'returned';
  return_reason: string | null;
  source_kind: 'template' | 'profile' | 'manual';
  profile_id: number | null;
  file_name: string | null;
  file_sha256: string | null;
  document_number: string | null;
  document_date: string | null;
  /** SHA-256 of the layout profile's definition the file was read with. */
  profile_sha256: string | null;
  /** The profile's name then: the record stays when the profile is renamed or deleted. */
  profile_name: string | null;
  /** Who recorded it: the operating-system user and the clerk's name from Cài đặt. */
  os_user: string | null;
  clerk: string | null;
  /** The server role it was written as (PostgreSQL fills it in); null on SQLite and before version 7. */
  db_role: Generated<string | null>;
}

export interface TaskReportTable {
  submission_id: number;
  task_id: number;
  status: 'completed' | 'in_progress' | 'not_started' | 'not_applicable' | null;
  results: string;
  difficulties: string;
  proposals: string;
  /** The status cell. */
  source_cell: string | null;
  results_cell: string | null;
  difficulties_cell: string | null;
  proposals_cell: string | null;
}

export interface ValueTable {
  submission_id: number;
  indicator_id: number;
  number: number | null;
  text: string | null;
  source_cell: string | null;
}

export interface LayoutProfileTable {
  id: Generated<number>;
  name: string;
  agency_id: number | null;
  definition: string;
  created_at: string;
  updated_at: string;
  /** The last file taken in through it, and when (a real import, not a check). */
  last_file_name: string | null;
  last_file_at: string | null;
  /** The last import that read a file through it, whatever became of the file. */
  last_used_at: string | null;
}

export interface ImportLogTable {
  id: Generated<number>;
  at: string;
  file_name: string;
  file_sha256: string | null;
  outcome: 'imported' | 'rejected' | 'duplicate' | 'dry_run';
  /** The first report of the file; import_log_submission lists every one. */
  submission_id: number | null;
  problems: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  action: string;
  entity: string;
  entity_key: string;
  detail: string;
  os_user: string | null;
  clerk: string | null;
  /** The server role it was written as (PostgreSQL fills it in); null on SQLite and before version 7. */
  db_role: Generated<string | null>;
}

export interface SourceFileTable {
  sha256: string;
  size: number;
  bytes: Uint8Array;
  /** The name it first arrived under. */
  name: string;
  stored_at: string;
}

export interface ImportLogSubmissionTable {
  import_log_id: number;
  submission_id: number;
}

export interface CorrectionTable {
  id: Generated<number>;
  submission_id: number;
  /** "indicator:NV2.01" or "task:NV1:status". */
  field: string;
  cell: string | null;
  /** What the file's cell showed ("" when blank). */
  file_text: string;
  number: number | null;
  /** A text figure, or a task status code. */
  text: string | null;
  note: string;
  at: string;
  os_user: string | null;
  clerk: string | null;
  /** The server role it was written as (PostgreSQL fills it in); null on SQLite and before version 7. */
  db_role: Generated<string | null>;
}

export interface CheckAcceptanceTable {
  id: Generated<number>;
  submission_id: number;
  rule: string;
  indicator_code: string;
  against_period: string | null;
  value: number;
  other_value: number;
  message: string;
  reason: string;
  at: string;
  os_user: string | null;
  clerk: string | null;
  /** The server role it was written as (PostgreSQL fills it in); null on SQLite and before version 7. */
  db_role: Generated<string | null>;
}

export interface SettingTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Database {
  organization: OrganizationTable;
  agency: AgencyTable;
  plan: PlanTable;
  task: TaskTable;
  task_agency: TaskAgencyTable;
  indicator: IndicatorTable;
  indicator_reporter: IndicatorReporterTable;
  period: PeriodTable;
  submission: SubmissionTable;
  task_report: TaskReportTable;
  value: ValueTable;
  layout_profile: LayoutProfileTable;
  import_log: ImportLogTable;
  audit_log: AuditLogTable;
  source_file: SourceFileTable;
  import_log_submission: ImportLogSubmissionTable;
  correction: CorrectionTable;
  check_acceptance: CheckAcceptanceTable;
  setting: SettingTable;
  schema_migration: SchemaMigrationTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type PlanRow = Selectable<PlanTable>;
export type TaskRow = Selectable<TaskTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type PeriodRow = Selectable<PeriodTable>;
export type SubmissionRow = Selectable<SubmissionTable>;
export type NewSubmission = Insertable<SubmissionTable>;
export type AgencyUpdate = Updateable<AgencyTable>;
