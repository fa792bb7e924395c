// The intake's own queries: the reports a file with given bytes became (answered before
// the file is parsed again), the current revision a report would replace, and the import
// log's line per attempt.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, ImportLogTable } from '../schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredFileReport {
  id: number;
  agency: string;
  /** The agency's name and the period's label: what the clerk is told, never the codes. */
  agencyName: string;
  period: string;
  periodLabel: string;
  revision: number;
  receivedOn: string;
  late: boolean;
  source: string;
  /** The profile that read it, while that profile still exists. */
  profileId: number | null;
  profileName: string | null;
}

/**
 * Every submission read from a file with these bytes, earliest first (the index
 * submission_sha256 finds them). Any revision counts, current or not.
 */
export async function reportsFromFile(db: Db, digest: string): Promise<StoredFileReport[]> {
  const rows = await db
    .selectFrom('submission as s')
    .innerJoin('agency as a', 'a.id', 's.agency_id')
    .innerJoin('period as p', 'p.id', 's.period_id')
    .leftJoin('layout_profile as lp', 'lp.id', 's.profile_id')
    .select(['s.id', 'a.code as agency', 'a.name as agency_name', 'p.code as period', 'p.label as period_label', 's.revision', 's.received_on', 's.is_late', 's.source_kind', 'lp.id as profile_id', 's.profile_name'])
    .where('s.file_sha256', '=', digest)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agency: r.agency,
    agencyName: r.agency_name,
    period: r.period,
    periodLabel: r.period_label,
    revision: r.revision,
    receivedOn: r.received_on,
    late: r.is_late === 1,
    source: r.source_kind,
    profileId: r.profile_id ?? null,
    profileName: r.profile_name ?? null,
  }));
}

/** The agency's current revision for the period, if any. */
export async function currentRevisionOf(db: Db, agencyId: number, periodId: number): Promise<{ id: number; revision: number } | undefined> {
  return db.selectFrom('submission').select(['id', 'revision']).where('agency_id', '=', agencyId).where('period_id', '=', periodId).where('is_current', '=', 1).executeTakeFirst();
}

/** An attempt's line in the import log, with every report the file became. */
export async function insertImportLog(db: Db, row: Insertable<ImportLogTable>, submissionIds: readonly number[]): Promise<void> {
  const { id } = await db.insertInto('import_log').values(row).returning('id').executeTakeFirstOrThrow();
  if (submissionIds.length > 0) await db.insertInto('import_log_submission').values(submissionIds.map((submission_id) => ({ import_log_id: id, submission_id }))).execute();
}
