// The issuing body (organization): a single row, id 1, written at first run.
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { Database, OrganizationTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function findOrganizationRow(db: Db) {
  return db.selectFrom('organization').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function updateOrganizationRow(db: Db, values: Updateable<OrganizationTable>): Promise<void> {
  await db.updateTable('organization').set(values).where('id', '=', 1).execute();
}
