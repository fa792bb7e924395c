// Layout profiles managed in Mẫu bố cục (issue 12, item 5): saving over a name asks
// first; list with agency, last file read and last use; open, rename, duplicate,
// delete (audited, reports keep their record), export and import as JSON; the CLI's
// `profile list|show|remove|export|add`. And multi-agency previews (item 6): every
// change names its agency. All through the Api on real SQLite files and real .xlsx.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../shared/api';
import type { LayoutProfileInput } from '../../shared/profiles';
import { openDatabase } from '../../db/connection';
import { cli } from '../helpers/cli';
import { importFiles, type ImportOptions } from '../../electron/app/intake';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { buildJudicialWorkbook, buildPoliceWorkbook, JUDICIAL_PROFILE_NAME, judicialProfile, POLICE_PROFILE_NAME, policeProfile } from '../fixtures/foreign-workbooks';
import { call, cleanupTempDirs, local, openTestApp, refuse, tableCounts, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';

let pool: ParsePool;
beforeAll(() => {
  pool = createParsePool(2);
});
afterAll(async () => {
  await pool.close();
  cleanupTempDirs();
});

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

async function start(dir?: string): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 3, 16, 9, 30) }, dir);
  open.push(app);
  return app;
}

function importOne(app: TestApp, name: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportOutcome[]> {
  return importFiles(app.ctx, [{ name, bytes }], { receivedOn: '2022-03-16', period: '2022-Q1', ...options }, pool);
}

function fixed(name: string, code: string): LayoutProfileInput {
  const p = policeProfile({ name });
  if (p.layout.kind === 'indicator-rows') p.layout.agency = { mode: 'fixed', code };
  return p;
}

describe('saving over a name', () => {
  it('refuses a name already taken (PROFILE_EXISTS) and changes nothing, unless told to replace', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: policeProfile() });
    const before = tableCounts(app.ctx.handle.sqlite);
    const stored = app.ctx.handle.sqlite.prepare('SELECT definition, updated_at FROM layout_profile').get();

    const error = await refuse(app.h, 'profiles.save', { definition: policeProfile({ description: 'Bản sửa' }) });
    expect(error.code).toBe('PROFILE_EXISTS');
    expect(error.message).toMatch(VIETNAMESE);
    expect(error.message).toContain(POLICE_PROFILE_NAME);
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
    expect(app.ctx.handle.sqlite.prepare('SELECT definition, updated_at FROM layout_profile').get()).toEqual(stored);

    const replaced = await call(app.h, 'profiles.save', { definition: policeProfile({ description: 'Bản sửa' }), replace: true });
    expect(replaced).toMatchObject({ name: POLICE_PROFILE_NAME, description: 'Bản sửa' });
    expect(await call(app.h, 'profiles.list', {})).toHaveLength(1);
    const audit = await call(app.h, 'audit.list', { entity: 'layout_profile' });
    expect(audit.map((a) => a.action)).toEqual(['update', 'create']);
  });

  it('checks the definition at the boundary with the profile schema, in Vietnamese', async () => {
    const app = await start();
    const bad = policeProfile();
    if (bad.layout.kind === 'indicator-rows') bad.layout.keyColumn = '5';
    const error = await refuse(app.h, 'profiles.save', { definition: bad });
    // Told in the profile's own words, the part by its name on screen, not the Api's path.
    expect(error.code).toBe('INVALID_PROFILE');
    expect(error.message).toContain(`Mẫu bố cục "${POLICE_PROFILE_NAME}" không hợp lệ: cột tên chỉ tiêu`);
    expect(error.message).not.toContain('keyColumn');
    expect(error.message).toContain('Cột ghi bằng chữ cái');
    expect((await refuse(app.h, 'profiles.save', { definition: 'không phải mẫu' })).code).toBe('INVALID_PROFILE');
    expect(await call(app.h, 'profiles.list', {})).toEqual([]);
  });
});

