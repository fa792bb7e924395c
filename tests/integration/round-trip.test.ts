// The round trip the issue is done by: report forms generated for 2022-Q1 for every
// expected agency → filled by a tool that reads only `_meta` (tests/fixtures/fill-form.ts)
// with known values → imported in one batch → consolidated → exported → the exported
// workbook read back with exceljs. Every total on "Theo đơn vị" is a SUM formula whose
// cached result is the sum of what was filled; "Tổng hợp" says the same; ratios are
// Σ numerators / Σ denominators. And the missing list names exactly the agencies that
// have not reported. On both backends: a SQLite file, and a PostgreSQL server where the
// tests have one (tests/helpers/pg.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Consolidation } from '../../shared/api';
import { TASK_STATUS_LABELS, type PlanDetail, type TaskStatus } from '../../shared/domain';
import { generateForms } from '../../electron/app/forms';
import { importFiles } from '../../electron/app/intake';
import { CONSOLIDATED_SHEETS, MISSING_SHEET } from '../../electron/excel/consolidated-writer';
import { runCli } from '../../electron/cli/run';
import { fillForm, type FillValue, type MetaEntry } from '../fixtures/fill-form';
import { call, cleanupTempDirs, local, type TestApp } from '../helpers/app';
import { describeEachBackend, type TestBackend } from '../helpers/pg';
import { loadWorkbook } from '../helpers/workbooks';

const PERIOD = '2022-Q1';

const open: TestApp[] = [];
afterEach(async () => {
  for (const app of open.splice(0)) await app.close();
});
afterAll(cleanupTempDirs);

async function start(backend: TestBackend): Promise<TestApp> {
  // Before the due date (18/03/2022), so reports taken in through the services are on time.
  const app = await backend.open({ now: () => local(2022, 3, 16, 10) });
  open.push(app);
  return app;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, {});
  return { code, out, err };
}

const STATUSES = Object.values(TASK_STATUS_LABELS);

/**
 * What agency number `k` writes into a field, from the field alone (the tool knows only
 * `_meta`): whole numbers for counts, with a zero and a blank here and there; quarters
 * for decimals (exact in binary, so sums are exact); every numerator below its
 * denominator; a status and a sentence for tasks.
 */
function chooser(k: number, numeratorOf: Map<string, string>) {
  const count = (code: string): number => {
    const n = Number(code.replace(/\D/gu, ''));
    return (k * 37 + n * 11) % 90;
  };
  return (entry: MetaEntry): FillValue => {
    const [type, code = '', part] = entry.field.split(':');
    if (type === 'task') {
      if (part === 'status') return STATUSES[(k + Number(code.replace(/\D/gu, ''))) % STATUSES.length] ?? null;
      if (part === 'results') return `Đơn vị số ${k + 1} đã thực hiện nhiệm vụ ${code}.`;
      return null;
    }
    const n = Number(code.replace(/\D/gu, ''));
    const denominator = numeratorOf.get(code);
    if (denominator) return Math.floor(count(denominator) * 0.7);
    if ([...numeratorOf.values()].includes(code)) return count(code) + 10;
    // Left blank by a few of the many agencies that report these (someone always reports each indicator).
    if (['NV1.01', 'NV1.02', 'NV1.04', 'NV8.03'].includes(code) && (k + n) % 5 === 0) return null;
    if (entry.kind === 'decimal') return ((k * 7 + n) % 50) / 4;
    return count(code);
  };
}

interface Filled {
  agency: string;
  file: string;
  written: Map<string, FillValue>;
}

