// Opening the one SQLite file: check it before touching it, refuse a newer schema,
// back up an older one, migrate, and set the pragmas the design asks for. A
// postgres:// location opens a server instead (postgres.ts), behind the same DbHandle.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Transaction } from 'kysely';
import { AppError } from '../shared/errors';
import { localDateTime } from '../shared/dates';
import type { Database } from './schema';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import { cachingDatabase } from './statement-cache';
import { isServerLocation, type DbHandle } from './handle';

export type { Backend, DbHandle } from './handle';

export interface OpenOptions {
  /** Where the pre-migration backup goes; default: a "backups" folder beside the file. */
  backupDir?: string;
  /** The Electron-ABI build of the addon, when running inside Electron. */
  nativeBinding?: string;
  /** Migrate only up to this version (tests of single migrations). */
  targetVersion?: number;
}

/** An open SQLite file: its connection is always there. */
export interface SqliteHandle extends DbHandle {
  readonly backend: 'sqlite';
}

interface FileState {
  version: number;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function notOurs(file: string): AppError {
  return new AppError(
    'DB_NOT_SQLITE',
    `Tệp ${path.basename(file)} không phải là cơ sở dữ liệu của ứng dụng hoặc đã bị hỏng. Hãy chọn đúng tệp hoặc khôi phục từ một bản sao lưu.`,
  );
}

/**
 * Looks at an existing file before anything writes to it, so a file we refuse is left
 * exactly as it was: the 100-byte header first (SQLite's magic, and user_version at
 * offset 60), because even a read-only open of a WAL database leaves -wal and -shm
 * files behind; then, for a file we will open anyway, a read-only quick_check.
 */
export function inspectDatabaseFile(file: string, nativeBinding?: string): FileState {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) throw notOurs(file);
  const headerVersion = header.readUInt32BE(60);
  if (headerVersion > LATEST_SCHEMA_VERSION) throw schemaTooNewError(headerVersion);

  let probe: BetterSqlite3.Database | undefined;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw schemaTooNewError(version);
    const check = probe.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      throw new AppError('DB_CORRUPT', `Tệp dữ liệu ${path.basename(file)} bị hỏng (kiểm tra toàn vẹn: ${check}). Hãy khôi phục từ một bản sao lưu.`);
    }
    // Version 0 with tables in it is some other program's database: never migrate into it.
    const tables = probe.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migration'").get() as { n: number };
    if (version === 0 && tables.n > 0) throw notOurs(file);
    return { version };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw notOurs(file);
    throw err;
  } finally {
    probe?.close();
  }
}

export function schemaTooNewError(fileVersion: number): AppError {
  return new AppError(
    'DB_TOO_NEW',
    `Tệp dữ liệu được tạo bởi một phiên bản mới hơn của ứng dụng (lược đồ v${fileVersion}, phiên bản này chỉ đọc được đến v${LATEST_SCHEMA_VERSION}). Hãy cài phiên bản mới của ứng dụng; tệp dữ liệu được giữ nguyên, không bị thay đổi.`,
  );
}

function stamp(d: Date): string {
  return localDateTime(d).replace(/[-:]/gu, '').replace('T', '-');
}

/** Runs the pending migrations, each in its own transaction, recorded in schema_migration. */
export function migrate(sqlite: BetterSqlite3.Database, targetVersion = LATEST_SCHEMA_VERSION): number {
  MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at ${m.name}: version ${m.version}, expected ${i + 1}`);
  });
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  let current = sqlite.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) throw schemaTooNewError(current);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > targetVersion) continue;
    sqlite.transaction(() => {
      for (const statement of m.statements) sqlite.exec(statement);
      sqlite
        .prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, localDateTime(new Date()));
      // user_version lives in the file header and is written by this same transaction.
      sqlite.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}

/** Opens a SQLite file, or the PostgreSQL server a postgres:// location names. */
export async function openStore(location: string, options: OpenOptions = {}): Promise<DbHandle> {
  if (!isServerLocation(location)) return openDatabase(location, options);
  // Loaded only for a server: the embedded default never pays for the driver.
  const { openPostgres } = await import('./postgres');
  return openPostgres(location, { targetVersion: options.targetVersion });
}

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<SqliteHandle> {
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
  let upgradeBackup: string | null = null;
  if (exists) {
    const { version } = inspectDatabaseFile(file, options.nativeBinding);
    if (version > LATEST_SCHEMA_VERSION) throw schemaTooNewError(version);
    if (version > 0 && version < (options.targetVersion ?? LATEST_SCHEMA_VERSION)) {
      upgradeBackup = await backupBeforeUpgrade(file, version, options);
    }
  } else {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  const sqlite = new BetterSqlite3(file, { nativeBinding: options.nativeBinding });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    migrate(sqlite, options.targetVersion);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  // kysely prepares every query it runs; the wrapper keeps the statements (see
  // statement-cache.ts for why reuse is safe, schema changes and restores included).
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }) });
  return {
    backend: 'sqlite',
    path: file,
    sqlite,
    db,
    upgradeBackup,
    nativeBinding: options.nativeBinding,
    defaultBackupDir: path.join(path.dirname(path.resolve(file)), 'backups'),
    backupFiles: true,
    role: null,
    canWrite: true,
    server: null,
    // SQLite may end a transaction by itself (a full disk, an I/O error) inside a
    // statement whose error was caught: only the connection knows.
    inTransaction: () => sqlite.inTransaction,
    // synchronous=NORMAL for this one transaction, set while the connection is held:
    // SQLite refuses to change it inside a transaction. In WAL mode a power cut may then
    // lose the last transaction, never corrupt the file.
    relaxedDurability: <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
      db.connection().execute(async (conn) => {
        sqlite.pragma('synchronous = NORMAL');
        try {
          return await conn.transaction().execute(fn);
        } finally {
          sqlite.pragma('synchronous = FULL');
        }
      }),
    // A write that changes nothing takes the file's write lock (waiting out busy_timeout
    // for another process's), so the transaction never reads a state another writer is
    // about to change. One lock for the whole file: the key says nothing more here.
    lockForWrite: async (trx) => {
      await sql`UPDATE setting SET key = key WHERE 0`.execute(trx);
    },
    // The file has one writer at a time already; the setup's transactions take its lock.
    exclusively: <T>(_key: string, fn: () => Promise<T>): Promise<T> => fn(),
    // Kysely's destroy() closes the better-sqlite3 handle only if Kysely ever ran a
    // query on it (its driver is initialised lazily), so close the handle ourselves too.
    close: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

async function backupBeforeUpgrade(file: string, version: number, options: OpenOptions): Promise<string> {
  const dir = options.backupDir ?? path.join(path.dirname(path.resolve(file)), 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `${path.basename(file, path.extname(file))}-truoc-nang-cap-v${version}-${stamp(new Date())}.sqlite`);
  const source = new BetterSqlite3(file, { readonly: true, nativeBinding: options.nativeBinding });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  return target;
}
