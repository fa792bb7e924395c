// The PostgreSQL backend (issue #16) on a real server (TONGHOP_TEST_PG; skipped with its
// reason where there is none): the demo gives the same figures as on SQLite for every
// period, migrations run once under a lock and refuse what is not ours, the command line
// and browser mode open a postgres:// address, and what the app cannot do on a server
// (backups as files) it says in words.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openApp } from '../../electron/app/bootstrap';
import { startWebServer } from '../../electron/web';
import { findServerPrograms } from '../../electron/app/server-backup';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { cli, type Run } from '../helpers/cli';
import { cleanupTempDirs, tempDir, VIETNAMESE } from '../helpers/app';
import { describeWith } from '../helpers/needs';
import { createTestDatabase, dropTestDatabases, onDatabase, testPostgres } from '../helpers/pg';
import { runCli } from '../../electron/cli/run';

afterAll(cleanupTempDirs);

function json<T>(run: Run): T {
  return JSON.parse(run.out) as T;
}

describeWith(testPostgres, 'PostgreSQL', () => {
  afterAll(dropTestDatabases);

  it('init --demo gives the same plan, status and consolidate --json for every period as on SQLite', { timeout: 240_000 }, async () => {
    const file = path.join(tempDir(), 'demo.sqlite');
    const url = await createTestDatabase();
    for (const db of [file, url]) {
      const init = await cli('init', '--demo', '--db', db, '--json');
      expect(init.code, init.err).toBe(0);
      expect(json<{ demo: { submissions: number } }>(init).demo.submissions).toBeGreaterThan(30);
    }
    const periods = json<{ code: string }[]>(await cli('periods', '--db', file, '--json')).map((p) => p.code);
    expect(periods).toEqual(['2022-Q1', '2022-H1', '2022-9M', '2022-Y']);
    const commands = [['plan'], ['agencies'], ['periods'], ...periods.flatMap((p) => [['status', '--period', p], ['consolidate', '--period', p]])];
    for (const command of commands) {
      const onSqlite = await cli(...command, '--db', file, '--json');
      const onServer = await cli(...command, '--db', url, '--json');
      expect(onSqlite.code, onSqlite.err).toBe(0);
      expect(onServer.code, onServer.err).toBe(0);
      // Byte for byte: the same rows, in the same order, with the same numbers.
      expect(onServer.out, command.join(' ')).toBe(onSqlite.out);
    }
    const q1 = json<{ completeness: { received: number }; indicators: { value: number | null }[] }>(await cli('consolidate', '--period', '2022-Q1', '--db', url, '--json'));
    expect(q1.completeness.received).toBeGreaterThan(10);
    expect(q1.indicators.some((i) => typeof i.value === 'number' && i.value > 0)).toBe(true);
  });

  it('two clients opening an empty database at once migrate it once and seed it once, five times over', async () => {
    for (let round = 0; round < 5; round++) {
      const url = await createTestDatabase();
      const apps = await Promise.all([openApp(url), openApp(url), openApp(url)]);
      try {
        expect(apps.filter((a) => a.seeded)).toHaveLength(1);
        const rows = await onDatabase(url, async (c) => ({
          migrations: (await c.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version')).rows.map((r) => r.version),
          plans: (await c.query<{ n: string }>('SELECT count(*) AS n FROM plan')).rows[0]?.n,
          seeds: (await c.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'seed'")).rows[0]?.n,
        }));
        expect(rows).toEqual({ migrations: Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1), plans: '1', seeds: '1' });
      } finally {
        for (const a of apps) await a.handle.close();
      }
    }
  });

  it('migrates an older database step by step, and what the later migrations fill in is there', async () => {
    const url = await createTestDatabase();
    const old = await openApp(url, { targetVersion: 3 });
    await old.handle.close();
    await onDatabase(url, (c) =>
      c.query(`INSERT INTO submission (agency_id, period_id, revision, is_current, received_at, is_late, status, source_kind)
        SELECT a.id, p.id, 1, 1, '2022-03-10T08:30:00', 0, 'received', 'manual' FROM agency a, period p WHERE a.code = 'CA' AND p.code = '2022-Q1'`),
    );
    const app = await openApp(url);
    try {
      const row = await onDatabase(url, async (c) => ({
        versions: (await c.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version')).rows.map((r) => r.version),
        receivedOn: (await c.query<{ received_on: string }>('SELECT received_on FROM submission')).rows[0]?.received_on,
      }));
      expect(row).toEqual({ versions: Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1), receivedOn: '2022-03-10' });
      expect(app.seeded).toBe(false);
    } finally {
      await app.handle.close();
    }
  });

  it('refuses a database of a newer version, and one holding another program\u2019s tables, in words and unchanged', async () => {
    const newer = await createTestDatabase();
    const app = await openApp(newer);
    await app.handle.close();
    await onDatabase(newer, (c) => c.query("INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00')"));
    await expect(openApp(newer)).rejects.toMatchObject({ code: 'DB_TOO_NEW', message: expect.stringMatching(VIETNAMESE) });

    const foreign = await createTestDatabase();
    await onDatabase(foreign, (c) => c.query('CREATE TABLE customers (id integer PRIMARY KEY, name text)'));
    await expect(openApp(foreign)).rejects.toMatchObject({ code: 'DB_NOT_OURS', message: expect.stringMatching(VIETNAMESE) });
    const tables = await onDatabase(foreign, async (c) => (await c.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.table_name));
    expect(tables).toEqual(['customers']);
  });

  it('says in words when the server cannot be reached, the password left out', async () => {
    const url = new URL(testPostgres.ok ? testPostgres.url : 'postgres://x@127.0.0.1/x');
    url.password = 'bí-mật';
    url.pathname = '/khong_co_csdl_nay';
    const run = await cli('plan', '--db', url.toString(), '--json');
    expect(run.code).toBe(1);
    expect(json<{ error: { code: string; message: string } }>(run).error.code).toBe('DB_UNREACHABLE');
    expect(run.err).toContain('Không kết nối được máy chủ dữ liệu');
    expect(run.err).not.toContain('bí-mật');
    expect(run.err).not.toContain(encodeURIComponent('bí-mật'));
  });

  it('the command line opens the server from TONGHOP_DB as from --db, and refuses a backup named as a SQLite file in words (pg-backup.test.ts has the rest)', async () => {
    const url = await createTestDatabase();
    let out = '';
    const code = await runCli(['init', '--json'], { out: (t) => (out += t), err: () => undefined }, { TONGHOP_DB: url });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ created: true, tasks: 8, indicators: 35 });
    const plan = await cli('plan', '--db', url, '--json');
    expect(plan.code, plan.err).toBe(0);
    expect(json<{ plan: { year: number } }>(plan).plan.year).toBe(2022);

    const target = path.join(tempDir(), 'sao-luu.sqlite');
    const backup = await cli('backup', '--out', target, '--db', url, '--json');
    expect(backup.code).toBe(1);
    // With pg_dump on this machine a server's backup is a .dump archive; without it, BACKUP_ON_SERVER (pg-backup.test.ts).
    expect(json<{ error: { code: string } }>(backup).error.code).toBe('found' in findServerPrograms() ? 'INVALID_ARGUMENT' : 'BACKUP_ON_SERVER');
    expect(backup.err).toMatch(/\.dump|người quản trị máy chủ/u);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('keeps the audit log append-only on the server too', async () => {
    const url = await createTestDatabase();
    const app = await openApp(url);
    await app.handle.close();
    await onDatabase(url, async (c) => {
      await expect(c.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow('audit_log is append-only');
      await expect(c.query('DELETE FROM audit_log')).rejects.toThrow('audit_log is append-only');
    });
  });

  it('browser mode serves the Api from the server', async () => {
    const url = await createTestDatabase();
    const server = await startWebServer({ dbPath: url, rendererDir: tempDir() });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/periods.list`, { method: 'POST', headers: { 'x-tonghop-token': server.token, 'content-type': 'application/json' }, body: '{}' });
      const body = (await res.json()) as { ok: boolean; value: { code: string }[] };
      expect(body.ok).toBe(true);
      expect(body.value.map((p) => p.code)).toEqual(['2022-Q1', '2022-H1', '2022-9M', '2022-Y']);
    } finally {
      await server.close();
    }
  });
});