/** Generates the forms of `agencies` (all expected ones when omitted), fills each with its agency's values, writes them to disk. */
async function makeFilledForms(app: TestApp, plan: PlanDetail, agencies?: string[]): Promise<Filled[]> {
  const numeratorOf = new Map<string, string>();
  for (const i of plan.tasks.flatMap((t) => t.indicators)) {
    if (i.aggregation === 'ratio' && i.numeratorCode && i.denominatorCode) numeratorOf.set(i.numeratorCode, i.denominatorCode);
  }
  const dir = path.join(app.dir, 'bao-cao');
  fs.mkdirSync(dir, { recursive: true });
  const forms = await generateForms(app.ctx, { period: PERIOD, agencies });
  const out: Filled[] = [];
  for (const [k, form] of forms.entries()) {
    const choose = chooser(k, numeratorOf);
    const { bytes, written, keys } = await fillForm(form.bytes, (entry) => choose(entry));
    const file = path.join(dir, form.name);
    fs.writeFileSync(file, bytes);
    out.push({ agency: keys.get('agency') ?? '', file, written });
  }
  return out;
}

function numberOf(v: FillValue | undefined): number | null {
  return typeof v === 'number' ? v : null;
}

interface Expected {
  /** Σ of what was filled, per indicator code (null when nobody filled it). */
  totals: Map<string, number | null>;
  /** Per indicator code, per agency: what that agency filled. */
  byAgency: Map<string, Map<string, number | null>>;
}

function expectedFigures(plan: PlanDetail, filled: Filled[]): Expected {
  const totals = new Map<string, number | null>();
  const byAgency = new Map<string, Map<string, number | null>>();
  const indicators = plan.tasks.flatMap((t) => t.indicators);
  for (const i of indicators.filter((x) => x.aggregation !== 'ratio')) {
    const figures = new Map<string, number | null>();
    for (const f of filled) if (f.written.has(`indicator:${i.code}`) || i.reporters.includes(f.agency)) figures.set(f.agency, numberOf(f.written.get(`indicator:${i.code}`)));
    byAgency.set(i.code, figures);
    const given = [...figures.values()].filter((v): v is number => v !== null);
    totals.set(i.code, given.length > 0 ? given.reduce((a, b) => a + b, 0) : null);
  }
  for (const i of indicators.filter((x) => x.aggregation === 'ratio')) {
    // Σ numerators / Σ denominators over the agencies that gave both, × 100.
    let num = 0;
    let den = 0;
    for (const f of filled) {
      const n = numberOf(f.written.get(`indicator:${i.numeratorCode}`));
      const d = numberOf(f.written.get(`indicator:${i.denominatorCode}`));
      if (n !== null && d !== null) {
        num += n;
        den += d;
      }
    }
    totals.set(i.code, den > 0 ? (num / den) * 100 : null);
  }
  return { totals, byAgency };
}

/** A formula's cached result, else the value. (`cell.value` of a formula drops a result of 0; `cell.result` keeps it.) */
function resultOf(cell: ExcelJS.Cell): unknown {
  return cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
}

function formulaOf(cell: ExcelJS.Cell): string | null {
  return cell.type === ExcelJS.ValueType.Formula ? cell.formula : null;
}

function textOf(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/** Rows of a sheet by the indicator code in column B. */
function rowsByCode(ws: ExcelJS.Worksheet): Map<string, number> {
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    const code = textOf(row.getCell(2));
    if (/^NV\d+\.\d+$/u.test(code)) rows.set(code, n);
  });
  return rows;
}

