// Migrations, opening and refusing database files, on real SQLite files in a temp folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/connection';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../db/migrations/index';
import { AppError } from '../../shared/errors';
import { cleanupTempDirs, tempDir, VIETNAMESE } from '../helpers/app';

afterAll(cleanupTempDirs);

type Row = Record<string, unknown>;

const EXPECTED_TABLES: Record<number, string[]> = {
  1: ['organization', 'agency', 'plan', 'task', 'task_agency', 'indicator', 'indicator_reporter', 'period', 'submission', 'task_report', 'value', 'audit_log'],
  2: ['layout_profile', 'import_log'],
  3: ['setting'],
  4: ['source_file', 'import_log_submission', 'correction', 'check_acceptance'],
};

function tableNames(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

function objectExists(sqlite: BetterSqlite3.Database, type: 'table' | 'index', name: string): boolean {
  return sqlite.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get(type, name) !== undefined;
}

/** What a migration creates, read from its own SQL, so a new migration is checked without editing this test. */
function createdBy(m: Migration): { tables: string[]; indexes: string[]; columns: [string, string][] } {
  const tables: string[] = [];
  const indexes: string[] = [];
  const columns: [string, string][] = [];
  for (const s of m.statements) {
    const c = /^\s*ALTER\s+TABLE\s+"?(\w+)"?\s+ADD\s+(?:COLUMN\s+)?"?(\w+)"?/iu.exec(s);
    if (c?.[1] && c[2]) columns.push([c[1], c[2]]);
    const t = /^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/iu.exec(s);
    if (t?.[1]) tables.push(t[1]);
    const i = /^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/iu.exec(s);
    if (i?.[1]) indexes.push(i[1]);
  }
  return { tables, indexes, columns };
}

/** Representative rows for every table that exists at `version`, written with raw SQL. */
function insertRepresentativeRows(sqlite: BetterSqlite3.Database, version: number): void {
  if (version >= 1) {
    sqlite.exec(`
      INSERT INTO organization (id, name, parent_body, issuing_body, place, heading_style, standing_office_code)
        VALUES (1, 'Ban Chỉ đạo Cải cách tư pháp tỉnh Lạng Sơn', 'TỈNH ỦY LẠNG SƠN', 'BAN CHỈ ĐẠO CẢI CÁCH TƯ PHÁP', 'Lạng Sơn', 'party', 'BNC');
      INSERT INTO agency (id, code, name, group_kind, contact_person, contact_phone, valid_from, valid_to, sort_order, search_key) VALUES
        (1, 'BNC', 'Ban Nội chính Tỉnh ủy', 'standing', 'Nguyễn Văn A', '0205 3870 000', NULL, NULL, 1, 'ban noi chinh tinh uy'),
        (2, 'CA', 'Công an tỉnh', 'judicial', NULL, NULL, NULL, NULL, 2, 'cong an tinh'),
        (3, 'HU-DL', 'Huyện ủy Đình Lập', 'district', NULL, NULL, '2015-01-01', '2025-06-30', 3, 'huyen uy dinh lap');
      INSERT INTO plan (id, year, number, issued_on, title, basis, status)
        VALUES (1, 2022, '08-KH/BCĐ', '2022-02-21', 'Kế hoạch thực hiện nhiệm vụ trọng tâm công tác cải cách tư pháp năm 2022', 'Căn cứ …', 'in_force');
      INSERT INTO task (id, plan_id, parent_id, code, ordinal, ordinal_label, title, content, sort_order, retired_on)
        VALUES (1, 1, NULL, 'NV2', 2, 'Thứ hai', 'Nâng cao năng lực', 'Nội dung đầy đủ', 1, NULL);
      INSERT INTO task_agency (task_id, agency_id, role) VALUES (1, 2, 'lead'), (1, 1, 'coordinate');
      INSERT INTO indicator (id, plan_id, task_id, code, name, unit, kind, aggregation, numerator_id, denominator_id, target, target_direction, sort_order, retired_on) VALUES
        (1, 1, 1, 'NV2.01', 'Số vụ án hình sự đã thụ lý', 'vụ', 'integer', 'sum', NULL, NULL, NULL, NULL, 1, NULL),
        (2, 1, 1, 'NV2.02', 'Số vụ án hình sự đã giải quyết', 'vụ', 'integer', 'sum', NULL, NULL, NULL, NULL, 2, NULL),
        (3, 1, 1, 'NV2.03', 'Tỷ lệ giải quyết án hình sự', '%', 'percent', 'ratio', 2, 1, 90, 'min', 3, NULL);
      INSERT INTO indicator_reporter (indicator_id, agency_id) VALUES (1, 2), (2, 2), (3, 2);
      INSERT INTO period (id, plan_id, code, label, kind, preset, date_from, date_to, due_on, sort_order)
        VALUES (1, 1, '2022-Q1', 'Quý I năm 2022', 'quarter', 'nd09', '2021-12-15', '2022-03-14', '2022-03-18', 30);
      INSERT INTO submission (id, agency_id, period_id, revision, is_current, received_at, is_late, status, return_reason, source_kind, profile_id, file_name, file_sha256, document_number, document_date) VALUES
        (1, 2, 1, 1, 0, '2022-03-16T08:00:00', 0, 'received', NULL, 'manual', NULL, NULL, NULL, '12/BC-CAT', '2022-03-15'),
        (2, 2, 1, 2, 1, '2022-03-19T10:30:00', 1, 'accepted', NULL, 'template', NULL, 'CA-Q1.xlsx', '${'ab'.repeat(32)}', NULL, NULL);
      INSERT INTO task_report (submission_id, task_id, status, results, difficulties, proposals, source_cell)
        VALUES (2, 1, 'in_progress', 'Đã thụ lý 10 vụ', 'Thiếu biên chế', 'Bổ sung cán bộ', 'Báo cáo!C5');
      INSERT INTO value (submission_id, indicator_id, number, text, source_cell) VALUES
        (1, 1, 9, NULL, NULL), (2, 1, 10, NULL, 'Báo cáo!F10'), (2, 2, 9, NULL, 'Báo cáo!F11');
      INSERT INTO audit_log (at, action, entity, entity_key, detail) VALUES ('2022-03-19T10:30:00', 'receive', 'submission', '2022-Q1/CA/2', '{"values":2}');
    `);
  }
  if (version >= 2) {
    sqlite.exec(`
      INSERT INTO layout_profile (id, name, agency_id, definition, created_at, updated_at)
        VALUES (1, 'Mẫu riêng của Công an', 2, '{"sheet":"Báo cáo"}', '2022-03-19T10:00:00', '2022-03-19T10:00:00');
      INSERT INTO import_log (at, file_name, file_sha256, outcome, submission_id, problems)
        VALUES ('2022-03-19T10:30:00', 'CA-Q1.xlsx', '${'ab'.repeat(32)}', 'imported', 2, '[]');
    `);
  }
  if (version >= 3) {
    sqlite.exec(`INSERT INTO setting (key, value) VALUES ('backup.keep', '10'), ('language', '"vi"');`);
  }
  if (version >= 4) {
    sqlite.exec(`
      INSERT INTO source_file (sha256, size, bytes, name, stored_at) VALUES ('${'ab'.repeat(32)}', 3, x'010203', 'CA-Q1.xlsx', '2022-03-19T10:30:00');
      INSERT OR IGNORE INTO import_log_submission (import_log_id, submission_id) VALUES (1, 2);
      INSERT INTO correction (submission_id, field, cell, file_text, number, text, note, at, os_user, clerk)
        VALUES (2, 'indicator:NV2.01', 'Báo cáo!F10', '10 vụ', 10, NULL, 'Theo điện thoại', '2022-03-19T11:00:00', 'vanthu', 'Nguyễn Thị Lan');
      INSERT INTO check_acceptance (submission_id, rule, indicator_code, value, other_value, message, reason, at, os_user, clerk)
        VALUES (2, 'NUMERATOR_ABOVE_DENOMINATOR', 'NV2.03', 12, 10, 'Tử số lớn hơn mẫu số', 'Án tồn năm trước', '2022-03-19T11:00:00', 'vanthu', NULL);
    `);
  }
}

/** Every row of every table (but the migration log), keyed by table. */
function snapshot(sqlite: BetterSqlite3.Database): Map<string, Row[]> {
  const result = new Map<string, Row[]>();
  for (const table of tableNames(sqlite)) {
    if (table === 'schema_migration') continue;
    result.set(table, sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Row[]);
  }
  return result;
}

/** The same rows read back through the columns they had before (a later migration may add columns). */
function readBack(sqlite: BetterSqlite3.Database, before: Map<string, Row[]>): Map<string, Row[]> {
  const result = new Map<string, Row[]>();
  for (const [table, rows] of before) {
    const columns = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
    const wanted = rows[0] ? Object.keys(rows[0]).filter((c) => columns.includes(c)) : columns;
    const list = wanted.length > 0 ? wanted.map((c) => `"${c}"`).join(', ') : '*';
    result.set(table, sqlite.prepare(`SELECT ${list} FROM "${table}" ORDER BY rowid`).all() as Row[]);
  }
  return result;
}

function userVersion(sqlite: BetterSqlite3.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

async function expectRefused(promise: Promise<unknown>, code: string): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected a refusal with ${code}`).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code).toBe(code);
  expect(error.message).toMatch(VIETNAMESE);
  return error;
}

function sidecars(file: string): string[] {
  return ['-wal', '-shm', '-journal'].map((s) => `${file}${s}`).filter((f) => fs.existsSync(f));
}

describe('migrations, one at a time', () => {
  it('the list is consecutive from 1 and the latest version is its length', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.statements.length).toBeGreaterThan(0);
  });

  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) upgrades a v${m.version - 1} file, keeps its rows and backs it up first`, async () => {
      const dir = tempDir();
      const file = path.join(dir, 'tonghop.sqlite');

      // The file as a version N−1 app left it, with representative rows in every table.
      const old = await openDatabase(file, { targetVersion: m.version - 1 });
      expect(userVersion(old.sqlite)).toBe(m.version - 1);
      expect(old.upgradeBackup).toBeNull();
      insertRepresentativeRows(old.sqlite, m.version - 1);
      const before = snapshot(old.sqlite);
      for (const [table, rows] of before) {
        expect(rows.length, `insertRepresentativeRows() must put rows into ${table} (a table of v${m.version - 1})`).toBeGreaterThan(0);
      }
      const tablesBefore = tableNames(old.sqlite);
      await old.close();

      const upgraded = await openDatabase(file, { targetVersion: m.version });
      try {
        const sqlite = upgraded.sqlite;
        expect(userVersion(sqlite)).toBe(m.version);
        const log = sqlite.prepare('SELECT version, name, applied_at FROM schema_migration ORDER BY version').all() as { version: number; name: string; applied_at: string }[];
        expect(log.map((r) => r.version)).toEqual(MIGRATIONS.slice(0, m.version).map((x) => x.version));
        expect(log.map((r) => r.name)).toEqual(MIGRATIONS.slice(0, m.version).map((x) => x.name));
        for (const r of log) expect(r.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/u);

        // The rows survived, column by column.
        expect(readBack(sqlite, before)).toEqual(before);
        for (const t of tablesBefore) expect(objectExists(sqlite, 'table', t)).toBe(true);

        // What this migration creates is there.
        const created = createdBy(m);
        expect(created.tables.length + created.indexes.length + created.columns.length).toBeGreaterThan(0);
        for (const [t, c] of created.columns) {
          const names = (sqlite.pragma(`table_info(${t})`) as { name: string }[]).map((x) => x.name);
          expect(names, `column ${t}.${c}`).toContain(c);
        }
        for (const t of created.tables) expect(objectExists(sqlite, 'table', t), `table ${t}`).toBe(true);
        for (const i of created.indexes) expect(objectExists(sqlite, 'index', i), `index ${i}`).toBe(true);
        for (const t of EXPECTED_TABLES[m.version] ?? []) expect(objectExists(sqlite, 'table', t), `table ${t}`).toBe(true);
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

        // A backup of the file as it was, made before the upgrade (there is none to make of a new, empty file).
        if (m.version === 1) {
          expect(upgraded.upgradeBackup).toBeNull();
        } else {
          const backup = upgraded.upgradeBackup;
          expect(backup).not.toBeNull();
          expect(fs.existsSync(backup ?? '')).toBe(true);
          expect(path.dirname(backup ?? '')).toBe(path.join(dir, 'backups'));
          expect(path.basename(backup ?? '')).toContain(`v${m.version - 1}`);
          const copy = new BetterSqlite3(backup ?? '', { readonly: true, fileMustExist: true });
          try {
            expect(userVersion(copy)).toBe(m.version - 1);
            expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
            expect(snapshot(copy)).toEqual(before);
            for (const t of createdBy(m).tables) expect(objectExists(copy, 'table', t)).toBe(false);
            expect((copy.prepare('SELECT count(*) AS n FROM schema_migration').get() as { n: number }).n).toBe(m.version - 1);
          } finally {
            copy.close();
          }
        }
      } finally {
        await upgraded.close();
      }
    });
  }

  it('migration 4 takes each report\u2019s received day from when it was recorded, links the import log, and makes the audit log append-only', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const old = await openDatabase(file, { targetVersion: 3 });
    insertRepresentativeRows(old.sqlite, 3);
    await old.close();
    const upgraded = await openDatabase(file, { targetVersion: 4 });
    try {
      const rows = upgraded.sqlite.prepare('SELECT id, received_at, received_on, is_late FROM submission ORDER BY id').all();
      expect(rows).toEqual([
        { id: 1, received_at: '2022-03-16T08:00:00', received_on: '2022-03-16', is_late: 0 },
        { id: 2, received_at: '2022-03-19T10:30:00', received_on: '2022-03-19', is_late: 1 },
      ]);
      expect(upgraded.sqlite.prepare('SELECT import_log_id, submission_id FROM import_log_submission').all()).toEqual([{ import_log_id: 1, submission_id: 2 }]);
      expect(() => upgraded.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/u);
      expect(() => upgraded.sqlite.prepare("UPDATE audit_log SET detail = '{}'").run()).toThrow(/append-only/u);
      expect(() => upgraded.sqlite.prepare("INSERT INTO correction (submission_id, field, note, at) VALUES (2, 'indicator:NV2.01', '  ', 'x')").run()).toThrow(/CHECK/u);
    } finally {
      await upgraded.close();
    }
  });

  it('a 0-byte file counts as new: it is migrated to the latest version without a backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(file, '');
    const handle = await openDatabase(file);
    try {
      expect(userVersion(handle.sqlite)).toBe(LATEST_SCHEMA_VERSION);
      expect(handle.upgradeBackup).toBeNull();
      for (const t of Object.values(EXPECTED_TABLES).flat()) expect(objectExists(handle.sqlite, 'table', t)).toBe(true);
      expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    } finally {
      await handle.close();
    }
  });

  it('a file already at the latest version is opened as it is: no backup, no new migration rows', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    await (await openDatabase(file)).close();
    const again = await openDatabase(file);
    try {
      expect(again.upgradeBackup).toBeNull();
      expect(userVersion(again.sqlite)).toBe(LATEST_SCHEMA_VERSION);
      expect((again.sqlite.prepare('SELECT count(*) AS n FROM schema_migration').get() as { n: number }).n).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      await again.close();
    }
  });

  it('puts the pre-upgrade backup where backupDir says', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const backupDir = path.join(dir, 'elsewhere', 'saved');
    await (await openDatabase(file, { targetVersion: 1 })).close();
    const handle = await openDatabase(file, { backupDir });
    try {
      expect(handle.upgradeBackup).not.toBeNull();
      expect(path.dirname(handle.upgradeBackup ?? '')).toBe(backupDir);
    } finally {
      await handle.close();
    }
  });

  it('a migration that fails rolls back as a whole and leaves the file at the version before', async () => {
    const latest = MIGRATIONS[MIGRATIONS.length - 1];
    const firstTable = latest ? createdBy(latest).tables[0] : undefined;
    if (!latest || latest.version < 2 || !firstTable) return;
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const old = await openDatabase(file, { targetVersion: latest.version - 1 });
    // Something in the way of the migration's first CREATE TABLE makes a later statement fail.
    old.sqlite.exec(`CREATE TABLE "${firstTable}" (x INTEGER)`);
    await old.close();

    await expect(openDatabase(file)).rejects.toThrow();

    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(userVersion(raw)).toBe(latest.version - 1);
      const versions = (raw.prepare('SELECT version FROM schema_migration ORDER BY version').all() as { version: number }[]).map((r) => r.version);
      expect(versions).toEqual(MIGRATIONS.slice(0, latest.version - 1).map((x) => x.version));
      for (const t of createdBy(latest).tables.slice(1)) expect(objectExists(raw, 'table', t)).toBe(false);
    } finally {
      raw.close();
    }
    // The backup made before the attempt is there for the clerk.
    expect(fs.readdirSync(path.join(dir, 'backups')).length).toBe(1);
  });
});

