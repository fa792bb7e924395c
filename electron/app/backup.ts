// Backup and restore. Backups use SQLite's online backup API, never a copy of an open
// file. A restore checks the candidate first (integrity, our schema, not from a newer
// version) and backs up the current database before it replaces anything. On a
// PostgreSQL server (the handle's `server`) backups are pg_dump archives (.dump) in the
// same folder under the same names, and a restore is pg_restore in one transaction
// (server-backup.ts), with the same proof first and the same safety backup; where this
// machine has no pg_dump the app says the server's backups belong to whoever runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { localDateTime } from '../../shared/dates';
import type { BackupInfo } from '../../shared/api';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { migrate, schemaTooNewError } from '../../db/connection';
import { insertAudit } from '../../db/queries/audit';
import { schemaDifferences, type SchemaDifference } from '../../db/schema-check';
import type { ServerLink } from '../../db/handle';
import { restoreRights } from '../../db/queries/server-roles';
import { APP_OBJECTS } from '../../db/postgres';
import { currentActor, nowText, type AppContext } from './context';
import { readOnly } from './access';
import { regrantGroups } from './server-setup';
import { dumpInto, proveArchive, restoreArchive, serverProgramsFor, type ServerPrograms } from './server-backup';

/** A backup being written, beside its final name. */
const PARTIAL_SUFFIX = '.tmp';
/** The folders in the system's temp folder where restore candidates are proven. */
const PROOF_PREFIX = 'tonghop-khoi-phuc-';
/** The folders in the system's temp folder where a backup sent out as bytes is written first. */
const EXPORT_PREFIX = 'tonghop-sao-luu-';

function stamp(ctx: AppContext): string {
  return localDateTime(ctx.now()).replace(/[-:]/gu, '').replace('T', '-');
}

function info(file: string): BackupInfo {
  const stat = fs.statSync(file);
  return { name: path.basename(file), path: path.resolve(file), createdAt: localDateTime(stat.mtime), sizeBytes: stat.size };
}

/**
 * Runs `fn` holding the database's one connection. The online backup API works on the
 * raw handle, below kysely: without the hold it could run while a batch's transaction is
 * open and copy nothing of it (or fail); with it, it waits for the batch to end, and no
 * query starts meanwhile. `fn` must not query through ctx.db (it would wait for itself).
 */
function holdingConnection<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  return ctx.db.connection().execute(() => fn());
}

/** What a backup file is called at the end: SQLite's own file, or a server's pg_dump archive. */
function extensionOf(ctx: AppContext): '.sqlite' | '.dump' {
  return ctx.handle.server ? '.dump' : '.sqlite';
}

/** On a server, its link and the programs that back it up (or an AppError saying why there are none); on SQLite, null. */
async function serverTools(ctx: AppContext): Promise<{ link: ServerLink; programs: ServerPrograms } | null> {
  const link = ctx.handle.server;
  if (!link) return null;
  return { link, programs: await serverProgramsFor(link, ctx.handle.path) };
}

