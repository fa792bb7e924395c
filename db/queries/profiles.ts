// Saved layout profiles (layout_profile), as plain functions on a database or a transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export function profileRows(db: Db) {
  return db
    .selectFrom('layout_profile as p')
    .leftJoin('agency as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.name', 'p.definition', 'p.created_at', 'p.updated_at', 'p.last_file_name', 'p.last_file_at', 'p.last_used_at', 'a.code as agency_code', 'a.name as agency_name'])
    .select((eb) => eb.selectFrom('submission as s').select((s) => s.fn.countAll<number>().as('n')).whereRef('s.profile_id', '=', 'p.id').as('reports'))
    .orderBy('p.name');
}

/** Every profile's stored definition, by name: what recognition tries a foreign workbook against. */
export function profileDefinitionRows(db: Db) {
  return db.selectFrom('layout_profile').select(['id', 'name', 'definition']).orderBy('name').execute();
}

export type ProfileRow = Awaited<ReturnType<ReturnType<typeof profileRows>['executeTakeFirstOrThrow']>>;

export function findProfileRow(db: Db, name: string): Promise<ProfileRow | undefined> {
  return profileRows(db).where('p.name', '=', name).executeTakeFirst();
}

/**
 * The id a new profile gets: past every profile and every report's profile_id, so a
 * deleted profile's id is never given to another one (a report read through the old
 * profile must not seem read through the new).
 */
async function unusedId(db: Db): Promise<number> {
  const row = await sql<{ n: number | null }>`SELECT max(n) AS n FROM (SELECT max(id) AS n FROM layout_profile UNION ALL SELECT max(profile_id) FROM submission) AS ids`.execute(db);
  return Number(row.rows[0]?.n ?? 0) + 1;
}

export async function insertProfile(db: Db, values: { name: string; agencyId: number | null; definition: string; at: string }): Promise<number> {
  const id = await unusedId(db);
  await db.insertInto('layout_profile').values({ id, name: values.name, agency_id: values.agencyId, definition: values.definition, created_at: values.at, updated_at: values.at }).execute();
  return id;
}

export async function updateProfileDefinition(db: Db, id: number, values: { agencyId: number | null; definition: string; at: string }): Promise<void> {
  await db.updateTable('layout_profile').set({ agency_id: values.agencyId, definition: values.definition, updated_at: values.at }).where('id', '=', id).execute();
}

export async function renameProfileRow(db: Db, id: number, values: { name: string; definition: string; at: string }): Promise<void> {
  await db.updateTable('layout_profile').set({ name: values.name, definition: values.definition, updated_at: values.at }).where('id', '=', id).execute();
}

/** Reports keep their profile_id and profile_name: only the profile goes. */
export async function deleteProfileRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('layout_profile').where('id', '=', id).execute();
}

export async function recordProfileUse(db: Db, id: number, use: { at: string; file: string | null }): Promise<void> {
  await db
    .updateTable('layout_profile')
    .set(use.file === null ? { last_used_at: use.at } : { last_used_at: use.at, last_file_name: use.file, last_file_at: use.at })
    .where('id', '=', id)
    .execute();
}

/** The latest report read through the profile (its original opens as the wizard's sample). */
export async function lastSubmissionOf(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('submission').select('id').where('profile_id', '=', id).orderBy('received_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return row?.id ?? null;
}