describeEachBackend('the round trip of 2022-Q1', (backend) => {
  it('forms for every expected agency, filled from _meta, imported in one batch, consolidated and exported add up to what was filled', async () => {
    const app = await start(backend);
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    const expectedAgencies = (await call(app.h, 'consolidation.status', { period: PERIOD })).agencies.map((a) => a.code);
    expect(expectedAgencies).toHaveLength(21);

    const filled = await makeFilledForms(app, plan);
    expect(filled.map((f) => f.agency)).toEqual(expectedAgencies);
    const expected = expectedFigures(plan, filled);

    // One batch, through the CLI as an operator would run it.
    const imported = await cli('import', ...filled.map((f) => f.file), '--period', PERIOD, '--db', app.file, '--json');
    expect(imported.code, imported.err).toBe(0);
    const outcomes = JSON.parse(imported.out) as { file: string; status: string; agency: string; revision: number; problems: { severity: string }[] }[];
    expect(outcomes.map((o) => [o.agency, o.status, o.revision])).toEqual(expectedAgencies.map((a) => [a, 'imported', 1]));
    expect(outcomes.flatMap((o) => o.problems.filter((p) => p.severity === 'error'))).toEqual([]);

    // Consolidated: what the services say.
    const c: Consolidation = await call(app.h, 'consolidation.get', { period: PERIOD });
    expect(c.completeness.counts).toMatchObject({ expected: 21, received: 21, missing: 0 });
    for (const i of c.indicators) {
      const total = expected.totals.get(i.code);
      if (total === null || total === undefined) expect(i.value, i.code).toBeNull();
      else expect(i.value, i.code).toBeCloseTo(total, 9);
      if (i.aggregation !== 'ratio') {
        const given = expected.byAgency.get(i.code) ?? new Map();
        expect(new Map(i.byAgency.map((f) => [f.code, f.value])), i.code).toEqual(given);
      }
    }
    for (const t of c.tasks) {
      const statuses = filled.map((f) => f.written.get(`task:${t.code}:status`)).filter((s): s is string => typeof s === 'string');
      const n = (status: TaskStatus) => statuses.filter((s) => s === TASK_STATUS_LABELS[status]).length;
      expect(t.statusCounts, t.code).toMatchObject({ completed: n('completed'), inProgress: n('in_progress'), notStarted: n('not_started'), notApplicable: n('not_applicable') });
    }

    // Exported, and read back as a clerk's Excel would see it.
    const out = path.join(app.dir, 'TongHop_2022-Q1.xlsx');
    const exported = await cli('export', '--period', PERIOD, '--out', out, '--db', app.file, '--number', '45-BC/BCĐ', '--date', '2022-03-25');
    expect(exported.code, exported.err).toBe(0);
    const wb = await loadWorkbook(new Uint8Array(fs.readFileSync(out)));
    // Headed as the annex of report 45-BC/BCĐ of 25/03/2022, through the same Api the screen uses.
    const heading: string[] = [];
    wb.worksheets[0]?.eachRow((r) => r.eachCell((c) => void heading.push(textOf(c))));
    expect(heading).toContain('Số 45-BC/BCĐ');
    expect(heading.some((t) => t.includes('ngày 25 tháng 03 năm 2022'))).toBe(true);
    const badDate = await cli('export', '--period', PERIOD, '--out', out, '--db', app.file, '--date', '25/03/2022');
    expect(badDate.code).toBe(2);

    const byAgency = wb.getWorksheet(CONSOLIDATED_SHEETS.byAgency)!;
    // Row 6 holds the agency codes over their columns (under merged STT…unit headers); the total column follows the last agency.
    const columnOf = new Map<string, number>();
    byAgency.getRow(6).eachCell((cell, col) => {
      if (expectedAgencies.includes(textOf(cell))) columnOf.set(textOf(cell), col);
    });
    expect([...columnOf.keys()]).toEqual(expectedAgencies);
    const firstAgencyColumn = Math.min(...columnOf.values());
    const totalColumn = Math.max(...columnOf.values()) + 1;
    expect(textOf(byAgency.getCell(5, totalColumn))).toBe('Tổng hợp');
    const letter = (col: number) => byAgency.getColumn(col).letter;
    const agencyRows = rowsByCode(byAgency);
    const planIndicators = plan.tasks.flatMap((t) => t.indicators);
    expect([...agencyRows.keys()].sort()).toEqual(planIndicators.map((i) => i.code).sort());

    for (const i of planIndicators) {
      const row = agencyRows.get(i.code)!;
      const total = byAgency.getCell(row, totalColumn);
      const want = expected.totals.get(i.code) ?? null;
      if (i.aggregation === 'ratio') {
        expect(formulaOf(total), i.code).toMatch(/^IF\(/u);
        expect(resultOf(total) as number, i.code).toBeCloseTo(want ?? Number.NaN, 9);
        continue;
      }
      // Every agency's cell holds what it filled; the total is a SUM over them carrying the sum.
      for (const [agency, value] of expected.byAgency.get(i.code) ?? []) {
        const cell = byAgency.getCell(row, columnOf.get(agency)!);
        expect(cell.value ?? null, `${i.code} ${agency}`).toBe(value);
      }
      expect(formulaOf(total), i.code).toBe(`SUM(${letter(firstAgencyColumn)}${row}:${letter(totalColumn - 1)}${row})`);
      expect(resultOf(total) as number, i.code).toBeCloseTo(want ?? Number.NaN, 9);
    }

    const summary = wb.getWorksheet(CONSOLIDATED_SHEETS.summary)!;
    const summaryRows = rowsByCode(summary);
    let headerRow = 0;
    summary.eachRow((row, n) => {
      if (!headerRow && textOf(row.getCell(1)) === 'STT' && textOf(row.getCell(2)) === 'Mã') headerRow = n;
    });
    expect(textOf(summary.getCell(headerRow, 5))).toContain('Kỳ báo cáo');
    for (const i of planIndicators) {
      const cell = summary.getCell(summaryRows.get(i.code)!, 5);
      const want = expected.totals.get(i.code) ?? null;
      if (want === null) expect(resultOf(cell) ?? null, i.code).toBeNull();
      else expect(resultOf(cell) as number, i.code).toBeCloseTo(want, 9);
    }
    // One concrete figure spelled out, so a reader sees what "adds up" means.
    const nv201 = filled.map((f) => numberOf(f.written.get('indicator:NV2.01'))).filter((v): v is number => v !== null);
    const nv202 = filled.map((f) => numberOf(f.written.get('indicator:NV2.02'))).filter((v): v is number => v !== null);
    expect(nv201).toHaveLength(3); // CA, VKS, TA
    expect(resultOf(byAgency.getCell(agencyRows.get('NV2.01')!, totalColumn))).toBe(nv201.reduce((a, b) => a + b, 0));
    expect(resultOf(byAgency.getCell(agencyRows.get('NV2.03')!, totalColumn)) as number).toBeCloseTo((nv202.reduce((a, b) => a + b, 0) / nv201.reduce((a, b) => a + b, 0)) * 100, 9);
  }, 120_000);

  it('after importing some agencies, the missing-list workbook lists exactly the others', async () => {
    const app = await start(backend);
    const plan = await call(app.h, 'plans.get', { year: 2022 });
    const expectedAgencies = (await call(app.h, 'consolidation.status', { period: PERIOD })).agencies.map((a) => a.code);
    const reporting = ['CA', 'TA', 'STP', 'HU-VL', 'HU-DL'];
    const filled = await makeFilledForms(app, plan, reporting);
    const outcomes = await importFiles(app.ctx, filled.map((f) => ({ name: path.basename(f.file), bytes: new Uint8Array(fs.readFileSync(f.file)) })), { period: PERIOD });
    expect(outcomes.map((o) => [o.agency, o.status])).toEqual(reporting.map((a) => [a, 'imported']));

    const file = await call(app.h, 'exports.missing', { period: PERIOD });
    expect(file.name).toBe('DonViChuaNop_2022-Q1.xlsx');
    const ws = (await loadWorkbook(file.bytes)).getWorksheet(MISSING_SHEET)!;
    let headerRow = 0;
    const listed: string[] = [];
    ws.eachRow((row, n) => {
      if (!headerRow && textOf(row.getCell(1)) === 'STT') headerRow = n;
      else if (headerRow && n > headerRow && textOf(row.getCell(2))) listed.push(textOf(row.getCell(2)));
    });
    expect(headerRow).toBeGreaterThan(0);
    expect(listed).toEqual(expectedAgencies.filter((a) => !reporting.includes(a)));
    expect(listed).toHaveLength(16);
  }, 120_000);
});