/** Writes `target` by `write` into its partial name, renamed into place only once whole: a failed one leaves nothing. */
async function besideThenRename(target: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${target}${PARTIAL_SUFFIX}`;
  // A leftover of a copy that never finished goes; an empty one is this copy's own claim on its name (freshName).
  if (fs.existsSync(partial) && fs.statSync(partial).size > 0) fs.rmSync(partial, { force: true });
  try {
    await write(partial);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** A server's backup: pg_dump's own snapshot is consistent, so no connection of ours is held. */
async function dumpToFile(tools: { link: ServerLink; programs: ServerPrograms }, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  await besideThenRename(target, (partial) => dumpInto(tools.link, tools.programs, partial));
}

/** The copy itself, the connection held: written beside and renamed into place, so a backup under its final name is always whole. */
async function copyInto(ctx: AppContext, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (path.resolve(target) === path.resolve(ctx.handle.path)) {
    throw new AppError('INVALID_ARGUMENT', 'Không thể sao lưu đè lên chính tệp dữ liệu đang dùng. Hãy chọn tệp khác.');
  }
  await besideThenRename(target, async (partial) => {
    await ctx.handle.sqlite.backup(partial);
  });
}

async function auditBackup(ctx: AppContext, name: string, reason: string): Promise<void> {
  await insertAudit(ctx.db, { at: nowText(ctx), action: 'backup', entity: 'database', entityKey: name, detail: { reason }, actor: await currentActor(ctx) });
}

/** Writes a consistent copy of the live database to `target` (a new file). */
export async function backupTo(ctx: AppContext, target: string, reason = 'manual'): Promise<BackupInfo> {
  return backupWith(ctx, await serverTools(ctx), target, reason);
}

async function backupWith(ctx: AppContext, tools: { link: ServerLink; programs: ServerPrograms } | null, target: string, reason: string): Promise<BackupInfo> {
  if (tools) await dumpToFile(tools, target);
  else await holdingConnection(ctx, () => copyInto(ctx, target));
  await auditBackup(ctx, path.basename(target), reason);
  return info(target);
}

/** A leftover younger than this may still be being written. */
const LEFTOVER_AGE_MS = 3_600_000;

/**
 * What a process killed halfway through a backup or a restore's proof leaves behind:
 * partial backups in the backup folder and proof copies in the system's temp folder.
 * Swept when the app opens, each only once it is an hour old: the CLI or another
 * window may be writing one right now. Sweeping is housekeeping: nothing it meets (a
 * folder that cannot be read, a file another process holds) stops the app opening.
 */
export function sweepLeftovers(ctx: AppContext, now = Date.now()): string[] {
  const removed: string[] = [];
  const sweep = (dir: string, matches: (name: string) => boolean): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!matches(name)) continue;
      const file = path.join(dir, name);
      try {
        if (now - fs.statSync(file).mtimeMs <= LEFTOVER_AGE_MS) continue;
        fs.rmSync(file, { recursive: true, force: true });
        removed.push(name);
      } catch {
        // Taken away by another process first, or held open: left for the next start.
      }
    }
  };
  sweep(ctx.backupDir, (name) => name.endsWith(`.sqlite${PARTIAL_SUFFIX}`) || name.endsWith(`.dump${PARTIAL_SUFFIX}`));
  sweep(os.tmpdir(), (name) => name.startsWith(PROOF_PREFIX) || name.startsWith(EXPORT_PREFIX));
  return removed;
}

/**
 * A name in the backup folder not yet taken: two backups in one second must not
 * overwrite each other, and a later one is numbered after every one of that second still
 * there (never in a gap the keep count left), so names sort as the backups were made.
 * The name is claimed by creating its partial file exclusively: two processes backing
 * up the same file in the same second (two clerks importing at once) each get their
 * own, where both used to pick the same name and one removed the other's copy.
 */
function freshName(ctx: AppContext, prefix: string): string {
  const base = `${prefix}-${stamp(ctx)}`;
  const ext = extensionOf(ctx);
  fs.mkdirSync(ctx.backupDir, { recursive: true });
  const ofThisSecond = (name: string) => (name.endsWith(PARTIAL_SUFFIX) ? name.slice(0, -PARTIAL_SUFFIX.length) : name);
  const taken = fs
    .readdirSync(ctx.backupDir)
    .map(ofThisSecond)
    .filter((name) => name === `${base}${ext}` || (name.startsWith(`${base}-`) && name.endsWith(ext)))
    .map((name) => whenMade(name).n);
  for (let n = taken.length === 0 ? 1 : Math.max(...taken) + 1; ; n++) {
    const target = path.join(ctx.backupDir, n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`);
    try {
      fs.closeSync(fs.openSync(`${target}${PARTIAL_SUFFIX}`, 'wx'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    if (!fs.existsSync(target)) return target;
    fs.rmSync(`${target}${PARTIAL_SUFFIX}`, { force: true });
  }
}

export async function createBackup(ctx: AppContext, reason = 'manual'): Promise<BackupInfo> {
  // The programs first: without them no name is claimed in the folder.
  const tools = await serverTools(ctx);
  return backupWith(ctx, tools, freshName(ctx, 'tonghop'), reason);
}

/**
 * A consistent copy of the live database as bytes, for a front-end to save where the
 * clerk chose (the command line's --out, a browser's download): written by the online
 * backup API into a folder of its own, read, and the folder removed. The audit log
 * records it under the name it is saved as.
 */
export async function exportBackup(ctx: AppContext, name = `tonghop-${stamp(ctx)}${extensionOf(ctx)}`): Promise<{ name: string; bytes: Uint8Array }> {
  const tools = await serverTools(ctx);
  // Named .sqlite, a server's archive would be taken for a data file and opened as one.
  if (tools && /\.(?:sqlite|db)$/iu.test(name)) {
    throw new AppError('INVALID_ARGUMENT', `Bản sao lưu máy chủ PostgreSQL là tệp pg_dump, không phải tệp SQLite: hãy đặt tên tệp đuôi .dump (chẳng hạn ${name.replace(/\.\w+$/u, '.dump')}).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), EXPORT_PREFIX));
  try {
    // A name of our own inside the folder: the clerk's name is only what the copy is called.
    const file = path.join(dir, `sao-luu${extensionOf(ctx)}`);
    if (tools) await dumpToFile(tools, file);
    else await holdingConnection(ctx, () => copyInto(ctx, file));
    const bytes = new Uint8Array(fs.readFileSync(file));
    await auditBackup(ctx, name, 'manual');
    return { name, bytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The backups of this backend's kind in the folder: a server's list is its .dump archives, a file's its .sqlite copies. */
export function listBackups(ctx: AppContext): BackupInfo[] {
  if (!fs.existsSync(ctx.backupDir)) return [];
  const ext = extensionOf(ctx);
  return fs
    .readdirSync(ctx.backupDir)
    .filter((name) => name.endsWith(ext))
    .map((name) => info(path.join(ctx.backupDir, name)))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

/** The words a clerk reads for each way a candidate is not ours. */
function describeDifference(d: SchemaDifference): string {
  const what = { table: 'bảng', index: 'chỉ mục', trigger: 'trigger', view: 'view' }[d.object.type] ?? d.object.type;
  if (d.kind === 'missing') return `thiếu ${what} "${d.object.name}"`;
  if (d.kind === 'extra') return `có thêm ${what} "${d.object.name}" mà ứng dụng không tạo`;
  return `${what} "${d.object.name}" khác với của ứng dụng`;
}

function refused(name: string, why: string): AppError {
  return new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} ${why} Dữ liệu hiện tại được giữ nguyên.`);
}

const NOT_A_BACKUP = 'không phải bản sao lưu của Tổng hợp CCTP.';

/** What a candidate is, by its first bytes: the two kinds of backup, a plain SQL dump, or something else. */
function kindOf(file: string): 'sqlite' | 'pg-archive' | 'pg-sql' | 'other' {
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const text = head.toString('latin1', 0, n);
  if (text.startsWith('SQLite format 3\u0000')) return 'sqlite';
  if (text.startsWith('PGDMP')) return 'pg-archive';
  if (/^(?:--[^\n]*\n|\s)*--\s*PostgreSQL database dump/u.test(text)) return 'pg-sql';
  return 'other';
}

const SERVER_ARCHIVE_HERE = 'là bản sao lưu của máy chủ PostgreSQL (pg_dump), không phải tệp dữ liệu SQLite: hãy khôi phục nó khi ứng dụng mở máy chủ đó (--db postgres://…).';
const SQLITE_ON_SERVER = 'là bản sao lưu SQLite (tệp dữ liệu của một máy), không khôi phục vào máy chủ PostgreSQL được: hãy mở nó như một tệp dữ liệu (--db TỆP), hoặc chọn một bản sao lưu .dump của máy chủ.';
const PLAIN_SQL = 'là bản sao lưu dạng SQL thuần; ứng dụng chỉ khôi phục bản pg_dump dạng custom (--format=custom, tệp .dump) mà ứng dụng tạo.';

function mustExist(file: string, name: string): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile() || fs.statSync(file).size === 0) {
    throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} không tồn tại hoặc rỗng. Dữ liệu hiện tại được giữ nguyên.`);
  }
}

export interface ProvenCandidate {
  /** A migrated copy of the candidate, in a folder of its own, shaped exactly as our migrations make a database. */
  file: string;
  /** The candidate's schema version before it was brought up to date. */
  version: number;
  discard(): void;
}

/**
 * Proves a restore candidate on a copy before anything touches the live database:
 * the candidate itself is only read (copied); the copy is checked for integrity, given
 * the live database's page size, migrated to the current version, and its whole schema
 * (tables, columns, indexes, triggers, views) held to what our migrations make. Any
 * difference refuses it, in words.
 */
export function proveRestorable(file: string, options: { nativeBinding?: string; pageSize?: number } = {}): ProvenCandidate {
  const name = path.basename(file);
  mustExist(file, name);
  const kind = kindOf(file);
  if (kind === 'pg-archive' || kind === 'pg-sql') throw refused(name, SERVER_ARCHIVE_HERE);
  // The 100-byte header says at once whether this is SQLite at all, and of which version.
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') throw refused(name, NOT_A_BACKUP);
  if (header.readUInt32BE(60) > LATEST_SCHEMA_VERSION) throw schemaTooNewError(header.readUInt32BE(60));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PROOF_PREFIX));
  const copy = path.join(dir, 'candidate.sqlite');
  const discard = () => fs.rmSync(dir, { recursive: true, force: true });
  let db: BetterSqlite3.Database | undefined;
  try {
    fs.copyFileSync(file, copy);
    try {
      db = new BetterSqlite3(copy, { fileMustExist: true, nativeBinding: options.nativeBinding });
      const check = db.pragma('integrity_check', { simple: true }) as string;
      if (check !== 'ok') throw refused(name, `bị hỏng (kiểm tra toàn vẹn: ${check}).`);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw refused(name, `${NOT_A_BACKUP} Tệp có thể bị hỏng hoặc bị cắt cụt khi chép.`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw schemaTooNewError(version);
    // Our databases are UTF-8 from their first page; the backup API would carry another
    // text encoding into the live file with its pages, and SQLite cannot convert one.
    if (db.pragma('encoding', { simple: true }) !== 'UTF-8') throw refused(name, `${NOT_A_BACKUP} Tệp lưu chữ theo mã ${String(db.pragma('encoding', { simple: true }))}, không phải UTF-8 như ứng dụng.`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (version < 1 || !tables.has('schema_migration')) throw refused(name, NOT_A_BACKUP);
    // A page size other than the live database's cannot be copied into it page by page: convert the copy.
    const pageSize = options.pageSize ?? 4096;
    if ((db.pragma('page_size', { simple: true }) as number) !== pageSize) {
      db.pragma('journal_mode = DELETE');
      db.pragma(`page_size = ${pageSize}`);
      db.exec('VACUUM');
    }
    try {
      migrate(db);
    } catch {
      throw refused(name, `${NOT_A_BACKUP} Các bảng trong tệp không nâng cấp được lên phiên bản hiện tại của ứng dụng.`);
    }
    const differences = schemaDifferences(db, options.nativeBinding);
    if (differences.length > 0) {
      const listed = differences.slice(0, 4).map(describeDifference).join('; ');
      throw refused(name, `${NOT_A_BACKUP} So với cơ sở dữ liệu của ứng dụng, tệp ${listed}${differences.length > 4 ? '; …' : ''}.`);
    }
    if ((db.pragma('foreign_key_check') as unknown[]).length > 0) throw refused(name, 'có dữ liệu không nhất quán (tham chiếu tới dòng không tồn tại).');
    return { file: copy, version, discard };
  } catch (err) {
    db?.close();
    db = undefined;
    discard();
    throw err;
  } finally {
    db?.close();
  }
}

/** Says whether a file could be restored, and changes nothing: the proof on a copy, then the copy discarded. */
export function checkRestorable(file: string, nativeBinding?: string): { version: number } {
  const proven = proveRestorable(file, { nativeBinding });
  proven.discard();
  return { version: proven.version };
}

/**
 * Whether this connection may restore at all, asked before anything else (no file
 * read, no safety backup): a read-only role may not change the data, and on a server a
 * restore drops and makes again every table, which only their owner may; a clerk's
 * role is told so in words rather than meeting pg_restore's refusal halfway.
 */
async function mayRestore(ctx: AppContext): Promise<void> {
  if (!ctx.handle.canWrite) throw readOnly();
  if (!ctx.handle.server) return;
  const rights = await restoreRights(ctx.db, [...APP_OBJECTS.tables], [...APP_OBJECTS.functions]);
  if (rights.owners.length === 0 && rights.mayCreate) return;
  const owners = rights.owners.length > 0 ? rights.owners.join(', ') : 'chủ sở hữu cơ sở dữ liệu';
  throw new AppError(
    'RESTORE_NEEDS_OWNER',
    `Không khôi phục: khôi phục thay toàn bộ các bảng dữ liệu trên máy chủ, việc chỉ tài khoản chủ sở hữu của chúng (${owners}) làm được, còn tài khoản đang dùng là ${rights.me}. Hãy nhờ người quản trị máy chủ khôi phục bằng tài khoản ${owners}. Dữ liệu hiện tại được giữ nguyên.`,
  );
}

/**
 * Replaces the live database with a backup, once proven: first a safety backup of the
 * current data, then the backup API copies the proven copy page by page into the live
 * file in one transaction (so no open file is ever overwritten behind SQLite's back,
 * and a crash midway leaves the data as it was).
 */
export async function restoreFrom(ctx: AppContext, file: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  await mayRestore(ctx);
  const tools = await serverTools(ctx);
  if (tools) return restoreOnServer(ctx, tools, file);
  const nativeBinding = ctx.handle.nativeBinding;
  const live = ctx.handle.sqlite;
  const proven = proveRestorable(file, { nativeBinding, pageSize: live.pragma('page_size', { simple: true }) as number });
  try {
    // The safety copy and the replacement are one hold of the connection: no batch's
    // transaction is open across them, and none writes between the copy and the restore.
    const safetyPath = freshName(ctx, 'tonghop-truoc-khoi-phuc');
    const check = await holdingConnection(ctx, async () => {
      await copyInto(ctx, safetyPath);
      const source = new BetterSqlite3(proven.file, { readonly: true, fileMustExist: true, nativeBinding });
      try {
        await source.backup(ctx.handle.path);
      } finally {
        source.close();
      }
      let result: string;
      try {
        result = live.pragma('quick_check', { simple: true }) as string;
      } catch (err) {
        result = err instanceof Error ? err.message : String(err);
      }
      if (result !== 'ok') {
        // Should not happen after the proof; put the safety copy back rather than keep a bad file.
        const back = new BetterSqlite3(safetyPath, { readonly: true, nativeBinding });
        try {
          await back.backup(ctx.handle.path);
        } finally {
          back.close();
        }
      }
      return result;
    });
    const safety = info(safetyPath);
    await auditBackup(ctx, safety.name, 'before-restore');
    if (check !== 'ok') throw new AppError('RESTORE_FAILED', `Khôi phục không thành công (${check}); dữ liệu trước đó đã được đặt lại từ ${safety.name}.`);
    await insertAudit(ctx.db, { at: nowText(ctx), action: 'restore', entity: 'database', entityKey: path.basename(file), detail: { safetyBackup: safety.name, fromVersion: proven.version }, actor: await currentActor(ctx) });
    return { restoredFrom: path.resolve(file), safetyBackup: safety.path };
  } finally {
    proven.discard();
  }
}

/**
 * A server's restore: the archive proven before anything is touched (ours, readable to
 * its end, not newer), a safety backup of what it replaces, then pg_restore in one
 * transaction, so a failure leaves the data as it was. An archive older than the
 * database lacks tables later migrations made, some referencing its own (correction
 * references submission): those go first, in a transaction of their own, or
 * pg_restore --clean could not drop what they reference; from then on a failure puts
 * the safety backup back. The pool's connections hold no state of the tables (no
 * prepared statements), so the next query through ctx.db reads the restored data; the
 * migrations then run as at open, refusing a newer version, and server-setup's groups
 * get their GRANTs again (the tables are new). Two restores at once are taken one after
 * the other.
 */
async function restoreOnServer(ctx: AppContext, tools: { link: ServerLink; programs: ServerPrograms }, file: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  const name = path.basename(file);
  mustExist(file, name);
  const kind = kindOf(file);
  if (kind === 'sqlite') throw refused(name, SQLITE_ON_SERVER);
  if (kind === 'pg-sql') throw refused(name, PLAIN_SQL);
  if (kind !== 'pg-archive') throw refused(name, NOT_A_BACKUP);
  const proven = await proveArchive(tools.link, tools.programs, file, (why) => refused(name, why));
  const safety = await ctx.handle.exclusively('restore', async () => {
    const safetyPath = freshName(ctx, 'tonghop-truoc-khoi-phuc');
    await dumpToFile(tools, safetyPath);
    // Whether the database has changed yet: the drops and pg_restore are each one transaction.
    let changed = false;
    try {
      changed = (await tools.link.dropNotIn(proven)).length > 0;
      await restoreArchive(tools.link, tools.programs, file, proven);
      changed = true;
      await tools.link.migrate();
      await regrantGroups(ctx);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      // Nothing was changed: the safety copy of unchanged data would only be clutter.
      if (!changed) {
        fs.rmSync(safetyPath, { force: true });
        throw err;
      }
      // Should not happen after the proof; put the data back rather than keep a database the app cannot open.
      try {
        const safetyArchive = await proveArchive(tools.link, tools.programs, safetyPath, (why) => refused(path.basename(safetyPath), why));
        await tools.link.dropNotIn(safetyArchive);
        await restoreArchive(tools.link, tools.programs, safetyPath, safetyArchive);
        await tools.link.migrate();
        await regrantGroups(ctx);
      } catch (back) {
        throw new AppError('RESTORE_FAILED', `Khôi phục không thành công (${detail}), và không đặt lại được dữ liệu trước đó (${back instanceof Error ? back.message : String(back)}): bản sao lưu của nó là ${path.basename(safetyPath)}.`);
      }
      throw new AppError('RESTORE_FAILED', `Khôi phục không thành công (${detail}); dữ liệu trước đó đã được đặt lại từ ${path.basename(safetyPath)}.`);
    }
    return info(safetyPath);
  });
  await auditBackup(ctx, safety.name, 'before-restore');
  await insertAudit(ctx.db, { at: nowText(ctx), action: 'restore', entity: 'database', entityKey: name, detail: { safetyBackup: safety.name, fromVersion: proven.version }, actor: await currentActor(ctx) });
  return { restoredFrom: path.resolve(file), safetyBackup: safety.path };
}

export async function restoreNamedBackup(ctx: AppContext, name: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  await mayRestore(ctx);
  const file = path.join(ctx.backupDir, path.basename(name));
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Không có bản sao lưu "${name}" trong thư mục sao lưu.`);
  return restoreFrom(ctx, file);
}

