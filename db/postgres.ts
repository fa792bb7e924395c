// Opening a PostgreSQL server (issue #16): the same kysely queries through the `pg`
// driver, behind the DbHandle of handle.ts. Migrations run under an advisory lock, so
// two clients starting at once migrate once, and a database of a newer version is
// refused as a newer SQLite file is.
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { AppError } from '../shared/errors';
import { localDateTime } from '../shared/dates';
import type { Database } from './schema';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index';
import { schemaTooNewError } from './connection';
import { isPermissionDenied, redactedLocation, type DbHandle, type ServerLink } from './handle';
import { withStoredPassword } from './pgpass';

/**
 * What the server sends back as numbers. SQLite's INTEGER is 64 bits and comes back a
 * number; PostgreSQL's bigint (count(*), sum of integers) and numeric (sum of bigints,
 * avg) come back as strings unless told otherwise. Counts and sums here are far below
 * 2^53.
 */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  }) as typeof pg.types.getTypeParser,
};

/** The 64-bit key of one of the app's advisory locks, from its name. */
const LOCK_KEY = "hashtextextended('tonghop-cctp:' || $1, 0)";

function unreachable(location: string, err: unknown): AppError {
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError(
    'DB_UNREACHABLE',
    `Không kết nối được máy chủ dữ liệu ${redactedLocation(location)} (${detail}). Hãy kiểm tra địa chỉ, tên người dùng và mật khẩu, và máy chủ PostgreSQL đang chạy.`,
  );
}

function notOurs(location: string): AppError {
  return new AppError(
    'DB_NOT_OURS',
    `Cơ sở dữ liệu ${redactedLocation(location)} đã có bảng của một chương trình khác. Hãy chọn một cơ sở dữ liệu trống hoặc của Tổng hợp CCTP.`,
  );
}

function upgradeNeedsOwner(location: string): AppError {
  return new AppError(
    'DB_UPGRADE_NEEDS_OWNER',
    `Cơ sở dữ liệu ${redactedLocation(location)} cần được nâng cấp lên phiên bản ${LATEST_SCHEMA_VERSION} của ứng dụng, nhưng tài khoản này không có quyền sửa cấu trúc dữ liệu. Hãy nhờ người quản trị máy chủ mở ứng dụng một lần bằng tài khoản chủ sở hữu cơ sở dữ liệu (ví dụ: npm run cli -- status --db postgres://<chủ sở hữu>@…), rồi mở lại.`,
  );
}

/** Runs `fn` on one connection of its own, holding the app's advisory lock `key` for as long. */
async function holdingLock<T>(pool: pg.Pool, key: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK_KEY})`, [key]);
    try {
      return await fn(client);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [key]);
    }
  } finally {
    client.release();
  }
}

const SCHEMA_MIGRATION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`;

/** Runs one statement (with its parameters) on whatever connection or transaction the caller holds. */
export type RunStatement = (text: string, params?: unknown[]) => Promise<unknown>;

function checkMigrationList(): void {
  MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at ${m.name}: version ${m.version}, expected ${i + 1}`);
  });
}

/** One migration's statements and its row in schema_migration, in the caller's transaction. */
async function applyMigration(run: RunStatement, m: Migration): Promise<void> {
  for (const statement of m.postgres) await run(statement);
  await run('INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, localDateTime(new Date())]);
}

/**
 * Runs the pending migrations, each in its own transaction, recorded in
 * schema_migration, while holding the setup lock: a second client waits, then finds
 * nothing left to do. Returns the version the database is at.
 */
export async function migratePostgres(client: pg.PoolClient, location: string, targetVersion = LATEST_SCHEMA_VERSION): Promise<number> {
  checkMigrationList();
  const found = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migration'",
  );
  const recorded = await client.query<{ v: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_migration') IS NULL THEN NULL ELSE (SELECT max(version) FROM schema_migration) END AS v",
  ).catch(() => ({ rows: [{ v: null }] }));
  let current = recorded.rows[0]?.v ?? 0;
  if (current > LATEST_SCHEMA_VERSION) throw schemaTooNewError(current);
  // Version 0 with tables in it is some other program's database: never migrate into it.
  if (current === 0 && Number(found.rows[0]?.n ?? 0) > 0) throw notOurs(location);
  // Nothing to do is done without a statement that needs rights: a clerk's or a leader's
  // role may not create tables (PostgreSQL 15 checks that before IF NOT EXISTS).
  if (current >= Math.min(targetVersion, LATEST_SCHEMA_VERSION)) return current;
  await client.query(SCHEMA_MIGRATION_TABLE);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > targetVersion) continue;
    await client.query('BEGIN');
    try {
      await applyMigration((text, params) => client.query(text, params), m);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    current = m.version;
  }
  return current;
}

/**
 * Every migration, from nothing to the latest, inside the caller's one transaction
 * (migrate-to): a database made and filled in one transaction is either whole or not
 * there at all, never a schema without its data. The caller holds the setup lock
 * (lockForWrite 'setup') and has checked that the database is empty.
 */
export async function migrateEmptyInTransaction(run: RunStatement): Promise<number> {
  checkMigrationList();
  await run(SCHEMA_MIGRATION_TABLE);
  for (const m of MIGRATIONS) await applyMigration(run, m);
  return LATEST_SCHEMA_VERSION;
}

/** The tables and functions the app's PostgreSQL migrations make (and schema_migration): what a restore may drop and an archive may hold. */
export const APP_OBJECTS: { tables: ReadonlySet<string>; functions: ReadonlySet<string> } = (() => {
  const tables = new Set<string>(['schema_migration']);
  const functions = new Set<string>();
  for (const m of MIGRATIONS) {
    for (const statement of m.postgres) {
      const table = /^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/iu.exec(statement);
      if (table?.[1] !== undefined) tables.add(table[1]);
      const fn = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"?(\w+)"?/iu.exec(statement);
      if (fn?.[1] !== undefined) functions.add(fn[1]);
    }
  }
  return { tables, functions };
})();

function quoteIdent(name: string): string {
  return `"${name.replace(/"/gu, '""')}"`;
}

