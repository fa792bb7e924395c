// Backups on a PostgreSQL server (issue #16) by the server's own programs, on a real
// server (TONGHOP_TEST_PG; skipped with its reason where there is none): a round trip
// through pg_dump and pg_restore brings the data back as it was, through the same pool;
// every kind of bad candidate (not ours, damaged, a SQLite file, newer) is refused
// with nothing changed; an older archive is migrated after; and without the programs,
// with older ones, or with one that fails, the app says so in words and writes nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { openApp } from '../../electron/app/bootstrap';
import { addDemoReports } from '../../electron/app/demo';
import { findServerPrograms } from '../../electron/app/server-backup';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { call, cleanupTempDirs, openTestApp, refuse, storeTableCounts, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';
import { cli, cliWith } from '../helpers/cli';
import { describeWith } from '../helpers/needs';
import { createTestDatabase, dropTestDatabases, onDatabase, openPostgresTestApp, testPostgres } from '../helpers/pg';
import { groupRoles } from '../../electron/app/server-setup';
import { PGPASS_FILE, usePgpassOf } from '../../electron/app/data-server';
import { storePassword } from '../../db/pgpass';
import { createHandlers } from '../../electron/app/handlers';
import { rowCount } from '../helpers/app';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(): Promise<TestApp> {
  const app = await openPostgresTestApp();
  open.push(app);
  return app;
}

function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** What a restore must bring back, and a refused one leave: every table's rows but the audit log's (which records the restore), and the consolidation of a period. */
async function snapshot(app: TestApp): Promise<{ counts: Record<string, number>; q1: unknown; h1: unknown }> {
  const { audit_log: _audit, ...counts } = await storeTableCounts(app.ctx);
  return { counts, q1: await call(app.h, 'consolidation.get', { period: '2022-Q1' }), h1: await call(app.h, 'consolidation.get', { period: '2022-H1' }) };
}

function pgDump(): string {
  const found = findServerPrograms();
  if (!('found' in found)) throw new Error(`pg_dump not found: ${found.lookedIn}`);
  return found.found.dump;
}

/** Runs `fn` with the given environment variables set (or unset, for undefined), put back after. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return await fn();
  } finally {
    set(before);
  }
}

/** A folder holding fake pg_dump and pg_restore: shell scripts saying `version`, and pg_dump failing with `dumpError` when given. */
function fakePrograms(version: string, dumpError?: string): string {
  const dir = tempDir();
  const script = (name: string, failure?: string) =>
    [
      '#!/bin/sh',
      `if [ "$1" = "--version" ]; then echo "${name} (PostgreSQL) ${version}"; exit 0; fi`,
      failure ? `echo "${failure}" >&2; echo "second line" >&2; exit 1` : 'exit 0',
    ].join('\n');
  fs.writeFileSync(path.join(dir, 'pg_dump'), script('pg_dump', dumpError), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'pg_restore'), script('pg_restore'), { mode: 0o755 });
  return dir;
}

