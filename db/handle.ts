// The one seam between the app and its storage (issue #16): an open database says which
// backend it is on and hides what differs between them. Services and queries use `db`
// (the same kysely queries on both) and the methods below; none of them asks which
// backend it is on.
//
// | what                  | SQLite (the embedded default)                 | PostgreSQL (a shared server)                          |
// | --------------------- | --------------------------------------------- | ----------------------------------------------------- |
// | opening               | a file: header and quick_check first          | a postgres:// URL, a pool of connections              |
// | migrations            | user_version in the file's header             | schema_migration under pg_advisory_lock               |
// | types                 | INTEGER, REAL, TEXT, BLOB                     | integer, double precision, text COLLATE "C", bytea    |
// | a transaction's state | the connection's own (SQLite may end one)     | kysely's: a server never ends one by itself           |
// | relaxed durability    | synchronous=NORMAL for the one transaction    | SET LOCAL synchronous_commit = off                    |
// | one at a time         | the file's single writer already serialises   | pg_advisory_lock on a key                             |
// | backups               | files, by SQLite's online backup API; also    | pg_dump/pg_restore archives (.dump) when the programs |
// |                       | automatic ones (before a batch, daily)        | are found (`server`); none automatic; else refused    |
// | who                   | the computer's account (os_user)              | also the role, filled in by the server (db_role)      |
// | read-only             | never                                         | a role without INSERT on submission (server-setup)    |
import type BetterSqlite3 from 'better-sqlite3';
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export type Backend = 'sqlite' | 'postgres';

export interface DbHandle {
  readonly backend: Backend;
  /** The file (SQLite) or the server's address without its password (PostgreSQL): what a clerk is told. */
  path: string;
  db: Kysely<Database>;
  /** A backup made before migrating an older file, if one was needed. */
  upgradeBackup: string | null;
  /** The addon build this handle was opened with, for any other connection to the same kind of file. */
  nativeBinding: string | undefined;
  /** Where the app's backup files go unless told otherwise: beside the SQLite file; for a server, data/backups (the front-ends say otherwise: resolveBackupDir). */
  defaultBackupDir: string;
  /**
   * Whether backups are SQLite files, by the online backup API, and also made on their own
   * (before a batch, daily). On a server they are pg_dump archives made only when asked
   * (`server`), with the server's programs when this machine has them.
   */
  readonly backupFiles: boolean;
  /** The server role this app connects as, recorded on what it writes (PostgreSQL); null on SQLite. */
  readonly role: string | null;
  /**
   * Whether the role may change the data (a leader's read-only role may not: the server
   * refuses its writes, and the screens leave out the buttons). Always true on SQLite.
   */
  readonly canWrite: boolean;
  /** PostgreSQL: how the server's own programs (pg_dump, pg_restore) reach this database; SQLite: null. */
  readonly server: ServerLink | null;
  /**
   * The SQLite connection under kysely, for the file backup and the tests; on
   * PostgreSQL there is none, and asking throws. Services never use it but through
   * backup.ts (eslint keeps it so).
   */
  readonly sqlite: BetterSqlite3.Database;
  /** Whether the transaction is still open: SQLite may end one by itself (a full disk) inside a statement whose error was caught. */
  inTransaction(trx: ControlledTransaction<Database>): boolean;
  /**
   * Runs `fn` in a transaction of its own whose COMMIT does not wait for the disk: a
   * power cut may lose that last transaction, never corrupt the data nor touch another.
   */
  relaxedDurability<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Inside a write transaction, as its first statement: waits until no other client's
   * transaction holds `key`, and holds it to the end of this one. What the transaction
   * reads after it (a revision number, the current report a change list compares with,
   * whether the same bytes were stored) no other client can change before it commits.
   * SQLite: the file's write lock, taken now rather than at the first write (which, in a
   * transaction that read first, fails at once when another process wrote meanwhile);
   * PostgreSQL: pg_advisory_xact_lock on the key.
   */
  lockForWrite(trx: Transaction<Database> | ControlledTransaction<Database>, key: string): Promise<void>;
  /** Runs `fn` while no other client runs one under the same key (the setup: migrations and seed). */
  exclusively<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The server refused a statement for the role's rights (SQLSTATE 42501): a read-only role writing. */
export function isPermissionDenied(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '42501';
}

/** What backup.ts needs of a server to hand its database to pg_dump and pg_restore. */
export interface ServerLink {
  /** The address for the programs, without its password: that goes in `env` (PGPASSWORD), never on a command line. */
  url: string;
  /** What the programs' environment adds to the app's: PGPASSWORD when the address carried a password. */
  env: Readonly<Record<string, string>>;
  /** The password itself (or null), only so that a program's message can be scrubbed of it. */
  password: string | null;
  /** SHOW server_version_num: 150018 for 15.18. */
  serverVersionNum(): Promise<number>;
  /** The schema the app's tables live in (current_schema()). */
  schema(): Promise<string>;
  /**
   * Before restoring an archive older than the database: the app's tables and functions
   * the archive does not hold (made by later migrations) go, in one transaction under the
   * setup lock, else pg_restore --clean could not drop the tables they reference, and the
   * later migrations, run again after, would find them there. Returns what was dropped
   * (nothing, for an archive of the database's own version).
   */
  dropNotIn(inArchive: { tables: ReadonlySet<string>; functions: ReadonlySet<string> }): Promise<string[]>;
  /** After pg_restore replaced the database under the pool: the migrations as at open, under the setup lock, refusing a newer version. */
  migrate(): Promise<number>;
}

/** A location names a PostgreSQL server rather than a file. */
export function isServerLocation(location: string): boolean {
  return /^postgres(?:ql)?:\/\//iu.test(location);
}

/** The address as a clerk may see it: the password, if the URL carries one, left out. */
export function redactedLocation(location: string): string {
  try {
    const url = new URL(location);
    if (url.password !== '') url.password = '';
    return url.toString().replace(/^(postgres(?:ql)?:\/\/[^:@/]*):@/iu, '$1@');
  } catch {
    return location.replace(/\/\/([^:@/]*):[^@/]*@/u, '//$1@');
  }
}