describe('the list: agency, last file read, last use', () => {
  it('names a fixed agency; a check writes nothing; an import records the file and the time', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: policeProfile() });
    await call(app.h, 'profiles.save', { definition: fixed('VKS – mẫu riêng', 'VKS') });
    let list = await call(app.h, 'profiles.list', {});
    expect(list.map((p) => [p.name, p.agencyCode, p.agencyName, p.agencyMode, p.lastFile, p.lastUsedAt, p.reports])).toEqual([
      [POLICE_PROFILE_NAME, null, null, 'cell', null, null, 0],
      ['VKS – mẫu riêng', 'VKS', 'Viện Kiểm sát nhân dân tỉnh', 'fixed', null, null, 0],
    ]);

    const bytes = await buildPoliceWorkbook();
    const [checked] = await importOne(app, 'BC_CA_Q1.xlsx', bytes, { dryRun: true, profile: POLICE_PROFILE_NAME });
    expect(checked).toMatchObject({ status: 'checked', profile: POLICE_PROFILE_NAME });
    list = await call(app.h, 'profiles.list', {});
    expect(list[0]).toMatchObject({ lastFile: null, lastUsedAt: null });

    const [imported] = await importOne(app, 'BC_CA_Q1.xlsx', bytes, { profile: POLICE_PROFILE_NAME });
    expect(imported).toMatchObject({ status: 'imported', agency: 'CA' });
    list = await call(app.h, 'profiles.list', {});
    expect(list[0]).toMatchObject({ lastFile: { name: 'BC_CA_Q1.xlsx', at: '2022-03-16T09:30:00' }, lastUsedAt: '2022-03-16T09:30:00', reports: 1 });

    // The same file again is a duplicate: used, but no new file read.
    app.ctx.now = () => local(2022, 3, 17, 8, 0);
    const [again] = await importOne(app, 'BC_CA_Q1 (1).xlsx', bytes, { profile: POLICE_PROFILE_NAME });
    expect(again?.status).toBe('duplicate');
    list = await call(app.h, 'profiles.list', {});
    expect(list[0]).toMatchObject({ lastFile: { name: 'BC_CA_Q1.xlsx', at: '2022-03-16T09:30:00' }, lastUsedAt: '2022-03-17T08:00:00' });

    const detail = await call(app.h, 'profiles.get', { name: POLICE_PROFILE_NAME });
    expect(detail.definition).toMatchObject({ name: POLICE_PROFILE_NAME, layout: { kind: 'indicator-rows', agency: { mode: 'cell' } } });
    const submission = (await call(app.h, 'submissions.list', { period: '2022-Q1', agency: 'CA' }))[0];
    expect(detail.lastSubmissionId).toBe(submission?.id);
    expect((await refuse(app.h, 'profiles.get', { name: 'Không có' })).code).toBe('NOT_FOUND');
  });
});

