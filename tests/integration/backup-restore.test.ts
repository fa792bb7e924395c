// Backup and restore on real SQLite files: a round trip, and every kind of bad candidate
// refused with the live database untouched and still usable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { automaticBackup, backupTo, checkRestorable, createBackup, restoreFrom } from '../../electron/app/backup';
import { openApp } from '../../electron/app/bootstrap';
import { createHandlers } from '../../electron/app/handlers';
import { migrate, openDatabase } from '../../db/connection';
import { seedDatabase } from '../../db/seed';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { AppError } from '../../shared/errors';
import { call, cleanupTempDirs, local, openTestApp, refuse, tableCounts, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) if (app.ctx.handle.sqlite.open) await app.close();
});

async function start(now?: Date): Promise<TestApp> {
  const app = await openTestApp(now ? { now: () => now } : {});
  open.push(app);
  return app;
}

function enter(app: TestApp, agency: string, value: number) {
  return call(app.h, 'submissions.enter', { period: '2022-Q1', agency, taskReports: [], values: [{ indicatorCode: 'NV2.01', number: value }] });
}

/** Agency codes of the submissions in a database file, read with a connection of its own. */
function submissionsIn(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT a.code FROM submission s JOIN agency a ON a.id = s.agency_id ORDER BY s.id').all() as { code: string }[]).map((r) => r.code);
  } finally {
    db.close();
  }
}

function listDir(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the restore to be refused');
}

