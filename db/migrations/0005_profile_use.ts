// Layout profiles the clerk manages (issue 12): each says which file it last read and
// when it was last used, and a report read through a profile keeps the profile's name,
// so deleting or renaming the profile later does not take that record away.
import type { Migration } from './index';

export const migration0005: Migration = {
  version: 5,
  name: 'profile_use',
  statements: [
    `ALTER TABLE layout_profile ADD COLUMN last_file_name TEXT`,
    `ALTER TABLE layout_profile ADD COLUMN last_file_at TEXT`,
    `ALTER TABLE layout_profile ADD COLUMN last_used_at TEXT`,
    `ALTER TABLE submission ADD COLUMN profile_name TEXT`,
    // The name the profile has now is the best there is for reports read before this version.
    `UPDATE submission SET profile_name = (SELECT p.name FROM layout_profile p WHERE p.id = submission.profile_id)
      WHERE profile_id IS NOT NULL`,
    `CREATE INDEX submission_profile ON submission (profile_id)`,
    // What older files already know: the latest report each profile read.
    `UPDATE layout_profile SET
      last_file_name = (SELECT s.file_name FROM submission s WHERE s.profile_id = layout_profile.id ORDER BY s.received_at DESC, s.id DESC LIMIT 1),
      last_file_at = (SELECT max(s.received_at) FROM submission s WHERE s.profile_id = layout_profile.id),
      last_used_at = (SELECT max(s.received_at) FROM submission s WHERE s.profile_id = layout_profile.id)`,
  ],
  // The same on PostgreSQL: integer ids by identity, REAL as double precision, text
  // compared byte by byte as SQLite does (COLLATE "C"), BLOB as bytea.
  postgres: [
    `ALTER TABLE layout_profile ADD COLUMN last_file_name text COLLATE "C"`,
    `ALTER TABLE layout_profile ADD COLUMN last_file_at text COLLATE "C"`,
    `ALTER TABLE layout_profile ADD COLUMN last_used_at text COLLATE "C"`,
    `ALTER TABLE submission ADD COLUMN profile_name text COLLATE "C"`,
    `UPDATE submission SET profile_name = (SELECT p.name FROM layout_profile p WHERE p.id = submission.profile_id)
      WHERE profile_id IS NOT NULL`,
    `CREATE INDEX submission_profile ON submission (profile_id)`,
    `UPDATE layout_profile SET
      last_file_name = (SELECT s.file_name FROM submission s WHERE s.profile_id = layout_profile.id ORDER BY s.received_at DESC, s.id DESC LIMIT 1),
      last_file_at = (SELECT max(s.received_at) FROM submission s WHERE s.profile_id = layout_profile.id),
      last_used_at = (SELECT max(s.received_at) FROM submission s WHERE s.profile_id = layout_profile.id)`,
  ],
};
