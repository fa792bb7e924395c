// "Kiểm tra kết nối" for the Máy chủ dữ liệu setting (issue #16): what a PostgreSQL
// address leads to, asked without changing anything there. One connection, a short
// timeout (a clerk waits for the answer), read-only questions: the server's version,
// the role, and whether the database is empty, the app's (at which version), newer than
// this app, or another program's. The real open (openPostgres) decides again at start.
import pg from 'pg';
import { LATEST_SCHEMA_VERSION } from './migrations/index';
import { AppError } from '../shared/errors';
import { redactedLocation } from './handle';
import { withStoredPassword } from './pgpass';
import type { ServerDatabaseState, ServerProbe } from '../shared/domain';

const CONNECT_TIMEOUT_MS = 8000;

export async function probeServer(location: string): Promise<ServerProbe> {
  const client = new pg.Client({ connectionString: await withStoredPassword(location), connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'tonghop-cctp-probe' });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new AppError(
      'DB_UNREACHABLE',
      `Không kết nối được máy chủ dữ liệu ${redactedLocation(location)} (${err instanceof Error ? err.message : String(err)}). Hãy kiểm tra địa chỉ, tên người dùng và mật khẩu, và máy chủ PostgreSQL đang chạy.`,
    );
  }
  try {
    const who = (
      await client.query<{ version: string; role: string; database: string; owner: boolean }>(
        `SELECT current_setting('server_version') AS version, current_user AS role, current_database() AS database,
                pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'USAGE') AS owner`,
      )
    ).rows[0];
    if (!who) throw new Error('the server answered nothing');
    const tables = Number(
      (await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migration'")).rows[0]?.n ?? 0,
    );
    const hasMigrations = (await client.query<{ t: string | null }>("SELECT to_regclass('schema_migration')::text AS t")).rows[0]?.t !== null;
    const schemaVersion = hasMigrations ? ((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migration')).rows[0]?.v ?? null) : null;
    const state: ServerDatabaseState =
      schemaVersion === null ? (tables === 0 ? 'empty' : 'not_ours') : schemaVersion > LATEST_SCHEMA_VERSION ? 'newer' : schemaVersion < LATEST_SCHEMA_VERSION ? 'older' : 'current';
    // Writing is what a clerk's group is granted; with no tables yet, only an owner can make them.
    const canWrite =
      state === 'empty'
        ? who.owner
        : (await client.query<{ ok: boolean }>("SELECT to_regclass('submission') IS NOT NULL AND has_table_privilege(current_user, 'submission', 'INSERT') AS ok")).rows[0]?.ok === true;
    return { location: redactedLocation(location), serverVersion: who.version, role: who.role, database: who.database, state, schemaVersion, canWrite, isOwner: who.owner };
  } finally {
    await client.end().catch(() => undefined);
  }
}