describe('backup, then restore', () => {
  it('brings back the data as it was at the backup, after a safety backup of the data it replaces', async () => {
    const app = await start();
    const first = await enter(app, 'CA', 10);
    const file = path.join(app.dir, 'usb', 'ban-sao.sqlite');

    const info = await backupTo(app.ctx, file);
    expect(info).toMatchObject({ name: 'ban-sao.sqlite', path: path.resolve(file) });
    expect(info.sizeBytes).toBe(fs.statSync(file).size);
    expect(listDir(path.dirname(file)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(submissionsIn(file)).toEqual(['CA']);
    const lastAudit = (await call(app.h, 'audit.list', { limit: 1 }))[0];
    expect(lastAudit).toMatchObject({ action: 'backup', entity: 'database', entityKey: 'ban-sao.sqlite' });

    await enter(app, 'VKS', 30);
    expect(submissionsIn(app.file)).toEqual(['CA', 'VKS']);

    const result = await restoreFrom(app.ctx, file);
    expect(result.restoredFrom).toBe(path.resolve(file));

    // The second report is gone, the first is there, and the consolidation follows.
    const list = await call(app.h, 'submissions.list', { period: '2022-Q1' });
    expect(list.map((s) => [s.agencyCode, s.id])).toEqual([['CA', first.id]]);
    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    expect(c.indicators.find((i) => i.code === 'NV2.01')?.value).toBe(10);
    expect(c.completeness.counts.received).toBe(1);

    // The data it replaced is in the safety backup.
    expect(path.dirname(result.safetyBackup)).toBe(app.ctx.backupDir);
    expect(fs.existsSync(result.safetyBackup)).toBe(true);
    expect(submissionsIn(result.safetyBackup)).toEqual(['CA', 'VKS']);

    const live = app.ctx.handle.sqlite;
    expect(live.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(live.pragma('foreign_key_check')).toEqual([]);
    expect(live.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(live.pragma('journal_mode', { simple: true })).toBe('wal');
    expect((await call(app.h, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'restore', entity: 'database', entityKey: 'ban-sao.sqlite' });

    // Still usable, and what is written lands in the file: reopen it and look.
    const again = await enter(app, 'VKS', 31);
    expect(again.revision).toBe(1);
    await app.close();
    const reopened = await openApp(app.file);
    try {
      expect(reopened.seeded).toBe(false);
      const h = createHandlers(reopened);
      expect((await call(h, 'submissions.list', { period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['CA', 'VKS']);
      expect(reopened.handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await reopened.handle.close();
    }
  });

  it('works through the Api too: backup.create, backup.list, backup.restore', async () => {
    const app = await start();
    await enter(app, 'CA', 10);
    const made = await call(app.h, 'backup.create', {});
    expect(path.dirname(made.path)).toBe(app.ctx.backupDir);
    expect(made.name).toMatch(/^tonghop-\d{8}-\d{6}\.sqlite$/u);
    expect((await call(app.h, 'backup.list', {})).map((b) => b.name)).toContain(made.name);
    await enter(app, 'VKS', 30);
    const restored = await call(app.h, 'backup.restore', { name: made.name });
    expect(restored.restoredFrom).toBe(made.path);
    expect((await call(app.h, 'submissions.list', { period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['CA']);
    expect(submissionsIn(restored.safetyBackup)).toEqual(['CA', 'VKS']);

    const traversal = await refuse(app.h, 'backup.restore', { name: '../tonghop.sqlite' });
    expect(traversal.code).toBe('INVALID_ARGUMENT');
    const unknown = await refuse(app.h, 'backup.restore', { name: 'khong-co.sqlite' });
    expect(unknown.code).toBe('NOT_FOUND');
    for (const e of [traversal, unknown]) expect(e.message).toMatch(VIETNAMESE);
  });

  it('refuses to back up over the live file', async () => {
    const app = await start();
    const error = await rejection(backupTo(app.ctx, app.file));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(app.ctx.handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('restores a backup with another page size, converted on its proven copy', async () => {
    const app = await start();
    await enter(app, 'CA', 10);
    const file = path.join(tempDir(), 'page8192.sqlite');
    await backupTo(app.ctx, file);
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = DELETE');
    db.pragma('page_size = 8192');
    db.exec('VACUUM');
    expect(db.pragma('page_size', { simple: true })).toBe(8192);
    db.close();
    await enter(app, 'VKS', 30);
    const result = await restoreFrom(app.ctx, file);
    expect(fs.existsSync(result.safetyBackup)).toBe(true);
    expect((await call(app.h, 'submissions.list', { period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['CA']);
    const live = app.ctx.handle.sqlite;
    expect(live.pragma('page_size', { simple: true })).toBe(4096);
    expect(live.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(live.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('restores a backup from an older schema version and migrates it', async () => {
    const app = await start();
    await enter(app, 'CA', 10);
    // A backup made by the version-1 app: the core tables only, with the seed and a report.
    const oldFile = path.join(tempDir(), 'v1.sqlite');
    const old = await openDatabase(oldFile, { targetVersion: 1 });
    await seedDatabase(old.db);
    old.sqlite.exec(`INSERT INTO submission (agency_id, period_id, revision, is_current, received_at, is_late, status, source_kind)
      SELECT a.id, p.id, 1, 1, '2022-03-16T08:00:00', 0, 'received', 'manual' FROM agency a, period p WHERE a.code = 'STP' AND p.code = '2022-Q1'`);
    await old.close();

    await restoreFrom(app.ctx, oldFile);
    const live = app.ctx.handle.sqlite;
    expect(live.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect((live.prepare('SELECT version FROM schema_migration ORDER BY version').all() as { version: number }[]).map((r) => r.version)).toEqual(
      Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    expect(live.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'import_log'").get()).toBeDefined();
    expect((await call(app.h, 'submissions.list', { period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['STP']);
    expect(live.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('two backups made in the same second do not overwrite each other', async () => {
    // The clock is pinned, as in the demo data and in tests; a clerk clicking twice does the same.
    const app = await start(local(2022, 3, 20, 9, 0));
    await enter(app, 'CA', 10);
    const a = await createBackup(app.ctx);
    await enter(app, 'VKS', 30);
    const b = await createBackup(app.ctx);
    expect(b.path).not.toBe(a.path);
    expect(submissionsIn(a.path)).toEqual(['CA']);
    expect(submissionsIn(b.path)).toEqual(['CA', 'VKS']);
  });

  it('of automatic backups made in one second, the oldest are deleted first (…-2 is newer than …)', async () => {
    const app = await start(local(2022, 3, 20, 9, 0));
    const made: string[] = [];
    for (const value of [1, 2, 3, 4]) {
      await enter(app, 'CA', value);
      made.push(path.basename((await automaticBackup(app.ctx, 'before-import', 2)).path));
    }
    expect(made).toEqual(['tonghop-truoc-nhap-20220320-090000.sqlite', 'tonghop-truoc-nhap-20220320-090000-2.sqlite', 'tonghop-truoc-nhap-20220320-090000-3.sqlite', 'tonghop-truoc-nhap-20220320-090000-4.sqlite']);
    // The two kept are the two newest, the last one holding the latest figure.
    expect(listDir(app.ctx.backupDir).filter((n) => n.startsWith('tonghop-truoc-nhap-'))).toEqual(made.slice(2).sort());
  });
});

describe('restore refuses a bad candidate and leaves the live database untouched', () => {
  const candidates: [string, (app: TestApp, dir: string) => Promise<string>, string][] = [
    [
      'random bytes',
      async (_app, dir) => {
        const file = path.join(dir, 'random.sqlite');
        fs.writeFileSync(file, crypto.randomBytes(16384));
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'an empty file',
      async (_app, dir) => {
        const file = path.join(dir, 'empty.sqlite');
        fs.writeFileSync(file, '');
        return file;
      },
      'RESTORE_REFUSED',
    ],
    ['a file that does not exist', async (_app, dir) => path.join(dir, 'khong-co.sqlite'), 'RESTORE_REFUSED'],
    [
      'a truncated copy of a real backup (first half)',
      async (app, dir) => {
        const good = path.join(dir, 'good.sqlite');
        await backupTo(app.ctx, good);
        const bytes = fs.readFileSync(good);
        const file = path.join(dir, 'truncated.sqlite');
        fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a truncated copy of a real backup (first page only)',
      async (app, dir) => {
        const good = path.join(dir, 'good.sqlite');
        await backupTo(app.ctx, good);
        const bytes = fs.readFileSync(good);
        const file = path.join(dir, 'page1.sqlite');
        fs.writeFileSync(file, bytes.subarray(0, bytes.readUInt16BE(16)));
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a SQLite file of some other program',
      async (_app, dir) => {
        const file = path.join(dir, 'other.sqlite');
        const db = new BetterSqlite3(file);
        db.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Nguyễn Văn A')");
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a SQLite file with tables named like ours but no schema version',
      async (_app, dir) => {
        const file = path.join(dir, 'lookalike.sqlite');
        const db = new BetterSqlite3(file);
        db.exec('CREATE TABLE plan (id INTEGER PRIMARY KEY); CREATE TABLE submission (id INTEGER PRIMARY KEY); CREATE TABLE schema_migration (version INTEGER)');
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a lookalike with tables named like ours and user_version 1 (would fail to migrate over the live file)',
      async (_app, dir) => {
        const file = path.join(dir, 'lookalike-v1.sqlite');
        const db = new BetterSqlite3(file);
        db.exec('CREATE TABLE schema_migration (version INTEGER); CREATE TABLE plan (id INTEGER PRIMARY KEY); CREATE TABLE submission (id INTEGER PRIMARY KEY)');
        db.pragma('user_version = 1');
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a real backup carrying a trigger of its own (it would wipe every figure on the next import)',
      async (app, dir) => {
        const file = path.join(dir, 'trigger.sqlite');
        await backupTo(app.ctx, file);
        const db = new BetterSqlite3(file);
        db.exec('CREATE TRIGGER wipe AFTER INSERT ON submission BEGIN DELETE FROM value; DELETE FROM task_report; END');
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a real backup with a trigger named "sqlite_…" written into its schema (SQLite does not check the prefix when it reads one; the trigger fires)',
      async (app, dir) => {
        const file = path.join(dir, 'sqlite-trigger.sqlite');
        await backupTo(app.ctx, file);
        const db = new BetterSqlite3(file);
        db.exec('CREATE TRIGGER tmp_wipe AFTER INSERT ON submission BEGIN DELETE FROM value; END');
        db.unsafeMode(true);
        db.pragma('writable_schema = ON');
        db.exec("UPDATE sqlite_master SET name = 'sqlite_wipe', sql = replace(sql, 'tmp_wipe', 'sqlite_wipe') WHERE name = 'tmp_wipe'");
        db.pragma('writable_schema = OFF');
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a database of our shape stored as UTF-16 (the backup API would carry the encoding into the live file)',
      async (app, dir) => {
        const file = path.join(dir, 'utf16.sqlite');
        const db = new BetterSqlite3(file);
        db.pragma("encoding = 'UTF-16le'");
        migrate(db);
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a real backup with the value table dropped',
      async (app, dir) => {
        const file = path.join(dir, 'no-value.sqlite');
        await backupTo(app.ctx, file);
        const db = new BetterSqlite3(file);
        db.exec('DROP TABLE value');
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a real backup with a column added and a view of its own',
      async (app, dir) => {
        const file = path.join(dir, 'extra.sqlite');
        await backupTo(app.ctx, file);
        const db = new BetterSqlite3(file);
        db.exec('ALTER TABLE agency ADD COLUMN secret TEXT; CREATE VIEW v AS SELECT * FROM agency');
        db.close();
        return file;
      },
      'RESTORE_REFUSED',
    ],
    [
      'a backup from a newer version (user_version 99)',
      async (app, dir) => {
        const file = path.join(dir, 'newer.sqlite');
        await backupTo(app.ctx, file);
        const db = new BetterSqlite3(file);
        db.pragma('user_version = 99');
        db.close();
        return file;
      },
      'DB_TOO_NEW',
    ],
  ];

  it.each(candidates)('%s', async (_label, make, code) => {
    const app = await start();
    await enter(app, 'CA', 10);
    await enter(app, 'VKS', 30);
    const file = await make(app, tempDir());
    const candidateBytes = fs.existsSync(file) ? fs.readFileSync(file) : null;

    const live = app.ctx.handle.sqlite;
    const counts = tableCounts(live);
    const submissions = await call(app.h, 'submissions.list', { period: '2022-Q1' });
    const liveBytes = fs.readFileSync(app.file);
    const backups = listDir(app.ctx.backupDir);

    expect(() => checkRestorable(file)).toThrow(AppError);
    const error = await rejection(restoreFrom(app.ctx, file));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(VIETNAMESE);

    // Nothing changed: same rows, same file, no safety backup needed.
    expect(tableCounts(live)).toEqual(counts);
    expect(await call(app.h, 'submissions.list', { period: '2022-Q1' })).toEqual(submissions);
    expect(fs.readFileSync(app.file).equals(liveBytes)).toBe(true);
    expect(listDir(app.ctx.backupDir)).toEqual(backups);
    expect(live.pragma('integrity_check', { simple: true })).toBe('ok');
    // The candidate was only looked at.
    if (candidateBytes) expect(fs.readFileSync(file).equals(candidateBytes)).toBe(true);

    // And the app goes on working, and still starts on its file.
    const next = await enter(app, 'TA', 5);
    expect(next.current).toBe(true);
    const c = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    expect(c.indicators.find((i) => i.code === 'NV2.01')?.value).toBe(45);
    await app.close();
    const again = await openApp(app.file);
    expect((await createHandlers(again)['submissions.list']({ period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['CA', 'VKS', 'TA']);
    await again.handle.close();
  });

  it('names what is not ours: an extra trigger, a missing table', async () => {
    const app = await start();
    const dir = tempDir();
    const trigger = path.join(dir, 'trigger.sqlite');
    await backupTo(app.ctx, trigger);
    const t = new BetterSqlite3(trigger);
    t.exec('CREATE TRIGGER wipe AFTER INSERT ON submission BEGIN DELETE FROM value; END; DROP TABLE correction');
    t.close();
    const error = await rejection(restoreFrom(app.ctx, trigger));
    expect(error.message).toBe(
      'Không khôi phục: tệp trigger.sqlite không phải bản sao lưu của Tổng hợp CCTP. So với cơ sở dữ liệu của ứng dụng, tệp thiếu bảng "correction"; thiếu chỉ mục "correction_submission"; có thêm trigger "wipe" mà ứng dụng không tạo. Dữ liệu hiện tại được giữ nguyên.',
    );
  });
});

describe('what a killed backup leaves behind', () => {
  it('a partial backup is swept when the app opens; a failed backup leaves none', async () => {
    const dir = tempDir();
    const first = await openTestApp({}, dir);
    fs.mkdirSync(first.ctx.backupDir, { recursive: true });
    const partial = path.join(first.ctx.backupDir, 'tonghop-tu-dong-20220920-101500.sqlite.tmp');
    fs.writeFileSync(partial, 'nửa chừng');
    // Left by a process killed two hours ago; one written a minute ago may still be being written.
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(partial, twoHoursAgo, twoHoursAgo);
    const recent = path.join(first.ctx.backupDir, 'tonghop-20220920-111500.sqlite.tmp');
    fs.writeFileSync(recent, 'đang ghi');
    const kept = path.join(first.ctx.backupDir, 'tonghop-20220920-101500.sqlite');
    await backupTo(first.ctx, kept);
    await first.close();
    const again = await openTestApp({}, dir);
    open.push(again);
    expect(fs.existsSync(partial)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(fs.existsSync(kept)).toBe(true);
    // A backup into a folder that cannot be written leaves no partial file.
    const blocked = path.join(dir, 'khong-ghi-duoc');
    fs.writeFileSync(blocked, 'một tệp, không phải thư mục');
    await expect(backupTo(again.ctx, path.join(blocked, 'x.sqlite'))).rejects.toThrow();
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('restore from a file the clerk chooses', () => {
  it('takes a backup sent as bytes through the Api, proven like any other; junk is refused in plain words', async () => {
    const app = await start();
    await enter(app, 'CA', 10);
    const out = path.join(tempDir(), 'usb-saoluu.sqlite');
    await backupTo(app.ctx, out);
    await enter(app, 'VKS', 30);
    const junk = await refuse(app.h, 'backup.restoreFile', { file: { name: 'ghi-chu.sqlite', bytes: new Uint8Array(Buffer.from('không phải cơ sở dữ liệu'.repeat(40))) } });
    expect(junk.message).toBe('Không khôi phục: tệp ghi-chu.sqlite không phải bản sao lưu của Tổng hợp CCTP. Dữ liệu hiện tại được giữ nguyên.');
    expect((await call(app.h, 'submissions.list', { period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['CA', 'VKS']);
    const done = await call(app.h, 'backup.restoreFile', { file: { name: 'usb-saoluu.sqlite', bytes: new Uint8Array(fs.readFileSync(out)) } });
    expect(done.restoredFrom).toBe('usb-saoluu.sqlite');
    expect(fs.existsSync(done.safetyBackup)).toBe(true);
    expect((await call(app.h, 'submissions.list', { period: '2022-Q1' })).map((s) => s.agencyCode)).toEqual(['CA']);
  });
});