describeWith(testPostgres, 'PostgreSQL backups by pg_dump and pg_restore', () => {
  afterAll(dropTestDatabases);

  it('backup.create, a change, backup.restore: the data is as it was at the backup, read through the same pool, after a safety backup', { timeout: 120_000 }, async () => {
    const app = await start();
    expect((await addDemoReports(app.ctx)).submissions).toBeGreaterThan(30);
    const before = await snapshot(app);

    const t0 = performance.now();
    const made = await call(app.h, 'backup.create', {});
    const dumpMs = performance.now() - t0;
    expect(made.name).toMatch(/^tonghop-\d{8}-\d{6}\.dump$/u);
    expect(fs.readFileSync(made.path).subarray(0, 5).toString('latin1')).toBe('PGDMP');
    expect(listDir(path.join(app.dir, 'backups'))).toEqual([made.name]);

    // Several of the pool's connections in use at once, so the restore happens under idle connections of its own.
    await Promise.all(Array.from({ length: 6 }, () => call(app.h, 'consolidation.get', { period: '2022-Q1' })));
    await call(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 3 }] });
    const changed = await snapshot(app);
    expect(changed.q1).not.toEqual(before.q1);
    expect(changed.counts.submission).toBe(before.counts.submission! + 1);

    const t1 = performance.now();
    const restored = await call(app.h, 'backup.restore', { name: made.name });
    const restoreMs = performance.now() - t1;
    console.log(`pg_dump backup ${dumpMs.toFixed(0)} ms, restore (proof, safety backup, pg_restore, migrations) ${restoreMs.toFixed(0)} ms, archive ${made.sizeBytes} bytes`);
    expect(path.basename(restored.safetyBackup)).toMatch(/^tonghop-truoc-khoi-phuc-\d{8}-\d{6}\.dump$/u);

    // Through the same pool, several connections at once: every one reads the restored data.
    const after = await snapshot(app);
    expect(after).toEqual(before);
    const q1s = await Promise.all(Array.from({ length: 8 }, () => call(app.h, 'consolidation.get', { period: '2022-Q1' })));
    for (const q1 of q1s) expect(q1).toEqual(before.q1);

    const listed = await call(app.h, 'backup.list', {});
    expect(listed.map((b) => b.name).sort()).toEqual([made.name, path.basename(restored.safetyBackup)].sort());
    const audit = await onDatabase(app.file, async (c) => (await c.query<{ action: string; entity_key: string }>("SELECT action, entity_key FROM audit_log WHERE action IN ('backup', 'restore') ORDER BY id")).rows);
    expect(audit.slice(-2)).toEqual([
      { action: 'backup', entity_key: path.basename(restored.safetyBackup) },
      { action: 'restore', entity_key: made.name },
    ]);
    const versions = await onDatabase(app.file, async (c) => (await c.query<{ v: number }>('SELECT max(version) AS v FROM schema_migration')).rows[0]?.v);
    expect(versions).toBe(LATEST_SCHEMA_VERSION);

    // The safety backup brings back what the restore replaced.
    await call(app.h, 'backup.restore', { name: path.basename(restored.safetyBackup) });
    expect((await snapshot(app)).q1).toEqual(changed.q1);
  });

  it('refuses a bad candidate in words and changes nothing: not a backup, truncated, a SQLite file, plain SQL, another program\u2019s, a newer version', { timeout: 120_000 }, async () => {
    const app = await start();
    await call(app.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 12 }] });
    const good = await call(app.h, 'backup.create', {});
    const goodBytes = fs.readFileSync(good.path);
    const before = await snapshot(app);
    const backups = listDir(path.join(app.dir, 'backups'));

    const sqliteApp = await openTestApp();
    open.push(sqliteApp);
    const sqliteBackup = await call(sqliteApp.h, 'backup.create', {});

    const plain = execFileSync(pgDump(), ['--format=plain', '--no-owner', `--dbname=${app.file}`]);

    const foreign = await createTestDatabase();
    await onDatabase(foreign, (c) => c.query('CREATE TABLE submission (id integer); CREATE TABLE schema_migration (version integer); INSERT INTO schema_migration VALUES (1); CREATE TABLE customers (id integer)'));
    const foreignDump = execFileSync(pgDump(), ['--format=custom', '--no-owner', `--dbname=${foreign}`]);

    const newer = await createTestDatabase();
    (await openApp(newer)).handle.close();
    await onDatabase(newer, (c) => c.query("INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00')"));
    const newerDump = execFileSync(pgDump(), ['--format=custom', '--no-owner', `--dbname=${newer}`]);

    const candidates: { name: string; bytes: Uint8Array; code: string; says: RegExp }[] = [
      { name: 'rac.dump', bytes: new TextEncoder().encode('không phải bản sao lưu'), code: 'RESTORE_REFUSED', says: /không phải bản sao lưu của Tổng hợp CCTP/u },
      { name: 'cat-cut.dump', bytes: goodBytes.subarray(0, Math.floor(goodBytes.length / 2)), code: 'RESTORE_REFUSED', says: /(?:bị hỏng|không đọc được).*pg_restore báo "pg_restore: error:/u },
      { name: 'tep.sqlite', bytes: fs.readFileSync(sqliteBackup.path), code: 'RESTORE_REFUSED', says: /bản sao lưu SQLite.*--db TỆP/u },
      { name: 'thuan.sql', bytes: plain, code: 'RESTORE_REFUSED', says: /SQL thuần.*--format=custom/u },
      { name: 'khac.dump', bytes: foreignDump, code: 'RESTORE_REFUSED', says: /customers/u },
      { name: 'moi-hon.dump', bytes: newerDump, code: 'DB_TOO_NEW', says: /v99/u },
    ];
    for (const candidate of candidates) {
      const error = await refuse(app.h, 'backup.restoreFile', { file: { name: candidate.name, bytes: candidate.bytes } });
      expect(error.code, candidate.name).toBe(candidate.code);
      expect(error.message, candidate.name).toMatch(candidate.says);
      expect(error.message, candidate.name).toMatch(VIETNAMESE);
      expect(await snapshot(app), candidate.name).toEqual(before);
      expect(listDir(path.join(app.dir, 'backups')), candidate.name).toEqual(backups);
    }
    // And the other way round: a server's archive given to a SQLite file.
    const error = await refuse(sqliteApp.h, 'backup.restoreFile', { file: { name: good.name, bytes: goodBytes } });
    expect(error).toMatchObject({ code: 'RESTORE_REFUSED', message: expect.stringMatching(/máy chủ PostgreSQL \(pg_dump\).*--db postgres/u) });
  });

  it('restores an archive of an older version, then migrates it as at open', { timeout: 60_000 }, async () => {
    const old = await createTestDatabase();
    (await openApp(old, { targetVersion: 3 })).handle.close();
    await onDatabase(old, (c) =>
      c.query(`INSERT INTO submission (agency_id, period_id, revision, is_current, received_at, is_late, status, source_kind)
        SELECT a.id, p.id, 1, 1, '2022-03-10T08:30:00', 0, 'received', 'manual' FROM agency a, period p WHERE a.code = 'CA' AND p.code = '2022-Q1'`),
    );
    const oldDump = execFileSync(pgDump(), ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${old}`]);
    const app = await start();
    await call(app.h, 'submissions.enter', { period: '2022-H1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 7 }] });
    await call(app.h, 'backup.restoreFile', { file: { name: 'cu.dump', bytes: oldDump } });
    const row = await onDatabase(app.file, async (c) => ({
      versions: (await c.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version')).rows.map((r) => r.version),
      submissions: (await c.query<{ received_on: string }>('SELECT received_on FROM submission')).rows.map((r) => r.received_on),
    }));
    expect(row).toEqual({ versions: Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1), submissions: ['2022-03-10'] });
    // The tables a later migration makes are there and usable.
    expect((await storeTableCounts(app.ctx)).source_file).toBe(0);
  });

  it('an older archive whose pg_restore fails after the later tables were dropped: the safety backup is put back, and the data is as it was', { timeout: 60_000 }, async () => {
    const old = await createTestDatabase();
    (await openApp(old, { targetVersion: 3 })).handle.close();
    const oldDump = execFileSync(pgDump(), ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${old}`]);
    const app = await start();
    await call(app.h, 'submissions.enter', { period: '2022-H1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 7 }] });
    // A table a later migration made, with a row the older archive does not have.
    await onDatabase(app.file, (c) => c.query("INSERT INTO source_file (sha256, size, bytes, name, stored_at) VALUES ('ab', 3, '\\x010203', 'bao-cao.xlsx', '2022-06-10T08:00:00')"));
    const before = await snapshot(app);
    expect(before.counts.source_file).toBe(1);

    // The real programs, but pg_restore fails the first restore into the database (the archive's), not the put-back after it.
    const real = findServerPrograms();
    if (!('found' in real)) throw new Error(`pg_restore not found: ${real.lookedIn}`);
    const bin = tempDir();
    const once = path.join(bin, 'fail-once');
    fs.writeFileSync(once, '');
    fs.symlinkSync(real.found.dump, path.join(bin, 'pg_dump'));
    fs.writeFileSync(
      path.join(bin, 'pg_restore'),
      ['#!/bin/sh', 'for a in "$@"; do', `  if [ "$a" = "--single-transaction" ] && [ -f "${once}" ]; then rm -f "${once}"; echo "pg_restore: error: mất kết nối giữa chừng" >&2; exit 1; fi`, 'done', `exec "${real.found.restore}" "$@"`].join('\n'),
      { mode: 0o755 },
    );
    const error = await withEnv({ TONGHOP_PG_BIN: bin }, () => refuse(app.h, 'backup.restoreFile', { file: { name: 'cu.dump', bytes: oldDump } }));
    expect(fs.existsSync(once)).toBe(false);
    expect(error.code).toBe('RESTORE_FAILED');
    expect(error.message).toMatch(/mất kết nối giữa chừng.*đã được đặt lại từ tonghop-truoc-khoi-phuc-\d{8}-\d{6}\.dump/u);
    expect(await snapshot(app)).toEqual(before);
    const versions = await onDatabase(app.file, async (c) => (await c.query<{ v: number }>('SELECT max(version) AS v FROM schema_migration')).rows[0]?.v);
    expect(versions).toBe(LATEST_SCHEMA_VERSION);
    // The safety backup stays: it is what the data was put back from.
    expect(listDir(path.join(app.dir, 'backups'))).toHaveLength(1);
  });

  it('gives pg_dump the password Máy chủ dữ liệu kept in the data folder\u2019s pgpass file, through PGPASSWORD, never on its command line', async () => {
    const url = await createTestDatabase();
    const dataDir = tempDir();
    storePassword(path.join(dataDir, PGPASS_FILE), url, 'mat-khau-cua-lan');
    usePgpassOf(dataDir);
    const dir = tempDir();
    const ctx = await openApp(url, { backupDir: path.join(dir, 'backups') });
    open.push({ dir, file: url, ctx, h: createHandlers(ctx), close: () => ctx.handle.close() });
    // pg_dump as it is, but telling what it was given (this server trusts its users, so it cannot tell).
    const real = findServerPrograms();
    if (!('found' in real)) throw new Error(`pg_dump not found: ${real.lookedIn}`);
    const bin = tempDir();
    const seen = path.join(bin, 'seen');
    fs.writeFileSync(path.join(bin, 'pg_dump'), ['#!/bin/sh', `if [ "$1" != "--version" ]; then echo "$PGPASSWORD|$*" >> "${seen}"; fi`, `exec "${real.found.dump}" "$@"`].join('\n'), { mode: 0o755 });
    fs.symlinkSync(real.found.restore, path.join(bin, 'pg_restore'));
    const made = await withEnv({ TONGHOP_PG_BIN: bin }, () => call(createHandlers(ctx), 'backup.create', {}));
    expect(made.sizeBytes).toBeGreaterThan(0);
    const [given, args] = fs.readFileSync(seen, 'utf8').trim().split('|');
    expect(given).toBe('mat-khau-cua-lan');
    expect(args).not.toContain('mat-khau-cua-lan');
  });

  it('without pg_dump (TONGHOP_PG_BIN an empty folder, PATH without it) says the server\u2019s backups are its administrator\u2019s, and writes nothing', async () => {
    const app = await start();
    const backupsDir = path.join(app.dir, 'backups');
    const good = await call(app.h, 'backup.create', {});
    await withEnv({ TONGHOP_PG_BIN: tempDir(), PATH: tempDir() }, async () => {
      for (const [name, args] of [
        ['backup.create', {}],
        ['backup.export', {}],
        ['backup.restore', { name: good.name }],
        ['backup.restoreFile', { file: { name: good.name, bytes: fs.readFileSync(good.path) } }],
      ] as const) {
        const error = await refuse(app.h, name, args);
        expect(error.code, name).toBe('BACKUP_ON_SERVER');
        expect(error.message, name).toContain('người quản trị máy chủ');
        expect(error.message, name).toContain('TONGHOP_PG_BIN');
      }
      const run = await cli('backup', '--out', path.join(app.dir, 'x.dump'), '--db', app.file, '--json');
      expect(run.code).toBe(1);
      expect(run.err).toContain('người quản trị máy chủ');
    });
    expect(listDir(backupsDir)).toEqual([good.name]);
    expect(fs.existsSync(path.join(app.dir, 'x.dump'))).toBe(false);
  });

  it('refuses programs older than the server naming both versions, and says a failing pg_dump\u2019s first line with nothing left behind', async () => {
    const app = await start();
    const backupsDir = path.join(app.dir, 'backups');
    await withEnv({ TONGHOP_PG_BIN: fakePrograms('11.22') }, async () => {
      const error = await refuse(app.h, 'backup.create', {});
      expect(error.code).toBe('PG_TOOLS_TOO_OLD');
      expect(error.message).toMatch(/phiên bản 11, cũ hơn máy chủ PostgreSQL \(phiên bản \d+\)/u);
    });
    await withEnv({ TONGHOP_PG_BIN: fakePrograms('99.0', 'pg_dump: error: không ghi được') }, async () => {
      const error = await refuse(app.h, 'backup.create', {});
      expect(error.code).toBe('BACKUP_FAILED');
      expect(error.message).toContain('pg_dump báo "pg_dump: error: không ghi được"');
      expect(error.message).not.toContain('second line');
    });
    expect(listDir(backupsDir)).toEqual([]);
  });

  it('the command line backs up to a .dump and restores from it, its safety backup in TONGHOP_BACKUP_DIR and never the working folder; a .sqlite name for a server archive is refused', { timeout: 60_000 }, async () => {
    const url = await createTestDatabase();
    expect((await cli('init', '--db', url, '--json')).code).toBe(0);
    const dir = tempDir();
    const backupsDir = path.join(tempDir(), 'sao-luu');
    const env = { TONGHOP_BACKUP_DIR: backupsDir };
    const inWorkingFolder = () => [listDir(path.resolve('backups')), listDir(path.resolve('data', 'backups')).filter((n) => n.endsWith('.dump'))];
    const before = inWorkingFolder();
    const refused = await cliWith(env, 'backup', '--out', path.join(dir, 'sao-luu.sqlite'), '--db', url, '--json');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('.dump');
    expect(fs.existsSync(path.join(dir, 'sao-luu.sqlite'))).toBe(false);

    const target = path.join(dir, 'sao-luu.dump');
    const backup = await cliWith(env, 'backup', '--out', target, '--db', url, '--json');
    expect(backup.code, backup.err).toBe(0);
    await onDatabase(url, (c) => c.query("UPDATE plan SET title = 'đã sửa'"));
    const restore = await cliWith(env, 'restore', target, '--db', url, '--json');
    expect(restore.code, restore.err).toBe(0);
    const title = await onDatabase(url, async (c) => (await c.query<{ title: string }>('SELECT title FROM plan')).rows[0]?.title);
    expect(title).not.toBe('đã sửa');
    const safety = (JSON.parse(restore.out) as { safetyBackup: string }).safetyBackup;
    expect(path.dirname(safety)).toBe(backupsDir);
    expect(listDir(backupsDir)).toEqual([path.basename(safety)]);
    expect(inWorkingFolder()).toEqual(before);
  });
});

