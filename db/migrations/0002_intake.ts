// What the Excel intake needs beyond the core: saved layouts of agencies' own
// workbooks, a log of every import attempt, and lookup of a file by its hash.
import type { Migration } from './index';

export const migration0002: Migration = {
  version: 2,
  name: 'intake',
  statements: [
    `CREATE TABLE layout_profile (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      agency_id INTEGER REFERENCES agency(id),
      definition TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE import_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      file_name TEXT NOT NULL,
      file_sha256 TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'rejected', 'duplicate', 'dry_run')),
      submission_id INTEGER REFERENCES submission(id),
      problems TEXT NOT NULL DEFAULT '[]'
    )`,
    `CREATE INDEX submission_sha256 ON submission (file_sha256)`,
  ],
};
