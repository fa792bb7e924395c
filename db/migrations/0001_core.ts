// The plan, the agencies, the periods and what agencies report. Frozen once released:
// later changes go into a new migration, never into this file.
import type { Migration } from './index';

export const migration0001: Migration = {
  version: 1,
  name: 'core',
  statements: [
    `CREATE TABLE organization (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      parent_body TEXT NOT NULL,
      issuing_body TEXT NOT NULL,
      place TEXT NOT NULL,
      heading_style TEXT NOT NULL CHECK (heading_style IN ('party', 'state')),
      standing_office_code TEXT
    )`,
    `CREATE TABLE agency (
      id INTEGER PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      group_kind TEXT NOT NULL,
      contact_person TEXT,
      contact_phone TEXT,
      valid_from TEXT,
      valid_to TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0,
      search_key TEXT NOT NULL,
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
    )`,
    `CREATE TABLE plan (
      id INTEGER PRIMARY KEY,
      year INTEGER NOT NULL,
      number TEXT NOT NULL,
      issued_on TEXT,
      title TEXT NOT NULL,
      basis TEXT,
      status TEXT NOT NULL CHECK (status IN ('draft', 'in_force', 'closed')),
      -- The office keeps one key-task plan a year; the year names it everywhere.
      UNIQUE (year)
    )`,
    `CREATE TABLE task (
      id INTEGER PRIMARY KEY,
      plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      parent_id INTEGER REFERENCES task(id),
      code TEXT NOT NULL,
      ordinal INTEGER NOT NULL,
      ordinal_label TEXT,
      title TEXT NOT NULL,
      content TEXT NOT NULL,
      sort_order INTEGER NOT NULL,
      retired_on TEXT,
      UNIQUE (plan_id, code)
    )`,
    `CREATE TABLE task_agency (
      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      agency_id INTEGER NOT NULL REFERENCES agency(id),
      role TEXT NOT NULL CHECK (role IN ('lead', 'coordinate')),
      PRIMARY KEY (task_id, agency_id)
    )`,
    `CREATE TABLE indicator (
      id INTEGER PRIMARY KEY,
      plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      unit TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('integer', 'decimal', 'percent', 'text')),
      aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'ratio', 'max', 'latest')),
      numerator_id INTEGER REFERENCES indicator(id),
      denominator_id INTEGER REFERENCES indicator(id),
      target REAL,
      target_direction TEXT CHECK (target_direction IN ('min', 'max')),
      sort_order INTEGER NOT NULL,
      retired_on TEXT,
      UNIQUE (plan_id, code),
      CHECK (aggregation <> 'ratio' OR (numerator_id IS NOT NULL AND denominator_id IS NOT NULL))
    )`,
    `CREATE TABLE indicator_reporter (
      indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
      agency_id INTEGER NOT NULL REFERENCES agency(id),
      PRIMARY KEY (indicator_id, agency_id)
    )`,
    `CREATE TABLE period (
      id INTEGER PRIMARY KEY,
      plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      code TEXT NOT NULL UNIQUE,
      label TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('quarter', 'half', 'nine-months', 'year')),
      preset TEXT NOT NULL CHECK (preset IN ('nd09', 'calendar', 'custom')),
      date_from TEXT NOT NULL,
      date_to TEXT NOT NULL,
      due_on TEXT NOT NULL,
      sort_order INTEGER NOT NULL,
      CHECK (date_from <= date_to)
    )`,
    `CREATE TABLE submission (
      id INTEGER PRIMARY KEY,
      agency_id INTEGER NOT NULL REFERENCES agency(id),
      period_id INTEGER NOT NULL REFERENCES period(id),
      revision INTEGER NOT NULL,
      is_current INTEGER NOT NULL CHECK (is_current IN (0, 1)),
      received_at TEXT NOT NULL,
      is_late INTEGER NOT NULL CHECK (is_late IN (0, 1)),
      status TEXT NOT NULL CHECK (status IN ('received', 'accepted', 'returned')),
      return_reason TEXT,
      source_kind TEXT NOT NULL CHECK (source_kind IN ('template', 'profile', 'manual')),
      profile_id INTEGER,
      file_name TEXT,
      file_sha256 TEXT,
      document_number TEXT,
      document_date TEXT,
      UNIQUE (agency_id, period_id, revision)
    )`,
    // At most one current revision per agency and period; earlier ones stay for the record.
    `CREATE UNIQUE INDEX submission_current ON submission (agency_id, period_id) WHERE is_current = 1`,
    `CREATE INDEX submission_period ON submission (period_id)`,
    `CREATE TABLE task_report (
      submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      task_id INTEGER NOT NULL REFERENCES task(id),
      status TEXT CHECK (status IN ('completed', 'in_progress', 'not_started', 'not_applicable')),
      results TEXT NOT NULL DEFAULT '',
      difficulties TEXT NOT NULL DEFAULT '',
      proposals TEXT NOT NULL DEFAULT '',
      source_cell TEXT,
      PRIMARY KEY (submission_id, task_id)
    )`,
    `CREATE TABLE value (
      submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      indicator_id INTEGER NOT NULL REFERENCES indicator(id),
      number REAL,
      text TEXT,
      source_cell TEXT,
      PRIMARY KEY (submission_id, indicator_id)
    )`,
    `CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_key TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}'
    )`,
  ],
  // The same on PostgreSQL: integer ids by identity, REAL as double precision, text
  // compared byte by byte as SQLite does (COLLATE "C"), BLOB as bytea.
  postgres: [
    `CREATE TABLE organization (
      id integer PRIMARY KEY CHECK (id = 1),
      name text COLLATE "C" NOT NULL,
      parent_body text COLLATE "C" NOT NULL,
      issuing_body text COLLATE "C" NOT NULL,
      place text COLLATE "C" NOT NULL,
      heading_style text COLLATE "C" NOT NULL CHECK (heading_style IN ('party', 'state')),
      standing_office_code text COLLATE "C"
    )`,
    `CREATE TABLE agency (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      code text COLLATE "C" NOT NULL UNIQUE,
      name text COLLATE "C" NOT NULL,
      group_kind text COLLATE "C" NOT NULL,
      contact_person text COLLATE "C",
      contact_phone text COLLATE "C",
      valid_from text COLLATE "C",
      valid_to text COLLATE "C",
      sort_order integer NOT NULL DEFAULT 0,
      search_key text COLLATE "C" NOT NULL,
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
    )`,
    `CREATE TABLE plan (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      year integer NOT NULL,
      number text COLLATE "C" NOT NULL,
      issued_on text COLLATE "C",
      title text COLLATE "C" NOT NULL,
      basis text COLLATE "C",
      status text COLLATE "C" NOT NULL CHECK (status IN ('draft', 'in_force', 'closed')),
      -- The office keeps one key-task plan a year; the year names it everywhere.
      UNIQUE (year)
    )`,
    `CREATE TABLE task (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      parent_id integer REFERENCES task(id),
      code text COLLATE "C" NOT NULL,
      ordinal integer NOT NULL,
      ordinal_label text COLLATE "C",
      title text COLLATE "C" NOT NULL,
      content text COLLATE "C" NOT NULL,
      sort_order integer NOT NULL,
      retired_on text COLLATE "C",
      UNIQUE (plan_id, code)
    )`,
    `CREATE TABLE task_agency (
      task_id integer NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      agency_id integer NOT NULL REFERENCES agency(id),
      role text COLLATE "C" NOT NULL CHECK (role IN ('lead', 'coordinate')),
      PRIMARY KEY (task_id, agency_id)
    )`,
    `CREATE TABLE indicator (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      task_id integer NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      code text COLLATE "C" NOT NULL,
      name text COLLATE "C" NOT NULL,
      unit text COLLATE "C" NOT NULL,
      kind text COLLATE "C" NOT NULL CHECK (kind IN ('integer', 'decimal', 'percent', 'text')),
      aggregation text COLLATE "C" NOT NULL CHECK (aggregation IN ('sum', 'ratio', 'max', 'latest')),
      numerator_id integer REFERENCES indicator(id),
      denominator_id integer REFERENCES indicator(id),
      target double precision,
      target_direction text COLLATE "C" CHECK (target_direction IN ('min', 'max')),
      sort_order integer NOT NULL,
      retired_on text COLLATE "C",
      UNIQUE (plan_id, code),
      CHECK (aggregation <> 'ratio' OR (numerator_id IS NOT NULL AND denominator_id IS NOT NULL))
    )`,
    `CREATE TABLE indicator_reporter (
      indicator_id integer NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
      agency_id integer NOT NULL REFERENCES agency(id),
      PRIMARY KEY (indicator_id, agency_id)
    )`,
    `CREATE TABLE period (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      plan_id integer NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      code text COLLATE "C" NOT NULL UNIQUE,
      label text COLLATE "C" NOT NULL,
      kind text COLLATE "C" NOT NULL CHECK (kind IN ('quarter', 'half', 'nine-months', 'year')),
      preset text COLLATE "C" NOT NULL CHECK (preset IN ('nd09', 'calendar', 'custom')),
      date_from text COLLATE "C" NOT NULL,
      date_to text COLLATE "C" NOT NULL,
      due_on text COLLATE "C" NOT NULL,
      sort_order integer NOT NULL,
      CHECK (date_from <= date_to)
    )`,
    `CREATE TABLE submission (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      agency_id integer NOT NULL REFERENCES agency(id),
      period_id integer NOT NULL REFERENCES period(id),
      revision integer NOT NULL,
      is_current integer NOT NULL CHECK (is_current IN (0, 1)),
      received_at text COLLATE "C" NOT NULL,
      is_late integer NOT NULL CHECK (is_late IN (0, 1)),
      status text COLLATE "C" NOT NULL CHECK (status IN ('received', 'accepted', 'returned')),
      return_reason text COLLATE "C",
      source_kind text COLLATE "C" NOT NULL CHECK (source_kind IN ('template', 'profile', 'manual')),
      profile_id integer,
      file_name text COLLATE "C",
      file_sha256 text COLLATE "C",
      document_number text COLLATE "C",
      document_date text COLLATE "C",
      UNIQUE (agency_id, period_id, revision)
    )`,
    `CREATE UNIQUE INDEX submission_current ON submission (agency_id, period_id) WHERE is_current = 1`,
    `CREATE INDEX submission_period ON submission (period_id)`,
    `CREATE TABLE task_report (
      submission_id integer NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      task_id integer NOT NULL REFERENCES task(id),
      status text COLLATE "C" CHECK (status IN ('completed', 'in_progress', 'not_started', 'not_applicable')),
      results text COLLATE "C" NOT NULL DEFAULT '',
      difficulties text COLLATE "C" NOT NULL DEFAULT '',
      proposals text COLLATE "C" NOT NULL DEFAULT '',
      source_cell text COLLATE "C",
      PRIMARY KEY (submission_id, task_id)
    )`,
    `CREATE TABLE value (
      submission_id integer NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
      indicator_id integer NOT NULL REFERENCES indicator(id),
      number double precision,
      text text COLLATE "C",
      source_cell text COLLATE "C",
      PRIMARY KEY (submission_id, indicator_id)
    )`,
    `CREATE TABLE audit_log (
      id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      at text COLLATE "C" NOT NULL,
      action text COLLATE "C" NOT NULL,
      entity text COLLATE "C" NOT NULL,
      entity_key text COLLATE "C" NOT NULL,
      detail text COLLATE "C" NOT NULL DEFAULT '{}'
    )`,
  ],
};