describe('refusing files the app must not open', () => {
  it('refuses a database from a newer version (DB_TOO_NEW) and leaves the file exactly as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    // A newer app would have written a WAL-mode file; make one the same way, then claim v99.
    await (await openDatabase(file)).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(sidecars(file)).toEqual([]);
    const bytes = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtimeMs;
    const filesBefore = fs.readdirSync(dir).sort();

    const error = await expectRefused(openDatabase(file), 'DB_TOO_NEW');
    expect(error.message).toContain('v99');
    expect(error.message).toMatch(/phiên bản mới/u);

    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    // No backups folder, no -wal, no -shm: the refused file's folder is as it was.
    expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('refuses a newer rollback-journal database too, and writes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE plan (id INTEGER PRIMARY KEY)');
    raw.pragma('user_version = 99');
    raw.close();
    const bytes = fs.readFileSync(file);
    const mtime = fs.statSync(file).mtimeMs;
    await expectRefused(openDatabase(file), 'DB_TOO_NEW');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir)).toEqual(['tonghop.sqlite']);
  });

  it.each([
    ['random bytes', () => crypto.randomBytes(8192)],
    ['a text file', () => Buffer.from('Báo cáo kết quả thực hiện nhiệm vụ cải cách tư pháp\n'.repeat(100), 'utf8')],
    ['a zip (an .xlsx picked by mistake)', () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), crypto.randomBytes(2000)])],
  ])('refuses %s (DB_NOT_SQLITE) and leaves it untouched', async (_label, make) => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const bytes = make();
    fs.writeFileSync(file, bytes);
    const mtime = fs.statSync(file).mtimeMs;
    await expectRefused(openDatabase(file), 'DB_NOT_SQLITE');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(dir)).toEqual(['tonghop.sqlite']);
  });

  it('refuses a damaged database file (DB_CORRUPT or DB_NOT_SQLITE) and leaves it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const handle = await openDatabase(file);
    handle.sqlite.pragma('journal_mode = DELETE');
    handle.sqlite.exec(`INSERT INTO audit_log (at, action, entity, entity_key, detail) VALUES ${Array.from({ length: 400 }, (_, i) => `('2022-01-01T00:00:00', 'x', 'y', '${i}', '${'z'.repeat(100)}')`).join(', ')}`);
    await handle.close();
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over every page but the first: the header still says SQLite, the b-trees are garbage.
    for (let offset = pageSize; offset < bytes.length; offset += 7) bytes[offset] = 0xa5;
    fs.writeFileSync(file, bytes);
    let caught: unknown;
    try {
      await openDatabase(file);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(['DB_CORRUPT', 'DB_NOT_SQLITE']).toContain((caught as AppError).code);
    expect((caught as AppError).message).toMatch(VIETNAMESE);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('the connection', () => {
  async function expectPragmas(handle: DbHandle): Promise<void> {
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true }) as number).toBeGreaterThan(0);
  }

  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout, on a new file and on an existing one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const first = await openDatabase(file);
    await expectPragmas(first);
    await first.close();
    const second = await openDatabase(file);
    try {
      await expectPragmas(second);
      // foreign_keys=ON is enforced, not just reported.
      expect(() => second.sqlite.prepare("INSERT INTO task (plan_id, code, ordinal, title, content, sort_order) VALUES (999, 'X', 1, 't', 'c', 1)").run()).toThrow(/FOREIGN KEY/u);
    } finally {
      await second.close();
    }
  });

  it('creates the folder of a new file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'data', 'nested', 'tonghop.sqlite');
    const handle = await openDatabase(file);
    await handle.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('close() closes the SQLite handle, even when no query went through Kysely', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tonghop.sqlite');
    const handle = await openDatabase(file);
    await handle.close();
    expect(handle.sqlite.open).toBe(false);
    // The last connection closed, so SQLite checkpointed and removed the WAL.
    expect(sidecars(file)).toEqual([]);
  });
});
