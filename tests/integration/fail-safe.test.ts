// A batch never aborts and never says "nothing changed" when something did; text is
// held to Excel's own limits before it can cost the main process: on real SQLite files
// and real .xlsx bytes, through the Api and the CLI.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgsOf, ImportOutcome } from '../../shared/api';
import { decodeLegacyText } from '../../shared/legacy-text';
import { runCli } from '../../electron/cli/run';
import { importFiles, MAX_REPORT_NARRATIVE } from '../../electron/app/intake';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { MAX_CELL_TEXT, MAX_MODEL_TEXT } from '../../electron/excel/workbook-reader';
import { fillForm, type FillValue } from '../fixtures/fill-form';
import { buildJudicialWorkbook } from '../fixtures/foreign-workbooks';
import { cellOfField, metaEntries, rewriteZip, sheetPartOf, zipEntries } from '../helpers/workbooks';
import { call, cleanupTempDirs, openTestApp, refuse, tableCounts, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

type Upload = ArgsOf<'intake.import'>['files'][number];

let app: TestApp;
let pool: ParsePool;
beforeAll(async () => {
  app = await openTestApp({ osUser: 'vanthu' });
  pool = createParsePool(2);
});
afterAll(async () => {
  await pool.close();
  await app.close();
});

async function form(agency: string, fields: Record<string, FillValue>, name: string): Promise<Upload> {
  const [blank] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: [agency] });
  if (!blank) throw new Error('no form');
  const { bytes } = await fillForm(blank.bytes, (e) => (Object.hasOwn(fields, e.field) ? (fields[e.field] ?? null) : null));
  return { name, bytes: bytes as Uint8Array<ArrayBuffer> };
}

async function ref(agency: string, field: string): Promise<string> {
  const [blank] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: [agency] });
  return cellOfField((await metaEntries(blank?.bytes ?? new Uint8Array())).entries, field).ref;
}

/** A word of `length` random letters out of four: it compresses only about four times, as text typed by no one would. */
function randomWord(length: number): string {
  const random = crypto.randomBytes(Math.ceil(length / 4));
  const letters = Buffer.alloc(length);
  for (let i = 0; i < length; i++) letters[i] = 97 + (((random[i >> 2] ?? 0) >> ((i & 3) * 2)) & 3);
  return letters.toString('latin1');
}

/** The same form with shared strings replaced after writing: what a tool other than Excel can save. */
async function withSharedStrings(file: Upload, replace: Record<string, string>, name: string): Promise<Upload> {
  const bytes = await rewriteZip(file.bytes, {
    parts: {
      'xl/sharedStrings.xml': (xml) => {
        let out = xml;
        for (const [from, to] of Object.entries(replace)) {
          if (!out.includes(from)) throw new Error(`no shared string ${from}`);
          out = out.replace(from, to);
        }
        return out;
      },
    },
    level: 1,
  });
  return { name, bytes: new Uint8Array(bytes) };
}

function submissionsOf(agency: string): number {
  return (app.ctx.handle.sqlite.prepare('SELECT count(*) AS n FROM submission s JOIN agency a ON a.id = s.agency_id WHERE a.code = ?').get(agency) as { n: number }).n;
}

async function cliImport(files: Upload[], ...flags: string[]): Promise<{ code: number; outcomes: ImportOutcome[]; out: string }> {
  const dir = tempDir();
  const paths = files.map((f) => {
    const target = path.join(dir, f.name);
    fs.writeFileSync(target, f.bytes);
    return target;
  });
  let out = '';
  const code = await runCli(['import', ...paths, '--period', '2022-Q1', '--db', app.file, '--json', ...flags], { out: (t) => (out += t), err: () => undefined }, {});
  return { code, out, outcomes: JSON.parse(out) as ImportOutcome[] };
}

