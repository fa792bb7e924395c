// Shared helpers for tests that run the services on real SQLite files in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { openApp, type OpenAppOptions } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import { dispatch } from '../../electron/app/dispatch';
import type { AppContext } from '../../electron/app/context';
import type { ArgsOf, Handlers, MethodName, ResultOf } from '../../shared/api';
import type { ApiError } from '../../shared/errors';

/** A letter only Vietnamese text has: how a test tells a Vietnamese message from an English one. */
export const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

const made: string[] = [];

/** A fresh folder under the OS temp dir; removed by cleanupTempDirs(). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-'));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface TestApp {
  dir: string;
  file: string;
  ctx: AppContext;
  h: Handlers;
  close(): Promise<void>;
}

/** Opens (creates, migrates, seeds) the app on a new SQLite file in a new temp folder. */
export async function openTestApp(options: OpenAppOptions = {}, dir = tempDir()): Promise<TestApp> {
  const file = path.join(dir, 'tonghop.sqlite');
  const ctx = await openApp(file, options);
  return { dir, file, ctx, h: createHandlers(ctx), close: () => ctx.handle.close() };
}

/** Calls a method through dispatch and returns its value; fails the test with the Api error otherwise. */
export async function call<K extends MethodName>(h: Handlers, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const result = await dispatch(h, name, args);
  if (!result.ok) throw new Error(`${name} was refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Calls a method that must be refused, and returns the refusal. */
export async function refuse<K extends MethodName>(h: Handlers, name: K, args: unknown): Promise<ApiError> {
  const result = await dispatch(h, name, args);
  if (result.ok) throw new Error(`${name} should have been refused but returned ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

export function count(sqlite: BetterSqlite3.Database, table: string): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/** Row counts of every table of ours, to show that a refused operation changed nothing. */
export function tableCounts(sqlite: BetterSqlite3.Database): Record<string, number> {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, count(sqlite, t.name)]));
}

/** Rows of a table (and of those matching `where`, SQL of both backends), through kysely: the same on SQLite and PostgreSQL. */
export async function rowCount(db: Kysely<Database>, table: string, where = 'TRUE'): Promise<number> {
  const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(db);
  return Number(rows.rows[0]?.n ?? 0);
}

/** Row counts of every table of ours, on either backend. */
export async function storeTableCounts(ctx: AppContext): Promise<Record<string, number>> {
  const listing =
    ctx.handle.backend === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
      : sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`;
  const tables = (await listing.execute(ctx.db)).rows.map((r) => r.name);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = await rowCount(ctx.db, t);
  return counts;
}

/** A local date-time, so the clock a test pins means the office's wall-clock time. */
export function local(year: number, month: number, day: number, hour = 9, minute = 0): Date {
  return new Date(year, month - 1, day, hour, minute, 0);
}
