// Indicators (indicator) of a plan and the agencies that report each (indicator_reporter).
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, IndicatorReporterTable, IndicatorRow, IndicatorTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function findIndicatorByCode(db: Db, planId: number, code: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('indicator').selectAll().where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();
}

export async function indicatorIdByCode(db: Db, planId: number, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('indicator').select('id').where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();
  return row?.id;
}

/** Every indicator row of the plan, unordered and without joins: what a copy of the plan reads. */
export function planIndicatorRows(db: Db, planId: number): Promise<IndicatorRow[]> {
  return db.selectFrom('indicator').selectAll().where('plan_id', '=', planId).execute();
}

/** The live ratio indicators that take this one as numerator or denominator. */
export function liveRatiosUsing(db: Db, planId: number, indicatorId: number): Promise<{ code: string }[]> {
  return db
    .selectFrom('indicator')
    .select('code')
    .where('plan_id', '=', planId)
    .where('retired_on', 'is', null)
    .where((eb) => eb.or([eb('numerator_id', '=', indicatorId), eb('denominator_id', '=', indicatorId)]))
    .execute();
}

/** The highest sort order under the task (null when it has none), to place a new indicator last. */
export async function lastIndicatorPlace(db: Db, taskId: number): Promise<number | null> {
  const row = await db.selectFrom('indicator').select((eb) => eb.fn.max('sort_order').as('s')).where('task_id', '=', taskId).executeTakeFirst();
  return row?.s ?? null;
}

export function indicatorCodesOfTask(db: Db, taskId: number): Promise<{ code: string }[]> {
  return db.selectFrom('indicator').select('code').where('task_id', '=', taskId).execute();
}

export async function insertIndicator(db: Db, values: Insertable<IndicatorTable>): Promise<number> {
  const { id } = await db.insertInto('indicator').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateIndicatorRow(db: Db, id: number, values: Updateable<IndicatorTable>): Promise<void> {
  await db.updateTable('indicator').set(values).where('id', '=', id).execute();
}

export async function placeIndicator(db: Db, taskId: number, code: string, sortOrder: number): Promise<void> {
  await db.updateTable('indicator').set({ sort_order: sortOrder }).where('task_id', '=', taskId).where('code', '=', code).execute();
}

/** Retiring a task retires its live indicators on the same day; ones retired earlier keep their date. */
export async function retireLiveIndicatorsOfTask(db: Db, taskId: number, on: string): Promise<void> {
  await db.updateTable('indicator').set({ retired_on: on }).where('task_id', '=', taskId).where('retired_on', 'is', null).execute();
}

export function reporterRowsOf(db: Db, indicatorIds: readonly number[]) {
  // -1 keeps the IN list non-empty (no indicator has that id).
  return db.selectFrom('indicator_reporter').selectAll().where('indicator_id', 'in', [...indicatorIds, -1]).execute();
}

export async function deleteReporters(db: Db, indicatorId: number): Promise<void> {
  await db.deleteFrom('indicator_reporter').where('indicator_id', '=', indicatorId).execute();
}

export async function insertReporter(db: Db, values: Insertable<IndicatorReporterTable>): Promise<void> {
  await db.insertInto('indicator_reporter').values(values).execute();
}
