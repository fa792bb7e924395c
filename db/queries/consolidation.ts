// What a period has on record, for counting.ts: every agency's current revision (in
// whatever status; counting decides what counts), its figures, task reports, the
// office's corrections and the rule checks let through. Each query can be narrowed to
// one agency, which the import uses to check one report against its own earlier ones.
//
// Every query starts from the period's current revisions (the index submission_period,
// then is_current on the row) and reaches their rows by the tables' primary keys
// (value and task_report by submission_id first) or correction_submission and
// check_acceptance_submission, so a period costs the same on one year of data as on
// ten (tests/integration/consolidation-queries.test.ts holds them to that). The
// *Query builders are exported for that test; services call the *Rows functions.
import type { Kysely, Transaction } from 'kysely';
import type { Database, PlanRow } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReportScope {
  periodId: number;
  /** Only this agency's report. */
  agencyId?: number;
}

export function currentReportQuery(db: Db, scope: ReportScope) {
  return db
    .selectFrom('submission as s')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .select([
      's.id',
      's.revision',
      's.status',
      's.received_on',
      's.received_at',
      's.is_late',
      's.document_number',
      's.document_date',
      's.file_name',
      's.file_sha256',
      's.source_kind',
      'a.code as agency_code',
    ])
    .where('s.period_id', '=', scope.periodId)
    .where('s.is_current', '=', 1)
    .$if(scope.agencyId !== undefined, (q) => q.where('s.agency_id', '=', scope.agencyId ?? -1));
}

/** The current revision of each agency's report for a period. */
export function currentReportRows(db: Db, scope: ReportScope) {
  return currentReportQuery(db, scope).execute();
}

/** The ids of the scope's current revisions: what every other query here narrows to. */
function currentIds(db: Db, scope: ReportScope) {
  return db
    .selectFrom('submission')
    .select('id')
    .where('period_id', '=', scope.periodId)
    .where('is_current', '=', 1)
    .$if(scope.agencyId !== undefined, (q) => q.where('agency_id', '=', scope.agencyId ?? -1));
}

export function currentValueQuery(db: Db, scope: ReportScope) {
  return db
    .selectFrom('value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.submission_id', 'i.code as indicator_code', 'v.number', 'v.text', 'v.source_cell'])
    .where('v.submission_id', 'in', currentIds(db, scope));
}

export function currentValueRows(db: Db, scope: ReportScope) {
  return currentValueQuery(db, scope).execute();
}

export function currentTaskReportQuery(db: Db, scope: ReportScope) {
  return db
    .selectFrom('task_report as r')
    .innerJoin('task as t', 't.id', 'r.task_id')
    .select([
      'r.submission_id',
      't.code as task_code',
      'r.status',
      'r.results',
      'r.difficulties',
      'r.proposals',
      'r.source_cell',
      'r.results_cell',
      'r.difficulties_cell',
      'r.proposals_cell',
    ])
    .where('r.submission_id', 'in', currentIds(db, scope));
}

export function currentTaskReportRows(db: Db, scope: ReportScope) {
  return currentTaskReportQuery(db, scope).execute();
}

export function currentCorrectionQuery(db: Db, scope: ReportScope) {
  return db.selectFrom('correction').selectAll().where('submission_id', 'in', currentIds(db, scope)).orderBy('id');
}

/** Corrections of current revisions, oldest first: the last of a field is the one in force. */
export function currentCorrectionRows(db: Db, scope: ReportScope) {
  return currentCorrectionQuery(db, scope).execute();
}

export function currentAcceptanceQuery(db: Db, scope: ReportScope) {
  return db.selectFrom('check_acceptance').selectAll().where('submission_id', 'in', currentIds(db, scope)).orderBy('id');
}

export function currentAcceptanceRows(db: Db, scope: ReportScope) {
  return currentAcceptanceQuery(db, scope).execute();
}

/** The plan a period belongs to (its id from the period's row). */
export function planRowById(db: Db, planId: number): Promise<PlanRow> {
  return db.selectFrom('plan').selectAll().where('id', '=', planId).executeTakeFirstOrThrow();
}
