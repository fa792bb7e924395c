// The Máy chủ dữ liệu setting (#16) through the Api, as Cài đặt calls it: an address is
// checked in words, "Kiểm tra kết nối" says what a real server's database is (empty,
// the app's, newer, another program's; a reader's or a clerk's account) without
// changing it, and saving keeps the address without its password, the password in the
// data folder's pgpass file (read by the user alone), and the next start opens the
// server; a database that would not open is never saved. On a real server
// (TONGHOP_TEST_PG; the server half says skipped with its reason where there is none).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openApp, resolveDbPath } from '../../electron/app/bootstrap';
import { DATA_SERVER_FILE, PGPASS_FILE, savedServer, usePgpassOf } from '../../electron/app/data-server';
import { createHandlers } from '../../electron/app/handlers';
import { groupRoles } from '../../electron/app/server-setup';
import { storePassword, withStoredPassword } from '../../db/pgpass';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import type { Handlers } from '../../shared/api';
import { call, cleanupTempDirs, openTestApp, refuse, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';
import { describeWith } from '../helpers/needs';
import { createTestDatabase, dropTestDatabases, onDatabase, testPostgres } from '../helpers/pg';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

/** A SQLite app whose handlers keep the setting in `dir`, as the desktop app's do in its data folder. */
async function withStore(dir = tempDir()): Promise<{ app: TestApp; h: Handlers; dir: string }> {
  const app = await openTestApp({}, dir);
  open.push(app);
  return { app, h: createHandlers(app.ctx, { dataServer: { dir, overridden: false } }), dir };
}

describe('Máy chủ dữ liệu, on this workstation', () => {
  it('is not offered where --db chooses (the CLI, handlers without a data folder), in words', async () => {
    const app = await openTestApp();
    open.push(app);
    expect(await call(app.h, 'dataServer.get', {})).toMatchObject({ available: false, saved: null, current: { backend: 'sqlite' } });
    const e = await refuse(app.h, 'dataServer.save', { server: 'postgres://lan@may-chu/tonghop' });
    expect(e.code).toBe('DATA_SERVER_NOT_HERE');
    expect(e.message).toContain('TONGHOP_DB');
  });

  it('refuses an address that is not a server database, saying the shape, and saves nothing', async () => {
    const { h, dir } = await withStore();
    for (const bad of ['may-chu/tonghop', 'postgres://may-chu:5432/tonghop', 'postgres://lan@may-chu', 'http://lan@may-chu/tonghop']) {
      const e = await refuse(h, 'dataServer.test', { server: bad });
      expect(e.code, bad).toBe('DATA_SERVER_ADDRESS');
      expect(e.message).toMatch(VIETNAMESE);
      expect(e.message).toContain('postgres://tài_khoản@máy_chủ:5432/tên_cơ_sở_dữ_liệu');
      expect((await refuse(h, 'dataServer.save', { server: bad })).code).toBe('DATA_SERVER_ADDRESS');
    }
    expect(fs.readdirSync(dir).filter((f) => f === DATA_SERVER_FILE || f === PGPASS_FILE)).toEqual([]);
  });

  it('says a server that does not answer is unreachable, and saves nothing', async () => {
    const { h, dir } = await withStore();
    // A port nothing listens on, on this machine: refused at once.
    const e = await refuse(h, 'dataServer.save', { server: 'postgres://lan@127.0.0.1:1/tonghop', password: 'bi-mat' });
    expect(e.code).toBe('DB_UNREACHABLE');
    expect(e.message).not.toContain('bi-mat');
    expect(fs.existsSync(path.join(dir, DATA_SERVER_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dir, PGPASS_FILE))).toBe(false);
  });

  it('keeps a password in a pgpass file only the user can read, escaped, one line per account', async () => {
    const file = path.join(tempDir(), PGPASS_FILE);
    storePassword(file, 'postgres://lan@10.0.0.5:5432/tonghop', 'a:b\\c');
    storePassword(file, 'postgres://nam@10.0.0.5/tonghop', 'thu-hai');
    storePassword(file, 'postgres://lan@10.0.0.5:5432/tonghop', 'moi:doi');
    expect(fs.readFileSync(file, 'utf8')).toBe('10.0.0.5:5432:tonghop:nam:thu-hai\n10.0.0.5:5432:tonghop:lan:moi\\:doi\n');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
    usePgpassOf(path.dirname(file));
    expect(new URL(await withStoredPassword('postgres://lan@10.0.0.5:5432/tonghop')).password).toBe(encodeURIComponent('moi:doi'));
    expect(new URL(await withStoredPassword('postgres://nam@10.0.0.5:5432/tonghop')).password).toBe('thu-hai');
    // A password in the address is the one used; another account's is not borrowed.
    expect(new URL(await withStoredPassword('postgres://lan:khac@10.0.0.5:5432/tonghop')).password).toBe('khac');
    expect(new URL(await withStoredPassword('postgres://ai_do@10.0.0.5:5432/tonghop')).password).toBe('');
    storePassword(file, 'postgres://nam@10.0.0.5/tonghop', null);
    expect(fs.readFileSync(file, 'utf8')).toBe('10.0.0.5:5432:tonghop:lan:moi\\:doi\n');
  });

  it('opens the saved server at the next start unless --db or TONGHOP_DB names another; a damaged setting opens the file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    expect(resolveDbPath(undefined, {}, dir, dir)).toBe(file);
    fs.writeFileSync(path.join(dir, DATA_SERVER_FILE), JSON.stringify({ server: 'postgres://lan@10.0.0.5:5432/tonghop' }));
    expect(resolveDbPath(undefined, {}, dir, dir)).toBe('postgres://lan@10.0.0.5:5432/tonghop');
    expect(resolveDbPath(undefined, { TONGHOP_DB: 'khac.sqlite' }, dir, dir)).toBe(path.join(dir, 'khac.sqlite'));
    expect(resolveDbPath('rieng.sqlite', {}, dir, dir)).toBe(path.join(dir, 'rieng.sqlite'));
    fs.writeFileSync(path.join(dir, DATA_SERVER_FILE), '{ "server": ');
    expect(savedServer(dir)).toBeNull();
    expect(resolveDbPath(undefined, {}, dir, dir)).toBe(file);
  });
});

