// The writes of a new revision (electron/app/revisions.ts decides what they are): the
// submission row replacing the current one, its task reports and figures, the file's
// bytes once per content, the office's corrections and the checks let through, and the
// ids of a plan's tasks and indicators by code. All in the caller's transaction.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CheckAcceptanceTable, CorrectionTable, Database, NewSubmission, SourceFileTable, TaskReportTable, ValueTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The ids of a plan's tasks and indicators, by code. */
export async function planIdsByCode(db: Db, planId: number): Promise<{ taskIds: Map<string, number>; indicatorIds: Map<string, number> }> {
  const tasks = await db.selectFrom('task').select(['id', 'code']).where('plan_id', '=', planId).execute();
  const indicators = await db.selectFrom('indicator').select(['id', 'code']).where('plan_id', '=', planId).execute();
  return { taskIds: new Map(tasks.map((t) => [t.code, t.id])), indicatorIds: new Map(indicators.map((i) => [i.code, i.id])) };
}

/** A file's bytes, once per content: the same file imported twice is kept once. */
export async function insertSourceFile(db: Db, row: Insertable<SourceFileTable>): Promise<void> {
  await db.insertInto('source_file').values(row).onConflict((oc) => oc.column('sha256').doNothing()).execute();
}

export async function insertCorrection(db: Db, row: Insertable<CorrectionTable>): Promise<void> {
  await db.insertInto('correction').values(row).execute();
}

export async function insertCheckAcceptance(db: Db, row: Insertable<CheckAcceptanceTable>): Promise<void> {
  await db.insertInto('check_acceptance').values(row).execute();
}

/** The agency's report for the period as its new current revision: the current one (the partial index submission_current finds it) stops being so. */
export async function insertCurrentSubmission(db: Db, row: NewSubmission & { agency_id: number; period_id: number }): Promise<number> {
  await db.updateTable('submission').set({ is_current: 0 }).where('agency_id', '=', row.agency_id).where('period_id', '=', row.period_id).where('is_current', '=', 1).execute();
  const { id } = await db.insertInto('submission').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertTaskReports(db: Db, rows: readonly Insertable<TaskReportTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('task_report').values([...rows]).execute();
}

export async function insertValues(db: Db, rows: readonly Insertable<ValueTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('value').values([...rows]).execute();
}