describe('rename, duplicate, delete', () => {
  it('renames (audited); reports keep the name they were read under; the renamed profile still reads files', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: policeProfile() });
    await call(app.h, 'profiles.save', { definition: judicialProfile() });
    await importOne(app, 'BC_CA_Q1.xlsx', await buildPoliceWorkbook());

    const taken = await refuse(app.h, 'profiles.rename', { name: POLICE_PROFILE_NAME, newName: JUDICIAL_PROFILE_NAME });
    expect(taken.code).toBe('PROFILE_EXISTS');

    const renamed = await call(app.h, 'profiles.rename', { name: POLICE_PROFILE_NAME, newName: 'Công an tỉnh – mẫu 2022' });
    expect(renamed).toMatchObject({ name: 'Công an tỉnh – mẫu 2022', reports: 1 });
    expect((await call(app.h, 'profiles.get', { name: 'Công an tỉnh – mẫu 2022' })).definition.name).toBe('Công an tỉnh – mẫu 2022');
    expect((await call(app.h, 'profiles.list', {})).map((p) => p.name).sort()).toEqual(['Công an tỉnh – mẫu 2022', JUDICIAL_PROFILE_NAME].sort());
    const [entry] = await call(app.h, 'audit.list', { entity: 'layout_profile', limit: 1 });
    expect(entry).toMatchObject({ action: 'rename', entityKey: 'Công an tỉnh – mẫu 2022', detail: { from: POLICE_PROFILE_NAME, to: 'Công an tỉnh – mẫu 2022' } });

    const [report] = await call(app.h, 'submissions.list', { period: '2022-Q1', agency: 'CA' });
    expect(report).toMatchObject({ source: 'profile', profileName: POLICE_PROFILE_NAME });

    // Next quarter's file is recognised by the renamed profile, and says its new name.
    const [next] = await importOne(app, 'BC_CA_Q1_bosung.xlsx', await buildPoliceWorkbook({ title: 'BÁO CÁO SỐ LIỆU QUÝ I NĂM 2022 (bổ sung)' }));
    expect(next).toMatchObject({ status: 'imported', profile: 'Công an tỉnh – mẫu 2022', revision: 2 });
  });

  it('duplicates under the first free "(bản sao)" name, or the name given', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: fixed('VKS – mẫu riêng', 'VKS') });
    const first = await call(app.h, 'profiles.duplicate', { name: 'VKS – mẫu riêng' });
    const second = await call(app.h, 'profiles.duplicate', { name: 'VKS – mẫu riêng' });
    const named = await call(app.h, 'profiles.duplicate', { name: 'VKS – mẫu riêng', newName: 'Tòa án – mẫu riêng' });
    expect([first.name, second.name, named.name]).toEqual(['VKS – mẫu riêng (bản sao)', 'VKS – mẫu riêng (bản sao 2)', 'Tòa án – mẫu riêng']);
    expect(first).toMatchObject({ agencyCode: 'VKS', lastFile: null });
    expect((await refuse(app.h, 'profiles.duplicate', { name: 'VKS – mẫu riêng', newName: 'Tòa án – mẫu riêng' })).code).toBe('PROFILE_EXISTS');
    expect((await call(app.h, 'profiles.get', { name: 'Tòa án – mẫu riêng' })).definition.layout).toEqual((await call(app.h, 'profiles.get', { name: 'VKS – mẫu riêng' })).definition.layout);
  });

  it('deletes (audited with its definition); the reports read through it keep figures, file and the profile’s name; its id is never given again', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: policeProfile() });
    await importOne(app, 'BC_CA_Q1.xlsx', await buildPoliceWorkbook());
    const before = await call(app.h, 'consolidation.get', { period: '2022-Q1' });
    const [report] = await call(app.h, 'submissions.list', { period: '2022-Q1', agency: 'CA' });
    if (!report) throw new Error('no report');
    const detailBefore = await call(app.h, 'submissions.get', { id: report.id });

    const removed = await call(app.h, 'profiles.remove', { name: POLICE_PROFILE_NAME });
    expect(removed).toEqual({ name: POLICE_PROFILE_NAME, reports: 1 });
    expect(await call(app.h, 'profiles.list', {})).toEqual([]);
    const [entry] = await call(app.h, 'audit.list', { entity: 'layout_profile', limit: 1 });
    expect(entry).toMatchObject({ action: 'remove', entityKey: POLICE_PROFILE_NAME, detail: { reports: 1, definition: { name: POLICE_PROFILE_NAME } } });

    const detailAfter = await call(app.h, 'submissions.get', { id: report.id });
    expect(detailAfter).toEqual(detailBefore);
    expect(detailAfter).toMatchObject({ source: 'profile', profileId: report.profileId, profileName: POLICE_PROFILE_NAME, fileName: 'BC_CA_Q1.xlsx', hasOriginal: true });
    expect(await call(app.h, 'consolidation.get', { period: '2022-Q1' })).toEqual(before);

    // A profile saved next gets a new id: the old report does not seem read through it.
    const again = await call(app.h, 'profiles.save', { definition: policeProfile() });
    expect(again.id).not.toBe(report.profileId);
    expect(again.reports).toBe(0);
    expect((await refuse(app.h, 'profiles.remove', { name: 'Không có' })).code).toBe('NOT_FOUND');
  });
});

