// Settings, the heading, and the automatic backups: before every import batch and
// once a day, keeping only the newest N automatic ones.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/app/dispatch';
import { AUTOMATIC_PREFIXES, automaticBackup, dailyBackupIfDue, DAILY_KEEP_DAYS } from '../../electron/app/backup';
import { fillReportForm } from '../../electron/excel/form-filler';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { cleanupTempDirs, openTestApp, VIETNAMESE } from '../helpers/app';

afterEach(() => cleanupTempDirs());

/** The automatic backups in a folder, of one kind or both. */
function automaticIn(dir: string, kind?: keyof typeof AUTOMATIC_PREFIXES): string[] {
  const prefixes = kind ? [AUTOMATIC_PREFIXES[kind]] : Object.values(AUTOMATIC_PREFIXES);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => prefixes.some((p) => n.startsWith(`${p}-`))) : [];
}

describe('settings', () => {
  it('a value damaged in the database falls back to its own default and leaves the others as set', async () => {
    const app = await openTestApp();
    try {
      await dispatch(app.h, 'settings.update', { clerkName: 'Nguyễn Thị Lan', signer: { capacity: 'T/M BAN CHỈ ĐẠO', title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', name: 'Hoàng Văn Nam' } });
      app.ctx.handle.sqlite.prepare("UPDATE setting SET value = '\"nhiều\"' WHERE key = 'backupKeep'").run();
      app.ctx.handle.sqlite.prepare("UPDATE setting SET value = '{không phải JSON' WHERE key = 'recipients'").run();
      const got = await dispatch(app.h, 'settings.get', {});
      expect(got.ok && got.value).toMatchObject({ clerkName: 'Nguyễn Thị Lan', backupKeep: DEFAULT_SETTINGS.backupKeep, recipients: DEFAULT_SETTINGS.recipients, signer: { name: 'Hoàng Văn Nam' } });
    } finally {
      await app.close();
    }
  });

  it('start from the defaults, are saved, and are audited', async () => {
    const app = await openTestApp();
    try {
      const initial = await dispatch(app.h, 'settings.get', {});
      expect(initial).toEqual({ ok: true, value: DEFAULT_SETTINGS });
      const changed = await dispatch(app.h, 'settings.update', { backupKeep: 3, language: 'en' });
      expect(changed.ok && changed.value).toMatchObject({ backupKeep: 3, language: 'en', backupDaily: true });
      const again = await dispatch(app.h, 'settings.get', {});
      expect(again.ok && again.value.backupKeep).toBe(3);
      const bad = await dispatch(app.h, 'settings.update', { backupKeep: 0 });
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.error.message).toMatch(VIETNAMESE);
      const audit = await dispatch(app.h, 'audit.list', { entity: 'settings' });
      expect(audit.ok && audit.value).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('change the heading lines and style of the documents', async () => {
    const app = await openTestApp();
    try {
      const updated = await dispatch(app.h, 'organization.update', { headingStyle: 'state', parentBody: 'UBND TỈNH LẠNG SƠN' });
      expect(updated.ok && updated.value).toMatchObject({ headingStyle: 'state', parentBody: 'UBND TỈNH LẠNG SƠN', issuingBody: 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP' });
      const empty = await dispatch(app.h, 'organization.update', { place: '   ' });
      expect(empty.ok).toBe(false);
    } finally {
      await app.close();
    }
  });
});

describe('automatic backups', () => {
  it('keep only the newest N, never touching manual backups', async () => {
    let tick = 0;
    const app = await openTestApp({ now: () => new Date(2022, 2, 18, 9, 0, tick++) });
    try {
      const manual = await dispatch(app.h, 'backup.create', {});
      expect(manual.ok).toBe(true);
      for (let i = 0; i < 5; i++) await automaticBackup(app.ctx, 'before-import', 3);
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(3);
      const list = await dispatch(app.h, 'backup.list', {});
      expect(list.ok && list.value.some((b) => manual.ok && b.name === manual.value.name)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('are made once a day, and not when turned off', async () => {
    let day = 18;
    const app = await openTestApp({ now: () => new Date(2022, 2, day, 8, 0, 0) });
    try {
      expect(await dailyBackupIfDue(app.ctx, { backupDaily: true, backupKeep: 5 })).not.toBeNull();
      expect(await dailyBackupIfDue(app.ctx, { backupDaily: true, backupKeep: 5 })).toBeNull();
      day = 19;
      expect(await dailyBackupIfDue(app.ctx, { backupDaily: false, backupKeep: 5 })).toBeNull();
      expect(await dailyBackupIfDue(app.ctx, { backupDaily: true, backupKeep: 5 })).not.toBeNull();
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('are made before an import batch commits through the Api, unless turned off, only checking, or nothing lands', async () => {
    const app = await openTestApp();
    try {
      const [blank] = await generateForms(app.ctx, { period: '2022-Q1', agencies: ['CA'] });
      if (!blank) throw new Error('no form');
      const form = { name: blank.name, bytes: await fillReportForm(blank.bytes, new Map([['indicator:NV2.01', 12]])) };
      const checked = await dispatch(app.h, 'intake.import', { files: [form], dryRun: true });
      expect(checked.ok).toBe(true);
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(0);
      // A batch whose files are all refused writes no backup: nothing is about to change.
      await dispatch(app.h, 'intake.import', { files: [{ name: 'hong.xlsx', bytes: new Uint8Array([1, 2, 3]) }] });
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(0);
      await dispatch(app.h, 'intake.import', { files: [form] });
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(1);
      await dispatch(app.h, 'settings.update', { backupBeforeImport: false });
      await dispatch(app.h, 'intake.import', { files: [form] });
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(1);
      // The service itself backs up only when asked: the demo and the benchmark do not.
      await importFiles(app.ctx, [form]);
      expect(automaticIn(app.ctx.backupDir)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('are made once per batch when the screen sends its files one call at a time', async () => {
    let tick = 0;
    const app = await openTestApp({ now: () => new Date(2022, 2, 18, 9, 0, tick++) });
    try {
      const agencies = ['CA', 'VKS', 'TA', 'STP', 'THADS', 'BPH'];
      const forms = await generateForms(app.ctx, { period: '2022-Q1', agencies });
      const files = await Promise.all(forms.map(async (f) => ({ name: f.name, bytes: await fillReportForm(f.bytes, new Map([['indicator:NV1.01', 3]])) })));
      for (const file of files) {
        const r = await dispatch(app.h, 'intake.import', { files: [file], batch: 'lo-1' });
        expect(r.ok && r.value[0]?.status).toBe('imported');
      }
      expect(automaticIn(app.ctx.backupDir, 'before-import')).toHaveLength(1);
      // The next batch gets its own.
      await dispatch(app.h, 'intake.import', { files: [{ ...files[0]!, name: 'CA_lan2.xlsx', bytes: await fillReportForm(forms[0]!.bytes, new Map([['indicator:NV1.01', 4]])) }], batch: 'lo-2' });
      expect(automaticIn(app.ctx.backupDir, 'before-import')).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('a busy day of batches never deletes the daily backups: they are kept by their own count, for 30 days at least', async () => {
    let day = 1;
    let tick = 0;
    const app = await openTestApp({ now: () => new Date(2022, 2, day, 8, 0, tick++) });
    try {
      for (day = 1; day <= 3; day++) await dailyBackupIfDue(app.ctx, { backupDaily: true, backupKeep: 14 });
      day = 3;
      for (let i = 0; i < 30; i++) await automaticBackup(app.ctx, 'before-import', 14);
      expect(automaticIn(app.ctx.backupDir, 'daily')).toHaveLength(3);
      expect(automaticIn(app.ctx.backupDir, 'before-import')).toHaveLength(14);
      // Daily backups: at least DAILY_KEEP_DAYS, even when the batch count is set lower.
      for (day = 4; day <= DAILY_KEEP_DAYS + 5; day++) await dailyBackupIfDue(app.ctx, { backupDaily: true, backupKeep: 5 });
      expect(automaticIn(app.ctx.backupDir, 'daily')).toHaveLength(DAILY_KEEP_DAYS);
    } finally {
      await app.close();
    }
  });
});