describeWith(testPostgres, 'PostgreSQL backups by the office\u2019s accounts: the owner, a clerk, a reader', () => {
  let owner: TestApp;
  let database: string;
  const names = { clerk: '', reader: '' };
  const logins: { close(): Promise<void> }[] = [];

  /** The app as one of server-setup's logins, its backups in a folder of its own. */
  async function as(kind: 'clerk' | 'reader', password: string | null): Promise<TestApp> {
    const url = new URL(owner.file);
    url.username = names[kind];
    url.password = password ?? '';
    const dir = tempDir();
    const ctx = await openApp(url.toString(), { backupDir: path.join(dir, 'backups') });
    logins.push(ctx.handle);
    return { dir, file: url.toString(), ctx, h: createHandlers(ctx), close: () => ctx.handle.close() };
  }

  let clerk: TestApp;
  let reader: TestApp;

  afterAll(async () => {
    for (const l of logins.splice(0)) await l.close();
    await owner?.close();
    await dropTestDatabases();
    const groups = groupRoles(database);
    await onDatabase(new URL('/postgres', owner.file).toString(), async (c) => {
      for (const role of [names.clerk, names.reader, groups.clerk, groups.reader]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
    });
  });

  it('a reader backs up (pg_dump reads every table and sequence), and the owner restores that archive', { timeout: 120_000 }, async () => {
    owner = await openPostgresTestApp();
    database = new URL(owner.file).pathname.slice(1);
    names.clerk = `${database}_lan`;
    names.reader = `${database}_lanhdao`;
    const setup = await call(owner.h, 'server.setup', { clerks: [names.clerk], readers: [names.reader] });
    const password = (name: string) => setup.accounts.find((a) => a.name === name)?.password ?? null;
    clerk = await as('clerk', password(names.clerk));
    reader = await as('reader', password(names.reader));
    await call(clerk.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 5 }] });

    const made = await call(reader.h, 'backup.create', {});
    expect(path.dirname(made.path)).toBe(path.join(reader.dir, 'backups'));
    // Recorded with who made it: a reader may add to the audit log.
    const audit = await call(owner.h, 'audit.list', {});
    expect(audit.find((e) => e.action === 'backup' && e.entityKey === made.name)?.by.role).toBe(names.reader);
    const before = await snapshot(owner);
    await call(clerk.h, 'submissions.enter', { period: '2022-Q1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 9 }] });
    await call(owner.h, 'backup.restoreFile', { file: { name: made.name, bytes: fs.readFileSync(made.path) } });
    expect(await snapshot(owner)).toEqual(before);
  });

  it('after the owner\u2019s restore the accounts work as before: the clerk writes, the reader reads and is recorded, neither more', { timeout: 60_000 }, async () => {
    await call(clerk.h, 'submissions.enter', { period: '2022-H1', agency: 'CA', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 12 }] });
    expect((await call(reader.h, 'consolidation.get', { period: '2022-Q1' }))).toEqual(await call(owner.h, 'consolidation.get', { period: '2022-Q1' }));
    const exported = await call(reader.h, 'exports.consolidated', { period: '2022-Q1' });
    expect(exported.bytes.byteLength).toBeGreaterThan(0);
    expect((await refuse(reader.h, 'agencies.create', { code: 'MOI', name: 'Đơn vị mới', group: 'district' })).code).toBe('READ_ONLY');
    // What server-setup took away from the clerks stays taken away.
    const denied = await onDatabase(clerk.file, (c) =>
      c.query("INSERT INTO schema_migration (version, name, applied_at) VALUES (98, 'x', 'x')").then(
        () => null,
        (err: { code?: string }) => err.code,
      ),
    );
    expect(denied).toBe('42501');
    // And a new backup by the reader still reads everything.
    expect((await call(reader.h, 'backup.create', {})).sizeBytes).toBeGreaterThan(0);
  });

  it('refuses a reader\u2019s restore (READ_ONLY) and a clerk\u2019s (the owner\u2019s to do) in words, before anything: no safety backup, nothing changed', { timeout: 60_000 }, async () => {
    const good = await call(owner.h, 'backup.create', {});
    const bytes = fs.readFileSync(good.path);
    fs.copyFileSync(good.path, path.join(reader.dir, 'backups', good.name));
    fs.mkdirSync(path.join(clerk.dir, 'backups'), { recursive: true });
    fs.copyFileSync(good.path, path.join(clerk.dir, 'backups', good.name));
    await call(clerk.h, 'submissions.enter', { period: '2022-Q1', agency: 'VKS', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 2 }] });
    const before = await snapshot(owner);
    const submissions = await rowCount(owner.ctx.db, 'submission');
    const folders = [listDir(path.join(reader.dir, 'backups')), listDir(path.join(clerk.dir, 'backups'))];

    for (const args of [{ name: good.name }, { file: { name: good.name, bytes } }]) {
      const method = 'name' in args ? 'backup.restore' : 'backup.restoreFile';
      const r = await refuse(reader.h, method, args);
      expect(r.code, method).toBe('READ_ONLY');
      expect(r.message).toContain('chỉ được xem số liệu');
      const c = await refuse(clerk.h, method, args);
      expect(c.code, `${method}: ${c.message}`).toBe('RESTORE_NEEDS_OWNER');
      expect(c.message).toContain(names.clerk);
      expect(c.message).toContain(new URL(owner.file).username);
      expect(c.message).toMatch(VIETNAMESE);
    }
    expect(await snapshot(owner)).toEqual(before);
    expect(await rowCount(owner.ctx.db, 'submission')).toBe(submissions);
    expect([listDir(path.join(reader.dir, 'backups')), listDir(path.join(clerk.dir, 'backups'))]).toEqual(folders);
  });
});