describe('export and import as JSON', () => {
  it('exports a profile that another office imports as it was; a taken name asks for replace; a bad file is refused', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: judicialProfile({ description: 'Ba cơ quan tư pháp, mỗi cơ quan một cột' }) });
    const file = await call(app.h, 'profiles.export', { name: JUDICIAL_PROFILE_NAME });
    expect(file.name).toBe(`Mau bo cuc - ${JUDICIAL_PROFILE_NAME}.json`);
    const exported = JSON.parse(new TextDecoder().decode(file.bytes)) as unknown;
    expect(exported).toEqual((await call(app.h, 'profiles.get', { name: JUDICIAL_PROFILE_NAME })).definition);

    const other = await start();
    const imported = await call(other.h, 'profiles.import', { file: { name: file.name, bytes: new Uint8Array(file.bytes) } });
    expect(imported).toMatchObject({ name: JUDICIAL_PROFILE_NAME, description: 'Ba cơ quan tư pháp, mỗi cơ quan một cột', agencyMode: 'columns' });
    expect((await call(other.h, 'profiles.get', { name: JUDICIAL_PROFILE_NAME })).definition).toEqual(exported);
    // It reads the workbook the first office read.
    const outcomes = await importOne(other, 'KNC_Q1.xlsx', await buildJudicialWorkbook());
    expect(outcomes.map((o) => [o.status, o.agency])).toEqual([['imported', 'CA'], ['imported', 'VKS'], ['imported', 'TA']]);

    expect((await refuse(other.h, 'profiles.import', { file: { name: file.name, bytes: new Uint8Array(file.bytes) } })).code).toBe('PROFILE_EXISTS');
    expect((await call(other.h, 'profiles.import', { file: { name: file.name, bytes: new Uint8Array(file.bytes) }, replace: true })).name).toBe(JUDICIAL_PROFILE_NAME);
    const broken = await refuse(other.h, 'profiles.import', { file: { name: 'hong.json', bytes: new TextEncoder().encode('{ "name": "thiếu ngoặc"') } });
    expect(broken).toMatchObject({ code: 'INVALID_PROFILE' });
    expect(broken.message).toContain('hong.json');
    const notProfile = await refuse(other.h, 'profiles.import', { file: { name: 'khac.json', bytes: new TextEncoder().encode('{"name": "Mẫu"}') } });
    expect(notProfile.code).toBe('INVALID_PROFILE');
    expect(notProfile.message).toMatch(VIETNAMESE);
  });
});

describe('multi-agency previews', () => {
  it('names the agency on every change of a workbook holding several agencies', async () => {
    const app = await start();
    await call(app.h, 'profiles.save', { definition: judicialProfile() });
    const outcomes = await importOne(app, 'KNC_Q1.xlsx', await buildJudicialWorkbook(), { dryRun: true });
    expect(outcomes.map((o) => o.status)).toEqual(['checked', 'checked', 'checked']);
    const changes = outcomes.flatMap((o) => o.changes);
    const nv201 = changes.filter((c) => c.field === 'NV2.01');
    expect(nv201.map((c) => [c.agency, c.after])).toEqual([['CA', 118], ['VKS', 95], ['TA', 80]]);
    for (const o of outcomes) for (const c of o.changes) expect(c.agency).toBe(o.agency);
  });

  it('shows the figures of each agency column in the wizard\'s preview, not how many there are', async () => {
    const app = await start();
    const file = { name: 'KNC_Q1.xlsx', bytes: new Uint8Array(await buildJudicialWorkbook()) };
    const preview = await call(app.h, 'profiles.preview', { file, definition: judicialProfile(), period: '2022-Q1' });
    const row = (code: string) => preview.rows.find((r) => r.indicator?.code === code);
    // D, E, F: Công an, Viện Kiểm sát, Tòa án, left to right as in the file.
    expect(row('NV2.01')?.value).toBe('118 · 95 · 80');
    expect(row('NV2.04')?.value).toBe('(trống) · 0 · 310');
    expect(row('NV4.01')?.value).toBe('6 · 4 · 3');
  });
});

