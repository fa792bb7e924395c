// Backup and restore. Backups use SQLite's online backup API, never a copy of an open
// file. A restore checks the candidate first (integrity, our schema, not from a newer
// version) and backs up the current database before it replaces anything. On a
// PostgreSQL server (the handle's backupFiles is false) the app writes no backup files:
// those belong to whoever runs the server, and the app says so.
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
import { currentActor, nowText, type AppContext } from './context';

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

/** Backups and restores as files are SQLite's; on a server they are the server's. */
function fileBackupsOnly(ctx: AppContext): void {
  if (ctx.handle.backupFiles) return;
  throw new AppError(
    'BACKUP_ON_SERVER',
    `Dữ liệu nằm trên máy chủ PostgreSQL (${ctx.handle.path}), nên ứng dụng không tự sao lưu hay khôi phục thành tệp: việc sao lưu máy chủ (pg_dump) thuộc về người quản trị máy chủ.`,
  );
}

/** The copy itself, the connection held: written beside and renamed into place, so a backup under its final name is always whole. */
async function copyInto(ctx: AppContext, target: string): Promise<void> {
  fileBackupsOnly(ctx);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (path.resolve(target) === path.resolve(ctx.handle.path)) {
    throw new AppError('INVALID_ARGUMENT', 'Không thể sao lưu đè lên chính tệp dữ liệu đang dùng. Hãy chọn tệp khác.');
  }
  const partial = `${target}${PARTIAL_SUFFIX}`;
  // A leftover of a copy that never finished goes; an empty one is this copy's own claim on its name (freshName).
  if (fs.existsSync(partial) && fs.statSync(partial).size > 0) fs.rmSync(partial, { force: true });
  try {
    await ctx.handle.sqlite.backup(partial);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

async function auditBackup(ctx: AppContext, name: string, reason: string): Promise<void> {
  await insertAudit(ctx.db, { at: nowText(ctx), action: 'backup', entity: 'database', entityKey: name, detail: { reason }, actor: await currentActor(ctx) });
}

/** Writes a consistent copy of the live database to `target` (a new file). */
export async function backupTo(ctx: AppContext, target: string, reason = 'manual'): Promise<BackupInfo> {
  fileBackupsOnly(ctx);
  await holdingConnection(ctx, () => copyInto(ctx, target));
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
  sweep(ctx.backupDir, (name) => name.endsWith(`.sqlite${PARTIAL_SUFFIX}`));
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
  fs.mkdirSync(ctx.backupDir, { recursive: true });
  const ofThisSecond = (name: string) => (name.endsWith(PARTIAL_SUFFIX) ? name.slice(0, -PARTIAL_SUFFIX.length) : name);
  const taken = fs
    .readdirSync(ctx.backupDir)
    .map(ofThisSecond)
    .filter((name) => name === `${base}.sqlite` || (name.startsWith(`${base}-`) && name.endsWith('.sqlite')))
    .map((name) => whenMade(name).n);
  for (let n = taken.length === 0 ? 1 : Math.max(...taken) + 1; ; n++) {
    const target = path.join(ctx.backupDir, n === 1 ? `${base}.sqlite` : `${base}-${n}.sqlite`);
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

export function createBackup(ctx: AppContext, reason = 'manual'): Promise<BackupInfo> {
  return backupTo(ctx, freshName(ctx, 'tonghop'), reason);
}

/**
 * A consistent copy of the live database as bytes, for a front-end to save where the
 * clerk chose (the command line's --out, a browser's download): written by the online
 * backup API into a folder of its own, read, and the folder removed. The audit log
 * records it under the name it is saved as.
 */
export async function exportBackup(ctx: AppContext, name = `tonghop-${stamp(ctx)}.sqlite`): Promise<{ name: string; bytes: Uint8Array }> {
  fileBackupsOnly(ctx);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), EXPORT_PREFIX));
  try {
    // A name of our own inside the folder: the clerk's name is only what the copy is called.
    const file = path.join(dir, 'sao-luu.sqlite');
    await holdingConnection(ctx, () => copyInto(ctx, file));
    const bytes = new Uint8Array(fs.readFileSync(file));
    await auditBackup(ctx, name, 'manual');
    return { name, bytes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function listBackups(ctx: AppContext): BackupInfo[] {
  if (!ctx.handle.backupFiles || !fs.existsSync(ctx.backupDir)) return [];
  return fs
    .readdirSync(ctx.backupDir)
    .filter((name) => name.endsWith('.sqlite'))
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
  if (!fs.existsSync(file) || !fs.statSync(file).isFile() || fs.statSync(file).size === 0) {
    throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} không tồn tại hoặc rỗng. Dữ liệu hiện tại được giữ nguyên.`);
  }
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
 * Replaces the live database with a backup, once proven: first a safety backup of the
 * current data, then the backup API copies the proven copy page by page into the live
 * file in one transaction (so no open file is ever overwritten behind SQLite's back,
 * and a crash midway leaves the data as it was).
 */
export async function restoreFrom(ctx: AppContext, file: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  fileBackupsOnly(ctx);
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

export function restoreNamedBackup(ctx: AppContext, name: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
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

/** The backup before a batch of imported files; none on a server (null), whose backups are its own. */
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
  fileBackupsOnly(ctx);
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
