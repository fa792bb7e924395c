// Every bad input a clerk can drop on the app, through the whole import (importFiles,
// and the CLI `import` command for a handful), on a real SQLite file and on a real
// PostgreSQL server where the tests have one (tests/helpers/pg.ts), with real .xlsx
// bytes: each is refused with its stable code, its `Sheet!A1` place when it has one and
// a Vietnamese message, and leaves the reports exactly as they were. Then the inputs that
// look odd but are fine (moved rows, NFD and TCVN3 text, "1.234,5", "__proto__"), and
// what a batch does with duplicates, revisions, lock files and a bad file among good ones.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ImportOutcome } from '../../shared/api';
import type { Problem } from '../../shared/problems';
import { convertTcvn3 } from '../../shared/legacy-text';
import { generateForms } from '../../electron/app/forms';
import { importFiles, type ImportOptions } from '../../electron/app/intake';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { MAX_ZIP_ENTRIES } from '../../electron/excel/zip-scan';
import { MAX_MERGES_PER_SHEET } from '../../electron/excel/workbook-reader';
import { runCli } from '../../electron/cli/run';
import { fillForm, type FillValue, type MetaEntry } from '../fixtures/fill-form';
import { deflatedZeros } from '../fixtures/zip-writer';
import { call, cleanupTempDirs, local, rowCount, storeTableCounts, VIETNAMESE, type TestApp } from '../helpers/app';
import { describeEachBackend } from '../helpers/pg';
import { cellOfField, compoundFile, editWorkbook, metaEntries, randomBytesSeeded, rewriteZip, saveWorkbook, sheetPartOf, splitRef } from '../helpers/workbooks';
import ExcelJS from 'exceljs';

const PERIOD = '2022-Q1';
const SHEET = 'Báo cáo';

let app: TestApp;
let pool: ParsePool;
let dir: string;
/** Blank forms as generated. */
const blank = new Map<string, Uint8Array>();
/** `_meta` entries of each blank form (agency → entries). */
const entriesOf = new Map<string, MetaEntry[]>();
/** A CA form filled with `known` values: the base every bad input starts from. */
let caFilled: Uint8Array;

/** Values a clerk would type: whole numbers for counts (denominators above numerators), a decimal, a status, a sentence. */
function known(entry: MetaEntry): FillValue {
  const code = entry.field.split(':')[1] ?? '';
  if (entry.field === 'indicator:NV2.10') return 87.5;
  switch (entry.kind) {
    case 'integer':
      // NV2.01 → 799, NV2.02 → 798: every numerator stays below its denominator.
      return 1000 - Number(code.replace(/\D/gu, ''));
    case 'decimal':
      return 12.5;
    case 'status':
      return 'Đang thực hiện';
    default:
      return entry.field.endsWith(':results') ? `Đã triển khai nhiệm vụ ${code} theo kế hoạch.` : null;
  }
}

async function filled(agency: string, overrides: Record<string, FillValue> = {}, period = PERIOD): Promise<{ bytes: Uint8Array; written: Map<string, FillValue> }> {
  const form = period === PERIOD ? blank.get(agency) : (await generateForms(app.ctx, { period, agencies: [agency] }))[0]?.bytes;
  if (!form) throw new Error(`no form for ${agency} ${period}`);
  return fillForm(form, (entry) => (Object.hasOwn(overrides, entry.field) ? (overrides[entry.field] ?? null) : known(entry)));
}

/** Edits one cell of the filled CA form, named by its field, and saves. */
function withCell(field: string, value: ExcelJS.CellValue): Promise<Uint8Array> {
  const { sheet, address } = cellOfField(entriesOf.get('CA') ?? [], field);
  return editWorkbook(caFilled, (wb) => {
    wb.getWorksheet(sheet)!.getCell(address).value = value;
  });
}

function ref(agency: string, field: string): string {
  return cellOfField(entriesOf.get(agency) ?? [], field).ref;
}

// ---- what "nothing changed" means ----

interface Snapshot {
  submission: number;
  value: number;
  task_report: number;
  audit_log: number;
  importLogId: number;
}

async function snapshot(): Promise<Snapshot> {
  const db = app.ctx.db;
  return {
    submission: await rowCount(db, 'submission'),
    value: await rowCount(db, 'value'),
    task_report: await rowCount(db, 'task_report'),
    // The CLI backs the database up before a batch (and says so in the audit log): that is no change to the reports.
    audit_log: await rowCount(db, 'audit_log', "action <> 'backup'"),
    importLogId: Number((await sql<{ id: number }>`SELECT coalesce(max(id), 0) AS id FROM import_log`.execute(db)).rows[0]?.id ?? 0),
  };
}

async function importLogSince(id: number): Promise<{ file_name: string; outcome: string; submission_id: number | null }[]> {
  return (await sql<{ file_name: string; outcome: string; submission_id: number | null }>`SELECT file_name, outcome, submission_id FROM import_log WHERE id > ${id} ORDER BY id`.execute(app.ctx.db)).rows;
}

/** The reports are as they were; the import log gained at most a 'rejected' line per refused file. */
async function expectNothingChanged(before: Snapshot, refusedFiles: string[]): Promise<void> {
  const after = await snapshot();
  expect({ ...after, importLogId: 0 }).toEqual({ ...before, importLogId: 0 });
  const logged = await importLogSince(before.importLogId);
  for (const row of logged) {
    expect(row.outcome).toBe('rejected');
    expect(row.submission_id).toBeNull();
    expect(refusedFiles).toContain(row.file_name);
  }
}