describe('the command line', () => {

  it('profile list, show, export, add (refusing a taken name without --replace) and remove', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'tonghop.sqlite');
    expect((await cli('init', '--db', db)).code).toBe(0);
    const json = path.join(dir, 'vks.json');
    fs.writeFileSync(json, JSON.stringify(fixed('VKS – mẫu riêng', 'VKS')));
    expect((await cli('profile', 'add', json, '--db', db)).code).toBe(0);

    const taken = await cli('profile', 'add', json, '--db', db);
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('Đã có mẫu bố cục tên "VKS – mẫu riêng"');
    expect(taken.err).toContain('--replace');
    expect((await cli('profile', 'add', json, '--replace', '--db', db)).code).toBe(0);

    const listed = await cli('profile', 'list', '--db', db);
    expect(listed.out).toContain('Tên mẫu');
    expect(listed.out).toMatch(/VKS – mẫu riêng\s+VKS/u);
    expect(listed.out).toContain('Tệp đọc gần nhất');

    const shown = await cli('profile', 'show', 'VKS – mẫu riêng', '--db', db);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Viện Kiểm sát nhân dân tỉnh');
    expect(shown.out).toContain('"keyColumn"');
    const shownJson = JSON.parse((await cli('profile', 'show', 'VKS – mẫu riêng', '--db', db, '--json')).out) as { name: string; definition: { layout: { agency: { code: string } } } };
    expect(shownJson).toMatchObject({ name: 'VKS – mẫu riêng', definition: { layout: { agency: { code: 'VKS' } } } });

    const out = path.join(dir, 'chia-se', 'vks-export.json');
    const exported = await cli('profile', 'export', 'VKS – mẫu riêng', '--out', out, '--db', db);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(out);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(shownJson.definition);

    const removed = await cli('profile', 'remove', 'VKS – mẫu riêng', '--db', db);
    expect(removed).toMatchObject({ code: 0 });
    expect(removed.out).toContain('Đã xóa mẫu bố cục "VKS – mẫu riêng"');
    expect((await cli('profile', 'remove', 'VKS – mẫu riêng', '--db', db)).code).toBe(1);
    expect((await cli('profile', 'show', '--db', db)).code).toBe(2);
    // The exported file adds it back.
    expect((await cli('profile', 'add', out, '--db', db)).code).toBe(0);
    expect(JSON.parse((await cli('profile', 'list', '--db', db, '--json')).out)).toHaveLength(1);
  });
});

describe('migration 5 on a file from before', () => {
  it('keeps each report’s profile name and fills the last file read from the reports', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const app = await start(dir);
    await call(app.h, 'profiles.save', { definition: policeProfile() });
    await importOne(app, 'BC_CA_Q1.xlsx', await buildPoliceWorkbook());
    await app.close();
    open.splice(0);
    // Back to what a version-4 app wrote: no name on the report, no use on the profile,
    // and none of what the later migrations (plan version, database role) added.
    const raw = new BetterSqlite3(file);
    raw.exec(`ALTER TABLE plan DROP COLUMN version;
      ALTER TABLE submission DROP COLUMN db_role;
      ALTER TABLE correction DROP COLUMN db_role;
      ALTER TABLE check_acceptance DROP COLUMN db_role;
      ALTER TABLE audit_log DROP COLUMN db_role;
      DELETE FROM schema_migration WHERE version > 5;
      DROP INDEX submission_profile;
      ALTER TABLE submission DROP COLUMN profile_name;
      ALTER TABLE layout_profile DROP COLUMN last_file_name;
      ALTER TABLE layout_profile DROP COLUMN last_file_at;
      ALTER TABLE layout_profile DROP COLUMN last_used_at;
      DELETE FROM schema_migration WHERE version = 5;`);
    raw.pragma('user_version = 4');
    raw.close();

    const upgraded = await openDatabase(file);
    try {
      expect(upgraded.sqlite.prepare('SELECT profile_name FROM submission').all()).toEqual([{ profile_name: POLICE_PROFILE_NAME }]);
      expect(upgraded.sqlite.prepare('SELECT last_file_name, last_file_at, last_used_at FROM layout_profile').all()).toEqual([
        { last_file_name: 'BC_CA_Q1.xlsx', last_file_at: '2022-03-16T09:30:00', last_used_at: '2022-03-16T09:30:00' },
      ]);
    } finally {
      await upgraded.close();
    }
  });
});
