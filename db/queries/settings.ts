// The office's preferences (setting): one JSON value per key.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function settingRows(db: Db) {
  return db.selectFrom('setting').selectAll().execute();
}

/** One setting's stored JSON text, or undefined when it was never saved. */
export async function settingValue(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function saveSetting(db: Db, key: string, json: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}
