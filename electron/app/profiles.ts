// Saved layout profiles: stored as their JSON description, checked against the schema
// on the way in and on the way out (an old row must not crash a new version). The clerk
// manages them in Mẫu bố cục: list, open in the wizard, rename, duplicate, delete, and
// export and import as JSON so offices can share them. Reports read through a profile
// keep its id and name, so deleting or renaming it never rewrites what was received.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../shared/errors';
import {
  describeProfileIssues,
  layoutProfileSchema,
  normalizeProfileName,
  PROFILE_NAME_MAX,
  type LayoutProfile,
  type LayoutProfileDetail,
  type LayoutProfileSummary,
} from '../../shared/profiles';
import type { FileBytes } from '../../shared/api';
import { findAgencyByCode } from '../../db/queries/agencies';
import {
  deleteProfileRow,
  findProfileRow,
  insertProfile,
  lastSubmissionOf,
  profileDefinitionRows,
  profileRows,
  recordProfileUse,
  renameProfileRow,
  updateProfileDefinition,
  type ProfileRow,
} from '../../db/queries/profiles';
import { audit, nowText, type AppContext } from './context';

export function parseProfile(raw: unknown, source: string): LayoutProfile {
  const parsed = layoutProfileSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_PROFILE', `Mẫu bố cục ${source} không hợp lệ: ${describeProfileIssues(parsed.error.issues, raw)}.`);
  return parsed.data;
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

/** How the profile knows the agency, read from the stored JSON without trusting it. */
function agencyModeOf(definition: unknown): string {
  const layout = typeof definition === 'object' && definition !== null ? (definition as { layout?: { kind?: unknown; agency?: { mode?: unknown } } }).layout : undefined;
  if (layout?.kind === 'agency-rows') return 'rows';
  return typeof layout?.agency?.mode === 'string' ? layout.agency.mode : 'unknown';
}

function toSummary(row: ProfileRow): LayoutProfileSummary {
  const definition = parseJson(row.definition);
  return {
    id: row.id,
    name: row.name,
    description: descriptionOf(definition),
    agencyCode: row.agency_code,
    agencyName: row.agency_name,
    agencyMode: agencyModeOf(definition),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastFile: row.last_file_name && row.last_file_at ? { name: row.last_file_name, at: row.last_file_at } : null,
    lastUsedAt: row.last_used_at,
    reports: Number(row.reports ?? 0),
  };
}

/**
 * The stored profile of a name, looked up by its normalised form: a row stored before
 * names were normalised ("Viện  kiểm sát", or in NFD) is found by its tidied name too.
 */
async function rowNamed(db: Kysely<Database> | Transaction<Database>, name: string): Promise<ProfileRow | undefined> {
  const clean = normalizeProfileName(name);
  const exact = await findProfileRow(db, clean);
  if (exact) return exact;
  return (await profileRows(db).execute()).find((r) => normalizeProfileName(r.name) === clean);
}

async function requireRow(ctx: AppContext, name: string): Promise<ProfileRow> {
  const row = await rowNamed(ctx.db, name);
  if (!row) throw notFound('mẫu bố cục', normalizeProfileName(name));
  return row;
}

function exists(name: string): AppError {
  return new AppError(
    'PROFILE_EXISTS',
    `Đã có mẫu bố cục tên "${name}". Hãy đặt tên khác, hoặc chọn thay mẫu đã lưu bằng mẫu này.`,
  );
}

async function fixedAgencyId(ctx: AppContext, profile: LayoutProfile): Promise<number | null> {
  if (profile.layout.kind !== 'indicator-rows' || profile.layout.agency.mode !== 'fixed') return null;
  const agency = await findAgencyByCode(ctx.db, profile.layout.agency.code);
  if (!agency) throw new AppError('UNKNOWN_AGENCY', `Mẫu bố cục "${profile.name}" ghi đơn vị mã "${profile.layout.agency.code}" nhưng không có đơn vị này.`);
  return agency.id;
}

/**
 * Saves a layout profile. A name already taken is refused (PROFILE_EXISTS) unless the
 * clerk said to replace it: saving over another office's profile by accident loses it.
 */
export async function saveProfile(ctx: AppContext, raw: unknown, options: { replace?: boolean } = {}): Promise<LayoutProfileSummary> {
  const profile = parseProfile(raw, '');
  const agencyId = await fixedAgencyId(ctx, profile);
  const now = nowText(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await rowNamed(trx, profile.name);
    if (existing && !options.replace) throw exists(profile.name);
    const definition = JSON.stringify(profile);
    if (existing) {
      // A row stored under an untidied name takes the tidied one.
      if (existing.name !== profile.name) await renameProfileRow(trx, existing.id, { name: profile.name, definition, at: now });
      await updateProfileDefinition(trx, existing.id, { agencyId, definition, at: now });
    } else await insertProfile(trx, { name: profile.name, agencyId, definition, at: now });
    await audit(ctx, trx, existing ? 'update' : 'create', 'layout_profile', profile.name, profile);
    return toSummary(await findProfileRow(trx, profile.name).then((r) => r as ProfileRow));
  });
}