/**
 * Automatic backups, kept by separate counts so that a busy day of imports never
 * deletes the daily ones: one before each batch of imported files (the newest `keep`
 * are kept), and one a day when the app opens (at least DAILY_KEEP_DAYS days' worth).
 * Backups an earlier version named "tonghop-tu-dong-…" count as batch backups.
 */
export const AUTOMATIC_PREFIXES = { 'before-import': 'tonghop-truoc-nhap', daily: 'tonghop-hang-ngay' } as const;
const LEGACY_AUTOMATIC_PREFIX = 'tonghop-tu-dong';
/** The daily backups of this many days are always kept, whatever the batch count. */
export const DAILY_KEEP_DAYS = 30;

function automaticOf(ctx: AppContext, prefixes: readonly string[]): string[] {
  if (!fs.existsSync(ctx.backupDir)) return [];
  return fs
    .readdirSync(ctx.backupDir)
    .filter((name) => name.endsWith('.sqlite') && prefixes.some((p) => name.startsWith(`${p}-`)))
    .sort((a, b) => {
      const x = whenMade(a);
      const y = whenMade(b);
      return x.stamp < y.stamp ? -1 : x.stamp > y.stamp ? 1 : x.n - y.n;
    });
}

/** A backup's time stamp and, for a second one in the same second (freshName's "-2"), its number: oldest first. */
function whenMade(name: string): { stamp: string; n: number } {
  const m = /-(\d{8}-\d{6})(?:-(\d+))?\.sqlite$/u.exec(name);
  return { stamp: m?.[1] ?? '', n: Number(m?.[2] ?? 1) };
}

