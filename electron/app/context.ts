// What every service needs: the open database, where backups go, and a clock that
// tests and the demo data can pin.
import os from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { DbHandle } from '../../db/handle';
import { insertAudit } from '../../db/queries/audit';
import { settingValue } from '../../db/queries/settings';
import { localDateTime } from '../../shared/dates';

export interface AppContext {
  handle: DbHandle;
  db: Kysely<Database>;
  backupDir: string;
  now: () => Date;
  /** The operating-system user the app runs as: who acted, with the clerk's name from Cài đặt. */
  osUser: string | null;
}

/** The account's name; some systems (a container, a service account) have none to give. */
function systemUser(): string | null {
  try {
    return os.userInfo().username || null;
  } catch {
    return null;
  }
}

export function createContext(handle: DbHandle, options: { backupDir?: string; now?: () => Date; osUser?: string | null } = {}): AppContext {
  return {
    handle,
    db: handle.db,
    backupDir: options.backupDir ?? handle.defaultBackupDir,
    now: options.now ?? (() => new Date()),
    osUser: options.osUser === undefined ? systemUser() : options.osUser,
  };
}

/**
 * Where the clerk's name is kept. One workstation, one file: 'clerkName'. On a shared
 * server every clerk has a role, and each their own name; the office's other settings
 * stay shared.
 */
export function clerkNameKey(ctx: Pick<AppContext, 'handle'>): string {
  return ctx.handle.role === null ? 'clerkName' : `clerkName@${ctx.handle.role}`;
}

export interface Actor {
  osUser: string | null;
  /** The clerk's name as set in Cài đặt; null until one is set. */
  clerk: string | null;
}

/**
 * Who is acting now. The clerk's name is read in the caller's transaction each time, so
 * a name changed in Cài đặt (by this process or another) is the one recorded next.
 */
export async function currentActor(ctx: AppContext, db: Kysely<Database> | Transaction<Database> = ctx.db): Promise<Actor> {
  const stored = await settingValue(db, clerkNameKey(ctx));
  let clerk: string | null = null;
  try {
    const parsed: unknown = stored !== undefined ? JSON.parse(stored) : null;
    clerk = typeof parsed === 'string' && parsed.trim() !== '' ? parsed.trim() : null;
  } catch {
    clerk = null;
  }
  return { osUser: ctx.osUser, clerk };
}

export function nowText(ctx: AppContext): string {
  return localDateTime(ctx.now());
}

/** Writes the audit entry inside the caller's transaction, so a change and its record land together. */
export function audit(
  ctx: AppContext,
  trx: Transaction<Database>,
  action: string,
  entity: string,
  entityKey: string,
  detail?: unknown,
): Promise<void> {
  return currentActor(ctx, trx).then((actor) => insertAudit(trx, { at: nowText(ctx), action, entity, entityKey, detail, actor }));
}
