// The prepared-statement cache kysely is handed (db/statement-cache.ts): a query run
// again is not prepared again, the cache stays bounded, and kept statements follow
// schema changes, by this connection or by a restore written through another one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingDatabase, type CachingDatabase } from '../../db/statement-cache';

interface Db {
  t: { a: number; b?: number | null };
}

let dir: string;
let sqlite: BetterSqlite3.Database;
let cache: CachingDatabase;
let db: Kysely<Db>;
let prepared: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-stmt-'));
  sqlite = new BetterSqlite3(path.join(dir, 'x.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('CREATE TABLE t (a INTEGER); INSERT INTO t (a) VALUES (1), (2)');
  prepared = [];
  const prepare = sqlite.prepare.bind(sqlite);
  // Count what reaches SQLite's prepare.
  sqlite.prepare = ((source: string) => {
    prepared.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare;
  cache = cachingDatabase(sqlite, 3);
  db = new Kysely<Db>({ dialect: new SqliteDialect({ database: cache }) });
});

afterEach(async () => {
  await db.destroy();
  if (sqlite.open) sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byA = (a: number) => db.selectFrom('t').select('a').where('a', '=', a);

describe('statement cache', () => {
  it('prepares a query once however often it runs, with its own parameters each time', async () => {
    expect(await byA(1).execute()).toEqual([{ a: 1 }]);
    expect(await byA(2).execute()).toEqual([{ a: 2 }]);
    expect(await byA(3).execute()).toEqual([]);
    await db.insertInto('t').values({ a: 3 }).execute();
    await db.insertInto('t').values({ a: 4 }).execute();
    expect(await byA(3).execute()).toEqual([{ a: 3 }]);
    expect(prepared.filter((s) => s.startsWith('select')).length).toBe(1);
    expect(prepared.filter((s) => s.startsWith('insert')).length).toBe(1);
  });

  it('keeps transactions working on kept begin/commit/rollback statements', async () => {
    for (const a of [10, 11]) await db.transaction().execute((trx) => trx.insertInto('t').values({ a }).execute());
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ a: 12 }).execute();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect((await db.selectFrom('t').select('a').where('a', '>=', 10).orderBy('a').execute()).map((r) => r.a)).toEqual([10, 11]);
    expect(prepared.filter((s) => s === 'begin').length).toBe(1);
  });

  it('stays within its bound, dropping the least recently used', async () => {
    const q = (n: number) => sql`select ${sql.raw(String(n))} as n`.execute(db);
    await q(1);
    await q(2);
    await q(3);
    await q(1); // 1 is now the most recent; 2 the least
    await q(4);
    expect(cache.size).toBe(3);
    prepared.length = 0;
    await q(1);
    await q(2);
    expect(prepared).toEqual(['select 2 as n']);
  });

  it('streams on a statement of its own, so a cached one is never left locked', async () => {
    expect(await byA(1).execute()).toEqual([{ a: 1 }]);
    for await (const row of byA(1).stream()) {
      expect(row).toEqual({ a: 1 });
      break;
    }
    expect(await byA(1).execute()).toEqual([{ a: 1 }]);
  });

  it('sees a column added by this connection without being cleared', async () => {
    const all = () => db.selectFrom('t').selectAll().orderBy('a').execute();
    expect(await all()).toEqual([{ a: 1 }, { a: 2 }]);
    sqlite.exec('ALTER TABLE t ADD COLUMN b INTEGER; UPDATE t SET b = a * 10');
    expect(await all()).toEqual([{ a: 1, b: 10 }, { a: 2, b: 20 }]);
  });

  it('sees a restore written into the file through another connection (the backup API)', async () => {
    const all = () => db.selectFrom('t').selectAll().orderBy('a').execute();
    expect(await all()).toEqual([{ a: 1 }, { a: 2 }]);
    const other = new BetterSqlite3(path.join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE t (b INTEGER, a INTEGER); INSERT INTO t VALUES (70, 7)');
    await other.backup(path.join(dir, 'x.sqlite'));
    other.close();
    expect(await all()).toEqual([{ b: 70, a: 7 }]);
    await db.insertInto('t').values({ a: 8 }).execute();
    expect(await all()).toEqual([
      { b: 70, a: 7 },
      { b: null, a: 8 },
    ]);
  });

  it('closes the database when kysely is destroyed', async () => {
    await byA(1).execute();
    await db.destroy();
    expect(sqlite.open).toBe(false);
    expect(cache.size).toBe(0);
  });
});