export async function listProfiles(ctx: AppContext): Promise<LayoutProfileSummary[]> {
  return (await profileRows(ctx.db).execute()).map(toSummary);
}

/** One profile with its definition; a stored definition that no longer parses says so rather than opening half. */
export async function getProfile(ctx: AppContext, name: string): Promise<LayoutProfileDetail> {
  const row = await requireRow(ctx, name);
  const definition = parseProfile(parseJson(row.definition), `"${name}" đã lưu`);
  return { ...toSummary(row), definition, lastSubmissionId: await lastSubmissionOf(ctx.db, row.id) };
}

const NAME_MAX = PROFILE_NAME_MAX;

function cleanName(name: string): string {
  const clean = normalizeProfileName(name);
  if (!clean) throw new AppError('INVALID_PROFILE', 'Tên mẫu bố cục không được để trống.');
  if (clean.length > NAME_MAX) throw new AppError('INVALID_PROFILE', `Tên mẫu bố cục dài quá ${NAME_MAX} ký tự.`);
  return clean;
}

/** Renames a profile (audited). Reports read through it keep the name it had then. */
export async function renameProfile(ctx: AppContext, args: { name: string; newName: string }): Promise<LayoutProfileSummary> {
  const newName = cleanName(args.newName);
  const row = await requireRow(ctx, args.name);
  if (newName === row.name) return toSummary(row);
  const profile = parseProfile(parseJson(row.definition), `"${row.name}" đã lưu`);
  const now = nowText(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await rowNamed(trx, newName);
    if (taken && taken.id !== row.id) throw exists(newName);
    await renameProfileRow(trx, row.id, { name: newName, definition: JSON.stringify({ ...profile, name: newName }), at: now });
    await audit(ctx, trx, 'rename', 'layout_profile', newName, { from: row.name, to: newName });
    return toSummary((await findProfileRow(trx, newName)) as ProfileRow);
  });
}