describe('a batch never aborts', () => {
  it('a file whose commit fails is reported failed; the files before and after it land and are reported so (Api and CLI)', async () => {
    const ta = await form('TA', { 'indicator:NV2.01': 12, 'indicator:NV2.02': 10 }, 'TA.xlsx');
    const vks = await form('VKS', { 'indicator:NV2.01': 20, 'indicator:NV2.02': 15 }, 'VKS_hong.xlsx');
    const ca = await form('CA', { 'indicator:NV2.01': 30, 'indicator:NV2.02': 25 }, 'CA.xlsx');
    // A fault in the middle of the batch: the database refuses this one file's report.
    app.ctx.handle.sqlite.exec("CREATE TRIGGER poison BEFORE INSERT ON submission WHEN NEW.file_name = 'VKS_hong.xlsx' BEGIN SELECT RAISE(ABORT, 'ổ đĩa lỗi'); END");
    try {
      const outcomes = await call(app.h, 'intake.import', { files: [ta, vks, ca], period: '2022-Q1' });
      expect(outcomes.map((o) => [o.file, o.status, o.ok])).toEqual([
        ['TA.xlsx', 'imported', true],
        ['VKS_hong.xlsx', 'failed', false],
        ['CA.xlsx', 'imported', true],
      ]);
      expect(outcomes[1]?.message).toContain('tệp chưa được nhận, các tệp khác không bị ảnh hưởng');
      expect(outcomes[1]?.problems[0]).toMatchObject({ code: 'FILE_FAILED', severity: 'error' });
      expect([submissionsOf('TA'), submissionsOf('VKS'), submissionsOf('CA')]).toEqual([1, 0, 1]);
      const log = app.ctx.handle.sqlite.prepare("SELECT file_name AS file, outcome FROM import_log WHERE file_name = 'VKS_hong.xlsx'").all();
      expect(log).toEqual([{ file: 'VKS_hong.xlsx', outcome: 'rejected' }]);

      // The CLI: exit 1 (a file was not stored), and one JSON document saying which were.
      const run = await cliImport([{ ...ta, name: 'TA_lan2.xlsx', bytes: (await form('TA', { 'indicator:NV2.01': 13, 'indicator:NV2.02': 10 }, 'x')).bytes }, vks]);
      expect(run.code).toBe(1);
      expect(run.outcomes.map((o) => [o.file, o.status])).toEqual([
        ['TA_lan2.xlsx', 'imported'],
        ['VKS_hong.xlsx', 'failed'],
      ]);
    } finally {
      app.ctx.handle.sqlite.exec('DROP TRIGGER poison');
    }
  });
});

describe('no file lands without the backup asked for', () => {
  it('a backup that cannot be written refuses the file in words, changes nothing, and the next import backs up and lands', async () => {
    const own = await openTestApp({ osUser: 'vanthu' }, tempDir());
    try {
      const [blank] = await call(own.h, 'forms.generate', { period: '2022-Q1', agencies: ['TA'] });
      const { bytes } = await fillForm(blank!.bytes, (e) => (e.field === 'indicator:NV2.01' ? 12 : e.field === 'indicator:NV2.02' ? 10 : null));
      const file = { name: 'TA.xlsx', bytes: bytes as Uint8Array<ArrayBuffer> };
      // The backup folder's place is taken by a file: no backup can be written there.
      fs.rmSync(own.ctx.backupDir, { recursive: true, force: true });
      fs.writeFileSync(own.ctx.backupDir, 'không phải thư mục');
      const before = tableCounts(own.ctx.handle.sqlite);
      const [blankVks] = await call(own.h, 'forms.generate', { period: '2022-Q1', agencies: ['VKS'] });
      const vks = { name: 'VKS.xlsx', bytes: (await fillForm(blankVks!.bytes, (e) => (e.field === 'indicator:NV2.01' ? 20 : null))).bytes as Uint8Array<ArrayBuffer> };
      const outcomes = await call(own.h, 'intake.import', { files: [file, vks], period: '2022-Q1' });
      // Neither file lands: the second does not slip in after the first one's backup failed.
      expect(outcomes.map((x) => [x.file, x.status])).toEqual([
        ['TA.xlsx', 'failed'],
        ['VKS.xlsx', 'failed'],
      ]);
      const [o] = outcomes;
      expect(o).toMatchObject({ ok: false, status: 'failed' });
      expect(o?.problems[0]).toMatchObject({ code: 'BACKUP_FAILED', severity: 'error' });
      expect(o?.message).toContain('Không tạo được bản sao lưu trước khi nhập');
      expect(o?.message).toContain('dữ liệu không thay đổi');
      expect({ ...tableCounts(own.ctx.handle.sqlite), import_log: 0 }).toEqual({ ...before, import_log: 0 });
      fs.rmSync(own.ctx.backupDir, { force: true });
      const [again] = await call(own.h, 'intake.import', { files: [file], period: '2022-Q1' });
      expect(again?.status).toBe('imported');
      expect(fs.readdirSync(own.ctx.backupDir).filter((n) => n.startsWith('tonghop-truoc-nhap-'))).toHaveLength(1);
    } finally {
      await own.close();
    }
  });

  it('a stored profile row that is not JSON (edited by hand) is passed over: profiles list and imports go on', async () => {
    const own = await openTestApp({}, tempDir());
    try {
      own.ctx.handle.sqlite.prepare("INSERT INTO layout_profile (name, definition, created_at, updated_at) VALUES ('Sửa tay', '{không phải JSON', '2022-01-01', '2022-01-01')").run();
      expect((await call(own.h, 'profiles.list', {})).map((p) => [p.name, p.description])).toEqual([['Sửa tay', null]]);
      // A workbook of an agency's own layout is held to every stored profile: said not recognised, not failed.
      const [o] = await call(own.h, 'intake.import', { files: [{ name: 'KhoiNoiChinh.xlsx', bytes: (await buildJudicialWorkbook()) as Uint8Array<ArrayBuffer> }], period: '2022-Q1' });
      expect(o).toMatchObject({ status: 'rejected' });
      expect(o?.problems.map((p) => p.code)).toEqual(['NOT_RECOGNISED']);
    } finally {
      await own.close();
    }
  });

  it('a layout profile that does not exist refuses the batch before any file is read', async () => {
    const file = await form('TA', { 'indicator:NV2.01': 12, 'indicator:NV2.02': 10 }, 'TA.xlsx');
    const before = tableCounts(app.ctx.handle.sqlite);
    const e = await refuse(app.h, 'intake.import', { files: [file], period: '2022-Q1', profile: 'Không có mẫu này' });
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toMatch(VIETNAMESE);
    expect(tableCounts(app.ctx.handle.sqlite)).toEqual(before);
  });
});

