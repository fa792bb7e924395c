// The office's preferences (automatic backups, language) as key/value rows, so a new
// setting needs no new migration.
import type { Migration } from './index';

export const migration0003: Migration = {
  version: 3,
  name: 'settings',
  statements: [`CREATE TABLE setting (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    )`],
  // The same on PostgreSQL: integer ids by identity, REAL as double precision, text
  // compared byte by byte as SQLite does (COLLATE "C"), BLOB as bytea.
  postgres: [
    `CREATE TABLE setting (
      key text COLLATE "C" PRIMARY KEY,
      value text COLLATE "C" NOT NULL
    )`,
  ],
};
