// Saved layout profiles: stored as their JSON description, checked against the schema
// on the way in and on the way out (an old row must not crash a new version).
import { createHash } from 'node:crypto';
import { AppError, notFound } from '../../shared/errors';
import { layoutProfileSchema, type LayoutProfile, type LayoutProfileSummary } from '../../shared/profiles';
import { findAgencyByCode } from '../../db/queries/agencies';
import { audit, nowText, type AppContext } from './context';

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function parseProfile(raw: unknown, source: string): LayoutProfile {
  const parsed = layoutProfileSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_PROFILE', `Mẫu bố cục ${source} không hợp lệ: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

/** Saves (creates or replaces by name) a layout profile. */
export async function saveProfile(ctx: AppContext, raw: unknown): Promise<LayoutProfileSummary> {
  const profile = parseProfile(raw, '');
  let agencyId: number | null = null;
  if (profile.layout.kind === 'indicator-rows' && profile.layout.agency.mode === 'fixed') {
    const agency = await findAgencyByCode(ctx.db, profile.layout.agency.code);
    if (!agency) throw new AppError('UNKNOWN_AGENCY', `Mẫu bố cục "${profile.name}" ghi đơn vị mã "${profile.layout.agency.code}" nhưng không có đơn vị này.`);
    agencyId = agency.id;
  }
  const now = nowText(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('layout_profile').select('id').where('name', '=', profile.name).executeTakeFirst();
    const definition = JSON.stringify(profile);
    if (existing) {
      await trx.updateTable('layout_profile').set({ definition, agency_id: agencyId, updated_at: now }).where('id', '=', existing.id).execute();
    } else {
      await trx.insertInto('layout_profile').values({ name: profile.name, agency_id: agencyId, definition, created_at: now, updated_at: now }).execute();
    }
    await audit(ctx, trx, existing ? 'update' : 'create', 'layout_profile', profile.name, profile);
    const row = await trx
      .selectFrom('layout_profile as p')
      .leftJoin('agency as a', 'a.id', 'p.agency_id')
      .select(['p.id', 'p.name', 'p.definition', 'p.updated_at', 'a.code as agency_code'])
      .where('p.name', '=', profile.name)
      .executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, description: profile.description ?? null, agencyCode: row.agency_code, updatedAt: row.updated_at };
  });
}

/** A definition as stored; text that is not JSON (a hand-edited row) is no definition, not a fault. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function descriptionOf(definition: unknown): string | null {
  const d = typeof definition === 'object' && definition !== null ? (definition as { description?: unknown }).description : undefined;
  return typeof d === 'string' ? d : null;
}

export async function listProfiles(ctx: AppContext): Promise<LayoutProfileSummary[]> {
  const rows = await ctx.db
    .selectFrom('layout_profile as p')
    .leftJoin('agency as a', 'a.id', 'p.agency_id')
    .select(['p.id', 'p.name', 'p.definition', 'p.updated_at', 'a.code as agency_code'])
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: descriptionOf(parseJson(r.definition)),
    agencyCode: r.agency_code,
    updatedAt: r.updated_at,
  }));
}

/** A stored profile, with a hash of its definition as stored: a report records which version read it. */
export interface StoredProfile {
  id: number;
  profile: LayoutProfile;
  sha256: string;
}

/** Every stored profile, parsed; one that no longer parses is skipped rather than blocking imports. */
export async function loadProfiles(ctx: AppContext): Promise<StoredProfile[]> {
  const rows = await ctx.db.selectFrom('layout_profile').select(['id', 'name', 'definition']).orderBy('name').execute();
  const result: StoredProfile[] = [];
  for (const r of rows) {
    const parsed = layoutProfileSchema.safeParse(parseJson(r.definition));
    if (parsed.success) result.push({ id: r.id, profile: parsed.data, sha256: createHash('sha256').update(r.definition).digest('hex') });
  }
  return result;
}

export async function findProfile(ctx: AppContext, name: string): Promise<StoredProfile> {
  const found = (await loadProfiles(ctx)).find((p) => p.profile.name === name);
  if (!found) throw notFound('mẫu bố cục', name);
  return found;
}
