// Settings (Cài đặt): the office's preferences and the issuing body's heading.
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import { cleanText } from '../../shared/text';
import type { Organization } from '../../shared/domain';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import type { ParsedArgsOf } from '../../shared/api';
import { audit, clerkNameKey, type AppContext } from './context';
import { getOrganization } from './organization';
import { updateOrganizationRow } from '../../db/queries/organization';
import { saveSetting, settingRows } from '../../db/queries/settings';

export async function getSettings(ctx: AppContext): Promise<Settings> {
  const rows = await settingRows(ctx.db);
  const stored: Record<string, unknown> = {};
  const ownName = clerkNameKey(ctx);
  for (const r of rows) {
    // Another clerk's name (a shared server) is not this clerk's; theirs is read as 'clerkName'.
    if (r.key.startsWith('clerkName') && r.key !== ownName) continue;
    try {
      stored[r.key] = JSON.parse(r.value);
    } catch {
      // A damaged value falls back to its default below.
    }
  }
  // Each value on its own: one damaged or out-of-date value falls back to its default, not all of them.
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    if (!Object.hasOwn(stored, key === 'clerkName' ? ownName : key)) continue;
    const parsed = (field as z.ZodType).safeParse(key === 'clerkName' ? stored[ownName] : stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Settings;
}

export async function updateSettings(ctx: AppContext, args: ParsedArgsOf<'settings.update'>): Promise<Settings> {
  const before = await getSettings(ctx);
  const after = settingsSchema.parse({ ...before, ...args });
  await ctx.db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(after)) {
      await saveSetting(trx, key === 'clerkName' ? clerkNameKey(ctx) : key, JSON.stringify(value));
    }
    await audit(ctx, trx, 'update', 'settings', 'app', { before, after });
  });
  return after;
}

export async function updateOrganization(ctx: AppContext, args: ParsedArgsOf<'organization.update'>): Promise<Organization> {
  const before = await getOrganization(ctx);
  const after: Organization = {
    ...before,
    ...Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined).map(([k, v]) => [k, typeof v === 'string' ? cleanText(v) : v])),
  };
  if (!after.issuingBody || !after.parentBody || !after.place) {
    throw new AppError('INVALID_ARGUMENT', 'Tên cơ quan cấp trên, cơ quan ban hành và địa danh không được để trống.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await updateOrganizationRow(trx, { name: after.name, parent_body: after.parentBody, issuing_body: after.issuingBody, place: after.place, heading_style: after.headingStyle });
    await audit(ctx, trx, 'update', 'organization', '1', { before, after });
  });
  return after;
}
