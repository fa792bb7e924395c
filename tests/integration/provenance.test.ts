// Figures a clerk can sign, on real SQLite files and real .xlsx bytes, through the Api
// and the CLI: an unfilled form is no report, a partly filled one says what it lacks,
// a report says when it really arrived, the office may correct a cell with a note,
// and every figure leads back to the file it came from and to who took it in.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ArgsOf, CorrectionInput, ImportOutcome } from '../../shared/api';
import { runCli } from '../../electron/cli/run';
import { createParsePool, type ParsePool } from '../../electron/excel/parse';
import { fillForm, type FillValue } from '../fixtures/fill-form';
import { buildJudicialWorkbook, judicialProfile, JUDICIAL_PROFILE_NAME } from '../fixtures/foreign-workbooks';
import { cellOfField, metaEntries } from '../helpers/workbooks';
import { call, cleanupTempDirs, count, local, openTestApp, refuse, tableCounts, tempDir, VIETNAMESE, type TestApp } from '../helpers/app';

afterAll(cleanupTempDirs);

/** A file as the Api takes it, with what the clerk says of it. */
type IncomingFile = ArgsOf<'intake.import'>['files'][number];

const NINE = '2022-9M'; // due 16/09/2022

let pool: ParsePool;
beforeAll(() => {
  pool = createParsePool(2);
});
afterAll(async () => {
  await pool.close();
});

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});

/** The clerk's clock stands at 20/09/2022, 10:00, four days after the 9-month reports were due. */
async function start(options: { osUser?: string | null } = {}): Promise<TestApp> {
  const app = await openTestApp({ now: () => local(2022, 9, 20, 10, 0), osUser: options.osUser ?? 'vanthu' });
  open.push(app);
  return app;
}

/** An agency's form for a period with only the given fields filled (field → value); the rest left blank. */
async function form(app: TestApp, agency: string, fields: Record<string, FillValue>, period = NINE, name?: string): Promise<IncomingFile> {
  const [blank] = await call(app.h, 'forms.generate', { period, agencies: [agency] });
  if (!blank) throw new Error(`no form for ${agency}`);
  const { bytes } = await fillForm(blank.bytes, (entry) => (Object.hasOwn(fields, entry.field) ? (fields[entry.field] ?? null) : null));
  return { name: name ?? blank.name, bytes: bytes as Uint8Array<ArrayBuffer> };
}

async function cellOf(app: TestApp, agency: string, field: string, period = NINE): Promise<string> {
  const [blank] = await call(app.h, 'forms.generate', { period, agencies: [agency] });
  return cellOfField((await metaEntries(blank?.bytes ?? new Uint8Array())).entries, field).ref;
}

function importing(app: TestApp, files: IncomingFile[], options: { dryRun?: boolean; receivedOn?: string; period?: string } = {}): Promise<ImportOutcome[]> {
  return call(app.h, 'intake.import', { files, period: options.period ?? NINE, dryRun: options.dryRun ?? false, receivedOn: options.receivedOn });
}

async function cli(app: TestApp, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli([...args, '--db', app.file], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, {});
  return { code, out, err };
}

