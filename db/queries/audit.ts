import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface AuditRecord {
  at: string;
  action: string;
  entity: string;
  entityKey: string;
  detail?: unknown;
  actor?: { osUser: string | null; clerk: string | null };
}

export async function insertAudit(db: Db, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      action: entry.action,
      entity: entry.entity,
      entity_key: entry.entityKey,
      detail: JSON.stringify(entry.detail ?? {}),
      os_user: entry.actor?.osUser ?? null,
      clerk: entry.actor?.clerk ?? null,
    })
    .execute();
}

export async function listAudit(db: Db, options: { limit: number; entity?: string }) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.entity) q = q.where('entity', '=', options.entity);
  return q.execute();
}