/** An automatic backup, then the oldest of its own kind beyond what is kept are deleted. Manual and safety backups never are. */
export async function automaticBackup(ctx: AppContext, reason: 'before-import' | 'daily', keep: number): Promise<BackupInfo> {
  const made = await backupTo(ctx, freshName(ctx, AUTOMATIC_PREFIXES[reason]), reason);
  const ofKind = reason === 'daily' ? automaticOf(ctx, [AUTOMATIC_PREFIXES.daily]) : automaticOf(ctx, [AUTOMATIC_PREFIXES['before-import'], LEGACY_AUTOMATIC_PREFIX]);
  const kept = reason === 'daily' ? Math.max(keep, DAILY_KEEP_DAYS) : keep;
  for (const name of ofKind.slice(0, Math.max(0, ofKind.length - kept))) fs.rmSync(path.join(ctx.backupDir, name), { force: true });
  return made;
}

/**
 * The backup before a batch of imported files; none on a server (null). There every
 * clerk's batch would dump the whole office's database, each taking as long as the
 * database is big, into a folder on one clerk's machine, and only where pg_dump happens
 * to be installed: the server's scheduled backups are the place for that, and a clerk
 * who wants one before a risky import asks for it (backup.create).
 */
export function backupBeforeImport(ctx: AppContext, keep: number): Promise<BackupInfo | null> {
  return ctx.handle.backupFiles ? automaticBackup(ctx, 'before-import', keep) : Promise.resolve(null);
}