/**
 * The database as pg_dump and pg_restore reach it: the address without its password,
 * the password in their environment. `connection` is the address the pool connects
 * with, the password a pgpass file holds already in it (the app's own file is not one
 * the programs read); `location` is what messages name.
 */
function serverLink(pool: pg.Pool, connection: string, location: string): ServerLink {
  let password: string | null = null;
  try {
    const url = new URL(connection);
    if (url.password !== '') password = decodeURIComponent(url.password);
  } catch {
    // An address URL cannot parse has no password we could take apart: the programs read PGPASSWORD or .pgpass.
  }
  return {
    url: redactedLocation(location),
    env: password === null ? {} : { PGPASSWORD: password },
    password,
    serverVersionNum: async () => Number((await pool.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]?.server_version_num),
    schema: async () => String((await pool.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s),
    dropNotIn: (inArchive) =>
      holdingLock(pool, 'setup', async (client) => {
        const tables = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).rows.map((r) => r.name);
        const functions = (await client.query<{ name: string }>('SELECT proname AS name FROM pg_proc WHERE pronamespace = current_schema()::regnamespace')).rows.map((r) => r.name);
        const extraTables = tables.filter((t) => APP_OBJECTS.tables.has(t) && !inArchive.tables.has(t));
        const extraFunctions = functions.filter((f) => APP_OBJECTS.functions.has(f) && !inArchive.functions.has(f));
        if (extraTables.length + extraFunctions.length === 0) return [];
        await client.query('BEGIN');
        try {
          for (const t of extraTables) await client.query(`DROP TABLE IF EXISTS ${quoteIdent(t)} CASCADE`);
          for (const f of extraFunctions) await client.query(`DROP FUNCTION IF EXISTS ${quoteIdent(f)} CASCADE`);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        return [...extraTables, ...extraFunctions];
      }),
    migrate: () => holdingLock(pool, 'setup', (client) => migratePostgres(client, location)),
  };
}

export interface PostgresOptions {
  /** Migrate only up to this version (tests of single migrations). */
  targetVersion?: number;
  /** Connections kept open at most (default 10). */
  maxConnections?: number;
  /**
   * Run the pending migrations on opening (default true). migrate-to opens an empty
   * database without them, to make the schema in the same transaction as the copy.
   */
  migrate?: boolean;
}

export async function openPostgres(location: string, options: PostgresOptions = {}): Promise<DbHandle> {
  // The password from the pgpass file when the address carries none; messages keep naming `location`.
  const connection = await withStoredPassword(location);
  const pool = new pg.Pool({ connectionString: connection, types, max: options.maxConnections ?? 10, application_name: 'tonghop-cctp' });
  // A connection the server drops must not bring the process down: the query on it
  // fails, and the next one takes a new connection.
  const lost = (err: Error) => console.error('[db] PostgreSQL connection lost:', err.message);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  try {
    try {
      (await pool.connect()).release();
    } catch (err) {
      throw unreachable(location, err);
    }
    if (options.migrate !== false) {
      await holdingLock(pool, 'setup', (client) => migratePostgres(client, location, options.targetVersion)).catch((err: unknown) => {
        throw isPermissionDenied(err) ? upgradeNeedsOwner(location) : err;
      });
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  // Who this app is on the server, and whether it may write (server-setup's GRANTs decide).
  // By the table's oid, so a database opened before it has our tables (migrate: false)
  // answers "no" instead of failing on a table that is not there yet.
  const who = await pool
    .query<{ role: string; can_write: boolean | null }>("SELECT current_user AS role, has_table_privilege(current_user, to_regclass('submission'), 'INSERT') AS can_write")
    .catch(async (err: unknown) => {
      await pool.end().catch(() => undefined);
      throw unreachable(location, err);
    });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    role: who.rows[0]?.role ?? null,
    canWrite: who.rows[0]?.can_write ?? false,
    backend: 'postgres',
    path: redactedLocation(location),
    db,
    upgradeBackup: null,
    nativeBinding: undefined,
    // A server has no file to put them beside: the front-ends name the app's own folder
    // (resolveBackupDir); this is only what a bare openApp falls back on, the command
    // line's data/ folder, never the working folder itself.
    defaultBackupDir: path.resolve('data', 'backups'),
    backupFiles: false,
    server: serverLink(pool, connection, location),
    get sqlite(): never {
      throw new Error('A PostgreSQL database has no SQLite connection');
    },
    // A server never ends a transaction by itself: one that failed stays open, refusing statements, until rolled back.
    inTransaction: (trx) => !trx.isCommitted && !trx.isRolledBack,
    relaxedDurability: <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
      db.transaction().execute(async (trx) => {
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        return fn(trx);
      }),
    lockForWrite: async (trx, key) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${'tonghop-cctp:' + key}, 0))`.execute(trx);
    },
    exclusively: <T>(key: string, fn: () => Promise<T>): Promise<T> => holdingLock(pool, key, () => fn()),
    close: () => db.destroy(),
  };
}
