import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AgencyRow, AgencyTable, AgencyUpdate, Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function listAgencyRows(db: Db): Promise<AgencyRow[]> {
  return db.selectFrom('agency').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function findAgencyByCode(db: Db, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agency').selectAll().where('code', '=', code).executeTakeFirst();
}

/** code → id for every agency, for resolving the codes that plans and files use. */
export async function agencyIdsByCode(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('agency').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The highest sort order in use (null when there is no agency), to place a new agency last. */
export async function lastAgencyPlace(db: Db): Promise<number | null> {
  const row = await db.selectFrom('agency').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
  return row?.m ?? null;
}

export function insertAgency(db: Db, values: Insertable<AgencyTable>): Promise<AgencyRow> {
  return db.insertInto('agency').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateAgencyRow(db: Db, id: number, values: AgencyUpdate): Promise<AgencyRow> {
  return db.updateTable('agency').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