/** The first free "Tên (bản sao)", "Tên (bản sao 2)", … */
async function copyName(ctx: AppContext, name: string): Promise<string> {
  const taken = new Set((await profileRows(ctx.db).execute()).map((r) => normalizeProfileName(r.name)));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (bản sao)' : ` (bản sao ${n})`;
    const candidate = `${name.slice(0, NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A copy to change for a second agency's similar layout; the original is left as it is. */
export async function duplicateProfile(ctx: AppContext, args: { name: string; newName?: string }): Promise<LayoutProfileSummary> {
  const row = await requireRow(ctx, args.name);
  const profile = parseProfile(parseJson(row.definition), `"${row.name}" đã lưu`);
  const newName = args.newName ? cleanName(args.newName) : await copyName(ctx, normalizeProfileName(row.name));
  return saveProfile(ctx, { ...profile, name: newName });
}

/**
 * Deletes a profile (audited, with its definition, so it can be made again). The reports
 * read through it stay as they are: their figures, their file, the profile's name.
 */
export async function removeProfile(ctx: AppContext, name: string): Promise<{ name: string; reports: number }> {
  const row = await requireRow(ctx, name);
  const reports = Number(row.reports ?? 0);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteProfileRow(trx, row.id);
    await audit(ctx, trx, 'remove', 'layout_profile', row.name, { reports, definition: parseJson(row.definition) });
  });
  return { name: row.name, reports };
}

/** A file name Windows and Linux both take, from the profile's name. */
function fileNameOf(name: string): string {
  const printable = [...name].filter((c) => c.charCodeAt(0) >= 32).join('');
  const safe = printable.replace(/[\\/:*?"<>|]+/gu, '-').replace(/\s+/gu, ' ').trim().replace(/[. ]+$/u, '');
  return `Mau bo cuc - ${safe || 'khong ten'}.json`;
}

/** The profile's definition as a JSON file: what `profile add` and "Nhập từ tệp JSON" take back. */
export async function exportProfile(ctx: AppContext, name: string): Promise<FileBytes> {
  const { definition, name: saved } = await getProfile(ctx, name);
  return { name: fileNameOf(saved), bytes: new TextEncoder().encode(`${JSON.stringify(definition, null, 2)}\n`) };
}

/** A profile's JSON is a few kilobytes; anything near this is not one. */
const IMPORT_MAX_BYTES = 1_000_000;

/** Reads a profile another office exported; its name must be free unless the clerk said to replace. */
export async function importProfile(ctx: AppContext, args: { file: FileBytes; replace?: boolean }): Promise<LayoutProfileSummary> {
  const { file } = args;
  if (file.bytes.length > IMPORT_MAX_BYTES) throw new AppError('INVALID_PROFILE', `${file.name}: tệp quá lớn để là một mẫu bố cục (mẫu bố cục là tệp JSON vài KB).`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes).replace(/^\uFEFF/u, ''));
  } catch {
    throw new AppError('INVALID_PROFILE', `Không đọc được ${file.name} như một tệp JSON. Hãy chọn tệp mẫu bố cục đã xuất từ ứng dụng (đuôi .json).`);
  }
  const profile = parseProfile(raw, `trong ${file.name}`);
  return saveProfile(ctx, profile, { replace: args.replace });
}

/**
 * Says that an import read a file through the profile: when (every real attempt) and,
 * for a file taken in, which. Checks (dry runs) write nothing, as they promise.
 */
export async function recordUse(ctx: AppContext, profileId: number, use: { file: string | null }, db: Kysely<Database> | Transaction<Database> = ctx.db): Promise<void> {
  await recordProfileUse(db, profileId, { at: nowText(ctx), file: use.file });
}

/** A stored profile, with a hash of its definition as stored: a report records which version read it. */
export interface StoredProfile {
  id: number;
  profile: LayoutProfile;
  sha256: string;
}

/** Every stored profile, parsed; one that no longer parses is skipped rather than blocking imports. */
export async function loadProfiles(ctx: AppContext): Promise<StoredProfile[]> {
  const rows = await profileDefinitionRows(ctx.db);
  const result: StoredProfile[] = [];
  for (const r of rows) {
    const parsed = layoutProfileSchema.safeParse(parseJson(r.definition));
    if (parsed.success) result.push({ id: r.id, profile: parsed.data, sha256: createHash('sha256').update(r.definition).digest('hex') });
  }
  return result;
}

export async function findProfile(ctx: AppContext, name: string): Promise<StoredProfile> {
  const clean = normalizeProfileName(name);
  const found = (await loadProfiles(ctx)).find((p) => p.profile.name === clean);
  if (!found) throw notFound('mẫu bố cục', clean);
  return found;
}
