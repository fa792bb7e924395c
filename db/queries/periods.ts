import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { Database, PeriodTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function periodQuery(db: Db) {
  return db
    .selectFrom('period')
    .innerJoin('plan', 'plan.id', 'period.plan_id')
    .select([
      'period.id',
      'period.plan_id',
      'period.code',
      'period.label',
      'period.kind',
      'period.preset',
      'period.date_from',
      'period.date_to',
      'period.due_on',
      'period.sort_order',
      'plan.year as plan_year',
    ]);
}

export type PeriodWithYear = Awaited<ReturnType<ReturnType<typeof periodQuery>['executeTakeFirstOrThrow']>>;

export function findPeriodByCode(db: Db, code: string): Promise<PeriodWithYear | undefined> {
  return periodQuery(db).where('period.code', '=', code).executeTakeFirst();
}

export function listPeriodRows(db: Db, year?: number): Promise<PeriodWithYear[]> {
  let q = periodQuery(db).orderBy('plan.year').orderBy('period.sort_order').orderBy('period.date_to');
  if (year !== undefined) q = q.where('plan.year', '=', year);
  return q.execute();
}

export async function insertPeriod(db: Db, values: Insertable<PeriodTable>): Promise<void> {
  await db.insertInto('period').values(values).execute();
}

export async function updatePeriodRow(db: Db, id: number, values: Updateable<PeriodTable>): Promise<void> {
  await db.updateTable('period').set(values).where('id', '=', id).execute();
}
