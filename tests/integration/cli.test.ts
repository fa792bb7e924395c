// Every CLI command in both output modes, with its exit codes, on real SQLite files.
// Most run in-process through runCli (what cli.ts calls); a few spawn the real entry
// point to prove stdout carries one JSON document and the exit code reaches the shell.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { runCli } from '../../electron/cli/run';
import { cli, type Run } from '../helpers/cli';
import { cleanupTempDirs, tempDir, VIETNAMESE } from '../helpers/app';

function json<T = Record<string, unknown>>(run: Run): T {
  return JSON.parse(run.out) as T;
}

let dir: string;
let db: string;

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'cli.sqlite');
  const init = await cli('init', '--demo', '--db', db);
  expect(init.code).toBe(0);
});

afterAll(() => cleanupTempDirs());

describe('init', () => {
  it('creates and seeds a new database, in Vietnamese', async () => {
    const file = path.join(tempDir(), 'moi.sqlite');
    const run = await cli('init', '--db', file);
    expect(run.code).toBe(0);
    expect(run.out).toContain('Đã tạo cơ sở dữ liệu mới');
    expect(run.out).toContain('Kế hoạch số 08-KH/BCĐ năm 2022: 8 nhiệm vụ, 35 chỉ tiêu, 21 đơn vị, 4 kỳ báo cáo.');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('is idempotent and reports JSON', async () => {
    const run = await cli('init', '--demo', '--db', db, '--json');
    expect(run.code).toBe(0);
    const doc = json<{ created: boolean; tasks: number; indicators: number; demo: { skipped: boolean } }>(run);
    expect(doc).toMatchObject({ created: false, tasks: 8, indicators: 35, demo: { skipped: true } });
  });

  it('uses TONGHOP_DB when --db is absent', async () => {
    const file = path.join(tempDir(), 'env.sqlite');
    const code = await runCli(['init', '--json'], { out: () => undefined, err: () => undefined }, { TONGHOP_DB: file });
    expect(code).toBe(0);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('plan', () => {
  it('gives the tasks with their full text, agencies and indicators as JSON', async () => {
    const run = await cli('plan', '--db', db, '--json');
    expect(run.code).toBe(0);
    const doc = json<{ plan: { number: string; year: number }; tasks: { code: string; title: string; content: string; lead: string[]; coordinate: string[]; indicators: { code: string; name: string; unit: string; kind: string; aggregation: string }[] }[] }>(run);
    expect(doc.plan).toMatchObject({ number: '08-KH/BCĐ', year: 2022 });
    expect(doc.tasks.map((t) => t.code)).toEqual(['NV1', 'NV2', 'NV3', 'NV4', 'NV5', 'NV6', 'NV7', 'NV8']);
    const nv2 = doc.tasks[1];
    expect(nv2?.lead).toEqual(['CA', 'VKS', 'TA']);
    expect(nv2?.content).toMatch(/^nâng cao năng lực, trách nhiệm và phát huy hiệu quả hoạt động của các cơ quan tư pháp/u);
    expect(nv2?.indicators.find((i) => i.code === 'NV2.03')).toEqual({ code: 'NV2.03', name: 'Tỷ lệ giải quyết án hình sự', unit: '%', kind: 'percent', aggregation: 'ratio' });
  });

  it('prints the plan in Vietnamese for a person, with every task text whole', async () => {
    const run = await cli('plan', '--db', db);
    expect(run.code).toBe(0);
    expect(run.out).toContain('KẾ HOẠCH SỐ 08-KH/BCĐ (năm 2022)');
    expect(run.out).toContain('Thứ tám (NV8)');
    expect(run.out).toContain('Chủ trì: Công an tỉnh; Viện Kiểm sát nhân dân tỉnh; Tòa án nhân dân tỉnh');
    // The last words of the first task's text survive the wrapping.
    expect(run.out.replace(/\s+/gu, ' ')).toContain('bảo đảm thiết thực, hiệu quả.');
  });

  it('rejects a year without a plan (exit 1) and a year that is not one (exit 2)', async () => {
    const missing = await cli('plan', '--year', '2019', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Chưa có kế hoạch năm 2019');
    const bad = await cli('plan', '--year', 'hai nghìn', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(VIETNAMESE);
  });
});

describe('agencies and periods', () => {
  it('lists agencies, and finds them without diacritics', async () => {
    const all = json<{ code: string }[]>(await cli('agencies', '--db', db, '--json'));
    expect(all).toHaveLength(21);
    const found = await cli('agencies', '--search', 'toa an', '--db', db);
    expect(found.code).toBe(0);
    expect(found.out).toContain('Tòa án nhân dân tỉnh');
    expect(found.out).not.toContain('Công an tỉnh');
    const none = await cli('agencies', '--search', 'khong co', '--db', db);
    expect(none.out).toContain('Không có đơn vị nào khớp.');
  });

  it('lists periods with ISO dates in JSON and dd/mm/yyyy for people', async () => {
    const doc = json<{ code: string; label: string; from: string; to: string; due: string }[]>(await cli('periods', '--year', '2022', '--db', db, '--json'));
    expect(doc[0]).toEqual({ code: '2022-Q1', label: 'Quý I năm 2022', from: '2021-12-15', to: '2022-03-14', due: '2022-03-18' });
    expect(doc.map((p) => p.code)).toEqual(['2022-Q1', '2022-H1', '2022-9M', '2022-Y']);
    const human = await cli('periods', '--db', db);
    expect(human.out).toMatch(/2022-Q1\s+Quý I năm 2022\s+15\/12\/2021\s+14\/03\/2022\s+18\/03\/2022/u);
  });
});

describe('status and consolidate', () => {
  it('status gives expected, received, late and missing codes', async () => {
    const doc = json<{ period: string; expected: string[]; received: string[]; late: string[]; missing: string[]; returned: string[] }>(
      await cli('status', '--period', '2022-Q1', '--db', db, '--json'),
    );
    expect(doc.period).toBe('2022-Q1');
    expect(doc.expected).toHaveLength(21);
    expect(doc.missing.sort()).toEqual(['HU-BS', 'HU-DL']);
    expect(doc.late.sort()).toEqual(['HU-VQ', 'MTTQ', 'TA']);
    expect(doc.returned).toEqual(['HU-CL']);
    expect(doc.received).toHaveLength(21 - 2 - 1);
    const human = await cli('status', '--period', '2022-Q1', '--db', db);
    expect(human.out).toContain('đã nhận 18/21 báo cáo — đúng hạn 15, nộp muộn 3, trả lại 1, chưa nộp 2; 18 báo cáo đủ, 0 báo cáo chưa đủ.');
    expect(human.out).toMatch(/HU-DL\s+Huyện ủy Đình Lập\s+Chưa nộp/u);
  });

  it('consolidate totals equal the sum of the agencies, ratios are Σ/Σ', async () => {
    const doc = json<{
      period: string;
      indicators: { code: string; value: number | null; reported: number; expected: number; byAgency: Record<string, number | null>; notCounted: { agency: string; value: number | null; reason: string }[] }[];
      tasks: { code: string; statusCounts: { completed: number; inProgress: number; notStarted: number; notApplicable: number } }[];
    }>(await cli('consolidate', '--period', '2022-Q1', '--db', db, '--json'));
    expect(doc.indicators).toHaveLength(35);
    for (const i of doc.indicators.filter((x) => !['NV2.03', 'NV5.04'].includes(x.code))) {
      const sum = Object.values(i.byAgency).reduce<number>((acc, v) => acc + (v ?? 0), 0);
      expect(i.value ?? 0).toBeCloseTo(sum, 6);
    }
    const byCode = new Map(doc.indicators.map((i) => [i.code, i]));
    const solved = byCode.get('NV2.02')?.value ?? NaN;
    const received = byCode.get('NV2.01')?.value ?? NaN;
    expect(byCode.get('NV2.03')?.value).toBeCloseTo((solved / received) * 100, 9);
    expect(Object.keys(doc.tasks[0]?.statusCounts ?? {})).toEqual(['completed', 'inProgress', 'notStarted', 'notApplicable']);
    // The returned report (HU-CL) is not counted: it is being corrected. Its figure is listed as not counted.
    expect(byCode.get('NV8.03')?.byAgency['HU-CL']).toBeUndefined();
    expect(byCode.get('NV8.03')?.notCounted).toEqual([{ agency: 'HU-CL', value: expect.any(Number), reason: 'returned' }]);
    // Coverage: 16 agencies owe NV8.03; HU-BS and HU-DL have not reported, HU-CL's report was returned.
    expect(byCode.get('NV8.03')).toMatchObject({ reported: 13, expected: 16 });
    expect(Object.keys(byCode.get('NV8.03')?.byAgency ?? {})).toHaveLength(13);
  });

  it('consolidate prints a Vietnamese table with the derived quarter for a cumulative period', async () => {
    const run = await cli('consolidate', '--period', '2022-H1', '--db', db);
    expect(run.code).toBe(0);
    expect(run.out).toContain('TỔNG HỢP 6 THÁNG ĐẦU NĂM 2022');
    expect(run.out).toContain('Số liệu riêng Quý II năm 2022 (suy ra: số lũy kế 6 tháng đầu năm 2022 trừ Quý I năm 2022');
    expect(run.out).toMatch(/NV2\.03\s+Tỷ lệ giải quyết án hình sự\s+%\s+\d+,\d%/u);
  });

  it('an unknown period is rejected with exit 1; a malformed one too; a missing --period is a usage error', async () => {
    const unknown = await cli('status', '--period', '2030-Q1', '--db', db, '--json');
    expect(unknown.code).toBe(1);
    expect(json<{ ok: boolean; error: { code: string; message: string } }>(unknown).error.message).toContain('Chưa có kỳ báo cáo "2030-Q1"');
    const malformed = await cli('consolidate', '--period', 'quy1', '--db', db);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toContain('2022-Q1');
    const missing = await cli('consolidate', '--db', db);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cần --period');
  });
});

describe('backup and restore', () => {
  it('backs up and restores through the command line', async () => {
    const out = path.join(tempDir(), 'saoluu.sqlite');
    const backup = await cli('backup', '--out', out, '--db', db, '--json');
    expect(backup.code).toBe(0);
    expect(json<{ file: string }>(backup).file).toBe(out);
    const human = await cli('restore', out, '--db', db);
    expect(human.code).toBe(0);
    expect(human.out).toContain('Đã khôi phục từ');
    const status = json<{ received: string[] }>(await cli('status', '--period', '2022-Q1', '--db', db, '--json'));
    expect(status.received).toHaveLength(18);
  });

  it('refuses to restore a file that is not a backup (exit 1) and keeps the data', async () => {
    const junk = path.join(tempDir(), 'rac.sqlite');
    fs.writeFileSync(junk, 'không phải cơ sở dữ liệu');
    const run = await cli('restore', junk, '--db', db, '--json');
    expect(run.code).toBe(1);
    expect(json<{ error: { code: string } }>(run).error.code).toBe('RESTORE_REFUSED');
    const check = new BetterSqlite3(db, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM submission').get()).toEqual({ n: 39 });
    check.close();
  });

  it('usage errors: no file to restore, no --out', async () => {
    expect((await cli('restore', '--db', db)).code).toBe(2);
    expect((await cli('backup', '--db', db)).code).toBe(2);
  });
});

describe('usage', () => {
  it('an unknown command or option is a usage error with a Vietnamese message', async () => {
    const unknown = await cli('xoa-het', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Không có lệnh "xoa-het"');
    const option = await cli('agencies', '--bogus', '--db', db);
    expect(option.code).toBe(2);
    expect(option.err).toContain('Tùy chọn không hợp lệ');
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.out).toContain('Cách dùng');
    expect((await cli('--help')).code).toBe(0);
  });

  it('a database from a newer version is refused (exit 1)', async () => {
    const file = path.join(tempDir(), 'moi-hon.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 99');
    raw.close();
    const run = await cli('agencies', '--db', file);
    expect(run.code).toBe(1);
    expect(run.err).toContain('phiên bản mới hơn');
  });
});

describe('the real entry point', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const spawn = (...args: string[]) => spawnSync(tsx, ['electron/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, TONGHOP_DB: '' } });

  it('--json puts exactly one JSON document on stdout', () => {
    const run = spawn('periods', '--db', db, '--json');
    expect(run.status).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('exit codes reach the shell: 1 rejected, 2 usage', () => {
    expect(spawn('status', '--period', '2030-Q1', '--db', db).status).toBe(1);
    const usage = spawn('status', '--db', db, '--json');
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });
});
