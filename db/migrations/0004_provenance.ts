// Figures a clerk can sign (issue: every figure leads back to its file): when a report
// really arrived, who recorded it, the file's own bytes, where each narrative came
// from, the office's corrections next to what the file said, rule checks the clerk
// accepted with a reason, and an audit log that can only grow.
import type { Migration } from './index';

export const migration0004: Migration = {
  version: 4,
  name: 'provenance',
  statements: [
    // received_at stays the moment the report was recorded in the app; received_on is the
    // day the office received it (the clerk's date, today by default), which lateness uses.
    `ALTER TABLE submission ADD COLUMN received_on TEXT NOT NULL DEFAULT ''`,
    `UPDATE submission SET received_on = substr(received_at, 1, 10)`,
    `ALTER TABLE submission ADD COLUMN profile_sha256 TEXT`,
    `ALTER TABLE submission ADD COLUMN os_user TEXT`,
    `ALTER TABLE submission ADD COLUMN clerk TEXT`,
    // source_cell keeps the status cell; the narratives get a cell each.
    `ALTER TABLE task_report ADD COLUMN results_cell TEXT`,
    `ALTER TABLE task_report ADD COLUMN difficulties_cell TEXT`,
    `ALTER TABLE task_report ADD COLUMN proposals_cell TEXT`,
    // Content-addressed, inside the database so that a backup carries the originals too.
    `CREATE TABLE source_file (
      sha256 TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      bytes BLOB NOT NULL,
      name TEXT NOT NULL,
      stored_at TEXT NOT NULL
    )`,
    // import_log.submission_id names only the first report of a workbook; this names them all.
    `CREATE TABLE import_log_submission (
      import_log_id INTEGER NOT NULL REFERENCES import_log(id),
      submission_id INTEGER NOT NULL REFERENCES submission(id),
      PRIMARY KEY (import_log_id, submission_id)
    )`,
    `INSERT INTO import_log_submission (import_log_id, submission_id)
      SELECT id, submission_id FROM import_log WHERE submission_id IS NOT NULL`,
    // A value the office set itself (a refused or blank cell, after phoning the agency):
    // the stored figure is the office's, and this row keeps what the file said and why.
    `CREATE TABLE correction (
      id INTEGER PRIMARY KEY,
      submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      field TEXT NOT NULL,
      cell TEXT,
      file_text TEXT NOT NULL DEFAULT '',
      number REAL,
      text TEXT,
      note TEXT NOT NULL CHECK (length(trim(note)) > 0),
      at TEXT NOT NULL,
      os_user TEXT,
      clerk TEXT
    )`,
    `CREATE INDEX correction_submission ON correction (submission_id, field)`,
    // An error-level rule check the clerk let through, with the reason given.
    `CREATE TABLE check_acceptance (
      id INTEGER PRIMARY KEY,
      submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      rule TEXT NOT NULL,
      indicator_code TEXT NOT NULL,
      -- The finding let through, exactly: the other period it compares with (none for a
      -- ratio's parts) and both figures. Changed figures are another finding.
      against_period TEXT,
      value REAL NOT NULL,
      other_value REAL NOT NULL,
      message TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
      at TEXT NOT NULL,
      os_user TEXT,
      clerk TEXT
    )`,
    `CREATE INDEX check_acceptance_submission ON check_acceptance (submission_id)`,
    `ALTER TABLE audit_log ADD COLUMN os_user TEXT`,
    `ALTER TABLE audit_log ADD COLUMN clerk TEXT`,
    // The record of what was done cannot be rewritten from inside the app.
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ],
  // The same on PostgreSQL: integer ids by identity, REAL as double precision, text
  // compared byte by byte as SQLite does (COLLATE "C"), BLOB as bytea.
  postgres: [
    `ALTER TABLE submission ADD COLUMN received_on text COLLATE "C" NOT NULL DEFAULT ''`,
    `UPDATE submission SET received_on = substr(received_at, 1, 10)`,
    `ALTER TABLE submission ADD COLUMN profile_sha256 text COLLATE "C"`,
    `ALTER TABLE submission ADD COLUMN os_user text COLLATE "C"`,
    `ALTER TABLE submission ADD COLUMN clerk text COLLATE "C"`,
    `ALTER TABLE task_report ADD COLUMN results_cell text COLLATE "C"`,
    `ALTER TABLE task_report ADD COLUMN difficulties_cell text COLLATE "C"`,
    `ALTER TABLE task_report ADD COLUMN proposals_cell text COLLATE "C"`,
    `CREATE TABLE source_file (
      sha256 text COLLATE "C" PRIMARY KEY,
      size bigint NOT NULL,
      bytes bytea NOT NULL,
      name text COLLATE "C" NOT NULL,
      stored_at text COLLATE "C" NOT NULL
    )`,
    `CREATE TABLE import_log_submission (
      import_log_id integer NOT NULL REFERENCES import_log(id),
      submission_id integer NOT NULL REFERENCES submission(id),
      PRIMARY KEY (import_log_id, submission_id)
    )`,
    `INSERT INTO import_log_submission (import_log_id, submission_id)
      SELECT id, submission_id FROM import_log WHERE submission_id IS NOT NULL`,
    `CREATE TABLE correction (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      submission_id integer NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      field text COLLATE "C" NOT NULL,
      cell text COLLATE "C",
      file_text text COLLATE "C" NOT NULL DEFAULT '',
      number double precision,
      text text COLLATE "C",
      note text COLLATE "C" NOT NULL CHECK (length(trim(note)) > 0),
      at text COLLATE "C" NOT NULL,
      os_user text COLLATE "C",
      clerk text COLLATE "C"
    )`,
    `CREATE INDEX correction_submission ON correction (submission_id, field)`,
    `CREATE TABLE check_acceptance (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      submission_id integer NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      rule text COLLATE "C" NOT NULL,
      indicator_code text COLLATE "C" NOT NULL,
      -- The finding let through, exactly: the other period it compares with (none for a
      -- ratio's parts) and both figures. Changed figures are another finding.
      against_period text COLLATE "C",
      value double precision NOT NULL,
      other_value double precision NOT NULL,
      message text COLLATE "C" NOT NULL,
      reason text COLLATE "C" NOT NULL CHECK (length(trim(reason)) > 0),
      at text COLLATE "C" NOT NULL,
      os_user text COLLATE "C",
      clerk text COLLATE "C"
    )`,
    `CREATE INDEX check_acceptance_submission ON check_acceptance (submission_id)`,
    `ALTER TABLE audit_log ADD COLUMN os_user text COLLATE "C"`,
    `ALTER TABLE audit_log ADD COLUMN clerk text COLLATE "C"`,
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
  ],
};
