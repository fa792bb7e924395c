import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The current revision of every agency's report for a period. */
export function currentSubmissions(db: Db, periodId: number) {
  return db
    .selectFrom('submission as s')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .select(['s.id', 's.revision', 's.received_at', 's.is_late', 's.status', 'a.code as agency_code'])
    .where('s.period_id', '=', periodId)
    .where('s.is_current', '=', 1)
    .execute();
}

/** Figures of the current, not returned, reports of a period. */
export function currentValues(db: Db, periodId: number) {
  return db
    .selectFrom('value as v')
    .innerJoin('submission as s', 's.id', 'v.submission_id')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['i.code as indicator_code', 'a.code as agency_code', 'v.number', 'v.text', 'v.source_cell', 's.id as submission_id', 's.received_at'])
    .where('s.period_id', '=', periodId)
    .where('s.is_current', '=', 1)
    .where('s.status', '<>', 'returned')
    .execute();
}

export function currentTaskReports(db: Db, periodId: number) {
  return db
    .selectFrom('task_report as r')
    .innerJoin('submission as s', 's.id', 'r.submission_id')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .innerJoin('task as t', 't.id', 'r.task_id')
    .select(['t.code as task_code', 'a.code as agency_code', 'r.status', 'r.results', 'r.difficulties', 'r.proposals'])
    .where('s.period_id', '=', periodId)
    .where('s.is_current', '=', 1)
    .where('s.status', '<>', 'returned')
    .execute();
}
