// The Api's part for the agencies that report.
import { z } from 'zod';
import { AGENCY_GROUPS, type Agency } from '../domain';
import { code, isoDate, method, text } from './method';

export const agencyFields = z.object({
  code: code.regex(/^[A-Z0-9][A-Z0-9-]*$/u, { message: 'Mã đơn vị chỉ gồm chữ in hoa không dấu, số và dấu gạch ngang' }),
  name: text(300).trim().min(1),
  group: z.enum(AGENCY_GROUPS),
  contactPerson: text(200).nullable().optional(),
  contactPhone: text(50).nullable().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  sortOrder: z.number().int().optional(),
});

export const agenciesApi = {
  'agencies.list': method<Agency[]>()(
    z.object({ query: z.string().max(200).optional(), includeInactive: z.boolean().optional(), activeOn: isoDate.optional() }),
  ),
  'agencies.create': method<Agency>()(agencyFields),
  'agencies.update': method<Agency>()(z.object({ code, changes: agencyFields.partial() })),
  'agencies.deactivate': method<Agency>()(z.object({ code, on: isoDate })),
} as const;
