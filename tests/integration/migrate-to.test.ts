// Moving a SQLite file onto a PostgreSQL server (issue #16, `migrate-to`): a populated
// file (the demo's reports with their stored originals and revisions, a plan edit, a
// correction, an accepted check, a layout profile, a clerk's name, tasks naming each
// other) lands row for row in every table, and `consolidate --json` on the server is
// the file's, byte for byte, for every period; the app then keeps working there with
// new ids. What is refused (a database that is not empty, a server that cannot be
// reached, a source already on a server) and what fails midway (a row the server
// cannot take, a copy that does not match) leaves the server empty and the file as it was.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import { migrateTo } from '../../electron/app/migrate-to';
import type { MigrateToResult } from '../../shared/domain';
import { policeProfile } from '../fixtures/foreign-workbooks';
import { call, cleanupTempDirs, openTestApp, refuse, tableCounts, tempDir, VIETNAMESE } from '../helpers/app';
import { cli, type Run } from '../helpers/cli';
import { describeWith } from '../helpers/needs';
import { createTestDatabase, dropTestDatabases, onDatabase, openPostgresTestApp, testPostgres } from '../helpers/pg';

afterAll(cleanupTempDirs);

function json<T>(run: Run): T {
  return JSON.parse(run.out) as T;
}

/** Row counts of every table of a SQLite file, read without opening it through the app. */
function fileCounts(file: string): Record<string, number> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return tableCounts(db);
  } finally {
    db.close();
  }
}

/** What a database's schema holds, by name: nothing, for a database the move left empty. */
async function objectsIn(url: string): Promise<string[]> {
  return onDatabase(url, async (c) =>
    (
      await c.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relnamespace = current_schema()::regnamespace
        UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = current_schema()::regnamespace ORDER BY 1`)
    ).rows.map((r) => r.name),
  );
}

async function serverCounts(url: string): Promise<Record<string, number>> {
  return onDatabase(url, async (c) => {
    const tables = (await c.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")).rows;
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`)).rows[0]?.n);
    return counts;
  });
}

/** Every row of every table, both sides, in key order, compared column by column (the server's bigint read back as a number). */
async function expectSameRows(file: string, url: string, skipOnServer: (table: string, row: Record<string, unknown>) => boolean): Promise<void> {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    for (const table of tables) {
      const columns = db.prepare(`SELECT name, pk FROM pragma_table_info('${table}') ORDER BY cid`).all() as { name: string; pk: number }[];
      const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`).join(', ');
      const list = columns.map((c) => `"${c.name}"`).join(', ');
      const here = db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${key}`).all() as Record<string, unknown>[];
      const there = (await onDatabase(url, async (c) => (await c.query<Record<string, unknown>>(`SELECT ${list} FROM "${table}" ORDER BY ${key}`)).rows)).filter((r) => !skipOnServer(table, r));
      expect(there.length, table).toBe(here.length);
      here.forEach((row, i) => {
        const other = there[i] ?? {};
        for (const { name } of columns) {
          const a = row[name];
          const b = typeof a === 'number' && typeof other[name] === 'string' ? Number(other[name]) : other[name];
          expect(b, `${table}[${i}].${name}`).toEqual(a);
        }
      });
    }
  } finally {
    db.close();
  }
}

function lastAuditId(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT coalesce(max(id), 0) AS m FROM audit_log').get() as { m: number }).m;
  } finally {
    db.close();
  }
}

/** A copy of a SQLite file by SQLite's backup API, to break without touching the original. */
async function copyOf(file: string): Promise<string> {
  const target = path.join(tempDir(), 'ban-sao.sqlite');
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  return target;
}

it('refuses a target that is not a server address, the file unchanged', async () => {
  const app = await openTestApp();
  try {
    const before = tableCounts(app.ctx.handle.sqlite);
    const e = await refuse(app.h, 'database.migrateTo', { target: path.join(app.dir, 'khac.sqlite') });
    expect(e.code).toBe('MIGRATE_TARGET_NOT_SERVER');
    expect(e.message).toContain('postgres://');
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  } finally {
    await app.close();
  }
});

