// What our migrations make, object by object, so a database from elsewhere (a backup
// chosen for restore) can be held to it: every table, index, trigger and view, with
// the SQL that defines it. A backup that carries a trigger of its own, lacks a table,
// or has a column more or less is not ours, whatever its tables are called.
import BetterSqlite3 from 'better-sqlite3';
import { migrate } from './connection';

export interface SchemaObject {
  type: string;
  name: string;
  table: string;
  /** The defining SQL with its white space folded; null for objects SQLite makes itself. */
  sql: string | null;
}

function fold(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/gu, ' ').trim();
}

/**
 * The objects SQLite makes for itself, which neither side's migrations name: its own
 * tables (AUTOINCREMENT's counter, ANALYZE's statistics) and the indexes behind UNIQUE
 * and PRIMARY KEY. Nothing else is exempt, whatever it is called: SQLite does not check
 * the reserved prefix when it reads a schema, so a trigger named "sqlite_…" still fires.
 */
const INTERNAL = /^(sqlite_sequence|sqlite_stat[1-4]|sqlite_autoindex_.+)$/u;

export function schemaOf(sqlite: BetterSqlite3.Database): SchemaObject[] {
  const all = sqlite.prepare('SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master ORDER BY type, name').all() as {
    type: string;
    name: string;
    tbl: string;
    sql: string | null;
  }[];
  const rows = all.filter((r) => !((r.type === 'table' || r.type === 'index') && INTERNAL.test(r.name)));
  return rows.map((r) => ({ type: r.type, name: r.name, table: r.tbl, sql: fold(r.sql) }));
}

let reference: SchemaObject[] | null = null;

/** The schema a new database gets from our migrations, made once in memory. */
export function referenceSchema(nativeBinding?: string): SchemaObject[] {
  if (!reference) {
    const memory = new BetterSqlite3(':memory:', { nativeBinding });
    try {
      migrate(memory);
      reference = schemaOf(memory);
    } finally {
      memory.close();
    }
  }
  return reference;
}

export interface SchemaDifference {
  kind: 'missing' | 'extra' | 'changed';
  object: SchemaObject;
}

/** How a database's schema differs from ours; empty when it is exactly what our migrations make. */
export function schemaDifferences(sqlite: BetterSqlite3.Database, nativeBinding?: string): SchemaDifference[] {
  const ours = referenceSchema(nativeBinding);
  const theirs = schemaOf(sqlite);
  const key = (o: SchemaObject) => `${o.type}:${o.name}`;
  const theirsByKey = new Map(theirs.map((o) => [key(o), o]));
  const oursByKey = new Map(ours.map((o) => [key(o), o]));
  const out: SchemaDifference[] = [];
  for (const o of ours) {
    const t = theirsByKey.get(key(o));
    if (!t) out.push({ kind: 'missing', object: o });
    else if (t.sql !== o.sql || t.table !== o.table) out.push({ kind: 'changed', object: t });
  }
  for (const t of theirs) if (!oursByKey.has(key(t))) out.push({ kind: 'extra', object: t });
  // Tables first, as a clerk (or a maintainer) would read them, then what hangs on them.
  const rank = (d: SchemaDifference) => ['table', 'index', 'trigger', 'view'].indexOf(d.object.type);
  return out.sort((a, b) => rank(a) - rank(b));
}
