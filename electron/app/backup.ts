// Backup and restore. Backups use SQLite's online backup API, never a copy of an open
// file. A restore checks the candidate first (integrity, our schema, not from a newer
// version) and backs up the current database before it replaces anything.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { localDateTime } from '../../shared/dates';
import type { BackupInfo } from '../../shared/api';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { migrate, schemaTooNewError } from '../../db/connection';
import { insertAudit } from '../../db/queries/audit';
import { currentActor, nowText, type AppContext } from './context';

function stamp(ctx: AppContext): string {
  return localDateTime(ctx.now()).replace(/[-:]/gu, '').replace('T', '-');
}

function info(file: string): BackupInfo {
  const stat = fs.statSync(file);
  return { name: path.basename(file), path: path.resolve(file), createdAt: localDateTime(stat.mtime), sizeBytes: stat.size };
}

/** Writes a consistent copy of the live database to `target` (a new file). */
export async function backupTo(ctx: AppContext, target: string, reason = 'manual'): Promise<BackupInfo> {
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  if (path.resolve(target) === path.resolve(ctx.handle.path)) {
    throw new AppError('INVALID_ARGUMENT', 'Không thể sao lưu đè lên chính tệp dữ liệu đang dùng. Hãy chọn tệp khác.');
  }
  const partial = `${target}.tmp`;
  fs.rmSync(partial, { force: true });
  await ctx.handle.sqlite.backup(partial);
  fs.renameSync(partial, target);
  await insertAudit(ctx.db, { at: nowText(ctx), action: 'backup', entity: 'database', entityKey: path.basename(target), detail: { reason }, actor: await currentActor(ctx) });
  return info(target);
}

/** A name in the backup folder not yet taken: two backups in one second must not overwrite each other. */
function freshName(ctx: AppContext, prefix: string): string {
  const base = `${prefix}-${stamp(ctx)}`;
  for (let n = 1; ; n++) {
    const file = path.join(ctx.backupDir, n === 1 ? `${base}.sqlite` : `${base}-${n}.sqlite`);
    if (!fs.existsSync(file)) return file;
  }
}

export function createBackup(ctx: AppContext, reason = 'manual'): Promise<BackupInfo> {
  return backupTo(ctx, freshName(ctx, 'tonghop'), reason);
}

export function listBackups(ctx: AppContext): BackupInfo[] {
  if (!fs.existsSync(ctx.backupDir)) return [];
  return fs
    .readdirSync(ctx.backupDir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => info(path.join(ctx.backupDir, name)))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

/** Opens a candidate read-only and says whether it can be restored; changes nothing. */
export function checkRestorable(file: string, nativeBinding?: string): { version: number } {
  const name = path.basename(file);
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) {
    throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} không tồn tại hoặc rỗng.`);
  }
  let candidate: BetterSqlite3.Database | undefined;
  try {
    candidate = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
    const check = candidate.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok') throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} bị hỏng (${check}). Dữ liệu hiện tại được giữ nguyên.`);
    const version = candidate.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) throw schemaTooNewError(version);
    const tables = new Set((candidate.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    if (version < 1 || !tables.has('schema_migration') || !tables.has('plan') || !tables.has('submission')) {
      throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} không phải là bản sao lưu của ứng dụng Tổng hợp CCTP. Dữ liệu hiện tại được giữ nguyên.`);
    }
    return { version };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('RESTORE_REFUSED', `Không khôi phục: tệp ${name} không phải là cơ sở dữ liệu SQLite hợp lệ. Dữ liệu hiện tại được giữ nguyên.`);
  } finally {
    candidate?.close();
  }
}

/**
 * Replaces the live database with a checked backup: first a safety backup of the
 * current data, then the backup API copies the candidate page by page into the live
 * file (so no open file is ever overwritten behind SQLite's back), then an older
 * schema is migrated.
 */
export async function restoreFrom(ctx: AppContext, file: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  const nativeBinding = ctx.handle.nativeBinding;
  checkRestorable(file, nativeBinding);
  const safety = await backupTo(ctx, freshName(ctx, 'tonghop-truoc-khoi-phuc'), 'before-restore');
  const candidate = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    await candidate.backup(ctx.handle.path);
  } finally {
    candidate.close();
  }
  const live = ctx.handle.sqlite;
  const check = live.pragma('quick_check', { simple: true }) as string;
  if (check !== 'ok') {
    // Should not happen after the checks above; put the safety copy back rather than keep a bad file.
    const back = new BetterSqlite3(safety.path, { readonly: true, nativeBinding });
    try {
      await back.backup(ctx.handle.path);
    } finally {
      back.close();
    }
    throw new AppError('RESTORE_FAILED', `Khôi phục không thành công (${check}); dữ liệu trước đó đã được đặt lại từ ${safety.name}.`);
  }
  migrate(live);
  await insertAudit(ctx.db, { at: nowText(ctx), action: 'restore', entity: 'database', entityKey: path.basename(file), detail: { safetyBackup: safety.name }, actor: await currentActor(ctx) });
  return { restoredFrom: path.resolve(file), safetyBackup: safety.path };
}

export function restoreNamedBackup(ctx: AppContext, name: string): Promise<{ restoredFrom: string; safetyBackup: string }> {
  const file = path.join(ctx.backupDir, path.basename(name));
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Không có bản sao lưu "${name}" trong thư mục sao lưu.`);
  return restoreFrom(ctx, file);
}

const AUTOMATIC_PREFIX = 'tonghop-tu-dong';

/**
 * An automatic backup (before an import batch, or the daily one), then the oldest
 * automatic backups beyond `keep` are deleted. Manual backups and the safety copies
 * made before a restore are never deleted here.
 */
export async function automaticBackup(ctx: AppContext, reason: 'before-import' | 'daily', keep: number): Promise<BackupInfo> {
  const made = await backupTo(ctx, freshName(ctx, AUTOMATIC_PREFIX), reason);
  const automatic = fs
    .readdirSync(ctx.backupDir)
    .filter((name) => name.startsWith(`${AUTOMATIC_PREFIX}-`) && name.endsWith('.sqlite'))
    .sort();
  for (const name of automatic.slice(0, Math.max(0, automatic.length - keep))) fs.rmSync(path.join(ctx.backupDir, name), { force: true });
  return made;
}

/** The daily backup, when none has been made today; returns null when not due or turned off. */
export async function dailyBackupIfDue(ctx: AppContext, settings: { backupDaily: boolean; backupKeep: number }): Promise<BackupInfo | null> {
  if (!settings.backupDaily) return null;
  const today = localDateTime(ctx.now()).slice(0, 10).replace(/-/gu, '');
  const done = fs.existsSync(ctx.backupDir) && fs.readdirSync(ctx.backupDir).some((name) => name.startsWith(`${AUTOMATIC_PREFIX}-${today}`));
  return done ? null : automaticBackup(ctx, 'daily', settings.backupKeep);
}
