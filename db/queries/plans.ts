import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, PlanRow, PlanTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function listPlanRows(db: Db): Promise<PlanRow[]> {
  return db.selectFrom('plan').selectAll().orderBy('year', 'desc').execute();
}

export function findPlanByYear(db: Db, year: number): Promise<PlanRow | undefined> {
  return db.selectFrom('plan').selectAll().where('year', '=', year).executeTakeFirst();
}

/**
 * Raises the plan's version, if it is still `expected` (any, when not given): the edit's
 * claim, made in its transaction, so of two edits on the same version one wins and the
 * other changes nothing. Whether it held.
 */
export async function raisePlanVersion(db: Db, planId: number, expected: number | undefined): Promise<boolean> {
  let q = db.updateTable('plan').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', planId);
  if (expected !== undefined) q = q.where('version', '=', expected);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function insertPlan(db: Db, values: Insertable<PlanTable>): Promise<PlanRow> {
  return db.insertInto('plan').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Every report received against the plan, whatever its revision or status: what a plan change may touch. */
export function planSubmissionRows(db: Db, planId: number) {
  return db
    .selectFrom('submission as s')
    .innerJoin('period as p', 'p.id', 's.period_id')
    .select(['s.id', 's.agency_id', 'p.code'])
    .where('p.plan_id', '=', planId)
    .execute();
}

/** How many figures were received for the plan's indicator, over every report. */
export async function countIndicatorValues(db: Db, planId: number, indicatorCode: string): Promise<number> {
  const row = await db
    .selectFrom('value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.plan_id', '=', planId)
    .where('i.code', '=', indicatorCode)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many task reports were received for the plan's task, over every report. */
export async function countTaskReports(db: Db, planId: number, taskCode: string): Promise<number> {
  const row = await db
    .selectFrom('task_report as r')
    .innerJoin('task as t', 't.id', 'r.task_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.plan_id', '=', planId)
    .where('t.code', '=', taskCode)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The plan the office works on when none is named: the latest in force, else the latest. */
export async function findDefaultPlan(db: Db): Promise<PlanRow | undefined> {
  const inForce = await db.selectFrom('plan').selectAll().where('status', '=', 'in_force').orderBy('year', 'desc').executeTakeFirst();
  return inForce ?? db.selectFrom('plan').selectAll().orderBy('year', 'desc').executeTakeFirst();
}

export function taskRows(db: Db, planId: number) {
  return db.selectFrom('task').selectAll().where('plan_id', '=', planId).orderBy('sort_order').orderBy('ordinal').execute();
}

export function taskAssignmentRows(db: Db, planId: number) {
  return db
    .selectFrom('task_agency')
    .innerJoin('task', 'task.id', 'task_agency.task_id')
    .innerJoin('agency', 'agency.id', 'task_agency.agency_id')
    .select(['task_agency.task_id', 'task_agency.role', 'agency.code as agency_code', 'agency.sort_order'])
    .where('task.plan_id', '=', planId)
    .orderBy('agency.sort_order')
    .orderBy('agency.id')
    .execute();
}

export function indicatorRows(db: Db, planId: number) {
  return db
    .selectFrom('indicator as i')
    .innerJoin('task as t', 't.id', 'i.task_id')
    .leftJoin('indicator as n', 'n.id', 'i.numerator_id')
    .leftJoin('indicator as d', 'd.id', 'i.denominator_id')
    .selectAll('i')
    .select(['t.code as task_code', 'n.code as numerator_code', 'd.code as denominator_code'])
    .where('i.plan_id', '=', planId)
    .orderBy('t.sort_order')
    .orderBy('i.sort_order')
    .execute();
}

export function reporterRows(db: Db, planId: number) {
  return db
    .selectFrom('indicator_reporter as r')
    .innerJoin('indicator as i', 'i.id', 'r.indicator_id')
    .innerJoin('agency as a', 'a.id', 'r.agency_id')
    .select(['r.indicator_id', 'a.code as agency_code'])
    .where('i.plan_id', '=', planId)
    .orderBy('a.sort_order')
    .orderBy('a.id')
    .execute();
}
