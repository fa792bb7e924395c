// Tasks (task) of a plan and the agencies that lead or coordinate each (task_agency).
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, TaskAgencyTable, TaskRow, TaskTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function findTaskByCode(db: Db, planId: number, code: string): Promise<TaskRow | undefined> {
  return db.selectFrom('task').selectAll().where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();
}

export async function taskIdByCode(db: Db, planId: number, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('task').select('id').where('plan_id', '=', planId).where('code', '=', code).executeTakeFirst();
  return row?.id;
}

/** The highest sort order and ordinal in the plan (null when it has no task), to place a new task last. */
export async function lastTaskPlace(db: Db, planId: number): Promise<{ sortOrder: number | null; ordinal: number | null }> {
  const row = await db.selectFrom('task').select((eb) => [eb.fn.max('sort_order').as('s'), eb.fn.max('ordinal').as('o')]).where('plan_id', '=', planId).executeTakeFirst();
  return { sortOrder: row?.s ?? null, ordinal: row?.o ?? null };
}

export async function insertTask(db: Db, values: Insertable<TaskTable>): Promise<number> {
  const { id } = await db.insertInto('task').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateTaskRow(db: Db, id: number, values: Updateable<TaskTable>): Promise<void> {
  await db.updateTable('task').set(values).where('id', '=', id).execute();
}

/** The plan's tasks, unordered: what a reorder checks the new order against. */
export function taskLabelRows(db: Db, planId: number) {
  return db.selectFrom('task').select(['id', 'code', 'ordinal_label']).where('plan_id', '=', planId).execute();
}

export async function placeTask(db: Db, planId: number, code: string, place: { sortOrder: number; ordinal: number; ordinalLabel: string | null }): Promise<void> {
  await db
    .updateTable('task')
    .set({ sort_order: place.sortOrder, ordinal: place.ordinal, ordinal_label: place.ordinalLabel })
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .execute();
}

export function assignmentRowsOf(db: Db, taskIds: readonly number[]) {
  // -1 keeps the IN list non-empty (no task has that id).
  return db.selectFrom('task_agency').selectAll().where('task_id', 'in', [...taskIds, -1]).execute();
}

export async function deleteAssignments(db: Db, taskId: number): Promise<void> {
  await db.deleteFrom('task_agency').where('task_id', '=', taskId).execute();
}

export async function insertAssignment(db: Db, values: Insertable<TaskAgencyTable>): Promise<void> {
  await db.insertInto('task_agency').values(values).execute();
}
