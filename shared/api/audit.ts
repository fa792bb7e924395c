// The Api's part for the audit log.
import { z } from 'zod';
import type { ActedBy } from '../domain';
import { method } from './method';

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: unknown;
  by: ActedBy;
}


export const auditApi = {
  'audit.list': method<AuditEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(10000).default(200), entity: z.string().max(40).optional() }),
  ),
} as const;