function onDisk(file: IncomingFile): string {
  const target = path.join(tempDir(), file.name);
  fs.writeFileSync(target, file.bytes);
  return target;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A complete 9-month report of the court (TA), with figures the rules accept. */
const TA_FIELDS: Record<string, FillValue> = {
  'indicator:NV1.01': 4,
  'indicator:NV1.02': 300,
  'indicator:NV1.03': 2,
  'indicator:NV1.04': 500,
  'indicator:NV2.01': 120,
  'indicator:NV2.02': 100,
  'indicator:NV2.04': 300,
  'indicator:NV2.05': 250,
  'indicator:NV2.06': 6,
  'indicator:NV2.07': 0,
  'indicator:NV2.08': 1,
  'indicator:NV3.01': 90,
  'indicator:NV4.01': 2,
  'indicator:NV4.02': 0,
  'indicator:NV4.03': 30,
  'indicator:NV6.01': 1,
  'indicator:NV6.02': 1,
  'indicator:NV6.03': 3,
  'indicator:NV7.03': 40,
  'indicator:NV7.04': 5,
  'indicator:NV7.05': 120.5,
  'indicator:NV8.03': 2,
  'task:NV1:status': 'Đang thực hiện',
  'task:NV2:status': 'Hoàn thành',
  'task:NV2:results': 'Đã xét xử đúng thời hạn các vụ án hình sự.',
  'task:NV3:status': 'Đang thực hiện',
  'task:NV4:status': 'Đang thực hiện',
  'task:NV6:status': 'Đang thực hiện',
  'task:NV7:status': 'Đang thực hiện',
};

describe('no empty report counts', () => {
  it('refuses the unfilled form as FORM_EMPTY, through the Api and the CLI, and the agency stays missing', async () => {
    const app = await start();
    const [generated] = await call(app.h, 'forms.generate', { period: NINE, agencies: ['TA'] });
    if (!generated) throw new Error('no form');
    const unfilled: IncomingFile = { name: generated.name, bytes: new Uint8Array(generated.bytes) };
    const before = tableCounts(app.ctx.handle.sqlite);
    for (const dryRun of [true, false]) {
      const [o] = await importing(app, [unfilled], { dryRun });
      expect(o).toMatchObject({ ok: false, status: 'rejected', agency: 'TA', period: NINE });
      const p = o?.problems.find((x) => x.code === 'FORM_EMPTY');
      expect(p).toMatchObject({ severity: 'error' });
      expect(p?.message).toContain('biểu mẫu chưa điền gì');
      expect(p?.message).toContain('vẫn ở danh sách chưa nộp');
      // The agency by its name, as the clerk knows it.
      expect(p?.message).toContain('báo cáo của Tòa án nhân dân tỉnh');
    }
    const run = await cli(app, 'import', onDisk(unfilled), '--period', NINE, '--json');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.out) as { problems: { code: string }[] }[])[0]?.problems.map((p) => p.code)).toContain('FORM_EMPTY');
    // Nothing but the log lines of the attempts (and no backup: nothing landed).
    const after = tableCounts(app.ctx.handle.sqlite);
    expect({ ...after, import_log: 0 }).toEqual({ ...before, import_log: 0 });
    const status = await call(app.h, 'consolidation.status', { period: NINE });
    expect(status.agencies.find((a) => a.code === 'TA')).toMatchObject({ state: 'missing', complete: null });
    expect(status.counts.received).toBe(0);
  });

  it('takes a partly filled form, lists its gaps in the preview, on the submission and in completeness', async () => {
    const app = await start();
    const partial = await form(app, 'TA', { 'indicator:NV2.01': 120, 'indicator:NV2.02': 100, 'task:NV2:status': 'Hoàn thành' });
    const [checked] = await importing(app, [partial], { dryRun: true });
    expect(checked).toMatchObject({ ok: true, status: 'checked' });
    expect(checked?.gaps?.indicators).toContain('NV1.01');
    expect(checked?.gaps?.indicators).not.toContain('NV2.01');
    expect(checked?.gaps?.indicators).not.toContain('NV2.03'); // a ratio's gap is its parts'
    expect(checked?.gaps?.tasks).toEqual(['NV1', 'NV3', 'NV4', 'NV6', 'NV7']);
    const warning = checked?.problems.find((p) => p.code === 'REPORT_INCOMPLETE');
    expect(warning).toMatchObject({ severity: 'warning', agency: 'TA' });
    expect(warning?.message).toContain('NV1.01 – Số hội nghị quán triệt');
    expect(warning?.message).toContain('ô trống không được tính là 0');

    const [imported] = await importing(app, [partial]);
    expect(imported?.status).toBe('imported');
    const [submission] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
    expect(submission).toMatchObject({ complete: false, gaps: checked?.gaps });
    const status = await call(app.h, 'consolidation.status', { period: NINE });
    expect(status.agencies.find((a) => a.code === 'TA')).toMatchObject({ complete: false, gaps: checked?.gaps });
    expect(status.counts).toMatchObject({ received: 1, complete: 0, incomplete: 1 });
    const human = await cli(app, 'status', '--period', NINE);
    expect(human.out).toMatch(/TA\s+Tòa án nhân dân tỉnh\s+Nộp muộn\s+20\/09\/2022\s+1\s+Chưa đủ: trống 20 chỉ tiêu, 5 nhiệm vụ/u);

    // The blanks are not zeros: the total of NV1.01 has no figure from TA.
    const c = await call(app.h, 'consolidation.get', { period: NINE });
    expect(c.indicators.find((i) => i.code === 'NV1.01')?.byAgency.find((f) => f.code === 'TA')).toMatchObject({ state: 'blank', value: null });

    // A complete report is complete.
    await importing(app, [await form(app, 'TA', TA_FIELDS, NINE, 'TA_du.xlsx')]);
    const [current] = (await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' })).filter((s) => s.current);
    expect(current).toMatchObject({ revision: 2, complete: true, gaps: { indicators: [], tasks: [] } });
  });

  it('a form whose only entry is unreadable ("15 vụ") is filled, refused at that cell, and taken once the office corrects it', async () => {
    const app = await start();
    const file = await form(app, 'TA', { 'indicator:NV2.01': '15 vụ' });
    const cell = await cellOf(app, 'TA', 'indicator:NV2.01');
    const [o] = await importing(app, [file]);
    expect(o?.status).toBe('rejected');
    expect(o?.problems.map((p) => p.code)).not.toContain('FORM_EMPTY');
    expect(o?.problems.find((p) => p.cell === cell)).toMatchObject({ severity: 'error', remedy: 'correct' });
    const [fixed] = await importing(app, [{ ...file, corrections: [{ field: 'indicator:NV2.01', number: 15, note: 'Đơn vị xác nhận qua điện thoại: 15 vụ' }] }]);
    expect(fixed?.status).toBe('imported');
  });

  it('in a workbook of several agencies, one agency\u2019s empty column is passed over with a warning and the others land', async () => {
    const app = await openTestApp({ osUser: 'vanthu' });
    open.push(app);
    await call(app.h, 'profiles.save', { definition: judicialProfile() });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await buildJudicialWorkbook()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    for (let row = 8; row <= ws.rowCount; row++) ws.getCell(`F${row}`).value = null;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const outcomes = await call(app.h, 'intake.import', { files: [{ name: 'KhoiNoiChinh.xlsx', bytes }], period: '2022-Q1', profile: JUDICIAL_PROFILE_NAME });
    expect(outcomes.map((o) => [o.agency, o.status])).toEqual([
      ['CA', 'imported'],
      ['VKS', 'imported'],
    ]);
    for (const o of outcomes) expect(o.problems.find((p) => p.code === 'FORM_EMPTY')).toMatchObject({ severity: 'warning' });
    const warning = outcomes[0]?.problems.find((p) => p.code === 'FORM_EMPTY');
    expect(warning?.message).toContain('Tòa án nhân dân tỉnh vẫn ở danh sách chưa nộp');
    const status = await call(app.h, 'consolidation.status', { period: '2022-Q1' });
    expect(status.agencies.find((a) => a.code === 'TA')).toMatchObject({ state: 'missing' });
    // Every column empty: the file is refused, as the unfilled form is.
    for (const col of ['D', 'E']) for (let row = 8; row <= ws.rowCount; row++) ws.getCell(`${col}${row}`).value = null;
    const [none] = await call(app.h, 'intake.import', { files: [{ name: 'KhoiNoiChinh-trong.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) }], period: '2022-Q1', profile: JUDICIAL_PROFILE_NAME });
    expect(none?.status).toBe('rejected');
    expect(none?.problems.some((p) => p.code === 'FORM_EMPTY' && p.severity === 'error') || none?.problems.some((p) => p.code === 'PROFILE_NO_DATA')).toBe(true);
  });

  it('refuses a typed report with nothing in it', async () => {
    const app = await start();
    const e = await refuse(app.h, 'submissions.enter', { period: NINE, agency: 'TA', taskReports: [{ taskCode: 'NV2', status: null }], values: [{ indicatorCode: 'NV2.01', number: null }] });
    expect(e.code).toBe('REPORT_EMPTY');
    expect(e.message).toMatch(VIETNAMESE);
    expect(count(app.ctx.handle.sqlite, 'submission')).toBe(0);
  });
});

describe('when a report arrived', () => {
  it('defaults to today, takes a day for the batch or per file; late means after the due date', async () => {
    const app = await start();
    const a = await form(app, 'TA', TA_FIELDS, NINE, 'TA.xlsx');
    const b = await form(app, 'VKS', { 'indicator:NV2.01': 80, 'indicator:NV2.02': 60 }, NINE, 'VKS.xlsx');
    const c = await form(app, 'CA', { 'indicator:NV2.01': 90, 'indicator:NV2.02': 70 }, NINE, 'CA.xlsx');
    const preview = await importing(app, [a, { ...b, receivedOn: '2022-09-15', documentNumber: '45/BC-VKS', documentDate: '2022-09-14' }], { dryRun: true, receivedOn: '2022-09-17' });
    expect(preview.map((o) => [o.file, o.receivedOn, o.late])).toEqual([
      ['TA.xlsx', '2022-09-17', true],
      ['VKS.xlsx', '2022-09-15', false],
    ]);
    const outcomes = await importing(app, [a, { ...b, receivedOn: '2022-09-15', documentNumber: '45/BC-VKS', documentDate: '2022-09-14' }, c], { receivedOn: '2022-09-17' });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    const list = async (agency: string) => (await call(app.h, 'submissions.list', { period: NINE, agency }))[0];
    expect(await list('TA')).toMatchObject({ receivedOn: '2022-09-17', late: true, recordedAt: '2022-09-20T10:00:00' });
    expect(await list('VKS')).toMatchObject({ receivedOn: '2022-09-15', late: false, documentNumber: '45/BC-VKS', documentDate: '2022-09-14' });
    const status = await call(app.h, 'consolidation.status', { period: NINE });
    expect(status.agencies.find((x) => x.code === 'VKS')).toMatchObject({ state: 'on_time', receivedOn: '2022-09-15', documentNumber: '45/BC-VKS' });
    expect(status.agencies.find((x) => x.code === 'TA')).toMatchObject({ state: 'late' });

    // Without a day, today (the clerk's clock): 20/09, late.
    await importing(app, [await form(app, 'STP', { 'indicator:NV3.02': 40 }, NINE, 'STP.xlsx')]);
    expect(await list('STP')).toMatchObject({ receivedOn: '2022-09-20', late: true });
  });

  it('refuses a day not yet come, and a document dated after it arrived, and changes nothing', async () => {
    const app = await start();
    const before = tableCounts(app.ctx.handle.sqlite);
    const [future] = await importing(app, [{ ...(await form(app, 'TA', TA_FIELDS)), receivedOn: '2022-09-21' }]);
    expect(future?.problems.find((p) => p.code === 'RECEIVED_IN_FUTURE')?.message).toContain('21/09/2022');
    const [backwards] = await importing(app, [{ ...(await form(app, 'TA', TA_FIELDS)), receivedOn: '2022-09-15', documentDate: '2022-09-18' }]);
    expect(backwards?.problems.find((p) => p.code === 'DOCUMENT_AFTER_RECEIPT')?.message).toMatch(VIETNAMESE);
    expect({ ...tableCounts(app.ctx.handle.sqlite), import_log: 0 }).toEqual({ ...before, import_log: 0 });
  });

  it('is corrected later (audited), and a new due date decides lateness again', async () => {
    const app = await start();
    await importing(app, [await form(app, 'TA', TA_FIELDS)]);
    const [s] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
    expect(s).toMatchObject({ receivedOn: '2022-09-20', late: true });
    const fixed = await call(app.h, 'submissions.updateReceipt', { id: s?.id ?? 0, receivedOn: '2022-09-16', documentNumber: '12/BC-TA', documentDate: '2022-09-15' });
    expect(fixed).toMatchObject({ receivedOn: '2022-09-16', late: false, documentNumber: '12/BC-TA', documentDate: '2022-09-15' });
    const [entry] = await call(app.h, 'audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'update-receipt', entity: 'submission', entityKey: `${NINE}/TA/1`, by: { osUser: 'vanthu' } });
    expect(entry?.detail).toEqual({
      before: { receivedOn: '2022-09-20', documentNumber: null, documentDate: null },
      after: { receivedOn: '2022-09-16', documentNumber: '12/BC-TA', documentDate: '2022-09-15' },
    });
    await call(app.h, 'periods.update', { code: NINE, due: '2022-09-15' });
    expect((await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' }))[0]?.late).toBe(true);
    const bad = await refuse(app.h, 'submissions.updateReceipt', { id: s?.id ?? 0, receivedOn: '2022-10-01' });
    expect(bad.message).toContain('chưa tới');
  });

  it('the CLI takes --received, --doc-number and --doc-date, and corrects them with receipt', async () => {
    const app = await start();
    const file = onDisk(await form(app, 'TA', TA_FIELDS));
    const run = await cli(app, 'import', file, '--period', NINE, '--received', '2022-09-14', '--doc-number', '45/BC-TA', '--doc-date', '2022-09-13', '--json');
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject([{ status: 'imported', receivedOn: '2022-09-14', late: false }]);
    expect((await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' }))[0]).toMatchObject({ receivedOn: '2022-09-14', documentNumber: '45/BC-TA', documentDate: '2022-09-13' });
    const bad = await cli(app, 'import', file, '--received', '14/09/2022');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('yyyy-mm-dd');
    const receipt = await cli(app, 'receipt', '--period', NINE, '--agency', 'TA', '--received', '2022-09-19');
    expect(receipt.code, receipt.err).toBe(0);
    expect(receipt.out).toContain('nhận ngày 19/09/2022 (nộp muộn)');
  });
});

describe('the office corrects a cell', () => {
  it('in the preview: a refused cell given a value with a note is stored as the office\u2019s, next to what the file said, and audited', async () => {
    const app = await start();
    const settings = await call(app.h, 'settings.update', { clerkName: 'Nguyễn Thị Lan' });
    expect(settings.clerkName).toBe('Nguyễn Thị Lan');
    const file = await form(app, 'TA', { ...TA_FIELDS, 'indicator:NV2.06': '15 phiên', 'task:NV3:status': 'Đã hoàn thành', 'indicator:NV2.07': null });
    const at = await cellOf(app, 'TA', 'indicator:NV2.06');
    const statusAt = await cellOf(app, 'TA', 'task:NV3:status');

    const [refused] = await importing(app, [file], { dryRun: true });
    expect(refused?.status).toBe('rejected');
    expect(refused?.problems.find((p) => p.code === 'NOT_A_NUMBER')).toMatchObject({ cell: at, field: 'indicator:NV2.06', agency: 'TA', remedy: 'correct' });
    expect(refused?.problems.find((p) => p.code === 'STATUS_INVALID')).toMatchObject({ cell: statusAt, field: 'task:NV3:status', remedy: 'correct' });
    expect(refused?.gaps?.indicators).toEqual(['NV2.07']);

    const corrections: CorrectionInput[] = [
      { field: 'indicator:NV2.06', number: 15, note: 'Theo điện thoại với đ/c Hà, Văn phòng TAND tỉnh, ngày 20/09/2022' },
      { field: 'task:NV3:status', status: 'completed', note: 'Đơn vị ghi "Đã hoàn thành"' },
      { field: 'indicator:NV2.07', number: 0, note: 'Không phát sinh, theo điện thoại với đ/c Hà' },
    ];
    const [checked] = await importing(app, [{ ...file, corrections }], { dryRun: true });
    expect(checked).toMatchObject({ ok: true, status: 'checked', gaps: { indicators: [], tasks: [] }, corrections });
    // The preview says what the file said at each corrected cell, for the clerk to read back.
    expect(checked?.corrections.map((c) => [c.field, c.cell, c.fileText])).toEqual([
      ['indicator:NV2.06', at, '15 phiên'],
      ['task:NV3:status', statusAt, 'Đã hoàn thành'],
      ['indicator:NV2.07', expect.any(String), ''],
    ]);
    const [imported] = await importing(app, [{ ...file, corrections }]);
    expect(imported?.status).toBe('imported');
    expect(imported?.message).toContain('3 ô do Văn phòng sửa');

    const [s] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
    expect(s).toMatchObject({ corrections: 3, complete: true, recordedBy: { osUser: 'vanthu', clerk: 'Nguyễn Thị Lan' } });
    const detail = await call(app.h, 'submissions.get', { id: s?.id ?? 0 });
    expect(detail.values.find((v) => v.indicatorCode === 'NV2.06')).toMatchObject({
      number: 15,
      sourceCell: at,
      correction: { field: 'indicator:NV2.06', cell: at, fileText: '15 phiên', number: 15, note: 'Theo điện thoại với đ/c Hà, Văn phòng TAND tỉnh, ngày 20/09/2022', by: { osUser: 'vanthu', clerk: 'Nguyễn Thị Lan' } },
    });
    expect(detail.values.find((v) => v.indicatorCode === 'NV2.07')?.correction).toMatchObject({ fileText: '', number: 0 });
    expect(detail.taskReports.find((r) => r.taskCode === 'NV3')).toMatchObject({ status: 'completed', correction: { fileText: 'Đã hoàn thành', text: 'completed' } });

    // Shown as a correction wherever the figure appears: the consolidation, the workbook, the audit log.
    const c = await call(app.h, 'consolidation.get', { period: NINE });
    expect(c.indicators.find((i) => i.code === 'NV2.06')?.byAgency.find((f) => f.code === 'TA')).toMatchObject({ value: 15, state: 'counted', correction: { fileText: '15 phiên' } });
    expect(c.tasks.find((t) => t.code === 'NV3')?.reports.find((r) => r.code === 'TA')?.correction).toMatchObject({ fileText: 'Đã hoàn thành' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from((await call(app.h, 'exports.consolidated', { period: NINE })).bytes) as unknown as ArrayBuffer);
    const byAgency = book.getWorksheet('Theo đơn vị');
    let noted = '';
    byAgency?.eachRow((row) => row.eachCell((cell) => void (cell.value === 15 && typeof cell.note === 'string' && (noted = cell.note))));
    expect(noted).toContain('Tệp ghi: "15 phiên"');
    expect(noted).toContain('Nguyễn Thị Lan');
    const receive = (await call(app.h, 'audit.list', { limit: 10, entity: 'submission' })).find((e) => e.action === 'receive');
    expect(receive?.detail).toMatchObject({ corrections: [{ field: 'indicator:NV2.06', fileText: '15 phiên', number: 15 }, { field: 'task:NV3:status' }, { field: 'indicator:NV2.07' }] });
    expect(receive?.by).toEqual({ osUser: 'vanthu', clerk: 'Nguyễn Thị Lan', role: null });
  });

  it('refuses a correction without a note, or of a value the indicator cannot take', async () => {
    const app = await start();
    const file = await form(app, 'TA', { ...TA_FIELDS, 'indicator:NV2.06': '15 phiên' });
    const noNote = await refuse(app.h, 'intake.import', { files: [{ ...file, corrections: [{ field: 'indicator:NV2.06', number: 15, note: '  ' }] }], dryRun: true });
    expect(noNote.code).toBe('INVALID_ARGUMENT');
    expect(noNote.message).toContain('ghi chú');
    const [fractional] = await importing(app, [{ ...file, corrections: [{ field: 'indicator:NV2.06', number: 1.5, note: 'Thử' }] }], { dryRun: true });
    expect(fractional?.problems.find((p) => p.code === 'CORRECTION_INVALID')?.message).toContain('không phải là số nguyên');
    const [notOwed] = await importing(app, [{ ...file, corrections: [{ field: 'indicator:NV5.01', number: 2, note: 'Thử' }] }], { dryRun: true });
    expect(notOwed?.problems.find((p) => p.code === 'CORRECTION_INVALID')?.message).toContain('không được giao báo cáo chỉ tiêu này');
  });

  it('after commit, on the current revision: checked against the rules, audited, refused on an earlier revision', async () => {
    const app = await start();
    await importing(app, [await form(app, 'TA', { ...TA_FIELDS, 'indicator:NV2.06': null })]);
    const [first] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
    const corrected = await call(app.h, 'submissions.correct', { id: first?.id ?? 0, correction: { field: 'indicator:NV2.06', number: 7, note: 'Đơn vị bổ sung qua điện thoại' } });
    expect(corrected.values.find((v) => v.indicatorCode === 'NV2.06')).toMatchObject({ number: 7, correction: { fileText: '', number: 7 } });
    expect(corrected.complete).toBe(true);
    const [entry] = await call(app.h, 'audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'correct', entityKey: `${NINE}/TA/1`, detail: { field: 'indicator:NV2.06', fileText: '', number: 7, note: 'Đơn vị bổ sung qua điện thoại' } });
    // Corrected again: what the file said stays what the file said.
    const again = await call(app.h, 'submissions.correct', { id: first?.id ?? 0, correction: { field: 'indicator:NV2.06', number: 8, note: 'Đơn vị sửa lại' } });
    expect(again.values.find((v) => v.indicatorCode === 'NV2.06')?.correction).toMatchObject({ fileText: '', number: 8, note: 'Đơn vị sửa lại' });
    // One field corrected twice is one corrected field.
    expect(again.corrections).toBe(1);
    // A numerator above its denominator is refused unless accepted.
    const above = await refuse(app.h, 'submissions.correct', { id: first?.id ?? 0, correction: { field: 'indicator:NV2.02', number: 500, note: 'Thử' } });
    expect(above.code).toBe('INVALID_REPORT');
    expect(above.message).toContain('tử số NV2.02 (500) lớn hơn mẫu số NV2.01 (120)');
    const accepted = await call(app.h, 'submissions.correct', {
      id: first?.id ?? 0,
      correction: { field: 'indicator:NV2.02', number: 500, note: 'Gồm cả án tồn năm trước' },
      accept: [{ rule: 'NUMERATOR_ABOVE_DENOMINATOR', indicator: 'NV2.03', reason: 'Giải quyết cả án tồn năm 2021' }],
    });
    expect(accepted.acceptances).toMatchObject([{ rule: 'NUMERATOR_ABOVE_DENOMINATOR', indicatorCode: 'NV2.03', reason: 'Giải quyết cả án tồn năm 2021' }]);
    // A newer revision arrives: the earlier one can no longer be corrected.
    await importing(app, [await form(app, 'TA', TA_FIELDS, NINE, 'TA_lan2.xlsx')]);
    const old = await refuse(app.h, 'submissions.correct', { id: first?.id ?? 0, correction: { field: 'indicator:NV2.06', number: 9, note: 'Thử' } });
    expect(old.code).toBe('NOT_CURRENT');
  });
});

describe('every figure leads back to its file', () => {
  it('keeps the original bytes inside the database: the Api and the CLI give back exactly what was imported', async () => {
    const app = await start();
    const file = await form(app, 'TA', TA_FIELDS);
    const [o] = await importing(app, [file]);
    expect(o?.status).toBe('imported');
    const [s] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
    expect(s).toMatchObject({ hasOriginal: true, sha256: sha256(file.bytes) });
    const original = await call(app.h, 'submissions.original', { id: s?.id ?? 0 });
    expect(original.name).toBe(file.name);
    expect(sha256(original.bytes)).toBe(sha256(file.bytes));
    const out = path.join(tempDir(), 'goc.xlsx');
    const run = await cli(app, 'original', '--period', NINE, '--agency', 'TA', '--out', out, '--json');
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ sha256: sha256(file.bytes), revision: 1 });
    expect(sha256(fs.readFileSync(out))).toBe(sha256(file.bytes));

    // A backup carries the originals.
    const backup = await call(app.h, 'backup.create', {});
    const copy = new BetterSqlite3(backup.path, { readonly: true });
    expect((copy.prepare('SELECT sha256, size FROM source_file').all() as { sha256: string; size: number }[])).toEqual([{ sha256: sha256(file.bytes), size: file.bytes.length }]);
    copy.close();

    // A typed report has no file; the CLI says so with exit 1.
    await call(app.h, 'submissions.enter', { period: NINE, agency: 'VKS', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 3 }] });
    const [typed] = await call(app.h, 'submissions.list', { period: NINE, agency: 'VKS' });
    const none = await refuse(app.h, 'submissions.original', { id: typed?.id ?? 0 });
    expect(none.code).toBe('NO_ORIGINAL');
    expect(none.message).toContain('nhập tay');
    expect((await cli(app, 'original', '--period', NINE, '--agency', 'VKS', '--out', out)).code).toBe(1);
  });

  it('names every report of a workbook holding several agencies in the import log, and the profile that read it', async () => {
    const app = await openTestApp({ osUser: 'vanthu' });
    open.push(app);
    await call(app.h, 'profiles.save', { definition: judicialProfile() });
    const bytes = await buildJudicialWorkbook();
    const outcomes = await call(app.h, 'intake.import', { files: [{ name: 'KhoiNoiChinh.xlsx', bytes: bytes as Uint8Array<ArrayBuffer> }], period: '2022-Q1', profile: JUDICIAL_PROFILE_NAME });
    expect(outcomes.map((o) => [o.agency, o.status])).toEqual([
      ['CA', 'imported'],
      ['VKS', 'imported'],
      ['TA', 'imported'],
    ]);
    const sqlite = app.ctx.handle.sqlite;
    const log = sqlite.prepare("SELECT id FROM import_log WHERE outcome = 'imported'").all() as { id: number }[];
    expect(log).toHaveLength(1);
    const linked = sqlite
      .prepare('SELECT a.code FROM import_log_submission l JOIN submission s ON s.id = l.submission_id JOIN agency a ON a.id = s.agency_id WHERE l.import_log_id = ? ORDER BY s.id')
      .all(log[0]?.id) as { code: string }[];
    expect(linked.map((r) => r.code)).toEqual(['CA', 'VKS', 'TA']);
    const rows = sqlite.prepare('SELECT profile_id AS id, profile_sha256 AS sha, file_sha256 AS file FROM submission').all() as { id: number; sha: string; file: string }[];
    const stored = sqlite.prepare('SELECT id, definition FROM layout_profile').get() as { id: number; definition: string };
    for (const r of rows) expect(r).toEqual({ id: stored.id, sha: sha256(new TextEncoder().encode(stored.definition)), file: sha256(bytes) });
    // One file, three reports: its bytes are kept once.
    expect(count(sqlite, 'source_file')).toBe(1);
  });

  it('stores the cell of every status and narrative', async () => {
    const app = await start();
    await importing(app, [await form(app, 'TA', TA_FIELDS)]);
    const [s] = await call(app.h, 'submissions.list', { period: NINE, agency: 'TA' });
    const nv2 = (await call(app.h, 'submissions.get', { id: s?.id ?? 0 })).taskReports.find((r) => r.taskCode === 'NV2');
    expect(nv2?.cells).toEqual({
      status: await cellOf(app, 'TA', 'task:NV2:status'),
      results: await cellOf(app, 'TA', 'task:NV2:results'),
      difficulties: await cellOf(app, 'TA', 'task:NV2:difficulties'),
      proposals: await cellOf(app, 'TA', 'task:NV2:proposals'),
    });
    const narrative = (await call(app.h, 'consolidation.get', { period: NINE })).tasks.find((t) => t.code === 'NV2')?.reports.find((r) => r.code === 'TA');
    expect(narrative).toMatchObject({ results: 'Đã xét xử đúng thời hạn các vụ án hình sự.', cells: nv2?.cells, submissionId: s?.id });
  });
});

describe('who did it, for the record', () => {
  // On a file there is no server account: role stays null (the server's half is server-roles.test.ts).
  it('records the OS user and the clerk name on every submission and audit row; the log cannot be rewritten', async () => {
    const app = await start({ osUser: 'may-van-thu' });
    await call(app.h, 'submissions.enter', { period: NINE, agency: 'VKS', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 3 }] });
    await call(app.h, 'settings.update', { clerkName: 'Hoàng Văn Nam' });
    await call(app.h, 'submissions.enter', { period: NINE, agency: 'VKS', taskReports: [], values: [{ indicatorCode: 'NV2.01', number: 4 }] });
    const list = await call(app.h, 'submissions.list', { period: NINE, agency: 'VKS' });
    expect(list.map((s) => [s.revision, s.recordedBy])).toEqual([
      [2, { osUser: 'may-van-thu', clerk: 'Hoàng Văn Nam', role: null }],
      [1, { osUser: 'may-van-thu', clerk: null, role: null }],
    ]);
    const entries = await call(app.h, 'audit.list', { limit: 3 });
    expect(entries.map((e) => [e.action, e.by])).toEqual([
      ['receive', { osUser: 'may-van-thu', clerk: 'Hoàng Văn Nam', role: null }],
      // The clerk who sets a name is the one who sets it: the change is recorded under it.
      ['update', { osUser: 'may-van-thu', clerk: 'Hoàng Văn Nam', role: null }],
      ['receive', { osUser: 'may-van-thu', clerk: null, role: null }],
    ]);

    const sqlite = app.ctx.handle.sqlite;
    const before = count(sqlite, 'audit_log');
    expect(() => sqlite.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/u);
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/u);
    expect(count(sqlite, 'audit_log')).toBe(before);
  });
});
