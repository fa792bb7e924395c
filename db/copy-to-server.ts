// Copying a SQLite file's tables onto a PostgreSQL database (migrate-to, issue #16),
// table by table and row by row, ids kept. Which tables there are and the order they
// go in are read from the file itself (sqlite_master, pragma_table_info,
// pragma_foreign_key_list), never listed by hand: a table a later migration adds is
// copied, and checked, without anyone remembering to add it here.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;

/** The target's migrations write it themselves: a row copied there would say a migration ran twice. */
export const MIGRATION_TABLE = 'schema_migration';

export interface TableShape {
  name: string;
  /** In the file's column order. */
  columns: string[];
  /** The primary key's columns, in key order (empty for a table without one). */
  key: string[];
  references: { column: string; table: string; to: string }[];
}

export interface ServerTable {
  name: string;
  columns: string[];
  identity: { column: string; always: boolean }[];
}

/** What one table's rows are: how many, and a digest of them that does not depend on their order. */
export interface RowsDigest {
  rows: number;
  digest: string;
}

/** Every table of the SQLite database but SQLite's own, with its columns, key and foreign keys. */
export async function sqliteTables(db: Db): Promise<TableShape[]> {
  const names = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`.execute(db);
  const tables: TableShape[] = [];
  for (const { name } of names.rows) {
    const info = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${name}) ORDER BY cid`.execute(db);
    const fks = await sql<{ table: string; from: string; to: string | null }>`SELECT "table", "from", "to" FROM pragma_foreign_key_list(${name})`.execute(db);
    const key = info.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    tables.push({ name, columns: info.rows.map((c) => c.name), key, references: fks.rows.map((f) => ({ column: f.from, table: f.table, to: f.to ?? '' })) });
  }
  // A reference without a column names the referenced table's primary key.
  for (const t of tables) {
    for (const r of t.references) if (r.to === '') r.to = tables.find((o) => o.name === r.table)?.key[0] ?? 'id';
  }
  return tables;
}

/**
 * The tables in an order where each comes after every table it references (references
 * to itself aside: copyTable orders those rows). Ties go by name, so the order is the
 * same every time.
 */
export function copyOrder(tables: readonly TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const pending = new Map(tables.map((t) => [t.name, new Set(t.references.map((r) => r.table).filter((n) => n !== t.name && byName.has(n)))]));
  const ordered: TableShape[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, needs]) => needs.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among the tables ${[...pending.keys()].join(', ')}`);
    for (const name of ready) {
      pending.delete(name);
      for (const needs of pending.values()) needs.delete(name);
      ordered.push(byName.get(name) as TableShape);
    }
  }
  return ordered;
}

/** The tables of the server database's current schema, with their columns and identity columns. */
export async function serverTables(db: Db): Promise<ServerTable[]> {
  const rows = await sql<{ table_name: string; column_name: string; is_identity: string; identity_generation: string | null }>`
    SELECT c.table_name, c.column_name, c.is_identity, c.identity_generation
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  const tables = new Map<string, ServerTable>();
  for (const r of rows.rows) {
    let t = tables.get(r.table_name);
    if (!t) tables.set(r.table_name, (t = { name: r.table_name, columns: [], identity: [] }));
    t.columns.push(r.column_name);
    if (r.is_identity === 'YES') t.identity.push({ column: r.column_name, always: r.identity_generation === 'ALWAYS' });
  }
  return [...tables.values()];
}

/**
 * Everything the server database's current schema holds: tables, views, sequences,
 * indexes, functions, types. migrate-to fills only a database where this is empty.
 */
