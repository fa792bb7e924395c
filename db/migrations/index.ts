// The static list of migrations. Listed by hand, not discovered on disk, so a bundler
// cannot lose one. Versions are consecutive; the runners check that. Each migration
// says its change twice, for SQLite and for PostgreSQL (db/handle.ts, the types).
import { migration0001 } from './0001_core';
import { migration0002 } from './0002_intake';
import { migration0003 } from './0003_settings';
import { migration0004 } from './0004_provenance';
import { migration0005 } from './0005_profile_use';
import { migration0006 } from './0006_plan_version';
import { migration0007 } from './0007_db_role';

export interface Migration {
  version: number;
  name: string;
  /** One SQL statement each; run in order inside one transaction (SQLite). */
  statements: readonly string[];
  /** The same change on PostgreSQL, statement by statement where the two differ in types or syntax. */
  postgres: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
