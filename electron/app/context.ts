// What every service needs: the open database, where backups go, and a clock that
// tests and the demo data can pin.
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { DbHandle } from '../../db/connection';
import { insertAudit } from '../../db/queries/audit';
import { localDateTime } from '../../shared/dates';

export interface AppContext {
  handle: DbHandle;
  db: Kysely<Database>;
  backupDir: string;
  now: () => Date;
}

export function createContext(handle: DbHandle, options: { backupDir?: string; now?: () => Date } = {}): AppContext {
  return {
    handle,
    db: handle.db,
    backupDir: options.backupDir ?? path.join(path.dirname(path.resolve(handle.path)), 'backups'),
    now: options.now ?? (() => new Date()),
  };
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
  return insertAudit(trx, { at: nowText(ctx), action, entity, entityKey, detail });
}
