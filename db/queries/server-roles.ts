// The roles of a shared PostgreSQL server (issue #16, `server-setup`): one group role
// for the clerks, who read and write, and one for readers (a leader), who read and
// leave a record of what they exported; each person logs in with a role of their own,
// a member of one group. The GRANTs, not the app, decide who may write: the app only
// reads them back (db/postgres.ts, canWrite) to leave out the buttons.
//
// Identifiers are quoted with sql.id; role names are checked by the Api's schema
// (shared/api/setup.ts) before they get here.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export type RoleKind = 'clerk' | 'reader';

/** The tables the app's data lives in, and the one sequence a reader's audit row needs. */
export interface ServerPlace {
  database: string;
  schema: string;
  owner: string;
  auditSequence: string | null;
}

export async function serverPlace(db: Db): Promise<ServerPlace> {
  const { rows } = await sql<{ database: string; schema: string; owner: string; audit_sequence: string | null }>`
    SELECT current_database() AS database, current_schema() AS schema, current_user AS owner,
           pg_get_serial_sequence('audit_log', 'id') AS audit_sequence`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('current_database() gave no row');
  return { database: row.database, schema: row.schema, owner: row.owner, auditSequence: row.audit_sequence };
}

export async function roleExists(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_roles WHERE rolname = ${name}`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The group roles, made once (NOLOGIN: nobody logs in as a group). */
export async function createGroupRole(db: Db, name: string): Promise<void> {
  await sql`CREATE ROLE ${sql.id(name)} NOLOGIN`.execute(db);
}

/** What each group may do, on the tables there are now and (ALTER DEFAULT PRIVILEGES) on those later migrations make. */
export async function grantGroup(db: Db, place: ServerPlace, group: string, kind: RoleKind): Promise<void> {
  const schema = sql.id(place.schema);
  const role = sql.id(group);
  await sql`GRANT CONNECT ON DATABASE ${sql.id(place.database)} TO ${role}`.execute(db);
  await sql`GRANT USAGE ON SCHEMA ${schema} TO ${role}`.execute(db);
  await sql`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`.execute(db);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON TABLES TO ${role}`.execute(db);
  if (kind === 'clerk') {
    await sql`GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`.execute(db);
    await sql`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`.execute(db);
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT INSERT, UPDATE, DELETE ON TABLES TO ${role}`.execute(db);
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`.execute(db);
    // The schema's version is the owner's to change (migrations), the record of what was done nobody's.
    await sql`REVOKE INSERT, UPDATE, DELETE ON schema_migration FROM ${role}`.execute(db);
    await sql`REVOKE UPDATE, DELETE ON audit_log FROM ${role}`.execute(db);
  } else {
    // A reader's backup is pg_dump, which reads every sequence's value too (SELECT on a
    // sequence reads it and nothing more; nextval needs USAGE).
    await sql`GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`.execute(db);
    await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON SEQUENCES TO ${role}`.execute(db);
    // A reader changes nothing, but an export, a document or a backup made is recorded with who made it.
    await sql`GRANT INSERT ON audit_log TO ${role}`.execute(db);
    if (place.auditSequence) await sql`GRANT USAGE ON SEQUENCE ${sql.raw(place.auditSequence)} TO ${role}`.execute(db);
  }
}

/** A person's login, in their group, with the password given. */
export async function createLoginRole(db: Db, name: string, group: string, password: string): Promise<void> {
  // CREATE ROLE takes no bind parameters; the password is the app's own base64url text.
  if (!/^[A-Za-z0-9_-]+$/u.test(password)) throw new Error('a generated password must be base64url');
  await sql`CREATE ROLE ${sql.id(name)} LOGIN PASSWORD ${sql.lit(password)} IN ROLE ${sql.id(group)}`.execute(db);
}

/** An existing login put in a group (its password is left as it is). */
export async function addToGroup(db: Db, name: string, group: string): Promise<void> {
  await sql`GRANT ${sql.id(group)} TO ${sql.id(name)}`.execute(db);
}

/** Takes a login out of a group (a clerk made a reader, or the other way round). */
export async function removeFromGroup(db: Db, name: string, group: string): Promise<void> {
  await sql`REVOKE ${sql.id(group)} FROM ${sql.id(name)}`.execute(db);
}

/** Whether a login may log in and is no superuser (a superuser's writes no GRANT stops). */
export async function loginRoleInfo(db: Db, name: string): Promise<{ canLogin: boolean; superuser: boolean } | null> {
  const { rows } = await sql<{ rolcanlogin: boolean; rolsuper: boolean }>`SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = ${name}`.execute(db);
  const row = rows[0];
  return row ? { canLogin: row.rolcanlogin, superuser: row.rolsuper } : null;
}

/**
 * Whether the connecting role may replace the app's tables and functions (a restore
 * drops and makes them again): it must own them, or be a member of the role that does,
 * and may create in the schema. `owners` are those it is not; empty when it may.
 */
export async function restoreRights(
  db: Db,
  tables: readonly string[],
  functions: readonly string[],
): Promise<{ me: string; owners: string[]; mayCreate: boolean }> {
  const { rows } = await sql<{ me: string; owners: string[] | null; may_create: boolean }>`
    SELECT current_user AS me,
           has_schema_privilege(current_schema(), 'CREATE') AS may_create,
           (SELECT array_agg(DISTINCT owner ORDER BY owner) FROM (
              SELECT tableowner::text AS owner FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY(${tables}::text[])
              UNION
              SELECT pg_get_userbyid(proowner)::text FROM pg_proc WHERE pronamespace = current_schema()::regnamespace AND proname = ANY(${functions}::text[])
            ) o WHERE NOT pg_has_role(current_user, owner, 'USAGE')) AS owners`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('current_user gave no row');
  return { me: row.me, owners: row.owners ?? [], mayCreate: row.may_create };
}
