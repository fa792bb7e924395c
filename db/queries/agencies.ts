import type { Kysely, Transaction } from 'kysely';
import type { AgencyRow, Database } from '../schema';

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