/** The daily backup, when none has been made today; returns null when not due or turned off. */
export async function dailyBackupIfDue(ctx: AppContext, settings: { backupDaily: boolean; backupKeep: number }): Promise<BackupInfo | null> {
  if (!settings.backupDaily || !ctx.handle.backupFiles) return null;
  const today = localDateTime(ctx.now()).slice(0, 10).replace(/-/gu, '');
  const done = automaticOf(ctx, [AUTOMATIC_PREFIXES.daily]).some((name) => name.startsWith(`${AUTOMATIC_PREFIXES.daily}-${today}`));
  return done ? null : automaticBackup(ctx, 'daily', settings.backupKeep);
}

/** A backup the clerk chose (from a USB stick, say), sent as bytes: written beside, proven, restored, the copy removed. */
export async function restoreFromBytes(ctx: AppContext, file: { name: string; bytes: Uint8Array }): Promise<{ restoredFrom: string; safetyBackup: string }> {
  await mayRestore(ctx);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), PROOF_PREFIX));
  const target = path.join(dir, path.basename(file.name).replace(/[^\p{L}\p{N}._ -]+/gu, '_') || 'saoluu.sqlite');
  try {
    fs.writeFileSync(target, file.bytes);
    const result = await restoreFrom(ctx, target);
    return { ...result, restoredFrom: file.name };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
