// Agencies (đơn vị): create, edit, deactivate with a date, and a search that folds
// diacritics so "toa an" finds both "Tòa án" and "Toà án".
import { AppError, notFound } from '../../shared/errors';
import { cleanText, compareVi, foldForSearch, matchesSearch } from '../../shared/text';
import type { Agency, AgencyGroup } from '../../shared/domain';
import type { ParsedArgsOf } from '../../shared/api';
import type { AgencyRow } from '../../db/schema';
import { findAgencyByCode, insertAgency, lastAgencyPlace, listAgencyRows, updateAgencyRow } from '../../db/queries/agencies';
import { audit, type AppContext } from './context';

export function toAgency(row: AgencyRow): Agency {
  return {
    code: row.code,
    name: row.name,
    group: row.group_kind as AgencyGroup,
    contactPerson: row.contact_person,
    contactPhone: row.contact_phone,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    sortOrder: row.sort_order,
  };
}

/** Active on a day when that day falls inside its validity dates (open ends allowed). */
export function isActiveOn(agency: Pick<Agency, 'validFrom' | 'validTo'>, day: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= day) && (agency.validTo === null || agency.validTo >= day);
}

/** Active at any time during a window: a unit abolished mid-period still owes that period's report. */
export function isActiveDuring(agency: Pick<Agency, 'validFrom' | 'validTo'>, from: string, to: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= to) && (agency.validTo === null || agency.validTo >= from);
}

export async function listAgencies(ctx: AppContext, args: ParsedArgsOf<'agencies.list'>): Promise<Agency[]> {
  const today = args.activeOn ?? nowDay(ctx);
  let agencies = (await listAgencyRows(ctx.db)).map(toAgency);
  if (!args.includeInactive) agencies = agencies.filter((a) => isActiveOn(a, today));
  if (args.query) {
    const query = args.query;
    agencies = agencies.filter((a) => matchesSearch(`${a.code} ${a.name}`, query));
    // A search result reads best alphabetically; the plain list keeps the office's own order.
    agencies.sort((x, y) => compareVi(x.name, y.name));
  }
  return agencies;
}

function nowDay(ctx: AppContext): string {
  const d = ctx.now();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function createAgency(ctx: AppContext, args: ParsedArgsOf<'agencies.create'>): Promise<Agency> {
  return ctx.db.transaction().execute(async (trx) => {
    if (await findAgencyByCode(trx, args.code)) {
      throw new AppError('DUPLICATE', `Mã đơn vị "${args.code}" đã có. Hãy chọn mã khác.`);
    }
    const maxOrder = await lastAgencyPlace(trx);
    const name = cleanText(args.name);
    checkValidity(args.validFrom ?? null, args.validTo ?? null);
    const row = await insertAgency(trx, {
      code: args.code,
      name,
      group_kind: args.group,
      contact_person: args.contactPerson ? cleanText(args.contactPerson) : null,
      contact_phone: args.contactPhone ? cleanText(args.contactPhone) : null,
      valid_from: args.validFrom ?? null,
      valid_to: args.validTo ?? null,
      sort_order: args.sortOrder ?? Number(maxOrder ?? 0) + 1,
      search_key: foldForSearch(name),
    });
    await audit(ctx, trx, 'create', 'agency', row.code, toAgency(row));
    return toAgency(row);
  });
}

function checkValidity(from: string | null, to: string | null): void {
  if (from && to && from > to) {
    throw new AppError('INVALID_DATES', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực của đơn vị.');
  }
}

export async function updateAgency(ctx: AppContext, args: ParsedArgsOf<'agencies.update'>): Promise<Agency> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findAgencyByCode(trx, args.code);
    if (!before) throw notFound('đơn vị', args.code);
    const c = args.changes;
    if (c.code && c.code !== before.code && (await findAgencyByCode(trx, c.code))) {
      throw new AppError('DUPLICATE', `Mã đơn vị "${c.code}" đã có. Hãy chọn mã khác.`);
    }
    const name = c.name !== undefined ? cleanText(c.name) : before.name;
    const validFrom = c.validFrom !== undefined ? c.validFrom : before.valid_from;
    const validTo = c.validTo !== undefined ? c.validTo : before.valid_to;
    checkValidity(validFrom, validTo);
    const row = await updateAgencyRow(trx, before.id, {
      code: c.code ?? before.code,
      name,
      search_key: foldForSearch(name),
      group_kind: c.group ?? before.group_kind,
      contact_person: c.contactPerson !== undefined ? c.contactPerson && cleanText(c.contactPerson) : before.contact_person,
      contact_phone: c.contactPhone !== undefined ? c.contactPhone && cleanText(c.contactPhone) : before.contact_phone,
      valid_from: validFrom,
      valid_to: validTo,
      sort_order: c.sortOrder ?? before.sort_order,
    });
    await audit(ctx, trx, 'update', 'agency', row.code, { before: toAgency(before), after: toAgency(row) });
    return toAgency(row);
  });
}

/** Units are merged and abolished (the district level went in 2025): close them, never delete. */
export async function deactivateAgency(ctx: AppContext, args: ParsedArgsOf<'agencies.deactivate'>): Promise<Agency> {
  return updateAgency(ctx, { code: args.code, changes: { validTo: args.on } });
}