export async function schemaContents(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace
    UNION ALL SELECT typname FROM pg_type WHERE typnamespace = current_schema()::regnamespace AND typtype IN ('e', 'd', 'r', 'm')
    ORDER BY 1`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** A value as both backends give it back: bytes (a Buffer from either driver) as base64. */
function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The rows' count and a digest of the sorted digests of each row: equal for the same rows in any order. */
export function digestRows(rows: readonly Row[], columns: readonly string[]): RowsDigest {
  const each = rows.map((r) => createHash('sha256').update(JSON.stringify(columns.map((c) => canonical(r[c])))).digest('hex')).sort();
  return { rows: rows.length, digest: createHash('sha256').update(each.join('\n')).digest('hex') };
}

function selectAll(db: Db, table: TableShape): Promise<Row[]> {
  const order = table.key.length > 0 ? sql` ORDER BY ${sql.join(table.key.map((c) => sql.ref(c)))}` : sql``;
  return sql<Row>`SELECT ${sql.join(table.columns.map((c) => sql.ref(c)))} FROM ${sql.table(table.name)}${order}`.execute(db).then((r) => r.rows);
}

/** One table's rows and their digest, read from either backend. */
export async function tableDigest(db: Db, table: TableShape): Promise<RowsDigest> {
  return digestRows(await selectAll(db, table), table.columns);
}

/**
 * The rows so that a row a reference to its own table names (a task's parent, a ratio's
 * numerator) goes in no later than the row naming it: the server checks each reference
 * at the end of the statement that inserts the row, and a table's rows take several
 * statements. Rows in a cycle (none the app makes) go in last with those references
 * empty, and get them once all the table's rows are in (`later`).
 */
function selfReferenceOrder(table: TableShape, rows: readonly Row[]): { ordered: Row[]; later: Row[] } {
  const own = table.references.filter((r) => r.table === table.name);
  if (own.length === 0) return { ordered: [...rows], later: [] };
  const index = new Map<string, Map<unknown, number>>();
  for (const r of own) if (!index.has(r.to)) index.set(r.to, new Map(rows.map((row, i) => [row[r.to], i])));
  // What each row waits for: the other rows it names (a row naming itself waits for nothing).
  const needs = rows.map((row, i) => new Set(own.map((r) => (row[r.column] === null ? undefined : index.get(r.to)?.get(row[r.column]))).filter((j): j is number => j !== undefined && j !== i)));
  const neededBy = rows.map(() => [] as number[]);
  needs.forEach((set, i) => {
    for (const j of set) neededBy[j]?.push(i);
  });
  const waiting = needs.map((set) => set.size);
  const queue = waiting.flatMap((n, i) => (n === 0 ? [i] : []));
  for (let k = 0; k < queue.length; k++) {
    for (const j of neededBy[queue[k] as number] ?? []) if (--(waiting[j] as number) === 0) queue.push(j);
  }
  const placed = new Set(queue);
  const later = rows.filter((_, i) => !placed.has(i));
  return { ordered: [...queue.map((i) => rows[i] as Row), ...later], later };
}

/** Under the server's 65,535 parameters a statement, and a few megabytes of bytes (the stored originals). */
const MAX_PARAMETERS = 30_000;
const MAX_BYTES = 16 * 1024 * 1024;

function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'string') return value.length * 3;
  return 8;
}

function insertStatement(table: TableShape, overriding: boolean, rows: readonly Row[], blank: ReadonlySet<string>): RawBuilder<unknown> {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  const values = sql.join(rows.map((r) => sql`(${sql.join(table.columns.map((c) => (blank.has(c) ? null : r[c])))})`));
  return sql`INSERT INTO ${sql.table(table.name)} (${columns}) ${overriding ? sql`OVERRIDING SYSTEM VALUE ` : sql``}VALUES ${values}`;
}

/**
 * Copies one table's rows from the file into the server as they are, ids included,
 * in statements of a few thousand rows; returns what was read, to check the server
 * against once every table is in.
 */
export async function copyTable(from: Db, to: Db, table: TableShape, target: ServerTable): Promise<RowsDigest> {
  const rows = await selectAll(from, table);
  const read = digestRows(rows, table.columns);
  const { ordered, later } = selfReferenceOrder(table, rows);
  const own = table.references.filter((r) => r.table === table.name);
  const laterSet = new Set(later);
  const blankFor = new Set(own.map((r) => r.column));
  const none = new Set<string>();
  const overriding = target.identity.some((c) => c.always);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, table.columns.length)));
  let batch: Row[] = [];
  let bytes = 0;
  let blank = none;
  const flush = async () => {
    if (batch.length > 0) await insertStatement(table, overriding, batch, blank).execute(to);
    batch = [];
    bytes = 0;
  };
  for (const row of ordered) {
    // The rows whose own references are set afterwards go in statements of their own.
    const wanted = laterSet.has(row) ? blankFor : none;
    const size = table.columns.reduce((n, c) => n + sizeOf(row[c]), 0);
    if (wanted !== blank || batch.length >= perStatement || (batch.length > 0 && bytes + size > MAX_BYTES)) await flush();
    blank = wanted;
    batch.push(row);
    bytes += size;
  }
  await flush();
  for (const row of later) {
    const sets = sql.join(own.map((r) => sql`${sql.ref(r.column)} = ${row[r.column]}`));
    const where = sql.join(
      table.key.map((c) => sql`${sql.ref(c)} = ${row[c]}`),
      sql` AND `,
    );
    await sql`UPDATE ${sql.table(table.name)} SET ${sets} WHERE ${where}`.execute(to);
  }
  return read;
}

/** Sets each identity column's sequence past the largest id copied, so the next row the app adds gets a new one. */
export async function resetIdentities(db: Db, tables: readonly ServerTable[]): Promise<void> {
  for (const t of tables) {
    for (const { column } of t.identity) {
      const quoted = `"${t.name.replace(/"/gu, '""')}"`;
      await sql`SELECT setval(pg_get_serial_sequence(${quoted}, ${column}), coalesce(max(${sql.ref(column)}), 0) + 1, false) FROM ${sql.table(t.name)}`.execute(db);
    }
  }
}

/** A table's rows, counted on either backend. */
export async function countRows(db: Db, table: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
