import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database, SubmissionTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function submissionQuery(db: Db) {
  return db
    .selectFrom('submission as s')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .innerJoin('period as p', 'p.id', 's.period_id')
    .selectAll('s')
    .select(['a.code as agency_code', 'a.name as agency_name', 'p.code as period_code'])
    .select((eb) => [
      eb.exists(eb.selectFrom('source_file as f').select('f.sha256').whereRef('f.sha256', '=', 's.file_sha256')).as('has_original'),
      // Fields the office corrected (a field corrected twice is one field).
      eb.selectFrom('correction as c').select((c) => c.fn.count<number>('c.field').distinct().as('n')).whereRef('c.submission_id', '=', 's.id').as('corrections'),
    ]);
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

/** Late means received after the due date: a period's new due date decides again for every report of it. */
export async function redecideLateness(db: Db, periodId: number, dueOn: string): Promise<void> {
  await db
    .updateTable('submission')
    .set((eb) => ({ is_late: eb.case().when('received_on', '>', dueOn).then(1).else(0).end() }))
    .where('period_id', '=', periodId)
    .execute();
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
    .select(['t.code as task_code', 'r.status', 'r.results', 'r.difficulties', 'r.proposals', 'r.source_cell', 'r.results_cell', 'r.difficulties_cell', 'r.proposals_cell'])
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

/** What gaps are reckoned from, for many submissions at once: the figures given and the statuses. */
export function submissionFieldRows(db: Db, submissionIds: readonly number[]) {
  if (submissionIds.length === 0) return Promise.resolve({ values: [], tasks: [] });
  return Promise.all([
    db
      .selectFrom('value as v')
      .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
      .select(['v.submission_id', 'i.code as indicator_code', 'v.number', 'v.text'])
      .where('v.submission_id', 'in', [...submissionIds])
      .execute(),
    db
      .selectFrom('task_report as r')
      .innerJoin('task as t', 't.id', 'r.task_id')
      .select(['r.submission_id', 't.code as task_code', 'r.status'])
      .where('r.submission_id', 'in', [...submissionIds])
      .execute(),
  ]).then(([values, tasks]) => ({ values, tasks }));
}

export function submissionCorrections(db: Db, submissionId: number) {
  return db.selectFrom('correction').selectAll().where('submission_id', '=', submissionId).orderBy('id').execute();
}

export function submissionAcceptances(db: Db, submissionId: number) {
  return db.selectFrom('check_acceptance').selectAll().where('submission_id', '=', submissionId).orderBy('id').execute();
}

export function originalFile(db: Db, sha256: string) {
  return db.selectFrom('source_file').selectAll().where('sha256', '=', sha256).executeTakeFirst();
}

/** Whether any report was ever recorded: the demo data goes only into an empty database. */
export async function hasAnySubmission(db: Db): Promise<boolean> {
  return (await db.selectFrom('submission').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** One revision becomes the agency's current report for its period; the others stay, not current. */
export async function makeRevisionCurrent(db: Db, revision: { id: number; agency_id: number; period_id: number }): Promise<void> {
  await db.updateTable('submission').set({ is_current: 0 }).where('agency_id', '=', revision.agency_id).where('period_id', '=', revision.period_id).execute();
  await db.updateTable('submission').set({ is_current: 1 }).where('id', '=', revision.id).execute();
}

export async function updateSubmissionRow(db: Db, id: number, values: Updateable<SubmissionTable>): Promise<void> {
  await db.updateTable('submission').set(values).where('id', '=', id).execute();
}
