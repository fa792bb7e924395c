import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function submissionQuery(db: Db) {
  return db
    .selectFrom('submission as s')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .innerJoin('period as p', 'p.id', 's.period_id')
    .selectAll('s')
    .select(['a.code as agency_code', 'a.name as agency_name', 'p.code as period_code']);
}

export type SubmissionWithCodes = Awaited<ReturnType<ReturnType<typeof submissionQuery>['executeTakeFirstOrThrow']>>;

export function findSubmission(db: Db, id: number): Promise<SubmissionWithCodes | undefined> {
  return submissionQuery(db).where('s.id', '=', id).executeTakeFirst();
}

export function listSubmissionRows(db: Db, periodId: number, agencyId?: number): Promise<SubmissionWithCodes[]> {
  let q = submissionQuery(db).where('s.period_id', '=', periodId).orderBy('a.sort_order').orderBy('s.revision', 'desc');
  if (agencyId !== undefined) q = q.where('s.agency_id', '=', agencyId);
  return q.execute();
}

export async function nextRevision(db: Db, agencyId: number, periodId: number): Promise<number> {
  const row = await db
    .selectFrom('submission')
    .select((eb) => eb.fn.max('revision').as('r'))
    .where('agency_id', '=', agencyId)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return Number(row?.r ?? 0) + 1;
}

export function submissionTaskReports(db: Db, submissionId: number) {
  return db
    .selectFrom('task_report as r')
    .innerJoin('task as t', 't.id', 'r.task_id')
    .select(['t.code as task_code', 'r.status', 'r.results', 'r.difficulties', 'r.proposals', 'r.source_cell'])
    .where('r.submission_id', '=', submissionId)
    .orderBy('t.sort_order')
    .execute();
}

export function submissionValues(db: Db, submissionId: number) {
  return db
    .selectFrom('value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .select(['i.code as indicator_code', 'v.number', 'v.text', 'v.source_cell'])
    .where('v.submission_id', '=', submissionId)
    .orderBy('t.sort_order')
    .orderBy('i.sort_order')
    .execute();
}

/**
 * One submission's figures and task reports keyed by code, for comparing a new report
 * with it: only the columns the comparison reads, and no ordering, since the caller
 * looks fields up by code (each code occurs once per submission: the primary keys).
 */
export function submissionValuesByCode(db: Db, submissionId: number) {
  return db
    .selectFrom('value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['i.code as indicator_code', 'v.number', 'v.text'])
    .where('v.submission_id', '=', submissionId)
    .execute();
}

export function submissionTaskReportsByCode(db: Db, submissionId: number) {
  return db
    .selectFrom('task_report as r')
    .innerJoin('task as t', 't.id', 'r.task_id')
    .select(['t.code as task_code', 'r.status', 'r.results', 'r.difficulties', 'r.proposals'])
    .where('r.submission_id', '=', submissionId)
    .execute();
}
