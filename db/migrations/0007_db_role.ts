// Who, on a shared server (issue #16): every submission, correction, acceptance and
// audit row records the PostgreSQL role it was written as. The server fills it in
// (DEFAULT current_user), so no client can write another clerk's name there; the rows
// already stored say nothing (NULL), as do all rows on SQLite, where there are no roles.
import type { Migration } from './index';

const TABLES = ['submission', 'correction', 'check_acceptance', 'audit_log'] as const;

export const migration0007: Migration = {
  version: 7,
  name: 'db_role',
  statements: TABLES.map((t) => `ALTER TABLE ${t} ADD COLUMN db_role TEXT`),
  // Added first, then given its default: a column added with DEFAULT current_user would
  // put the migrating administrator's name on every row already there.
  postgres: TABLES.flatMap((t) => [`ALTER TABLE ${t} ADD COLUMN db_role text COLLATE "C"`, `ALTER TABLE ${t} ALTER COLUMN db_role SET DEFAULT current_user`]),
};