describe('text is held to Excel\u2019s limits, at its cell', () => {
  it('refuses a 50-million-character narrative at its cell, and the good files of the batch land', async () => {
    const at = await ref('TA', 'task:NV2:results');
    const poison = await withSharedStrings(await form('TA', { 'indicator:NV2.01': 9, 'indicator:NV2.02': 5, 'task:NV2:results': 'CHỖ-THAY-THẾ' }, 'x'), { 'CHỖ-THAY-THẾ': randomWord(50_000_000) }, 'TA_50MB.xlsx');
    const good = await form('STP', { 'indicator:NV3.02': 14 }, 'STP.xlsx');
    const outcomes = await importFiles(app.ctx, [good, poison, { ...good, name: 'STP_lan2.xlsx', bytes: (await form('STP', { 'indicator:NV3.02': 15 }, 'y')).bytes }], { period: '2022-Q1' }, pool);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'rejected', 'imported']);
    const p = outcomes[1]?.problems.find((x) => x.code === 'TEXT_TOO_LONG');
    expect(p).toMatchObject({ severity: 'error', cell: at });
    expect(p?.message).toContain(`ô có 50.000.000 ký tự, quá giới hạn ${MAX_CELL_TEXT.toLocaleString('vi-VN')} ký tự của một ô Excel`);
  }, 120_000);

  it('refuses 4-million-character narratives at the first, and narratives over the report\u2019s total at the cell where they pass it', async () => {
    const tasks = ['NV2', 'NV3', 'NV4', 'NV6', 'NV7', 'NV1'];
    const parts = ['results', 'difficulties', 'proposals'];
    const fields: Record<string, FillValue> = { 'indicator:NV2.01': 9, 'indicator:NV2.02': 5 };
    for (const t of tasks) for (const part of parts) fields[`task:${t}:${part}`] = `CHỖ-${t}-${part}`;
    const base = await form('TA', fields, 'x');
    const huge: Record<string, string> = {};
    for (const t of tasks) for (const part of parts) huge[`CHỖ-${t}-${part}`] = randomWord(4_000_000);
    const [big] = await importFiles(app.ctx, [await withSharedStrings(base, huge, 'TA_18x4MB.xlsx')], { period: '2022-Q1' }, pool);
    expect(big?.problems.map((p) => p.code)).toEqual(['TEXT_TOO_LONG']);

    // Each cell within Excel's limit, together more than a report may carry.
    const long: Record<string, string> = {};
    for (const t of tasks) for (const part of parts) long[`CHỖ-${t}-${part}`] = `${t} ${part} ` + 'Đã triển khai thực hiện. '.repeat(800);
    const [over] = await importFiles(app.ctx, [await withSharedStrings(base, long, 'TA_dai.xlsx')], { period: '2022-Q1' }, pool);
    const p = over?.problems.find((x) => x.code === 'NARRATIVE_TOO_LONG');
    expect(over?.status).toBe('rejected');
    expect(p?.message).toContain(`báo cáo của Tòa án nhân dân tỉnh dài quá ${MAX_REPORT_NARRATIVE.toLocaleString('vi-VN')} ký tự`);
    expect(p?.cell).toMatch(/^Báo cáo!/u);
  }, 120_000);

  it('a shared string used by a thousand cells is refused in the worker, and the main process stays small', async () => {
    const [blank] = await call(app.h, 'forms.generate', { period: '2022-Q1', agencies: ['CA'] });
    const base = await fillForm(blank?.bytes ?? new Uint8Array(), (e) => (e.field === 'indicator:NV2.01' ? 3 : null));
    const sheet = await sheetPartOf(base.bytes, 'Báo cáo');
    const strings = (await zipEntries(base.bytes)).find((e) => e.name === 'xl/sharedStrings.xml')?.data.toString('utf8') ?? '';
    const index = (strings.match(/<si>/gu) ?? []).length;
    // 1,000 cells in a spare column, all the same new shared string, appended after the form's own.
    const cells = Array.from({ length: 1000 }, (_, i) => `<row r="${2000 + i}"><c r="Z${2000 + i}" t="s"><v>${index}</v></c></row>`).join('');
    const amplify = async (text: string, name: string): Promise<Upload> => {
      const bytes = await rewriteZip(base.bytes, {
        parts: {
          [sheet]: (xml) => xml.replace('</sheetData>', `${cells}</sheetData>`),
          'xl/sharedStrings.xml': (xml) => xml.replace('</sst>', `<si><t>${text}</t></si></sst>`),
        },
      });
      return { name, bytes: new Uint8Array(bytes) };
    };
    const before = process.memoryUsage().rss;
    const [mega] = await importFiles(app.ctx, [await amplify(randomWord(1_000_000), 'khuech-dai-1MB.xlsx')], { period: '2022-Q1' }, pool);
    expect(mega?.status).toBe('rejected');
    expect(mega?.problems[0]?.code).toBe('TEXT_TOO_LONG');
    const [many] = await importFiles(app.ctx, [await amplify(randomWord(30_000), 'khuech-dai-30k.xlsx')], { period: '2022-Q1' }, pool);
    expect(many?.problems[0]?.code).toBe('WORKBOOK_TEXT_TOO_LARGE');
    expect(many?.problems[0]?.message).toContain(`hơn ${MAX_MODEL_TEXT.toLocaleString('vi-VN')} ký tự`);
    const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
    // Unbounded, the 1 MB string alone crossed as 1,000 copies (about 2 GB); bounded, the model never exceeds MAX_MODEL_TEXT.
    expect(grown, `RSS grew ${grown.toFixed(0)} MB`).toBeLessThan(400);
  }, 120_000);
});

describe('legacy text detection is linear and cannot throw', () => {
  it('takes a 50-million-letter word and a 32,767-character VNI text without a fault', () => {
    // In a process of its own with Node's default stack, as the app's main process has:
    // there a regular expression over the whole word ran out of stack (RangeError).
    const script = `import { decodeLegacyText } from './shared/legacy-text.ts';
      // Held as two-byte text, as a string from a workbook with Vietnamese letters in it is.
      const word = ('ư' + Buffer.alloc(50_000_000, 'abcd').toString('latin1')).slice(1);
      const r = decodeLegacyText(word);
      process.stdout.write(r === null ? 'null' : r.encoding);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 });
    expect(child.stderr).not.toContain('RangeError');
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toBe('null');
    expect(() => decodeLegacyText(randomWord(1_000_000))).not.toThrow();
    const vni = 'Coâng taùc caûi caùch tö phaùp '.repeat(1050).slice(0, MAX_CELL_TEXT);
    const decoded = decodeLegacyText(vni);
    expect(decoded?.encoding).toBe('vni');
    expect(decoded?.text.startsWith('Công tác cải cách tư pháp')).toBe(true);
  });
});
