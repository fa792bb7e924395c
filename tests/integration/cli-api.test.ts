// The Api methods the command line needed to go through dispatch like every front-end
// (issue #13): a backup as bytes, the working-day arithmetic of a reminder's due date,
// and what the command line still checks itself before it writes the clerk's files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { call, cleanupTempDirs, local, openTestApp, refuse, tempDir, type TestApp } from '../helpers/app';
import { cli } from '../helpers/cli';

let app: TestApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
  cleanupTempDirs();
});

describe('backup.export', () => {
  it('gives a consistent copy of the live database as bytes, audited under the name it is saved as, leaving nothing behind', async () => {
    const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('tonghop-sao-luu-'));
    app = await openTestApp({ now: () => local(2022, 6, 24, 10, 30) });
    await call(app.h, 'agencies.create', { code: 'XX', name: 'Đơn vị thử sao lưu', group: 'other' });
    const copy = await call(app.h, 'backup.export', { name: 'ban-sao.sqlite' });
    expect(copy.name).toBe('ban-sao.sqlite');
    const file = path.join(tempDir(), 'ban-sao.sqlite');
    fs.writeFileSync(file, copy.bytes);
    const saved = new BetterSqlite3(file, { readonly: true });
    expect(saved.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(saved.prepare("SELECT name FROM agency WHERE code = 'XX'").get()).toEqual({ name: 'Đơn vị thử sao lưu' });
    saved.close();
    expect((await call(app.h, 'audit.list', { limit: 1 }))[0]).toMatchObject({ action: 'backup', entity: 'database', entityKey: 'ban-sao.sqlite' });
    // Not kept in the backup folder: the clerk chose where it goes.
    expect(await call(app.h, 'backup.list', {})).toEqual([]);

    const unnamed = await call(app.h, 'backup.export', {});
    expect(unnamed.name).toBe('tonghop-20220624-103000.sqlite');
    // The copies were made in folders of their own in the temp folder, removed after.
    expect(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('tonghop-sao-luu-'))).toEqual(before);
  });

  it('refuses a name that is a path, a folder or not a file name on Windows', async () => {
    app = await openTestApp();
    for (const name of ['../ngoai.sqlite', '..', '.', 'a/b.sqlite', 'a\\b.sqlite', 'x:y.sqlite', 'CON', 'nul.sqlite', 'a?.sqlite']) {
      expect((await refuse(app.h, 'backup.export', { name })).code, name).toBe('INVALID_ARGUMENT');
    }
    // Nothing was written beside the temp folder either.
    expect(fs.existsSync(`${os.tmpdir()}.tmp`)).toBe(false);
  });

  it('waits for an open import batch instead of copying nothing', async () => {
    app = await openTestApp();
    const trx = await app.ctx.db.startTransaction().execute();
    await trx.insertInto('agency').values({ code: 'YY', name: 'Đơn vị trong lô', group_kind: 'other', sort_order: 999, search_key: 'don vi trong lo', contact_person: null, contact_phone: null, valid_from: null, valid_to: null }).execute();
    const exporting = call(app.h, 'backup.export', { name: 'giua-lo.sqlite' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await trx.commit().execute();
    const copy = await exporting;
    const file = path.join(tempDir(), 'giua-lo.sqlite');
    fs.writeFileSync(file, copy.bytes);
    const saved = new BetterSqlite3(file, { readonly: true });
    // Taken after the batch ended: it holds what the batch wrote.
    expect(saved.prepare("SELECT name FROM agency WHERE code = 'YY'").get()).toEqual({ name: 'Đơn vị trong lô' });
    saved.close();
  });
});

describe('calendar.addWorkingDays', () => {
  it('counts working days from today by default, on the office calendar', async () => {
    app = await openTestApp({ now: () => local(2022, 6, 24) });
    // Friday 24/06/2022 + 5 working days: the next Friday.
    expect(await call(app.h, 'calendar.addWorkingDays', { days: 5 })).toEqual({ from: '2022-06-24', date: '2022-07-01' });
    await call(app.h, 'settings.update', { extraDaysOff: ['2022-06-27'] });
    expect(await call(app.h, 'calendar.addWorkingDays', { from: '2022-06-24', days: 5 })).toEqual({ from: '2022-06-24', date: '2022-07-04' });
    expect((await refuse(app.h, 'calendar.addWorkingDays', { from: '24/06/2022', days: 5 })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('the command line writes the files itself', () => {
  it('backup --out writes the bytes whole, and never over the live database', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const out = path.join(dir, 'usb', 'sao-luu.sqlite');
    const done = await cli('backup', '--out', out, '--db', db, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toEqual({ file: out, sizeBytes: fs.statSync(out).size });
    expect(fs.readdirSync(path.dirname(out))).toEqual(['sao-luu.sqlite']);

    const before = fs.readFileSync(db);
    const over = await cli('backup', '--out', db, '--db', db, '--json');
    expect(over.code).toBe(1);
    expect(JSON.parse(over.out)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('restore of a file that is not there is refused (exit 1), the data kept', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const run = await cli('restore', path.join(dir, 'khong-co.sqlite'), '--db', db, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, error: { code: 'RESTORE_REFUSED' } });
    expect(run.err).toContain('khong-co.sqlite');
  });
});
