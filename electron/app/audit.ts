// The audit log (nhật ký): every change, with its time and what changed.
import type { AuditEntry, ParsedArgsOf } from '../../shared/api';
import { listAudit } from '../../db/queries/audit';
import type { AppContext } from './context';

export async function listAuditEntries(ctx: AppContext, args: ParsedArgsOf<'audit.list'>): Promise<AuditEntry[]> {
  const rows = await listAudit(ctx.db, { limit: args.limit, entity: args.entity });
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, entity: r.entity, entityKey: r.entity_key, detail: JSON.parse(r.detail) as unknown, by: { osUser: r.os_user, clerk: r.clerk, role: r.db_role } }));
}