describeWith(testPostgres, 'Máy chủ dữ liệu, on a real server (PostgreSQL)', () => {
  afterAll(dropTestDatabases);

  it('says what each database is without changing it, and saves only one that will open', async () => {
    const { h, dir } = await withStore();
    const empty = await createTestDatabase();
    const probe = await call(h, 'dataServer.test', { server: empty });
    expect(probe).toMatchObject({ state: 'empty', schemaVersion: null, isOwner: true, canWrite: true, database: new URL(empty).pathname.slice(1) });
    expect(probe.serverVersion).toMatch(/^\d+\.\d+/u);
    expect(await onDatabase(empty, async (c) => (await c.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")).rows[0])).toEqual({ n: 0 });

    const ours = await createTestDatabase();
    await (await openApp(ours)).handle.close();
    expect(await call(h, 'dataServer.test', { server: ours })).toMatchObject({ state: 'current', schemaVersion: LATEST_SCHEMA_VERSION, canWrite: true });

    const newer = await createTestDatabase();
    await (await openApp(newer)).handle.close();
    await onDatabase(newer, (c) => c.query("INSERT INTO schema_migration (version, name, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00')"));
    expect(await call(h, 'dataServer.test', { server: newer })).toMatchObject({ state: 'newer', schemaVersion: 99 });
    const tooNew = await refuse(h, 'dataServer.save', { server: newer });
    expect(tooNew.code).toBe('DB_TOO_NEW');

    const other = await createTestDatabase();
    await onDatabase(other, (c) => c.query('CREATE TABLE khach_hang (id integer)'));
    expect(await call(h, 'dataServer.test', { server: other })).toMatchObject({ state: 'not_ours' });
    expect((await refuse(h, 'dataServer.save', { server: other })).code).toBe('DB_NOT_OURS');
    expect(fs.existsSync(path.join(dir, DATA_SERVER_FILE))).toBe(false);

    // Saved: the address without its password, the password in the data folder's pgpass file.
    const withPassword = new URL(ours);
    withPassword.password = 'mat-khau';
    const saved = await call(h, 'dataServer.save', { server: withPassword.toString() });
    expect(saved).toMatchObject({ saved: ours, restartNeeded: true, probe: { state: 'current' } });
    expect(fs.readFileSync(path.join(dir, DATA_SERVER_FILE), 'utf8')).not.toContain('mat-khau');
    expect(fs.readFileSync(path.join(dir, PGPASS_FILE), 'utf8')).toContain(':mat-khau');
    expect(await call(h, 'dataServer.get', {})).toMatchObject({ available: true, saved: ours, current: { backend: 'sqlite' } });

    // The next start opens the server.
    const next = resolveDbPath(undefined, {}, dir, dir);
    expect(next).toBe(ours);
    const reopened = await openApp(next);
    try {
      expect(reopened.handle.backend).toBe('postgres');
    } finally {
      await reopened.handle.close();
    }

    // Back to this workstation's file: the setting goes, the next start opens tonghop.sqlite.
    expect(await call(h, 'dataServer.save', { server: null })).toMatchObject({ saved: null });
    expect(resolveDbPath(undefined, {}, dir, dir)).toBe(path.join(dir, 'tonghop.sqlite'));
  });

  it('says a reader account may only view, and an empty database needs its owner', async () => {
    const { h } = await withStore();
    const url = await createTestDatabase();
    const owner = await openApp(url);
    const name = `doc_${process.pid}_${Date.now() % 100000}`;
    try {
      const setup = await call(createHandlers(owner), 'server.setup', { clerks: [], readers: [name] });
      const reader = new URL(url);
      reader.username = name;
      const probe = await call(h, 'dataServer.test', { server: reader.toString(), password: setup.accounts[0]?.password ?? undefined });
      expect(probe).toMatchObject({ state: 'current', role: name, canWrite: false, isOwner: false });

      const emptyDb = await createTestDatabase();
      const asReader = new URL(emptyDb);
      asReader.username = name;
      const e = await refuse(h, 'dataServer.save', { server: asReader.toString() });
      expect(e.code).toBe('DB_UPGRADE_NEEDS_OWNER');
      expect(e.message).toContain('init --db');
    } finally {
      await owner.handle.close();
      await dropTestDatabases();
      // The databases first (their GRANTs go with them), then this test's roles.
      const groups = groupRoles(new URL(url).pathname.slice(1));
      await onDatabase(testPostgres.ok ? testPostgres.url : '', async (c) => {
        for (const role of [name, groups.clerk, groups.reader]) await c.query(`DROP ROLE IF EXISTS "${role}"`);
      });
    }
  });
});
