// The PostgreSQL half of the integration suite (issue #16): fresh databases on the
// server TONGHOP_TEST_PG names (a postgres:// URL of a server where its user may CREATE
// DATABASE; .ci/run starts a throwaway one). Each test file makes its own databases and
// drops them when it ends (dropTestDatabases, which openTestAppOn's suites register),
// so files running in parallel never share one. Where TONGHOP_TEST_PG is unset the
// PostgreSQL suites say skipped with the reason (describeWith), and fail under
// TONGHOP_REQUIRE_ALL=1.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openApp, type OpenAppOptions } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import { findTestPostgres, type Found } from './capabilities';
import { describeWith } from './needs';
import { openTestApp, tempDir, type TestApp } from './app';

export const testPostgres: Found<{ url: string }> = findTestPostgres();

const made: string[] = [];

function serverUrl(): string {
  if (!testPostgres.ok) throw new Error(`No PostgreSQL server for the tests: ${testPostgres.reason}`);
  return testPostgres.url;
}

/** The server's URL with another database in its path. */
export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the test server (UTF-8, from template0); its URL. Dropped by dropTestDatabases(). */
export async function createTestDatabase(): Promise<string> {
  const name = `tonghop_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
  made.push(name);
  return databaseUrl(name);
}

/**
 * Drops every database this file made, whoever is still connected to it. WITH (FORCE)
 * terminates the other sessions first, but the test user may terminate only its own:
 * a clerk's or reader's session still closing after its pool ended, or an autovacuum
 * worker that has just started on the database, makes it fail (42501) without dropping
 * anything. Both leave within moments, so the drop is tried again for a few seconds.
 */
export async function dropTestDatabases(): Promise<void> {
  const names = made.splice(0);
  if (names.length === 0) return;
  await asAdmin(async (c) => {
    for (const name of names) {
      for (let attempt = 1; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          break;
        } catch (err) {
          if ((err as { code?: string }).code !== '42501' || attempt >= 50) throw err;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }
  });
}

/** Runs SQL on a test database as the test user (to look behind the app, or to make a database the app must refuse). */
export { onDatabase } from './pg-client';

/** The app opened (migrated, seeded) on a fresh PostgreSQL database; `file` is its URL, `dir` a temp folder for what it writes. */
export async function openPostgresTestApp(options: OpenAppOptions = {}): Promise<TestApp> {
  const url = await createTestDatabase();
  const dir = tempDir();
  const ctx = await openApp(url, { backupDir: path.join(dir, 'backups'), ...options });
  return { dir, file: url, ctx, h: createHandlers(ctx), close: () => ctx.handle.close() };
}

/** One of the two backends a parameterised suite runs on. */
export interface TestBackend {
  name: 'SQLite' | 'PostgreSQL';
  found: Found<object>;
  /** The app on a new, empty store of this backend. */
  open(options?: OpenAppOptions): Promise<TestApp>;
  /** A location (file path or URL) the app has never opened. */
  fresh(): Promise<string>;
}

export const BACKENDS: readonly TestBackend[] = [
  { name: 'SQLite', found: { ok: true }, open: (options) => openTestApp(options), fresh: async () => path.join(tempDir(), 'tonghop.sqlite') },
  { name: 'PostgreSQL', found: testPostgres, open: openPostgresTestApp, fresh: createTestDatabase },
];

/**
 * The suite once per backend: "title (SQLite)" always, "title (PostgreSQL)" on the
 * test server, or skipped with its reason where there is none.
 */
export function describeEachBackend(title: string, body: (backend: TestBackend) => void): void {
  for (const backend of BACKENDS) {
    describeWith(backend.found, `${title} (${backend.name})`, () => {
      if (backend.name === 'PostgreSQL') afterAll(dropTestDatabases);
      body(backend);
    });
  }
}