function expectRejected(o: ImportOutcome | undefined, file: string): ImportOutcome {
  expect(o, 'one outcome per file').toBeDefined();
  const outcome = o as ImportOutcome;
  expect(outcome).toMatchObject({ file, ok: false, status: 'rejected', revision: null, changes: [] });
  expect(outcome.message).toMatch(VIETNAMESE);
  expect(outcome.message).toContain('Dữ liệu không thay đổi');
  return outcome;
}

/** Imports one file through importFiles and checks it was refused and changed nothing. */
async function refused(name: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportOutcome> {
  const before = await snapshot();
  const outcomes = await importFiles(app.ctx, [{ name, bytes }], options, pool);
  expect(outcomes).toHaveLength(1);
  const outcome = expectRejected(outcomes[0], name);
  await expectNothingChanged(before, [name]);
  return outcome;
}

/** The problem with this code: an error, at this place (when it has one), in Vietnamese. */
function expectProblem(o: ImportOutcome | { problems: Problem[] }, code: string, cell: string): Problem {
  const found = o.problems.find((p) => p.code === code);
  expect(found, `${code} among ${JSON.stringify(o.problems, null, 1)}`).toBeDefined();
  const p = found as Problem;
  expect(p.severity).toBe('error');
  expect(p.cell).toBe(cell);
  expect(p.message).toMatch(VIETNAMESE);
  if (cell) expect(p.message).toContain(cell);
  return p;
}

// ---- the CLI ----

interface CliImport {
  code: number;
  out: string;
  err: string;
  outcomes: (Pick<ImportOutcome, 'file' | 'ok' | 'status' | 'agency' | 'period' | 'revision' | 'problems' | 'changes'>)[];
}

function onDisk(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function cliImport(files: string[], ...flags: string[]): Promise<CliImport> {
  let out = '';
  let err = '';
  const code = await runCli(['import', ...files, '--db', app.file, ...flags], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, {});
  const outcomes = flags.includes('--json') ? (JSON.parse(out) as CliImport['outcomes']) : [];
  return { code, out, err, outcomes };
}

/** Imports one file through `import FILE --json` and checks exit 1, one rejected outcome and nothing changed. */
async function refusedByCli(name: string, bytes: Uint8Array, ...flags: string[]): Promise<CliImport['outcomes'][number]> {
  const before = await snapshot();
  const run = await cliImport([onDisk(name, bytes)], '--json', ...flags);
  expect(run.code, run.err).toBe(1);
  expect(run.outcomes).toHaveLength(1);
  const [o] = run.outcomes;
  expect(o).toMatchObject({ file: name, ok: false, status: 'rejected', revision: null, changes: [] });
  await expectNothingChanged(before, [name]);
  return o as CliImport['outcomes'][number];
}

async function currentSubmission(agency: string) {
  const list = await call(app.h, 'submissions.list', { period: PERIOD, agency });
  const current = list.find((s) => s.current);
  return current ? call(app.h, 'submissions.get', { id: current.id }) : null;
}

describeEachBackend('intake', (backend) => {
  beforeAll(async () => {
    app = await backend.open({ now: () => local(2022, 3, 16) });
    dir = path.join(app.dir, 'files');
    fs.mkdirSync(dir);
    pool = createParsePool(2);
    // A percent the agency types itself (not a ratio of two counts), so "over 100 %" has a cell.
    await call(app.h, 'indicators.create', {
      year: 2022,
      indicator: { code: 'NV2.10', taskCode: 'NV2', name: 'Tỷ lệ bị can, bị cáo được trợ giúp pháp lý', unit: '%', kind: 'percent', aggregation: 'max', reporters: ['CA'] },
    });
    // A saved layout profile, so "no profile matches" is a real answer and not an empty list.
    await call(app.h, 'profiles.save', {
      definition: {
        name: 'Bố cục riêng của Công an',
        sheet: { name: 'Số liệu Công an' },
        headerRows: { first: 1, last: 1 },
        layout: { kind: 'indicator-rows', keyColumn: 'A', match: { by: 'code' }, value: { column: 'C' }, agency: { mode: 'fixed', code: 'CA' } },
      },
    });
    for (const f of await generateForms(app.ctx, { period: PERIOD, agencies: ['CA', 'VKS'] })) {
      const agency = /_([A-Z-]+)\.xlsx$/u.exec(f.name)?.[1] ?? '';
      blank.set(agency, f.bytes);
      entriesOf.set(agency, (await metaEntries(f.bytes)).entries);
    }
    expect(entriesOf.get('CA')?.find((e) => e.field === 'indicator:NV2.10')?.kind).toBe('decimal');
    caFilled = (await filled('CA')).bytes;
  });

  afterAll(async () => {
    await pool?.close();
    await app?.close();
    cleanupTempDirs();
  });

  describe('files that are not a readable workbook', () => {
    it('refuses a zero-byte file (CLI: exit 1)', async () => {
      const o = await refusedByCli('BaoCao_2022-Q1_CA.xlsx', new Uint8Array());
      const p = expectProblem(o, 'FILE_EMPTY', '');
      expect(p.message).toContain('"BaoCao_2022-Q1_CA.xlsx" rỗng (0 byte)');
    });

    it('refuses random bytes named .xlsx', async () => {
      const bytes = randomBytesSeeded(32 * 1024, 7);
      bytes[0] = 0x00; // not "PK", not an OLE header
      const p = expectProblem(await refused('random.xlsx', bytes), 'NOT_A_WORKBOOK', '');
      expect(p.message).toContain('không phải là sổ làm việc Excel');
    });

    it('refuses a truncated zip (a form cut off in transfer)', async () => {
      const half = caFilled.subarray(0, Math.floor(caFilled.length * 0.6));
      const p = expectProblem(await refused('truncated.xlsx', half), 'ZIP_TRUNCATED', '');
      expect(p.message).toContain('bị cắt cụt');
    });

    it('refuses a .xls (OLE) file and says how to save it as .xlsx (CLI: exit 1)', async () => {
      const o = await refusedByCli('BaoCao_CA.xls', compoundFile(['Workbook', '\u0005SummaryInformation']));
      const p = expectProblem(o, 'XLS_OLD_FORMAT', '');
      expect(p.message).toContain('Excel 97-2003 (.xls)');
      expect(p.message).toContain('Lưu thành (Save As) → Sổ làm việc Excel (.xlsx)');
    });

    it('refuses a password-protected workbook (CLI: exit 1)', async () => {
      const o = await refusedByCli('BaoCao_CA_matkhau.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']));
      const p = expectProblem(o, 'ENCRYPTED', '');
      expect(p.message).toContain('mật khẩu');
    });
  });

  describe('files past the limits for untrusted workbooks', () => {
    it('refuses a form carrying a zip bomb: an entry that would inflate 400 MB', async () => {
      const zeros = 400 * 1024 * 1024;
      const bytes = await rewriteZip(caFilled, { extra: [{ name: 'xl/media/image1.png', deflated: deflatedZeros(zeros), uncompressedSize: zeros }] });
      const p = expectProblem(await refused('bomb.xlsx', bytes), 'ZIP_BOMB', '');
      expect(p.message).toContain('xl/media/image1.png');
    });

    it('refuses a zip bomb whose declared size lies, as soon as it passes it', async () => {
      const bytes = await rewriteZip(caFilled, { extra: [{ name: 'xl/media/image1.png', deflated: deflatedZeros(400 * 1024 * 1024), uncompressedSize: 100_000 }] });
      const started = Date.now();
      expectProblem(await refused('liar.xlsx', bytes), 'ZIP_SIZE_MISMATCH', '');
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    it('refuses a workbook of 10,000 entries', async () => {
      const filler = Array.from({ length: 10_000 }, (_, i) => ({ name: `xl/media/x${i}.bin`, data: 'x', method: 0 as const }));
      const p = expectProblem(await refused('many.xlsx', await rewriteZip(caFilled, { extra: filler })), 'ZIP_TOO_MANY_ENTRIES', '');
      expect(p.message).toContain(MAX_ZIP_ENTRIES.toLocaleString('vi-VN'));
    });

    it('refuses a merge over A1:XFD1048576, naming the sheet', async () => {
      const part = await sheetPartOf(caFilled, SHEET);
      const bytes = await rewriteZip(caFilled, { parts: { [part]: (xml) => xml.replace('</mergeCells>', '<mergeCell ref="A1:XFD1048576"/></mergeCells>') } });
      const p = expectProblem(await refused('merge-all.xlsx', bytes), 'SHEET_AREA_TOO_LARGE', `${SHEET}!A1:XFD1048576`);
      expect(p.message).toContain(`trang tính "${SHEET}"`);
    });

    it('refuses 30,000 small merges, naming the sheet', async () => {
      const part = await sheetPartOf(caFilled, SHEET);
      const merges = Array.from({ length: 30_000 }, (_, i) => `<mergeCell ref="J${1000 + i}:K${1000 + i}"/>`).join('');
      const bytes = await rewriteZip(caFilled, { parts: { [part]: (xml) => xml.replace('</mergeCells>', `${merges}</mergeCells>`) } });
      const p = expectProblem(await refused('merges.xlsx', bytes), 'TOO_MANY_MERGES', '');
      expect(p.message).toContain(`trang tính "${SHEET}"`);
      expect(p.message).toContain(MAX_MERGES_PER_SHEET.toLocaleString('vi-VN'));
    });
  });

  describe('forms that are not for this period, agency or app', () => {
    it('refuses a form of another period than the one chosen (CLI --period: exit 1)', async () => {
      const h1 = await filled('CA', {}, '2022-H1');
      const o = await refusedByCli('BaoCao_2022-H1_CA.xlsx', h1.bytes, '--period', PERIOD);
      // Said first, in the clerk's words: no hidden sheet's cell, no period code.
      expect(o.problems[0]?.code).toBe('PERIOD_MISMATCH');
      const p = expectProblem(o, 'PERIOD_MISMATCH', '');
      expect(p.message).toContain('biểu mẫu này của kỳ 6 tháng đầu năm 2022; anh/chị đang nhận báo cáo Quý I năm 2022');
      expect(p.message.slice('BaoCao_2022-H1_CA.xlsx'.length)).not.toMatch(/_meta|2022-H1|2022-Q1/u);
    });

    it('refuses a form of another agency than the one chosen (CLI --agency: exit 1)', async () => {
      const o = await refusedByCli('BaoCao_2022-Q1_CA.xlsx', caFilled, '--agency', 'VKS', '--period', PERIOD);
      const p = expectProblem(o, 'AGENCY_MISMATCH', '');
      expect(p.message).toContain('biểu mẫu này của Công an tỉnh, không phải của Viện Kiểm sát nhân dân tỉnh');
      expect(p.message).not.toContain('_meta');
    });

    it('refuses an agency code that is not in the list', async () => {
      const bytes = await editWorkbook(caFilled, (wb) => {
        wb.getWorksheet('_meta')!.getCell('B7').value = 'CA-LS';
      });
      const p = expectProblem(await refused('unknown-agency.xlsx', bytes), 'UNKNOWN_AGENCY', '_meta!B7');
      expect(p.message).toContain('"CA-LS"');
    });

    it('refuses a form made by a newer version of the app', async () => {
      const bytes = await editWorkbook(caFilled, (wb) => {
        wb.getWorksheet('_meta')!.getCell('B2').value = 2;
      });
      const p = expectProblem(await refused('newer.xlsx', bytes), 'META_NEWER', '_meta!B2');
      expect(p.message).toContain('phiên bản 2');
      expect(p.message).toContain('cập nhật ứng dụng');
    });

    it('refuses a plain workbook with no _meta that no saved layout profile matches', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(SHEET);
      ws.getCell('A1').value = 'CÔNG AN TỈNH LẠNG SƠN';
      ws.getRow(3).values = ['STT', 'Chỉ tiêu', 'Số liệu kỳ báo cáo'];
      ws.getRow(4).values = [1, 'Số vụ án hình sự đã thụ lý', 12];
      const p = expectProblem(await refused('tu-lam.xlsx', await saveWorkbook(wb)), 'NOT_RECOGNISED', '');
      expect(p.message).toContain('"_meta"');
      expect(p.message).toContain('mẫu bố cục');
    });

    it('refuses a form whose _meta sheet was deleted', async () => {
      const bytes = await editWorkbook(caFilled, (wb) => {
        wb.removeWorksheet(wb.getWorksheet('_meta')!.id);
      });
      expectProblem(await refused('no-meta.xlsx', bytes), 'NOT_RECOGNISED', '');
    });
  });

  describe('values typed wrong', () => {
    it('refuses "mười hai" where a number is due, with the cell and the indicator (CLI: exit 1, human text)', async () => {
      const bytes = await withCell('indicator:NV2.01', 'mười hai');
      const at = ref('CA', 'indicator:NV2.01');
      const before = await snapshot();
      const run = await cliImport([onDisk('muoi-hai.xlsx', bytes)]);
      expect(run.code).toBe(1);
      expect(run.out).toContain('Từ chối: Không nhận tệp muoi-hai.xlsx');
      expect(run.out).toContain(`Lỗi [NOT_A_NUMBER] ${at}: "mười hai" không phải là số (chỉ tiêu NV2.01 – Số vụ án hình sự đã thụ lý)`);
      expect(run.out).toContain('1 tệp: 0 tệp được nhận hoặc đã nhập trước đây, 1 tệp bị từ chối.');
      await expectNothingChanged(before, ['muoi-hai.xlsx']);
      // The same through the service, to pin the problem itself.
      const p = expectProblem(await refused('muoi-hai.xlsx', bytes), 'NOT_A_NUMBER', at);
      expect(p.message).toMatch(new RegExp(`^${at}: "mười hai" không phải là số \\(chỉ tiêu NV2\\.01 – Số vụ án hình sự đã thụ lý\\)`, 'u'));
    });

    it('refuses a negative count', async () => {
      const at = ref('CA', 'indicator:NV2.02');
      const p = expectProblem(await refused('negative.xlsx', await withCell('indicator:NV2.02', -3)), 'NEGATIVE', at);
      expect(p.message).toContain('số âm');
      expect(p.message).toContain('NV2.02');
    });

    it('refuses a decimal where a whole number is due', async () => {
      const at = ref('CA', 'indicator:NV4.03');
      const p = expectProblem(await refused('decimal.xlsx', await withCell('indicator:NV4.03', 2.5)), 'NOT_WHOLE', at);
      expect(p.message).toContain('không phải là số nguyên');
    });

    it('refuses a typed percent over 100', async () => {
      const at = ref('CA', 'indicator:NV2.10');
      const p = expectProblem(await refused('percent.xlsx', await withCell('indicator:NV2.10', 120)), 'PERCENT_OVER_100', at);
      expect(p.message).toContain('vượt quá 100%');
      expect(p.message).toContain('NV2.10');
    });

    it('refuses a formula with no cached result that it cannot compute', async () => {
      const at = ref('CA', 'indicator:NV2.01');
      const p = expectProblem(await refused('no-result.xlsx', await withCell('indicator:NV2.01', { formula: 'VLOOKUP(1,A1:B2,2,FALSE)' } as ExcelJS.CellFormulaValue)), 'FORMULA_NO_RESULT', at);
      expect(p.message).toContain('=VLOOKUP(1,A1:B2,2,FALSE)');
    });

    it('computes a formula with no cached result, and refuses one whose stored result Excel would not show', async () => {
      const [computed] = await importFiles(app.ctx, [{ name: 'tinh.xlsx', bytes: await withCell('indicator:NV2.01', { formula: '700+99' } as ExcelJS.CellFormulaValue) }], { dryRun: true }, pool);
      expect(computed?.status).toBe('checked');
      expect(computed?.changes.find((c) => c.field === 'NV2.01')?.after).toBe(799);
      const at = ref('CA', 'indicator:NV2.01');
      const p = expectProblem(await refused('luu-sai.xlsx', await withCell('indicator:NV2.01', { formula: '1+1', result: 999 } as ExcelJS.CellFormulaValue)), 'FORMULA_RESULT_MISMATCH', at);
      expect(p.message).toContain('tính ra 2');
      expect(p.message).toContain('tệp lưu kết quả 999');
    });

    it('refuses a form whose _meta points at a hidden copy of the sheet', async () => {
      const { sheet } = cellOfField(entriesOf.get('CA') ?? [], 'indicator:NV2.01');
      const bytes = await editWorkbook(caFilled, (wb) => {
        wb.getWorksheet(sheet)!.state = 'hidden';
      });
      const o = await refused('an-trang.xlsx', bytes);
      expect(o.problems.find((p) => p.code === 'FORM_SHEET_HIDDEN')?.message).toContain(`trang "${sheet}" mà biểu mẫu đọc số liệu đang bị ẩn`);
    });

    it('refuses a reference to another workbook, even with a cached result', async () => {
      const at = ref('CA', 'indicator:NV2.01');
      const bytes = await withCell('indicator:NV2.01', { formula: '[1]Sheet1!A1', result: 5 } as ExcelJS.CellFormulaValue);
      const p = expectProblem(await refused('external.xlsx', bytes), 'EXTERNAL_REFERENCE', at);
      expect(p.message).toContain('sổ làm việc khác');
    });

    it('refuses "1.234,5" and "1234,5" typed as text where a whole number is due', async () => {
      const at = ref('CA', 'indicator:NV2.01');
      for (const typed of ['1.234,5', '1234,5']) {
        const p = expectProblem(await refused(`whole-${typed}.xlsx`, await withCell('indicator:NV2.01', typed)), 'NOT_WHOLE', at);
        expect(p.message).toContain('1.234,5 không phải là số nguyên');
      }
    });

    it('refuses a status outside the list', async () => {
      const at = ref('CA', 'task:NV2:status');
      const p = expectProblem(await refused('status.xlsx', await withCell('task:NV2:status', 'Xong rồi')), 'STATUS_INVALID', at);
      expect(p.message).toContain('Hoàn thành');
    });

    it('lists every wrong cell of a file at once, not only the first', async () => {
      const entries = entriesOf.get('CA') ?? [];
      const bytes = await editWorkbook(caFilled, (wb) => {
        const set = (field: string, value: ExcelJS.CellValue) => {
          const { sheet, address } = cellOfField(entries, field);
          wb.getWorksheet(sheet)!.getCell(address).value = value;
        };
        set('indicator:NV1.01', 'abc');
        set('indicator:NV1.02', -1);
        set('indicator:NV7.05', '1,234'); // ambiguous: refused with a request to retype
      });
      const o = await refused('several.xlsx', bytes);
      expectProblem(o, 'NOT_A_NUMBER', ref('CA', 'indicator:NV1.01'));
      expectProblem(o, 'NEGATIVE', ref('CA', 'indicator:NV1.02'));
      expectProblem(o, 'AMBIGUOUS_NUMBER', ref('CA', 'indicator:NV7.05'));
      expect(o.message).toContain('3 lỗi');
    });
  });

  describe('inputs that look odd but are fine', () => {
    it('reads a form with rows inserted above the tables by code, with a ROW_MOVED warning', async () => {
      const base = await filled('CA', { 'task:NV1:results': 'Dòng đã bị chèn phía trên.' });
      const written = base.written;
      // Two rows inserted right above the first task, wherever the form's layout puts it.
      const nv1 = Number(/\d+$/u.exec(cellOfField(entriesOf.get('CA') ?? [], 'task:NV1:status').address)?.[0]);
      const bytes = await editWorkbook(base.bytes, (wb) => {
        wb.getWorksheet(SHEET)!.spliceRows(nv1, 0, ['Dòng chèn thêm'], []);
      });
      const outcomes = await importFiles(app.ctx, [{ name: 'moved.xlsx', bytes }], { period: PERIOD, agency: 'CA' }, pool);
      expect(outcomes).toHaveLength(1);
      const o = outcomes[0]!;
      expect(o).toMatchObject({ ok: true, status: 'imported', agency: 'CA', period: PERIOD });
      // Said as the clerk reads it: the agency's name and the period in words, never their codes.
      expect(o.message).toMatch(/^Đã nhận báo cáo của Công an tỉnh kỳ Quý I năm 2022 \(lần \d+\)/u);
      const moved = o.problems.find((p) => p.code === 'ROW_MOVED');
      expect(moved?.severity).toBe('warning');
      expect(moved?.cell).toBe(`${SHEET}!B${nv1 + 2}`);
      expect(moved?.message).toContain(`NV1: dòng ${nv1} → ${nv1 + 2}`);
      expect(o.problems.filter((p) => p.severity === 'error')).toEqual([]);

      const s = await currentSubmission('CA');
      expect(s?.revision).toBe(o.revision);
      const entries = entriesOf.get('CA') ?? [];
      for (const e of entries.filter((x) => x.field.startsWith('indicator:'))) {
        const code = e.field.slice('indicator:'.length);
        const stored = s?.values.find((v) => v.indicatorCode === code);
        const { sheet, address } = splitRef(e.cell);
        const row = Number(/\d+$/u.exec(address)?.[0]);
        expect(stored?.number, code).toBe(written.get(e.field));
        expect(stored?.sourceCell, code).toBe(`${sheet}!${address.replace(/\d+$/u, String(row + 2))}`);
      }
      expect(s?.taskReports.find((r) => r.taskCode === 'NV1')?.results).toBe('Dòng đã bị chèn phía trên.');
      expect(s?.taskReports.find((r) => r.taskCode === 'NV2')).toMatchObject({ status: 'in_progress', results: 'Đã triển khai nhiệm vụ NV2 theo kế hoạch.' });
    });

    it('stores NFD text as NFC, and converts TCVN3 text in a .VnTime cell with a LEGACY_ENCODING warning', async () => {
      const nfd = 'Tổ chức hội nghị quán triệt tại Công an tỉnh'.normalize('NFD');
      const tcvn3 = 'C«ng an tØnh L¹ng S¬n ®· tæ chøc héi nghÞ';
      const unicode = convertTcvn3(tcvn3);
      expect(unicode).toBe('Công an tỉnh Lạng Sơn đã tổ chức hội nghị');
      const entries = entriesOf.get('CA') ?? [];
      const bytes = await editWorkbook(caFilled, (wb) => {
        const a = cellOfField(entries, 'task:NV1:results');
        wb.getWorksheet(a.sheet)!.getCell(a.address).value = nfd;
        const b = cellOfField(entries, 'task:NV2:difficulties');
        const cell = wb.getWorksheet(b.sheet)!.getCell(b.address);
        cell.value = tcvn3;
        cell.font = { name: '.VnTime', size: 13 };
      });
      const [o] = await importFiles(app.ctx, [{ name: 'legacy.xlsx', bytes }], {}, pool);
      expect(o).toMatchObject({ ok: true, status: 'imported' });
      const warnings = o!.problems.filter((p) => p.code === 'LEGACY_ENCODING');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ severity: 'warning', cell: ref('CA', 'task:NV2:difficulties') });
      expect(warnings[0]?.message).toContain('TCVN3');
      expect(warnings[0]?.message).toContain(unicode);
      const s = await currentSubmission('CA');
      const nv1 = s?.taskReports.find((r) => r.taskCode === 'NV1')?.results;
      expect(nv1).toBe(nfd.normalize('NFC'));
      expect(nv1).not.toBe(nfd);
      expect(s?.taskReports.find((r) => r.taskCode === 'NV2')?.difficulties).toBe(unicode);
      // And what the database holds, byte for byte.
      const raw = (await sql<{ results: string }>`SELECT results FROM task_report r JOIN task t ON t.id = r.task_id WHERE r.submission_id = ${s?.id ?? 0} AND t.code = ${'NV1'}`.execute(app.ctx.db)).rows[0] as { results: string };
      expect(raw.results === raw.results.normalize('NFC')).toBe(true);
    });

    it('reads "1.234" as 1234 and "1.234,5" as 1234,5 where a decimal is allowed', async () => {
      const entries = entriesOf.get('CA') ?? [];
      const bytes = await editWorkbook(caFilled, (wb) => {
        const a = cellOfField(entries, 'indicator:NV2.01');
        wb.getWorksheet(a.sheet)!.getCell(a.address).value = '1.234';
        const b = cellOfField(entries, 'indicator:NV7.05');
        wb.getWorksheet(b.sheet)!.getCell(b.address).value = '1.234,5';
      });
      const [o] = await importFiles(app.ctx, [{ name: 'text-numbers.xlsx', bytes }], {}, pool);
      expect(o).toMatchObject({ ok: true, status: 'imported' });
      expect(o!.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const s = await currentSubmission('CA');
      expect(s?.values.find((v) => v.indicatorCode === 'NV2.01')?.number).toBe(1234);
      expect(s?.values.find((v) => v.indicatorCode === 'NV7.05')?.number).toBe(1234.5);
    });

    it('reads a formula by its cached result, a result of 0 included', async () => {
      // exceljs's own `cell.value` drops a cached 0; the importer must not take it for "no result".
      const entries = entriesOf.get('CA') ?? [];
      const bytes = await editWorkbook(caFilled, (wb) => {
        const a = cellOfField(entries, 'indicator:NV1.01');
        wb.getWorksheet(a.sheet)!.getCell(a.address).value = { formula: '2*3', result: 6 } as ExcelJS.CellFormulaValue;
        const b = cellOfField(entries, 'indicator:NV4.02');
        wb.getWorksheet(b.sheet)!.getCell(b.address).value = { formula: `${a.address}-${a.address}`, result: 0 } as ExcelJS.CellFormulaValue;
      });
      const [o] = await importFiles(app.ctx, [{ name: 'formulas.xlsx', bytes }], {}, pool);
      expect(o).toMatchObject({ ok: true, status: 'imported' });
      expect(o!.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const s = await currentSubmission('CA');
      expect(s?.values.find((v) => v.indicatorCode === 'NV1.01')?.number).toBe(6);
      expect(s?.values.find((v) => v.indicatorCode === 'NV4.02')?.number).toBe(0);
    });

    it('takes a sheet and cells named "__proto__" as plain data, with no prototype pollution', async () => {
      const entries = entriesOf.get('CA') ?? [];
      const bytes = await editWorkbook(caFilled, (wb) => {
        const evil = wb.addWorksheet('__proto__');
        evil.getCell('A1').value = '__proto__';
        evil.getCell('B1').value = 'polluted';
        evil.getCell('A2').value = 'constructor';
        wb.addWorksheet('constructor').getCell('A1').value = 'prototype';
        const sheet = wb.getWorksheet(SHEET)!;
        sheet.getCell('B11').value = '__proto__'; // the code column's header
        sheet.getCell('C20').value = '__proto__';
        const r = cellOfField(entries, 'task:NV3:results');
        sheet.getCell(r.address).value = '__proto__';
      });
      const [o] = await importFiles(app.ctx, [{ name: '__proto__.xlsx', bytes }], {}, pool);
      expect(o).toMatchObject({ ok: true, status: 'imported', agency: 'CA' });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
      const s = await currentSubmission('CA');
      expect(s?.taskReports.find((r) => r.taskCode === 'NV3')?.results).toBe('__proto__');
    });

    it('refuses "__proto__" as an agency or an indicator code in _meta, without crashing', async () => {
      const agency = await editWorkbook(caFilled, (wb) => {
        wb.getWorksheet('_meta')!.getCell('B7').value = '__proto__';
      });
      expectProblem(await refused('proto-agency.xlsx', agency), 'UNKNOWN_AGENCY', '_meta!B7');
      const indicator = await editWorkbook(caFilled, (wb) => {
        const meta = wb.getWorksheet('_meta')!;
        meta.eachRow((row) => {
          if (row.getCell(2).value === 'indicator:NV2.01') row.getCell(2).value = 'indicator:__proto__';
        });
        wb.getWorksheet(SHEET)!.getCell(`B${/\d+$/u.exec(ref('CA', 'indicator:NV2.01'))?.[0]}`).value = '__proto__';
      });
      expectProblem(await refused('proto-indicator.xlsx', indicator), 'UNKNOWN_INDICATOR', ref('CA', 'indicator:NV2.01'));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
  });

  describe('batches', () => {
    it('takes the same file again as a duplicate: nothing changes, the revision stays', async () => {
      const { bytes } = await filled('VKS', { 'task:NV2:results': 'Lần gửi dùng để thử gửi trùng.' });
      const [first] = await importFiles(app.ctx, [{ name: 'BaoCao_2022-Q1_VKS.xlsx', bytes }], {}, pool);
      expect(first).toMatchObject({ ok: true, status: 'imported', agency: 'VKS' });
      const current = await currentSubmission('VKS');
      const before = await snapshot();
      const [again] = await importFiles(app.ctx, [{ name: 'BaoCao_2022-Q1_VKS (1).xlsx', bytes }], {}, pool);
      expect(again).toMatchObject({ ok: true, status: 'duplicate', agency: 'VKS', period: PERIOD, revision: first?.revision, changes: [] });
      expect(again?.message).toContain('đã được nhập trước đây');
      expect(again?.message).toMatch(VIETNAMESE);
      const after = await snapshot();
      expect({ ...after, importLogId: 0 }).toEqual({ ...before, importLogId: 0 });
      expect((await importLogSince(before.importLogId)).filter((r) => r.outcome === 'imported')).toEqual([]);
      expect((await currentSubmission('VKS'))?.id).toBe(current?.id);
    });

    it('records two files for the same agency and period in one batch as revisions n+1 and n+2, the later current', async () => {
      const previous = (await currentSubmission('VKS'))?.revision ?? 0;
      const a = await filled('VKS', { 'indicator:NV2.01': 40, 'indicator:NV2.02': 30, 'task:NV2:results': 'Bản gửi lần đầu.' });
      const b = await filled('VKS', { 'indicator:NV2.01': 41, 'indicator:NV2.02': 30, 'task:NV2:results': 'Bản gửi bổ sung.' });
      const before = await snapshot();
      const outcomes = await importFiles(app.ctx, [{ name: 'VKS_lan1.xlsx', bytes: a.bytes }, { name: 'VKS_lan2.xlsx', bytes: b.bytes }], {}, pool);
      expect(outcomes.map((o) => [o.file, o.status, o.revision])).toEqual([
        ['VKS_lan1.xlsx', 'imported', previous + 1],
        ['VKS_lan2.xlsx', 'imported', previous + 2],
      ]);
      const list = await call(app.h, 'submissions.list', { period: PERIOD, agency: 'VKS' });
      expect(list.filter((s) => s.revision > previous).map((s) => [s.revision, s.current, s.fileName])).toEqual([
        [previous + 2, true, 'VKS_lan2.xlsx'],
        [previous + 1, false, 'VKS_lan1.xlsx'],
      ]);
      const current = await currentSubmission('VKS');
      expect(current?.values.find((v) => v.indicatorCode === 'NV2.01')?.number).toBe(41);
      expect(current?.taskReports.find((r) => r.taskCode === 'NV2')?.results).toBe('Bản gửi bổ sung.');
      expect((await snapshot()).submission).toBe(before.submission + 2);
      expect((await importLogSince(before.importLogId)).map((r) => [r.file_name, r.outcome])).toEqual([
        ['VKS_lan1.xlsx', 'imported'],
        ['VKS_lan2.xlsx', 'imported'],
      ]);
    });

    it('skips Excel lock files beside a good report (CLI: exit 0)', async () => {
      // What Excel leaves beside an open workbook: 165 bytes, the user's name, no zip.
      const lock = Buffer.alloc(165, 0x20);
      lock.write('\u0009Nguyen Van A', 0, 'latin1');
      const good = await filled('VKS', { 'task:NV2:results': 'Gửi kèm tệp khóa.' });
      const before = await snapshot();
      const run = await cliImport([onDisk('~$BaoCao_2022-Q1_VKS.xlsx', lock), onDisk('BaoCao_2022-Q1_VKS.xlsx', good.bytes)], '--json');
      expect(run.code, run.err).toBe(0);
      expect(run.outcomes.map((o) => [o.file, o.ok, o.status])).toEqual([
        ['~$BaoCao_2022-Q1_VKS.xlsx', true, 'skipped'],
        ['BaoCao_2022-Q1_VKS.xlsx', true, 'imported'],
      ]);
      expect(run.outcomes[0]?.problems).toEqual([]);
      expect((await snapshot()).submission).toBe(before.submission + 1);
      expect((await importLogSince(before.importLogId)).map((r) => r.file_name)).toEqual(['BaoCao_2022-Q1_VKS.xlsx']);
    });

    it('lands the good file of a batch and not the bad one (CLI: exit 1)', async () => {
      const bad = await withCell('indicator:NV2.01', 'mười hai');
      const good = await filled('VKS', { 'indicator:NV2.01': 77, 'indicator:NV2.02': 70, 'task:NV2:results': 'Tệp tốt trong lô có tệp lỗi.' });
      const caBefore = await currentSubmission('CA');
      const vksBefore = (await currentSubmission('VKS'))?.revision ?? 0;
      const before = await snapshot();
      const run = await cliImport([onDisk('xau_CA.xlsx', bad), onDisk('tot_VKS.xlsx', good.bytes)], '--json');
      expect(run.code).toBe(1);
      expect(run.outcomes.map((o) => [o.file, o.status, o.agency, o.revision])).toEqual([
        ['xau_CA.xlsx', 'rejected', 'CA', null],
        ['tot_VKS.xlsx', 'imported', 'VKS', vksBefore + 1],
      ]);
      expectProblem(run.outcomes[0]!, 'NOT_A_NUMBER', ref('CA', 'indicator:NV2.01'));
      const entries = entriesOf.get('VKS') ?? [];
      const goodValues = entries.filter((e) => e.field.startsWith('indicator:') && good.written.has(e.field)).length;
      const goodTasks = new Set(entries.filter((e) => e.field.startsWith('task:') && good.written.has(e.field)).map((e) => e.field.split(':')[1])).size;
      const after = await snapshot();
      expect(after.submission).toBe(before.submission + 1);
      expect(after.value).toBe(before.value + goodValues);
      expect(after.task_report).toBe(before.task_report + goodTasks);
      expect((await currentSubmission('CA'))?.id).toBe(caBefore?.id);
      expect((await currentSubmission('VKS'))?.values.find((v) => v.indicatorCode === 'NV2.01')?.number).toBe(77);
      expect((await importLogSince(before.importLogId)).map((r) => [r.file_name, r.outcome])).toEqual([
        ['xau_CA.xlsx', 'rejected'],
        ['tot_VKS.xlsx', 'imported'],
      ]);
    });

    it('--dry-run writes nothing and previews the changes against the current revision', async () => {
      const base = await filled('VKS', { 'indicator:NV2.01': 500, 'indicator:NV2.02': 400, 'task:NV2:results': 'Bản đang có hiệu lực.' });
      const [imported] = await importFiles(app.ctx, [{ name: 'VKS_hien_tai.xlsx', bytes: base.bytes }], {}, pool);
      expect(imported?.status).toBe('imported');
      const current = imported?.revision ?? 0;
      const next = await filled('VKS', { 'indicator:NV2.01': 520, 'indicator:NV2.02': null, 'task:NV2:results': 'Bản sửa lại.' });

      const tables = () => storeTableCounts(app.ctx);
      const before = await tables();
      const run = await cliImport([onDisk('VKS_sua.xlsx', next.bytes)], '--json', '--dry-run');
      expect(run.code, run.err).toBe(0);
      expect(await tables()).toEqual(before);
      expect(run.outcomes).toHaveLength(1);
      const o = run.outcomes[0]!;
      expect(o).toMatchObject({ ok: true, status: 'checked', agency: 'VKS', period: PERIOD, revision: current + 1 });
      expect(o.changes).toEqual([
        { agency: 'VKS', field: 'NV2.01', label: 'Số vụ án hình sự đã thụ lý', before: 500, after: 520 },
        { agency: 'VKS', field: 'NV2.02', label: 'Số vụ án hình sự đã giải quyết', before: 400, after: null },
        { agency: 'VKS', field: 'NV2:results', label: expect.stringContaining('– kết quả'), before: 'Bản đang có hiệu lực.', after: 'Bản sửa lại.' },
      ]);

      // The service says the same, and also writes nothing.
      const service = await importFiles(app.ctx, [{ name: 'VKS_sua.xlsx', bytes: next.bytes }], { dryRun: true }, pool);
      expect(service.map((x) => [x.status, x.revision, x.changes.length])).toEqual([['checked', current + 1, 3]]);
      expect(service[0]?.message).toContain(`lần nộp thứ ${current + 1}`);
      expect(await tables()).toEqual(before);
      expect((await currentSubmission('VKS'))?.revision).toBe(current);
    });

    it('a dry run of a bad file refuses it the same way and logs nothing', async () => {
      const before = await snapshot();
      const outcomes = await importFiles(app.ctx, [{ name: 'dry-bad.xlsx', bytes: await withCell('indicator:NV2.02', -1) }], { dryRun: true }, pool);
      expectProblem(expectRejected(outcomes[0], 'dry-bad.xlsx'), 'NEGATIVE', ref('CA', 'indicator:NV2.02'));
      expect(await snapshot()).toEqual(before);
    });
  });
});