it('refuses a server it cannot reach, in words, the password left out and the file unchanged', async () => {
  const app = await openTestApp();
  try {
    const before = tableCounts(app.ctx.handle.sqlite);
    // Port 1 on this machine: nothing listens there, so the refusal is at once.
    const e = await refuse(app.h, 'database.migrateTo', { target: 'postgres://vanthu:bi-mat@127.0.0.1:1/tonghop' });
    expect(e.code).toBe('DB_UNREACHABLE');
    expect(e.message).toMatch(VIETNAMESE);
    expect(e.message).not.toContain('bi-mat');
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  } finally {
    await app.close();
  }
});

it('the command line refuses a --db file that was not there, rather than move a fresh seed', async () => {
  const file = path.join(tempDir(), 'go-nham.sqlite');
  const run = await cli('migrate-to', 'postgres://vanthu@127.0.0.1:1/tonghop', '--db', file, '--json');
  expect(run.code).toBe(1);
  expect(json<{ error: { code: string } }>(run).error.code).toBe('MIGRATE_SOURCE_NEW');
  expect(run.err).toContain('--db');
});

describeWith(testPostgres, 'migrate-to (PostgreSQL)', () => {
  afterAll(dropTestDatabases);

  /** The populated file, closed; every test copies or reads it, none writes it. */
  let source: string;
  let periods: string[];

  beforeAll(async () => {
    source = path.join(tempDir(), 'tonghop.sqlite');
    const init = await cli('init', '--demo', '--db', source, '--json');
    expect(init.code, init.err).toBe(0);
    const ctx = await openApp(source);
    const h = createHandlers(ctx);
    try {
      // A plan edit (the plan's version goes up), a clerk's name, a layout profile.
      await call(h, 'tasks.update', { year: 2022, code: 'NV1', changes: { title: 'Nhiệm vụ thứ nhất (đã sửa trước khi chuyển lên máy chủ)' } });
      await call(h, 'indicators.update', { year: 2022, code: 'NV2.01', changes: { name: 'Số vụ án thụ lý (đã sửa)' } });
      await call(h, 'settings.update', { clerkName: 'Nguyễn Thị Lan' });
      await call(h, 'profiles.save', { definition: policeProfile() });
      // A report entered by hand with an accepted error-level check, then corrected.
      const entered = await call(h, 'submissions.enter', {
        period: '2022-9M',
        agency: 'CA',
        taskReports: [],
        values: [
          { indicatorCode: 'NV2.01', number: 1000 },
          { indicatorCode: 'NV2.02', number: 1100 },
        ],
        accept: [{ rule: 'NUMERATOR_ABOVE_DENOMINATOR', indicator: 'NV2.03', reason: 'Giải quyết cả án tồn của năm trước' }],
      });
      await call(h, 'submissions.correct', {
        id: entered.id,
        correction: { field: 'indicator:NV2.01', number: 1200, note: 'Đơn vị bổ sung qua điện thoại' },
      });
      periods = (await call(h, 'periods.list', {})).map((p) => p.code);
    } finally {
      await ctx.handle.close();
    }
    // Tasks naming each other, as the schema allows (the app leaves parent_id empty for
    // now): one names a later task, two name each other.
    const db = new BetterSqlite3(source);
    try {
      db.exec(`UPDATE task SET parent_id = (SELECT id FROM task WHERE code = 'NV8') WHERE code = 'NV1';
        UPDATE task SET parent_id = (SELECT id FROM task WHERE code = 'NV3') WHERE code = 'NV2';
        UPDATE task SET parent_id = (SELECT id FROM task WHERE code = 'NV2') WHERE code = 'NV3';`);
    } finally {
      db.close();
    }
  }, 240_000);

  it('has something in every table of the file, so a table the copy leaves out cannot pass unseen', () => {
    const counts = fileCounts(source);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(20);
    // A new table in a migration must be filled above too: an empty one would be "copied" by doing nothing.
    expect(Object.entries(counts).filter(([, n]) => n === 0).map(([t]) => t)).toEqual([]);
    expect(periods).toEqual(['2022-Q1', '2022-H1', '2022-9M', '2022-Y']);
  });

  it('moves every table row for row, ids kept; consolidate, status and plan --json on the server are the file\u2019s, for every period', { timeout: 240_000 }, async () => {
    const before = fileCounts(source);
    const commands = [['plan'], ['agencies', '--all'], ['periods'], ...periods.flatMap((p) => [['status', '--period', p], ['consolidate', '--period', p]])];
    const onFile: string[] = [];
    for (const command of commands) {
      const run = await cli(...command, '--db', source, '--json');
      expect(run.code, run.err).toBe(0);
      onFile.push(run.out);
    }
    const url = await createTestDatabase();

    const moved = await cli('migrate-to', url, '--db', source, '--json');
    expect(moved.code, moved.err).toBe(0);
    const result = json<MigrateToResult>(moved);
    expect(result.target).toBe(url);
    expect(result.source).toBe(source);
    expect(result.periods).toEqual(periods);
    expect(Object.fromEntries(result.tables.map((t) => [t.name, t.rows]))).toEqual(before);
    // Each table after those it references.
    const order = result.tables.map((t) => t.name);
    for (const [table, after] of [['submission', 'agency'], ['value', 'submission'], ['value', 'indicator'], ['import_log_submission', 'import_log'], ['check_acceptance', 'submission']] as const) {
      expect(order.indexOf(table), `${table} after ${after}`).toBeGreaterThan(order.indexOf(after));
    }

    // The file is as it was; the server has the same tables with the same rows, and one audit row more: the move.
    expect(fileCounts(source)).toEqual(before);
    expect(await serverCounts(url)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    const lastId = lastAuditId(source);
    await expectSameRows(source, url, (table, row) => table === 'audit_log' && Number(row.id) > lastId);
    const move = await onDatabase(url, async (c) => (await c.query('SELECT action, entity, entity_key, detail, clerk, db_role FROM audit_log WHERE id > $1', [lastId])).rows);
    expect(move).toEqual([
      {
        action: 'migrate',
        entity: 'database',
        entity_key: 'tonghop.sqlite',
        detail: JSON.stringify({ fileName: 'tonghop.sqlite', server: url, rows: Object.entries(before).reduce((n, [t, c]) => n + (t === 'schema_migration' ? 0 : c), 0), periods }),
        clerk: 'Nguyễn Thị Lan',
        db_role: new URL(url).username,
      },
    ]);
    // What was written on the file says no server role; the server's default would have put the migrating one there.
    const roles = await onDatabase(url, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM submission WHERE db_role IS NOT NULL')).rows[0]?.n);
    expect(roles).toBe('0');

    for (const [i, command] of commands.entries()) {
      const run = await cli(...command, '--db', url, '--json');
      expect(run.code, run.err).toBe(0);
      // Byte for byte: the same rows, in the same order, with the same numbers.
      expect(run.out, command.join(' ')).toBe(onFile[i]);
    }

    // The app keeps working on the server, and what it adds gets new ids: the sequences were set past the copied ones.
    const app = await openApp(url);
    try {
      expect(app.seeded).toBe(false);
      const h = createHandlers(app);
      const maxOf = (table: string) => onDatabase(url, async (c) => Number((await c.query<{ m: number }>(`SELECT max(id) AS m FROM "${table}"`)).rows[0]?.m));
      const [agencyMax, submissionMax] = [await maxOf('agency'), await maxOf('submission')];
      await call(h, 'agencies.create', { code: 'XA-MOI', name: 'Đơn vị thành lập sau khi chuyển', group: 'other' });
      const agencyId = await onDatabase(url, async (c) => (await c.query<{ id: number }>("SELECT id FROM agency WHERE code = 'XA-MOI'")).rows[0]?.id);
      expect(agencyId).toBeGreaterThan(agencyMax);
      const report = await call(h, 'submissions.enter', { period: '2022-Y', agency: 'VKS', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 5000 }] });
      expect(report.id).toBeGreaterThan(submissionMax);
      const [last] = await call(h, 'audit.list', { limit: 1 });
      expect(last).toMatchObject({ action: 'receive' });
    } finally {
      await app.handle.close();
    }

    // Moved once, the database is not empty any more: a second move is refused and changes nothing.
    const counts = await serverCounts(url);
    const again = await cli('migrate-to', url, '--db', source, '--json');
    expect(again.code).toBe(1);
    expect(json<{ error: { code: string } }>(again).error.code).toBe('MIGRATE_TARGET_NOT_EMPTY');
    expect(again.err).toContain('Tổng hợp CCTP');
    expect(await serverCounts(url)).toEqual(counts);
  });

  it('refuses a database that holds the app\u2019s data, or anything else, in words, and leaves it as it was', async () => {
    const ctx = await openApp(await copyOf(source));
    const h = createHandlers(ctx);
    try {
      const seeded = await createTestDatabase();
      await (await openApp(seeded)).handle.close();
      const seededCounts = await serverCounts(seeded);
      const e = await refuse(h, 'database.migrateTo', { target: seeded });
      expect(e.code).toBe('MIGRATE_TARGET_NOT_EMPTY');
      expect(e.message).toMatch(VIETNAMESE);
      expect(e.message).toContain('CREATE DATABASE');
      expect(await serverCounts(seeded)).toEqual(seededCounts);

      const foreign = await createTestDatabase();
      await onDatabase(foreign, (c) => c.query('CREATE TABLE customers (id integer PRIMARY KEY, name text); INSERT INTO customers VALUES (1, $$x$$)'));
      const f = await refuse(h, 'database.migrateTo', { target: foreign });
      expect(f.code).toBe('MIGRATE_TARGET_NOT_EMPTY');
      expect(f.message).toContain('customers');
      expect(await objectsIn(foreign)).toEqual(['customers', 'customers_pkey']);
      expect(await serverCounts(foreign)).toEqual({ customers: 1 });

      // A function alone is something too: the database is someone's.
      const withFunction = await createTestDatabase();
      await onDatabase(withFunction, (c) => c.query('CREATE FUNCTION hello() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$'));
      expect((await refuse(h, 'database.migrateTo', { target: withFunction })).code).toBe('MIGRATE_TARGET_NOT_EMPTY');
      expect(await objectsIn(withFunction)).toEqual(['hello']);
    } finally {
      await ctx.handle.close();
    }
  });

  it('refuses when the data open is already on a server, and touches neither database', async () => {
    const onServer = await openPostgresTestApp();
    try {
      const empty = await createTestDatabase();
      const before = await serverCounts(onServer.file);
      const e = await refuse(onServer.h, 'database.migrateTo', { target: empty });
      expect(e.code).toBe('MIGRATE_SOURCE_NOT_SQLITE');
      expect(e.message).toContain('--db');
      expect(await objectsIn(empty)).toEqual([]);
      expect(await serverCounts(onServer.file)).toEqual(before);
    } finally {
      await onServer.close();
    }
  });

  it('a row the server cannot take fails the whole move: the server stays empty (no table at all), the file unchanged, and a move once it is mended succeeds', { timeout: 120_000 }, async () => {
    const file = await copyOf(source);
    // A NUL inside a text: SQLite keeps it, PostgreSQL's text refuses it. "value" goes in late, after a dozen tables.
    const db = new BetterSqlite3(file);
    const poisoned = db.prepare("SELECT submission_id, indicator_id, text FROM value WHERE text IS NULL ORDER BY submission_id DESC, indicator_id DESC LIMIT 1").get() as { submission_id: number; indicator_id: number };
    db.prepare("UPDATE value SET text = 'a' || char(0) || 'b' WHERE submission_id = ? AND indicator_id = ?").run(poisoned.submission_id, poisoned.indicator_id);
    db.close();
    const before = fileCounts(file);
    const url = await createTestDatabase();

    const run = await cli('migrate-to', url, '--db', file, '--json');
    expect(run.code).toBe(1);
    expect(json<{ error: { code: string } }>(run).error.code).toBe('MIGRATE_FAILED');
    expect(run.err).toContain('chép bảng value');
    expect(run.err).toContain('vẫn trống');
    expect(await objectsIn(url)).toEqual([]);
    expect(fileCounts(file)).toEqual(before);

    const mend = new BetterSqlite3(file);
    mend.prepare('UPDATE value SET text = NULL WHERE submission_id = ? AND indicator_id = ?').run(poisoned.submission_id, poisoned.indicator_id);
    mend.close();
    const retry = await cli('migrate-to', url, '--db', file, '--json');
    expect(retry.code, retry.err).toBe(0);
    expect(Object.fromEntries(json<MigrateToResult>(retry).tables.map((t) => [t.name, t.rows]))).toEqual(before);
  });

  it('a copy that does not match the file is not committed: a row lost, or a figure changed, on the way', { timeout: 120_000 }, async () => {
    const ctx = await openApp(await copyOf(source));
    try {
      const lost = await createTestDatabase();
      const e = await migrateTo(ctx, { target: lost }, { afterCopy: async (trx) => void (await sql`DELETE FROM value WHERE ctid = (SELECT ctid FROM value LIMIT 1)`.execute(trx)) }).then(
        () => null,
        (err: unknown) => err as { code: string; message: string; params: Record<string, string> },
      );
      expect(e?.code).toBe('MIGRATE_MISMATCH');
      expect(e?.message).toMatch(/bảng value: \d+ dòng trong tệp, \d+ dòng trên máy chủ/u);
      expect(e?.message).toContain('số liệu tổng hợp kỳ');
      expect(await objectsIn(lost)).toEqual([]);

      const changed = await createTestDatabase();
      const f = await migrateTo(ctx, { target: changed }, { afterCopy: async (trx) => void (await sql`UPDATE value SET number = number + 1 WHERE number IS NOT NULL`.execute(trx)) }).then(
        () => null,
        (err: unknown) => err as { code: string; message: string; params: Record<string, string> },
      );
      expect(f?.code).toBe('MIGRATE_MISMATCH');
      expect(f?.message).toContain('bảng value: cùng');
      expect(f?.params.periods).toContain('2022-Q1');
      expect(await objectsIn(changed)).toEqual([]);
    } finally {
      await ctx.handle.close();
    }
  });

  it('a client opening the empty database during the move waits, then finds it filled, and seeds nothing', { timeout: 120_000 }, async () => {
    const url = await createTestDatabase();
    const ctx = await openApp(await copyOf(source));
    try {
      const others: ReturnType<typeof openApp>[] = [];
      await migrateTo(ctx, { target: url }, {
        afterCopy: async () => {
          others.push(openApp(url));
          // Long enough for the other client to reach the setup lock and wait on it.
          await new Promise((r) => setTimeout(r, 500));
        },
      });
      const [other] = await Promise.all(others);
      try {
        expect(other?.seeded).toBe(false);
      } finally {
        await other?.handle.close();
      }
      const plans = await onDatabase(url, async (c) => (await c.query<{ n: string }>('SELECT count(*) AS n FROM plan')).rows[0]?.n);
      expect(plans).toBe('1');
    } finally {
      await ctx.handle.close();
    }
  });
});
