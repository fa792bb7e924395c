// What kysely's SqliteDialect is handed instead of the bare better-sqlite3 Database:
// the same thing, except that prepare() keeps its statements. kysely's SqliteDriver
// (kysely 0.28, dialect/sqlite/sqlite-driver.js) calls db.prepare(sql) for every query
// it runs, and preparing costs about as much as running the small queries an import is
// made of; the same few dozen SQL texts come back for every file of a batch.
//
// Why reusing a statement is safe here:
// - The driver runs one query at a time (its connection mutex), synchronously:
//   `stmt.reader ? stmt.all(params) : stmt.run(params)`. better-sqlite3 binds the
//   parameters afresh on each call, steps the statement to the end and resets it, so
//   nothing of one execution is left for the next.
// - Streaming is the one path that keeps a statement open: streamQuery() calls
//   stmt.iterate(params), and better-sqlite3 locks an iterated statement until its
//   iterator ends. Nothing in the app streams today, but iterate() still gets a freshly
//   prepared statement, so a stream never shares (or blocks) a cached one.
// - Schema changes need no invalidation. better-sqlite3 prepares with
//   sqlite3_prepare_v3 (src/objects/statement.cpp), whose statements SQLite recompiles
//   by itself on the next step after the schema changed, whether by this connection
//   (migrations) or by another one writing into the file (a restore through the backup
//   API); better-sqlite3 reads the column names after stepping, on every call, so even
//   `SELECT *` sees the new columns. The only thing fixed at prepare time is `reader`
//   (does the SQL return rows), which the SQL text alone decides. A statement whose table
//   is gone fails just as a fresh prepare of it would.
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 200;

export interface CachingDatabase extends SqliteDatabase {
  /** How many statements are kept now (tests). */
  readonly size: number;
  /** Drops every kept statement; the next query of each SQL text prepares it again. */
  clear(): void;
}

function cachedStatement(sqlite: BetterSqlite3.Database, stmt: BetterSqlite3.Statement): SqliteStatement {
  return {
    reader: stmt.reader,
    all: (parameters) => stmt.all(parameters),
    run: (parameters) => stmt.run(parameters),
    iterate: (parameters) => sqlite.prepare(stmt.source).iterate(parameters),
  };
}

/**
 * Wraps the database for kysely with a least-recently-used cache of prepared statements,
 * keyed by SQL text. The bound keeps a query built with a varying shape (an IN list, a
 * multi-row insert of another length) from growing the cache without end.
 */
export function cachingDatabase(sqlite: BetterSqlite3.Database, capacity = STATEMENT_CACHE_SIZE): CachingDatabase {
  // A Map iterates in insertion order; moving a hit to the end keeps the oldest first.
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = cachedStatement(sqlite, sqlite.prepare(sql));
      cache.set(sql, stmt);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
    get size() {
      return cache.size;
    },
    clear() {
      cache.clear();
    },
  };
}
